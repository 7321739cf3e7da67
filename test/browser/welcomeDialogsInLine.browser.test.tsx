/**
 * In Chromium: two welcomes due in one sync (a space's and one of its rooms') open one at a time. The one that waits
 * leaves nothing behind (no focus taken, nothing hidden from assistive technology); focus goes from the first dialog
 * to the second, then back to where it was.
 */
import "../../src/styles.css";
import { act, render, screen, waitFor } from "@testing-library/react";
import { expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { redactionEvent, welcomeEvent } from "../support/events";
import { mergeBatches, welcomeRoom } from "../support/scenarios";
import { ME, ROOM, SPACE, spaceAndRoomDialogs } from "../support/spaceAndRoom";
import { startWorld } from "../support/world";

/** The room's welcome opens with focus; Got it closes it, and the composer has focus again. */
async function loungeTakesFocusThenComposer(composer: HTMLElement) {
  await waitFor(() => expect(screen.getByRole("dialog")).toHaveTextContent("Lounge rules"));
  const lounge = screen.getByRole("dialog");
  await waitFor(() => expect(lounge.contains(document.activeElement)).toBe(true));
  await userEvent.click(screen.getByRole("button", { name: "Got it" }));
  await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
  await waitFor(() => expect(composer).toHaveFocus());
}

it("given the composer focused, the space's welcome takes focus, then the room's, then the composer has it again", async () => {
  const { joinBoth } = await spaceAndRoomDialogs();
  const composer = screen.getByRole("button", { name: "composer" });
  composer.focus();
  await joinBoth();
  const space = await screen.findByRole("dialog");
  expect(space).toHaveTextContent("Space rules");
  expect(screen.getAllByRole("dialog", { hidden: true })).toHaveLength(1);
  await waitFor(() => expect(space.contains(document.activeElement)).toBe(true));
  await userEvent.click(screen.getByRole("button", { name: "Got it" }));
  await loungeTakesFocusThenComposer(composer);
  expect(composer.closest("[aria-hidden]")).toBeNull();
  expect(document.body.style.pointerEvents).not.toBe("none");
});

it("given the space's welcome open, when one sync takes it away and joins the room, focus goes from it to the room's welcome and then back to the composer", async () => {
  const { client, script } = await startWorld(ME, {});
  const options = { seenStore: createMemorySeenStore() };
  render(
    <>
      <button type="button">composer</button>
      <WelcomeDialog client={client} roomId={SPACE} options={options} />
      <WelcomeDialog client={client} roomId={ROOM} options={options} />
    </>,
  );
  const composer = screen.getByRole("button", { name: "composer" });
  composer.focus();
  const spaceWelcome = welcomeEvent("Space rules");
  await act(() =>
    script.push(
      welcomeRoom(ME, SPACE, {
        prevMembership: "invite",
        roomType: "m.space",
        name: "Space",
        welcome: [spaceWelcome],
      }),
    ),
  );
  const space = await screen.findByRole("dialog");
  await waitFor(() => expect(space.contains(document.activeElement)).toBe(true));
  // A moderator removes the space's welcome in the same sync that joins the user to the room.
  await act(() =>
    script.push(
      mergeBatches(
        {
          join: {
            [SPACE]: {
              timeline: [redactionEvent(spaceWelcome.event_id as string, { sender: "@mod:example.org" })],
            },
          },
        },
        welcomeRoom(ME, ROOM, {
          prevMembership: "invite",
          name: "Lounge",
          welcome: [welcomeEvent("Lounge rules")],
        }),
      ),
    ),
  );
  await loungeTakesFocusThenComposer(composer);
});
