/** Opening a `<WelcomeDialog>` for a first join, on a real client synced through the sync script. */
import { render, screen } from "@testing-library/react";
import { createMemorySeenStore, WelcomeDialog, type WelcomeDialogProps } from "../../src";
import { memberEvent, welcomeEvent } from "./events";
import { welcomeRoom } from "./scenarios";
import { startWorld } from "./world";

/** The user whose first join opens the dialog. */
export const DIALOG_USER = "@bob:example.org";
/** The room the dialog welcomes to. */
export const DIALOG_ROOM = "!lounge:example.org";

/** What the dialog is opened with (a welcome "Hello" in "Lounge" by default). */
export interface OpenWelcomeDialogOptions {
  /** The room's name; `null`: none. */
  roomName?: string | null | undefined;
  text?: string | undefined;
  /** The welcome's HTML body, if any. */
  html?: string | undefined;
  labels?: WelcomeDialogProps["labels"];
  dir?: WelcomeDialogProps["dir"];
  resolveMedia?: WelcomeDialogProps["resolveMedia"];
  style?: WelcomeDialogProps["style"];
  /** Who set the welcome (default `@mod:example.org`, the room's creator). */
  sender?: string | undefined;
  /** The sender's display name in the room's member state (default: none). */
  senderName?: string | undefined;
}

/** Renders the dialog for {@link DIALOG_USER}'s first join of {@link DIALOG_ROOM} and resolves with the open dialog. */
export async function openWelcomeDialog({
  roomName = "Lounge",
  text = "Hello",
  html,
  labels = {},
  dir,
  resolveMedia,
  style,
  sender = "@mod:example.org",
  senderName,
}: OpenWelcomeDialogOptions = {}): Promise<HTMLElement> {
  const { client } = await startWorld(
    DIALOG_USER,
    welcomeRoom(DIALOG_USER, DIALOG_ROOM, {
      prevMembership: "invite",
      // (A member event for the sender after the room's own one for @mod: the later one stands.)
      welcome: [
        welcomeEvent(text, html, { sender }),
        ...(senderName !== undefined || sender !== "@mod:example.org"
          ? [memberEvent(sender, "join", { displayName: senderName })]
          : []),
      ],
      name: roomName,
    }),
  );
  render(
    <WelcomeDialog
      client={client}
      roomId={DIALOG_ROOM}
      options={{ seenStore: createMemorySeenStore() }}
      labels={labels}
      dir={dir}
      resolveMedia={resolveMedia}
      style={style}
    />,
  );
  return screen.findByRole("dialog");
}
