/**
 * The sender line's name comes from the room's own state, never from an invite's stripped state (which the inviting
 * server wrote), and a member event of any shape leaves the line readable.
 */
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import {
  createEvent,
  memberEvent,
  nameEvent,
  type RawEvent,
  stateEvent,
  strippedState,
  welcomeEvent,
} from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import type { SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";

/** The dialog's sender line on `client`, once the dialog is open. */
async function senderLine(client: Parameters<typeof WelcomeDialog>[0]["client"]) {
  render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
  const dialog = await screen.findByRole("dialog");
  return dialog.querySelector('[data-part="sender"]')?.textContent;
}

/** An invite whose stripped state names the moderator `displayName` (as the inviting server chose to write it). */
const invite = (displayName: string, as: SyncBatch["strippedStateAs"] = "stripped"): SyncBatch => ({
  strippedStateAs: as,
  invite: {
    [ROOM]: [
      createEvent({ creator: MOD }),
      nameEvent("Rules Lounge"),
      memberEvent(MOD, "join", { displayName }),
      memberEvent(ME, "invite", { sender: MOD }),
    ],
  },
});

/** The join, with lazy-loaded members: the moderator's member event is not sent again. */
const join: SyncBatch = {
  join: {
    [ROOM]: {
      state: [createEvent({ creator: MOD }), nameEvent("Rules Lounge"), welcomeEvent("Hello!")],
      timeline: [memberEvent(ME, "join", { prevMembership: "invite" })],
    },
  },
};

describe("the sender line and an invite's preview", () => {
  for (const as of ["stripped", "whole"] as const)
    it(`given an invite (state ${as}) naming the moderator 'Official Security Team', after the join the line shows the ID only`, async () => {
      const { client, script } = await startWorld(ME, {});
      // A welcome hook mounted from the invite on notes its previews (as the dialog in an app shell is).
      render(<WelcomeDialog client={client} roomId="!elsewhere:example.org" />);
      await act(() => script.push(invite("Official Security Team", as)));
      await act(() => script.push(join));
      expect(await senderLine(client)).toBe(`From ${MOD}`);
    });

  for (const claim of ["whole", "without an id"] as const)
    it(`given an invite (state whole) that also claims Bob joined (the claim ${claim}), after the real join the line shows the ID only`, async () => {
      const { client, script } = await startWorld(ME, {});
      render(<WelcomeDialog client={client} roomId="!elsewhere:example.org" />);
      const batch = invite("Official Security Team", "whole");
      const claimed = memberEvent(ME, "join", { prevMembership: "invite" });
      batch.invite![ROOM]!.push(claim === "whole" ? claimed : (strippedState(claimed) as RawEvent));
      await act(() => script.push(batch));
      expect(client.getRoom(ROOM)?.getMyMembership()).toBe("join");
      await act(() => script.push(join));
      expect(await senderLine(client)).toBe(`From ${MOD}`);
    });

  it("given the moderator's own member event in the join, their name shows (control)", async () => {
    const batch = welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Hello!")] });
    const spec = batch.join![ROOM]!;
    spec.state = spec.state!.map((e) =>
      e.type === "m.room.member" && e.state_key === MOD
        ? memberEvent(MOD, "join", { displayName: "Alice" })
        : e,
    );
    const { client } = await startWorld(ME, batch);
    expect(await senderLine(client)).toBe(`From Alice (${MOD})`);
  });

  it("given a member event whose displayname is an object, the line shows the ID only", async () => {
    const batch = welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Hello")] });
    const spec = batch.join![ROOM]!;
    spec.state = spec.state!.map((e) =>
      e.type === "m.room.member" && e.state_key === MOD
        ? stateEvent(
            "m.room.member",
            { membership: "join", displayname: { toString: 1 } },
            { stateKey: MOD, sender: MOD },
          )
        : e,
    );
    const { client } = await startWorld(ME, batch);
    expect(await senderLine(client)).toBe(`From ${MOD}`);
  });
});
