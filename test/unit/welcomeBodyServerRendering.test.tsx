// WelcomeBody given HTML the kit did not sanitize, rendered on a server (no DOM) and hydrated in the browser.
// README: "<WelcomeBody> renders a welcome's plain text on the server ... the browser's hydrating render matches
// that, and the sanitized HTML shows right after".
import { describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody } from "../../src";
import { renderThenHydrate } from "../support/serverRender";
import { welcomeFromContent } from "../support/welcomeMessage";

describe("WelcomeBody with raw (parseWelcomeContent) HTML under server rendering", () => {
  it("the server sends the welcome's plain text, not its markup escaped as text, and hydration ends showing the formatted welcome", async () => {
    const content = {
      "m.text": [{ mimetype: "text/html", body: "<p><b>Hi</b> there</p>" }, { body: "Hi there" }],
    };
    const message = welcomeFromContent(content);
    const ui = <WelcomeBody message={message} labels={defaultWelcomeDialogLabels} />;
    const { serverHtml, seen, logged, recoverable } = await renderThenHydrate(ui, (container) => ({
      shown: container.textContent,
      bold: container.querySelector("b")?.textContent,
    }));
    const { shown, bold } = seen;
    const mismatch = logged.join("\n");
    expect({ serverHtml, shown, bold, mismatch, recoverable: recoverable.length }).toEqual({
      serverHtml: expect.not.stringContaining("&lt;b&gt;"),
      shown: "Hi there",
      bold: "Hi",
      mismatch: "",
      recoverable: 0,
    });
  });
});
