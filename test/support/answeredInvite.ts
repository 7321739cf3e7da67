/**
 * The lounge of the answered-invite tests: Bob invited by a moderator and joined, and the gappy sync (Synapse without
 * MSC4222) that re-sends the invite his join answered.
 */
import { act, renderHook } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { expect } from "vitest";
import { createMemorySeenStore, useWelcomeMessage } from "../../src";
import { createEvent, memberEvent, nameEvent, type RawEvent, textMessageEvent, welcomeEvent } from "./events";
import type { SyncBatch, SyncScript } from "./syncScript";
import { startWorld } from "./world";

export const ME = "@bob:example.org";
export const MOD = "@mod:example.org";
export const ROOM = "!lounge:example.org";
export const HALL = "!hall:example.org";

/** The hall, a joined room where a welcome hook may be mounted (it starts the watch). */
export const hall: NonNullable<SyncBatch["join"]> = {
  [HALL]: { state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), memberEvent(ME, "join")] },
};

/** A welcome hook for `roomId` (the lounge by default), with a seen store of its own. */
export const renderWelcome = (client: MatrixClient, roomId = ROOM) =>
  renderHook(() => useWelcomeMessage(client, roomId, { seenStore: createMemorySeenStore() }));

/** The lounge's state when Bob joins: a name and a welcome. */
export const loungeState = () => [
  createEvent({ creator: MOD }),
  memberEvent(MOD, "join"),
  nameEvent("Rules Lounge"),
  welcomeEvent("Be nice"),
];

/** A client whose first sync gives the lounge joined, its live timeline `timeline`. */
export const startInLounge = (timeline: RawEvent[]) =>
  startWorld(ME, { join: { [ROOM]: { state: loungeState(), timeline } } });

/** Bob's invite (or `user`'s, from `sender`) and the join that answered it. */
export function inviteAndJoin(user = ME, sender = MOD) {
  const invite = memberEvent(user, "invite", { sender });
  const join = memberEvent(user, "join", {
    prevMembership: "invite",
    unsigned: { replaces_state: invite.event_id },
  });
  return { invite, join };
}

/** A profile change of Bob's replacing `before` (another join, answering nothing new). */
export const profileChange = (before: RawEvent) =>
  memberEvent(ME, "join", {
    prevMembership: "join",
    displayName: "Bobby",
    unsigned: { replaces_state: before.event_id },
  });

/** A join of Bob's replacing the event `replaced`, as the server sends it once redacted (no `prev_content`). */
export const redactedJoin = (replaced: string) =>
  memberEvent(ME, "join", {
    unsigned: { replaces_state: replaced, redacted_because: { type: "m.room.redaction", sender: MOD } },
  });

/** A sync of the lounge: `timeline`, and `state` before it, limited or not. */
export const pushLounge = (
  script: SyncScript,
  timeline: RawEvent[],
  extra: { state?: RawEvent[]; limited?: boolean } = {},
) => act(() => script.push({ join: { [ROOM]: { timeline, ...extra } } }));

/** The forked sync of `roomId` (the lounge by default): the answered invite in `state`, a message after it, limited. */
export const resendInviteGappy = (script: SyncScript, invite: RawEvent, roomId = ROOM) =>
  act(() =>
    script.push({
      join: {
        [roomId]: {
          state: [invite],
          timeline: [textMessageEvent("Welcome Bob!", { sender: MOD })],
          limited: true,
        },
      },
    }),
  );

/** A welcome hook mounted now reads Bob as joined (the SDK believes the stale invite) and shows the welcome. */
export function expectJoined(client: MatrixClient) {
  expect(client.getRoom(ROOM)?.getMyMembership()).toBe("invite");
  const hook = renderWelcome(client);
  expect(hook.result.current.decision.reason).not.toBe("not-joined");
  expect(hook.result.current.message?.text).toBe("Be nice");
}
