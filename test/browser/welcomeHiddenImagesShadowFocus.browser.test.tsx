/**
 * Focus following a live change of the media preview setting, and a shown image that fails, in a web component's
 * shadow root (a `container` README supports for WelcomeDialog; the document's active element is then the host),
 * against the same in the page (controls). Found by a review (CF).
 */
import "../../src/styles.css";
import { act, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import {
  createMemoryImageConsentStore,
  createMemorySeenStore,
  keepMxcMedia,
  sanitizeMatrixHtml,
  WelcomeBody,
  WelcomeDialog,
} from "../../src";
import kitCss from "../../src/styles.css?inline";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { welcomeOf } from "../support/welcomeMessage";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const HTML = '<p>Hi <img src="mxc://example.org/logo" alt="Our logo"> there</p>';
const welcome = welcomeOf({ html: sanitizeMatrixHtml(HTML, { mediaUrl: keepMxcMedia }) });

let root: Root | null = null;
let host: HTMLElement | null = null;
// Each test's own: an image shown in one would otherwise show unasked in the next (consent is remembered per edition).
let imageConsent = createMemoryImageConsentStore();
afterEach(() => {
  imageConsent = createMemoryImageConsentStore();
  act(() => root?.unmount());
  root = null;
  host?.remove();
  host = null;
});

/** A place to render into: in the page, or in an open shadow root; and where focus is, read through shadow roots. */
function place(shadow: boolean) {
  host = document.createElement("div");
  document.body.append(host);
  const scope: Document | ShadowRoot = shadow ? host.attachShadow({ mode: "open" }) : document;
  const el = document.createElement("div");
  (shadow ? (scope as ShadowRoot) : host).append(el);
  if (shadow) {
    const style = document.createElement("style");
    style.textContent = kitCss;
    (scope as ShadowRoot).append(style);
  }
  return { el, scope };
}

const body = (previews: boolean) => (
  <WelcomeBody
    message={welcome}
    resolveMedia={async (u) => u}
    mediaPreviews={previews}
    imageConsent={imageConsent}
  />
);

for (const shadow of [false, true])
  describe(`WelcomeBody ${shadow ? "in a shadow root" : "in the page (control)"}`, () => {
    it("given focus on a Show image button, when previews turn on, focus goes to the image", async () => {
      const { el, scope } = place(shadow);
      root = createRoot(el);
      act(() => root!.render(body(false)));
      const button = await waitFor(
        () => el.querySelector<HTMLButtonElement>('button[data-part="show-image"]') ?? Promise.reject(),
      );
      button.focus();
      expect(scope.activeElement).toBe(button);
      act(() => root!.render(body(true)));
      const img = await waitFor(() => el.querySelector("img") ?? Promise.reject());
      expect(scope.activeElement).toBe(img);
      // And off again: to its button.
      act(() => root!.render(body(false)));
      const again = await waitFor(
        () => el.querySelector<HTMLButtonElement>('button[data-part="show-image"]') ?? Promise.reject(),
      );
      expect(scope.activeElement).toBe(again);
    });

    it("given the user showed an image that then fails to load, focus goes to its stand-in in the message", async () => {
      const { el, scope } = place(shadow);
      root = createRoot(el);
      act(() =>
        root!.render(
          <WelcomeBody
            message={welcome}
            resolveMedia={async () => null}
            mediaPreviews={false}
            imageConsent={imageConsent}
          />,
        ),
      );
      const button = await waitFor(
        () => el.querySelector<HTMLButtonElement>('button[data-part="show-image"]') ?? Promise.reject(),
      );
      act(() => button.click());
      await waitFor(() => expect(el.querySelector("img")).toBeNull());
      expect(scope.activeElement?.textContent).toBe("Our logo");
      expect(el.contains(scope.activeElement)).toBe(true);
    });
  });

for (const shadow of [false, true])
  describe(`WelcomeDialog ${shadow ? "in a shadow root (its container there)" : "in the page (control)"}`, () => {
    const dialog = (client: MatrixClient, container: HTMLElement, previews: boolean) => (
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore: createMemorySeenStore() }}
        container={container}
        resolveMedia={async (u) => u}
        mediaPreviews={previews}
      />
    );
    it("given focus on the Show image button, when previews turn on, focus goes to the image, not the message", async () => {
      const { client } = await startWorld(
        ME,
        welcomeRoom(ME, ROOM, {
          prevMembership: "invite",
          welcome: [welcomeEvent("Hi", HTML)],
          name: "Lounge",
        }),
      );
      const { el, scope } = place(shadow);
      const portal = document.createElement("div");
      if (shadow) (scope as ShadowRoot).append(portal);
      else document.body.append(portal);
      root = createRoot(el);
      act(() => root!.render(dialog(client, portal, false)));
      const button = await waitFor(
        () => portal.querySelector<HTMLButtonElement>('button[data-part="show-image"]') ?? Promise.reject(),
      );
      button.focus();
      expect(scope.activeElement).toBe(button);
      act(() => root!.render(dialog(client, portal, true)));
      const img = await waitFor(() => portal.querySelector("img") ?? Promise.reject());
      await new Promise((r) => setTimeout(r, 100));
      expect(scope.activeElement).toBe(img);
    });
  });
