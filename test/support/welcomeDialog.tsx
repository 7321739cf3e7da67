/** Opening a `<WelcomeDialog>` for a first join, on a real client synced through the sync script. */
import { render, screen } from "@testing-library/react";
import { createMemorySeenStore, WelcomeDialog, type WelcomeDialogLabels } from "../../src";
import { welcomeEvent } from "./events";
import { welcomeRoom } from "./scenarios";
import { startWorld } from "./world";

/** What the dialog is opened with (a welcome "Hello" in "Lounge" by default). */
export interface OpenWelcomeDialogOptions {
  roomName?: string | undefined;
  text?: string | undefined;
  labels?: Partial<WelcomeDialogLabels> | undefined;
  dir?: "ltr" | "rtl" | undefined;
}

/** Renders the dialog for @bob's first join of !lounge:example.org and resolves with the open dialog. */
export async function openWelcomeDialog({
  roomName = "Lounge",
  text = "Hello",
  labels = {},
  dir,
}: OpenWelcomeDialogOptions = {}): Promise<HTMLElement> {
  const me = "@bob:example.org";
  const roomId = "!lounge:example.org";
  const { client } = await startWorld(
    me,
    welcomeRoom(me, roomId, { prevMembership: "invite", welcome: [welcomeEvent(text)], name: roomName }),
  );
  render(
    <WelcomeDialog
      client={client}
      roomId={roomId}
      options={{ seenStore: createMemorySeenStore() }}
      labels={labels}
      dir={dir}
    />,
  );
  return screen.findByRole("dialog");
}
