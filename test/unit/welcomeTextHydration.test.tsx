// A plain-text welcome in two languages (split into paragraph blocks) and an HTML one server-render and hydrate
// without a mismatch; after hydration the HTML one shows its HTML.
import { act } from "@testing-library/react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody, type WelcomeMessage } from "../../src";

const TEXT =
  "مرحبا بكم في الغرفة.\r\n\r\nWelcome to the room, see https://example.org/rules.\n\n\nشكرا لكم جميعا.";
const msg = (extra: Partial<WelcomeMessage>): WelcomeMessage => ({
  eventId: "$e",
  eventType: "m.room.welcome",
  sender: "@m:x",
  ts: 0,
  text: TEXT,
  ...extra,
});

describe("server render and hydration of split paragraphs", () => {
  for (const [name, message] of [
    ["plain text", msg({})],
    ["raw HTML", msg({ html: "<p><b>مرحبا</b> بكم في الغرفة.</p><p>Welcome to the room.</p>" })],
  ] as const) {
    it(`${name}: no hydration mismatch`, async () => {
      const ui = <WelcomeBody message={message} labels={defaultWelcomeDialogLabels} />;
      vi.stubGlobal("window", undefined);
      vi.stubGlobal("document", undefined);
      let serverHtml: string;
      try {
        serverHtml = renderToString(ui);
      } finally {
        vi.unstubAllGlobals();
      }
      const container = document.createElement("div");
      container.innerHTML = serverHtml;
      document.body.append(container);
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      const recoverable: unknown[] = [];
      const root = await act(async () =>
        hydrateRoot(container, ui, { onRecoverableError: (e) => recoverable.push(e) }),
      );
      const logged = errors.mock.calls.map((c) => String(c[0]));
      const textContent = container.textContent;
      const html = !!container.querySelector(".mnk-welcome-html b");
      act(() => root.unmount());
      container.remove();
      errors.mockRestore();
      expect({ recoverable: recoverable.map(String), logged, html }).toEqual({
        recoverable: [],
        logged: [],
        html: name === "raw HTML",
      });
      expect(textContent?.length).toBeGreaterThan(10);
    });
  }
});
