/**
 * The welcome dialog where a host app embeds it out of the page's plain document: in a web component's shadow root, or
 * portalled into a same-origin iframe's document (its `container` there). The kit's CSS is loaded where it renders.
 */
import { act, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { useState } from "react";
import { createPortal } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import kitCss from "../../src/styles.css?inline";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const DARK_SURFACE = "rgb(29, 34, 40)";

let root: Root | null = null;
let cleanup: (() => void) | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  cleanup?.();
  cleanup = null;
});

const joinedWithWelcome = async (html?: string) =>
  (
    await startWorld(
      ME,
      welcomeRoom(ME, ROOM, {
        prevMembership: "invite",
        welcome: [welcomeEvent("Hello there", html)],
        name: "Lounge",
      }),
    )
  ).client;

const dialogIn = (client: MatrixClient, container: HTMLElement) => (
  <>
    <button type="button">composer</button>
    <button type="button">after</button>
    <WelcomeDialog
      client={client}
      roomId={ROOM}
      options={{ seenStore: createMemorySeenStore() }}
      container={container}
    />
  </>
);

/** A web component's shadow root (its host in the page) holding the kit's CSS and `nodes`. */
function shadowWith(nodes: HTMLElement[]) {
  const host = document.createElement("div");
  document.body.append(host);
  cleanup = () => host.remove();
  const shadow = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = kitCss;
  shadow.append(style, ...nodes);
  return shadow;
}

/** A web component's shadow root holding the kit's CSS, the app and the dialog's portal container. */
async function inShadowRoot() {
  const client = await joinedWithWelcome();
  const app = document.createElement("div");
  const portal = document.createElement("div");
  const shadow = shadowWith([app, portal]);
  const host = shadow.host as HTMLElement;
  root = createRoot(app);
  act(() => root!.render(dialogIn(client, portal)));
  const dialog = await waitFor(
    () => shadow.querySelector<HTMLElement>('[role="dialog"]') ?? Promise.reject(),
  );
  await waitFor(() => expect(dialog.contains(shadow.activeElement)).toBe(true));
  return { host, shadow, app, dialog };
}

/** The app in the page, portalling its UI (the dialog's container too) into an iframe's document with the kit's CSS. */
async function inFrame() {
  const client = await joinedWithWelcome();
  const frame = document.createElement("iframe");
  frame.style.cssText = "width: 600px; height: 500px; border: 0";
  document.body.append(frame);
  const app = document.createElement("div");
  document.body.append(app);
  cleanup = () => {
    frame.remove();
    app.remove();
  };
  const doc = frame.contentDocument!;
  doc.open();
  doc.write("<!doctype html><html><head></head><body></body></html>");
  doc.close();
  const style = doc.createElement("style");
  style.textContent = kitCss;
  doc.head.append(style);
  root = createRoot(app);
  act(() => root!.render(createPortal(dialogIn(client, doc.body), doc.body)));
  const dialog = await waitFor(() => doc.querySelector<HTMLElement>('[role="dialog"]') ?? Promise.reject());
  await waitFor(() => expect(dialog.contains(doc.activeElement)).toBe(true));
  return { doc, dialog };
}

const div = () => document.createElement("div");
const part = (dialog: HTMLElement, name: string) =>
  dialog.querySelector<HTMLElement>(`[data-part="${name}"]`)!;

describe("in a web component's shadow root", () => {
  it("given focus on Got it, the last control, Tab goes round to the dialog's first control, not out to the page", async () => {
    const { shadow, dialog } = await inShadowRoot();
    part(dialog, "confirm").focus();
    await userEvent.keyboard("{Tab}");
    expect(shadow.activeElement).toBe(part(dialog, "close"));
  });

  it("given focus on the close button, the first control, Shift+Tab goes round to Got it", async () => {
    const { shadow, dialog } = await inShadowRoot();
    part(dialog, "close").focus();
    await userEvent.keyboard("{Shift>}{Tab}{/Shift}");
    expect(shadow.activeElement).toBe(part(dialog, "confirm"));
  });

  it("given Tab between the dialog's own controls, it moves as usual", async () => {
    const { shadow, dialog } = await inShadowRoot();
    part(dialog, "close").focus();
    await userEvent.keyboard("{Tab}");
    expect(dialog.contains(shadow.activeElement)).toBe(true);
    expect(shadow.activeElement).not.toBe(part(dialog, "close"));
  });

  it("while the dialog shows, the app's other content in the shadow root is hidden from assistive technology, and shown again once it closes", async () => {
    const { shadow, app, dialog } = await inShadowRoot();
    expect(app).toHaveAttribute("aria-hidden", "true");
    expect(dialog.closest("[aria-hidden='true']")).toBeNull();
    part(dialog, "confirm").click();
    await waitFor(() => expect(shadow.querySelector('[role="dialog"]')).toBeNull());
    expect(app).not.toHaveAttribute("aria-hidden");
  });

  it("given data-theme='dark' on the shadow host (the kit's CSS only inside the shadow root), the dialog is dark", async () => {
    const { host, dialog } = await inShadowRoot();
    host.dataset.theme = "dark";
    await waitFor(() => expect(getComputedStyle(dialog).backgroundColor).toBe(DARK_SURFACE));
  });

  it("given class 'dark' on the shadow host, the dialog is dark too", async () => {
    const { host, dialog } = await inShadowRoot();
    host.classList.add("dark");
    await waitFor(() => expect(getComputedStyle(dialog).backgroundColor).toBe(DARK_SURFACE));
  });
});

