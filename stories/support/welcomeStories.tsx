/**
 * Shared pieces of the welcome-dialog stories: a loader that starts a demo world together with a fresh in-memory seen
 * store (no account-data writes, and the dialog opens on every render), and a host that portals the dialog into the
 * story frame so the Theme and Direction toolbars reach it.
 */
import { useState } from "react";
import { within } from "storybook/test";
import {
  createMemorySeenStore,
  WelcomeDialog,
  type WelcomeDialogProps,
  type WelcomeSeenStore,
} from "../../src";
import type { RawEvent } from "../../test/support/events";
import { welcomeRoom } from "../../test/support/scenarios";
import type { SyncBatch } from "../../test/support/syncScript";
import { DEMO_USER, type DemoWorld, startDemo } from "./demo";

/** The room the welcome stories join. */
export const WELCOME_ROOM = "!lounge:example.org";

/** What the welcome loader gives a story as `context.loaded`. */
export interface WelcomeLoaded {
  world: DemoWorld;
  /** This render's seen store: the dialog's marks land here, never in account data. */
  seenStore: WelcomeSeenStore;
}

/** A Storybook loader: a demo world whose initial sync is `initial`, and a fresh memory seen store. */
export function welcomeLoader(initial: SyncBatch | (() => SyncBatch)) {
  return async (): Promise<WelcomeLoaded> => ({
    world: await startDemo(typeof initial === "function" ? initial() : initial),
    seenStore: createMemorySeenStore(),
  });
}

/** The demo user's fresh first join (from an invite, just now) of {@link WELCOME_ROOM}, carrying `welcome`. */
export function joinedWelcomeRoom(
  welcome: RawEvent[],
  opts: Omit<NonNullable<Parameters<typeof welcomeRoom>[2]>, "welcome"> = {},
): SyncBatch {
  return welcomeRoom(DEMO_USER, WELCOME_ROOM, { prevMembership: "invite", welcome, ...opts });
}

/**
 * `<WelcomeDialog>` portalled into an element of the story frame rather than `document.body`, so the frame's
 * `data-theme` and `dir` (the toolbars) apply to it as they would to an app that passes `container`.
 */
export function WelcomeDialogHost(props: Omit<WelcomeDialogProps, "container">) {
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  return (
    <div ref={setContainer} data-testid="welcome-host">
      {container ? <WelcomeDialog {...props} container={container} /> : null}
    </div>
  );
}

/** Queries over the whole document: the dialog is portalled, outside the canvas element. */
export const screenOf = (canvasElement: HTMLElement) => within(canvasElement.ownerDocument.body);

/** The open welcome dialog (waits for it). */
export const findWelcomeDialog = (canvasElement: HTMLElement) =>
  screenOf(canvasElement).findByRole("dialog", {}, { timeout: 3000 });

/** The dialog's message body (`[data-part="body"]`). */
export function bodyOf(dialog: HTMLElement): HTMLElement {
  const body = dialog.querySelector<HTMLElement>('[data-part="body"]');
  if (!body) throw new Error("The welcome dialog has no body");
  return body;
}

export { contrastRatio } from "../../test/support/contrast";
