// WelcomeBody trusts only HTML the kit sanitized: the welcome store's (by the HTML its live messages hold, not by
// the message object, whose html an app may replace), recent sanitizeMatrixHtml results (up to a million characters
// of them), and HTML the same body showed before; anything else is sanitized, so images never depend on how much
// other sanitizing happened meanwhile, and replaced HTML is never trusted.
import { act, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import {
  createMemorySeenStore,
  defaultWelcomeDialogLabels,
  sanitizeMatrixHtml,
  useWelcomeMessage,
  WelcomeBody,
  type WelcomeMessage,
} from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { welcomeOf } from "../support/welcomeMessage";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

const imageWelcome = () =>
  startWorld(
    ME,
    welcomeRoom(ME, ROOM, {
      prevMembership: "invite",
      welcome: [welcomeEvent("Hello", '<p><img src="mxc://example.org/abc123" alt="logo"> Hello</p>')],
    }),
  );

describe("a store message whose html the app replaces", () => {
  it("given a store message whose html the app replaces with the event's raw HTML, the new HTML is sanitized", async () => {
    const { client } = await imageWelcome();
    const seenStore = createMemorySeenStore();
    let held: WelcomeMessage | null = null;
    let bump: () => void = () => {};
    function App() {
      const { message } = useWelcomeMessage(client, ROOM, { seenStore });
      const [, setN] = useState(0);
      bump = () => setN((n) => n + 1);
      held = message;
      return message ? <WelcomeBody message={message} labels={defaultWelcomeDialogLabels} /> : null;
    }
    const { container } = render(<App />);
    await screen.findByText(/Hello/);
    expect(held).not.toBeNull();
    // The kit's message objects are plain, mutable objects (not frozen): an app "patching" the html it shows, e.g.
    // with the event's raw formatted_body, keeps the object's trusted mark.
    expect(Object.isFrozen(held)).toBe(false);
    (held as unknown as { html: string }).html = '<img src="x" onerror="alert(1)"><p>Hi</p>';
    act(() => bump());
    // The hostile handler must not reach the page.
    expect(container.querySelector("[onerror]")).toBeNull();
  });
});

describe("HTML the kit sanitized, after much other sanitizing", () => {
  it("a copy of the store's message keeps its image after 40 other sanitizations", async () => {
    const { client } = await imageWelcome();
    const seenStore = createMemorySeenStore();
    let show: () => void = () => {};
    function App() {
      const { message } = useWelcomeMessage(client, ROOM, { seenStore });
      const [shown, setShown] = useState(false);
      show = () => setShown(true);
      // e.g. the app keeps the message in its own state manager (immer/redux copy) or adds a translated text.
      return message && shown ? (
        <WelcomeBody
          message={{ ...message }}
          labels={defaultWelcomeDialogLabels}
          resolveMedia={async (u) => u}
        />
      ) : (
        <p>{message ? "ready" : "waiting"}</p>
      );
    }
    render(<App />);
    await screen.findByText("ready");
    // Other rooms' welcome stores, the editor's preview, the app's own calls...
    for (let i = 0; i < 40; i++) sanitizeMatrixHtml(`<p>other room ${i}</p>`);
    act(() => show());
    expect(await screen.findByRole("img", { name: "logo" })).toBeTruthy();
  });

  it("the app's own sanitizeMatrixHtml output (with its mediaUrl), mounted after 40 unrelated sanitizations, keeps its image", () => {
    const html = sanitizeMatrixHtml('<p><img src="mxc://example.org/abc" alt="logo"> Hi</p>', {
      mediaUrl: (mxc) => `https://media.example.org/${mxc.slice(6)}`,
    });
    for (let i = 0; i < 40; i++) sanitizeMatrixHtml(`<p>other ${i}</p>`);
    const { container } = render(
      <WelcomeBody message={welcomeOf({ html })} labels={defaultWelcomeDialogLabels} />,
    );
    expect(container.querySelector("img")?.getAttribute("data-mnk-src")).toBe(
      "https://media.example.org/example.org/abc",
    );
  });

  it("a welcome shown again after switching rooms and back (A -> B -> A, same WelcomeBody) keeps its image", () => {
    const mk = (id: string) =>
      sanitizeMatrixHtml(`<p><img src="mxc://example.org/${id}" alt="logo ${id}"> Hi ${id}</p>`, {
        mediaUrl: (mxc) => `https://media.example.org/${mxc.slice(6)}`,
      });
    const a = mk("a");
    const b = mk("b");
    const ui = (html: string) => (
      <WelcomeBody message={welcomeOf({ html })} labels={defaultWelcomeDialogLabels} />
    );
    const { container, rerender } = render(ui(a));
    rerender(ui(b));
    for (let i = 0; i < 40; i++) sanitizeMatrixHtml(`<p>other ${i}</p>`);
    rerender(ui(a));
    expect(container.querySelector("img")?.getAttribute("alt")).toBe("logo a");
  });
});
