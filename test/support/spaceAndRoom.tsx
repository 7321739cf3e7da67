/** Two welcome dialogs mounted side by side, a space's and one of its rooms', and a sync that joins both at once. */
import { act, render } from "@testing-library/react";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { welcomeEvent } from "./events";
import { mergeBatches, welcomeRoom } from "./scenarios";
import { startWorld } from "./world";

export const ME = "@bob:example.org";
export const SPACE = "!space:example.org";
export const ROOM = "!lounge:example.org";

/**
 * The app's composer button and both dialogs (and a second one for the space, with `duplicateSpace`); returns the
 * seen store and a way to join both.
 */
export async function spaceAndRoomDialogs({ duplicateSpace = false } = {}) {
  const options = { seenStore: createMemorySeenStore() };
  const { client, script } = await startWorld(ME, {});
  render(
    <>
      <button type="button">composer</button>
      <WelcomeDialog client={client} roomId={SPACE} options={options} />
      <WelcomeDialog client={client} roomId={ROOM} options={options} />
      {duplicateSpace ? <WelcomeDialog client={client} roomId={SPACE} options={options} /> : null}
    </>,
  );
  const joinBoth = () => act(() => script.push(spaceAndRoomJoin()));
  return { seenStore: options.seenStore, joinBoth };
}

/** A sync joining the user to the space and its room, each with a welcome ("Space rules", "Lounge rules"). */
export const spaceAndRoomJoin = () =>
  mergeBatches(
    welcomeRoom(ME, SPACE, {
      prevMembership: "invite",
      roomType: "m.space",
      name: "Space",
      welcome: [welcomeEvent("Space rules")],
    }),
    welcomeRoom(ME, ROOM, {
      prevMembership: "invite",
      name: "Lounge",
      welcome: [welcomeEvent("Lounge rules")],
    }),
  );
