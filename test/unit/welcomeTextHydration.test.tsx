// A plain-text welcome in two languages (split into paragraph blocks) and an HTML one server-render and hydrate
// without a mismatch; after hydration the HTML one shows its HTML.
import { describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody, type WelcomeMessage } from "../../src";
import { renderThenHydrate } from "../support/serverRender";
import { welcomeOf } from "../support/welcomeMessage";

const TEXT =
  "مرحبا بكم في الغرفة.\r\n\r\nWelcome to the room, see https://example.org/rules.\n\n\nشكرا لكم جميعا.";
const msg = (extra: Partial<WelcomeMessage>): WelcomeMessage => ({ ...welcomeOf({ text: TEXT }), ...extra });

describe("server render and hydration of split paragraphs", () => {
  for (const [name, message] of [
    ["plain text", msg({})],
    ["raw HTML", msg({ html: "<p><b>مرحبا</b> بكم في الغرفة.</p><p>Welcome to the room.</p>" })],
  ] as const) {
    it(`${name}: no hydration mismatch`, async () => {
      const ui = <WelcomeBody message={message} labels={defaultWelcomeDialogLabels} />;
      const { seen, logged, recoverable } = await renderThenHydrate(ui, (container) => ({
        textContent: container.textContent,
        html: !!container.querySelector(".mnk-welcome-html b"),
      }));
      const { textContent, html } = seen;
      expect({ recoverable: recoverable.map(String), logged, html }).toEqual({
        recoverable: [],
        logged: [],
        html: name === "raw HTML",
      });
      expect(textContent?.length).toBeGreaterThan(10);
    });
  }
});
