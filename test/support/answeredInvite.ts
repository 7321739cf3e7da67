/**
 * The lounge of the answered-invite tests: Bob invited by a moderator and joined, and the gappy sync (Synapse without
 * MSC4222) that re-sends the invite his join answered.
 */
import { act, renderHook } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { expect } from "vitest";
import { createMemorySeenStore, useServerNotices, useWelcomeMessage } from "../../src";
import {
  createEvent,
  memberEvent,
  nameEvent,
  type RawEvent,
  tagEvent,
  textMessageEvent,
  welcomeEvent,
} from "./events";
import { NOTICES_ROOM, NOTICES_USER } from "./scenarios";
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

/** The sync that joins Bob to the notices room: more `state` (his join, say), its `timeline`, and whether limited. */
export interface NoticesJoinSync {
  state?: RawEvent[];
  timeline: RawEvent[];
  limited?: boolean;
}

/**
 * Bob invited to the notices room (the invite whole, with its id, as Synapse sends it, when `whole`) and joining it
 * by `joinSync(join)` under `useServerNotices` alone (`autoJoin` as given); then the gappy sync re-sends the answered
 * invite: the hook, and one mounted after, still read the notices room as joined, offer no invite and join nothing.
 */
export async function expectNoticesRoomKept(
  joinSync: (join: RawEvent) => NoticesJoinSync,
  { autoJoin = false, whole = false }: { autoJoin?: boolean; whole?: boolean } = {},
) {
  const { invite, join } = inviteAndJoin(ME, NOTICES_USER);
  const { client, script } = await startWorld(ME, { join: hall });
  let joins = 0;
  script.route({ method: "POST", path: /\/join\// }, () => {
    joins++;
    return { json: { room_id: NOTICES_ROOM } };
  });
  const options = { noticesUserIds: [NOTICES_USER], autoJoin };
  const hook = renderHook(() => useServerNotices(client, options));
  await act(() =>
    script.push({
      invite: { [NOTICES_ROOM]: [invite] },
      ...(whole ? { strippedStateAs: "whole" as const } : {}),
    }),
  );
  await act(() => new Promise((r) => setTimeout(r, 100)));
  const joinsBefore = joins;
  const { state = [], ...rest } = joinSync(join);
  await act(() =>
    script.push({
      join: {
        [NOTICES_ROOM]: {
          state: [
            createEvent({ creator: NOTICES_USER }),
            memberEvent(NOTICES_USER, "join"),
            nameEvent("Notices"),
            ...state,
          ],
          ...rest,
          accountData: [tagEvent({ "m.server_notice": {} })],
        },
      },
    }),
  );
  await act(() => new Promise((r) => setTimeout(r, 100)));
  expect(hook.result.current.room?.roomId).toBe(NOTICES_ROOM);
  await resendInviteGappy(script, invite, NOTICES_ROOM);
  expect(client.getRoom(NOTICES_ROOM)?.getMyMembership()).toBe("invite");
  await act(() => new Promise((r) => setTimeout(r, 100)));
  expect(hook.result.current.room?.roomId).toBe(NOTICES_ROOM);
  expect(hook.result.current.invite).toBeNull();
  hook.unmount();
  const again = renderHook(() => useServerNotices(client, options));
  await act(() => new Promise((r) => setTimeout(r, 300)));
  expect(again.result.current.room?.roomId).toBe(NOTICES_ROOM);
  expect(again.result.current.invite).toBeNull();
  expect(joins).toBe(joinsBefore);
}
