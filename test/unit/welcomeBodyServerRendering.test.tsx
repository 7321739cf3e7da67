// WelcomeBody given HTML the kit did not sanitize, rendered on a server (no DOM) and hydrated in the browser.
// README: "<WelcomeBody> renders a welcome's plain text on the server ... the browser's hydrating render matches
// that, and the sanitized HTML shows right after".
import { act } from "@testing-library/react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { defaultWelcomeDialogLabels, parseWelcomeContent, WelcomeBody, type WelcomeMessage } from "../../src";

/** renderToString as a server would: no window, no document (the sanitizer and forDisplay check for them). */
function renderOnServer(ui: React.ReactElement): string {
  vi.stubGlobal("window", undefined);
  vi.stubGlobal("document", undefined);
  try {
    return renderToString(ui);
  } finally {
    vi.unstubAllGlobals();
  }
}

describe("WelcomeBody with raw (parseWelcomeContent) HTML under server rendering", () => {
  it("the server sends the welcome's plain text, not its markup escaped as text, and hydration ends showing the formatted welcome", async () => {
    const content = {
      "m.text": [{ mimetype: "text/html", body: "<p><b>Hi</b> there</p>" }, { body: "Hi there" }],
    };
    const parsed = parseWelcomeContent(content)!;
    const message: WelcomeMessage = {
      eventId: "$e",
      eventType: "m.room.welcome",
      sender: "@m:x",
      ts: 0,
      ...(parsed.html ? { html: parsed.html } : {}),
      ...(parsed.text ? { text: parsed.text } : {}),
    };
    const ui = <WelcomeBody message={message} labels={defaultWelcomeDialogLabels} />;
    const serverHtml = renderOnServer(ui);
    const container = document.createElement("div");
    container.innerHTML = serverHtml;
    document.body.append(container);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const recoverable = vi.fn();
    const root = await act(async () => hydrateRoot(container, ui, { onRecoverableError: recoverable }));
    const shown = container.textContent;
    const bold = container.querySelector("b")?.textContent;
    const mismatch = errors.mock.calls.map((c) => String(c[0])).join("\n");
    act(() => root.unmount());
    container.remove();
    errors.mockRestore();
    expect({ serverHtml, shown, bold, mismatch, recoverable: recoverable.mock.calls.length }).toEqual({
      serverHtml: expect.not.stringContaining("&lt;b&gt;"),
      shown: "Hi there",
      bold: "Hi",
      mismatch: "",
      recoverable: 0,
    });
  });
});
