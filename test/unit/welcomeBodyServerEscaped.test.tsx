// On the server sanitizeMatrixHtml returns its input escaped; that text is never taken for display HTML: the server
// sends the welcome's plain text and hydration then shows the formatted welcome.
// This file must not call the sanitizer with a window before the server render (the DOMPurify instance is lazy).
import { act } from "@testing-library/react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { defaultWelcomeDialogLabels, sanitizeMatrixHtml, WelcomeBody } from "../../src";

const RAW = "<p><b>Hi</b> there</p>";

/** The app's component, as README suggests: its own sanitizeMatrixHtml result (with its mediaUrl) to WelcomeBody. */
function AppWelcome() {
  const html = sanitizeMatrixHtml(RAW, { mediaUrl: (mxc) => `https://media.example.org/${mxc.slice(6)}` });
  return (
    <WelcomeBody
      message={{ eventId: "$e", eventType: "m.room.welcome", sender: "@m:x", ts: 0, html, text: "Hi there" }}
      labels={defaultWelcomeDialogLabels}
    />
  );
}

describe("an app's own sanitizeMatrixHtml result under server rendering", () => {
  it("the server does not send escaped markup, and after hydration the welcome shows formatted", async () => {
    vi.stubGlobal("window", undefined);
    vi.stubGlobal("document", undefined);
    let serverHtml: string;
    try {
      serverHtml = renderToString(<AppWelcome />);
    } finally {
      vi.unstubAllGlobals();
    }
    const container = document.createElement("div");
    container.innerHTML = serverHtml;
    document.body.append(container);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const root = await act(async () =>
      hydrateRoot(container, <AppWelcome />, { onRecoverableError: () => {} }),
    );
    const shown = container.textContent;
    const bold = container.querySelector("b")?.textContent ?? null;
    act(() => root.unmount());
    container.remove();
    errors.mockRestore();
    expect({ serverHtml, shown, bold }).toEqual({
      serverHtml: expect.not.stringContaining("&lt;b&gt;"),
      shown: "Hi there",
      bold: "Hi",
    });
  });
});