describe("hiding a shadow root's other content, when more than one thing hides it", () => {
  it("given two welcome dialogs the app opened in one shadow root, when one closes, the app beside the other stays hidden", async () => {
    const client = await joinedWithWelcome();
    const [app, portalA, portalB] = [div(), div(), div()];
    const shadow = shadowWith([app, portalA, portalB]);
    let closeA!: () => void;
    function App() {
      const [a, setA] = useState(true);
      closeA = () => setA(false);
      const options = { seenStore: createMemorySeenStore() };
      return (
        <>
          <WelcomeDialog
            client={client}
            roomId={ROOM}
            open={a}
            onOpenChange={setA}
            options={options}
            container={portalA}
          />
          <WelcomeDialog
            client={client}
            roomId={ROOM}
            open
            onOpenChange={() => {}}
            options={options}
            container={portalB}
          />
        </>
      );
    }
    root = createRoot(app);
    act(() => root!.render(<App />));
    await waitFor(() => expect(shadow.querySelectorAll('[role="dialog"]')).toHaveLength(2));
    act(() => closeA());
    await waitFor(() => expect(shadow.querySelectorAll('[role="dialog"]')).toHaveLength(1));
    expect(app).toHaveAttribute("aria-hidden", "true");
  });

  it("given app content with aria-hidden='false' of its own, it has that again once the dialog goes", async () => {
    const client = await joinedWithWelcome();
    const [app, aside, portal] = [div(), div(), div()];
    aside.setAttribute("aria-hidden", "false");
    shadowWith([app, aside, portal]);
    root = createRoot(app);
    act(() => root!.render(dialogIn(client, portal)));
    await waitFor(() => expect(aside).toHaveAttribute("aria-hidden", "true"));
    act(() => root!.unmount());
    root = null;
    expect(aside).toHaveAttribute("aria-hidden", "false");
  });
});

describe("portalled into an iframe's document", () => {
  it("given focus on Got it, Tab goes round to the dialog's first control, not out of the frame", async () => {
    const { doc, dialog } = await inFrame();
    part(dialog, "confirm").focus();
    await userEvent.keyboard("{Tab}");
    expect(doc.activeElement).toBe(part(dialog, "close"));
  });

  it("given focus on the close button, Shift+Tab goes round to Got it, not to the frame's hidden content", async () => {
    const { doc, dialog } = await inFrame();
    part(dialog, "close").focus();
    await userEvent.keyboard("{Shift>}{Tab}{/Shift}");
    expect(doc.activeElement).toBe(part(dialog, "confirm"));
  });
});

describe("in the page's own document (Radix's focus trap, unchanged)", () => {
  it("given focus on Got it, Tab goes round to the close button", async () => {
    const client = await joinedWithWelcome();
    const app = document.createElement("div");
    document.body.append(app);
    cleanup = () => app.remove();
    root = createRoot(app);
    act(() => root!.render(dialogIn(client, document.body)));
    const dialog = await waitFor(
      () => document.querySelector<HTMLElement>('[role="dialog"]') ?? Promise.reject(),
    );
    part(dialog, "confirm").focus();
    await userEvent.keyboard("{Tab}");
    expect(document.activeElement).toBe(part(dialog, "close"));
    await userEvent.keyboard("{Shift>}{Tab}{/Shift}");
    expect(document.activeElement).toBe(part(dialog, "confirm"));
  });
});
