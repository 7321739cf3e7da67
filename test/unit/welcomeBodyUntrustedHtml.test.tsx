// <WelcomeBody> is exported for apps that build their own dialog. HTML the kit's sanitizer made shows as it is (its
// images included); any other HTML, such as `parseWelcomeContent`'s, which is as sent, is sanitized before it is
// inserted, so passing an event's raw content can run no script.
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  createMemorySeenStore,
  defaultWelcomeDialogLabels,
  parseWelcomeContent,
  sanitizeMatrixHtml,
  WelcomeBody,
  WelcomeDialog,
  type WelcomeMessage,
} from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { welcomeOf } from "../support/welcomeMessage";
import { startWorld } from "../support/world";

const bodyOf = (message: WelcomeMessage) =>
  render(<WelcomeBody message={message} labels={defaultWelcomeDialogLabels} />).container.querySelector(
    '[data-part="body"]',
  )!;

describe("WelcomeBody given HTML the kit did not sanitize", () => {
  it("given an event's raw content from parseWelcomeContent, no script, handler or remote image reaches the page", () => {
    const content = {
      "m.text": [
        {
          mimetype: "text/html",
          body: '<p onclick="alert(1)">Hi <img src="https://tracker.example/p.png" onerror="alert(2)" alt="pixel"><script>alert(3)</script><a href="javascript:alert(4)">x</a></p>',
        },
        { body: "Hi" },
      ],
    };
    const body = bodyOf(welcomeOf({ html: parseWelcomeContent(content)?.html, text: "Hi" }));
    expect(body.textContent).toContain("Hi");
    expect(body.querySelector("script, [onclick], [onerror], [src], [data-mnk-src]")).toBeNull();
    expect(body.querySelector('a[href^="javascript"]')).toBeNull();
    expect(body.innerHTML).not.toContain("tracker.example");
  });

  it("given raw HTML with nothing visible once sanitized, the plain text shows instead", () => {
    const body = bodyOf(
      welcomeOf({ html: "<script>alert(1)</script><style>p{}</style>", text: "Welcome, read the rules" }),
    );
    expect(body.textContent).toBe("Welcome, read the rules");
  });

  it("given HTML from sanitizeMatrixHtml with the app's mediaUrl, its image stays", () => {
    const html = sanitizeMatrixHtml('<p><img src="mxc://example.org/abc" alt="logo"></p>', {
      mediaUrl: (mxc) => `https://media.example.org/${mxc.slice(6)}`,
    });
    const body = bodyOf(welcomeOf({ html }));
    expect(body.querySelector("img")?.getAttribute("data-mnk-src")).toBe(
      "https://media.example.org/example.org/abc",
    );
  });
});

describe("WelcomeBody given the kit's own message", () => {
  it("given the app's sanitized HTML on screen, a re-render after 40 other sanitizations keeps its image", () => {
    const html = sanitizeMatrixHtml('<p><img src="mxc://example.org/abc" alt="logo"> Hi</p>', {
      mediaUrl: (mxc) => `https://media.example.org/${mxc.slice(6)}`,
    });
    const ui = () => <WelcomeBody message={welcomeOf({ html })} labels={defaultWelcomeDialogLabels} />;
    const { container, rerender } = render(ui());
    for (let i = 0; i < 40; i++) sanitizeMatrixHtml(`<p>other ${i}</p>`);
    rerender(ui());
    expect(container.querySelector("img")?.getAttribute("data-mnk-src")).toBe(
      "https://media.example.org/example.org/abc",
    );
  });

  it("given the dialog's welcome with an image, after 40 other sanitizations it still shows the image", async () => {
    const ME = "@bob:example.org";
    const ROOM = "!lounge:example.org";
    const { client } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, {
        prevMembership: "invite",
        welcome: [welcomeEvent("x", '<p><img src="mxc://example.org/abc123" alt="logo"> Hello</p>')],
      }),
    );
    const dialog = () => (
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore: createMemorySeenStore() }}
        resolveMedia={async (url) => url}
      />
    );
    const { unmount } = render(dialog());
    await screen.findByRole("img", { name: "logo" });
    unmount();
    for (let i = 0; i < 40; i++) sanitizeMatrixHtml(`<p>other ${i}</p>`);
    render(dialog());
    expect(await screen.findByRole("img", { name: "logo" })).toBeTruthy();
  });
});
