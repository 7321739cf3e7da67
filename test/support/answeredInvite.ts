/**
 * The lounge of the answered-invite tests: Bob invited by a moderator and joined, and the gappy sync (Synapse without
 * MSC4222) that re-sends the invite his join answered.
 */
import { act, renderHook } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { expect } from "vitest";
import { createMemorySeenStore, useWelcomeMessage } from "../../src";
import { createEvent, memberEvent, nameEvent, type RawEvent, textMessageEvent, welcomeEvent } from "./events";
import type { SyncScript } from "./syncScript";

export const ME = "@bob:example.org";
export const MOD = "@mod:example.org";
export const ROOM = "!lounge:example.org";

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

/** Bob's invite (or `user`'s, from `sender`) and the join that answered it. */
export function inviteAndJoin(user = ME, sender = MOD) {
  const invite = memberEvent(user, "invite", { sender });
  const join = memberEvent(user, "join", {
    prevMembership: "invite",
    unsigned: { replaces_state: invite.event_id },
  });
  return { invite, join };
}

/** A sync of the lounge: `timeline`, and `state` before it, limited or not. */
export const pushLounge = (
  script: SyncScript,
  timeline: RawEvent[],
  extra: { state?: RawEvent[]; limited?: boolean } = {},
) => act(() => script.push({ join: { [ROOM]: { timeline, ...extra } } }));

/** The forked sync: the answered invite in `state`, a message after it, limited (a fresh timeline). */
export const resendInviteGappy = (script: SyncScript, invite: RawEvent) =>
  pushLounge(script, [textMessageEvent("Welcome Bob!", { sender: MOD })], { state: [invite], limited: true });

/** A welcome hook mounted now reads Bob as joined (the SDK believes the stale invite) and shows the welcome. */
export function expectJoined(client: MatrixClient) {
  expect(client.getRoom(ROOM)?.getMyMembership()).toBe("invite");
  const hook = renderWelcome(client);
  expect(hook.result.current.decision.reason).not.toBe("not-joined");
  expect(hook.result.current.message?.text).toBe("Be nice");
}
