// On the server sanitizeMatrixHtml returns its input escaped; that text is never taken for display HTML: the server
// sends the welcome's plain text and hydration then shows the formatted welcome.
// This file must not call the sanitizer with a window before the server render (the DOMPurify instance is lazy).
import { describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, sanitizeMatrixHtml, WelcomeBody } from "../../src";
import { renderThenHydrate } from "../support/serverRender";
import { welcomeOf } from "../support/welcomeMessage";

const RAW = "<p><b>Hi</b> there</p>";

/** The app's component, as README suggests: its own sanitizeMatrixHtml result (with its mediaUrl) to WelcomeBody. */
function AppWelcome() {
  const html = sanitizeMatrixHtml(RAW, { mediaUrl: (mxc) => `https://media.example.org/${mxc.slice(6)}` });
  return <WelcomeBody message={welcomeOf({ html, text: "Hi there" })} labels={defaultWelcomeDialogLabels} />;
}

describe("an app's own sanitizeMatrixHtml result under server rendering", () => {
  it("the server does not send escaped markup, and after hydration the welcome shows formatted", async () => {
    const { serverHtml, seen } = await renderThenHydrate(<AppWelcome />, (container) => ({
      shown: container.textContent,
      bold: container.querySelector("b")?.textContent ?? null,
    }));
    const { shown, bold } = seen;
    expect({ serverHtml, shown, bold }).toEqual({
      serverHtml: expect.not.stringContaining("&lt;b&gt;"),
      shown: "Hi there",
      bold: "Hi",
    });
  });
});
