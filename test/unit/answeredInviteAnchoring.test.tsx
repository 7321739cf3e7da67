/**
 * Which joins the answered-invite record may rest on (see `myMembership`), found by a review (CY, stop 47); each of
 * these failed before that stop's fix (the last one only since 785125b, that stop's first change, which it corrects):
 * - a second invite as Synapse serves it (with `prev_content` and `replaces_state` of its own), heard while the SDK
 *   still counted the user joined, was taken for the join: the answered invite re-sent later read as an invite;
 * - a notices room joined in a first sync with a timeline limit of 0 (the join in state only) counted as unanchored;
 * - a made-up join in an invite's state counted as anchored because the timeline of an earlier stay held events;
 * - a rejoin whose `prev_content` a redaction pruned kept the record of the invite before it.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import {
  expectJoined,
  HALL,
  hall,
  inviteAndJoin,
  loungeState,
  ME,
  MOD,
  pushLounge as push,
  ROOM,
  redactedJoin,
  renderWelcome,
  resendInviteGappy,
  startInLounge,
} from "../support/answeredInvite";
import {
  createEvent,
  memberEvent,
  messageEvent,
  nameEvent,
  pinnedEventsEvent,
  type RawEvent,
  tagEvent,
  textMessageEvent,
} from "../support/events";
import { NOTICES_ROOM, NOTICES_USER } from "../support/scenarios";
import { type SyncBatch, SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

const EVIL = "@mallory:evil.example";
const ALICE = "@alice:example.org";

/** A leave after `join`, and a second invite as Synapse serves it: its previous membership and what it replaced. */
function leaveAndReinvite(join: RawEvent, user = ME, sender = MOD) {
  const leave = memberEvent(user, "leave", {
    prevMembership: "join",
    unsigned: { replaces_state: join.event_id },
  });
  const invite = memberEvent(user, "invite", {
    sender,
    prevMembership: "leave",
    unsigned: { replaces_state: leave.event_id },
  });
  return { leave, invite };
}

/** A client of Alice's whose notices room the server's `first` sync gives, a notices hook with autoJoin mounted. */
async function noticesWorld(first: NonNullable<SyncBatch["join"]>[string], initialSyncLimit?: number) {
  const script = new SyncScript({ userId: ALICE });
  const joins = { count: 0 };
  script.route({ method: "POST", path: /\/join/ }, () => {
    joins.count++;
    return { json: { room_id: NOTICES_ROOM } };
  });
  const client = script.createClient();
  await script.start(
    client,
    { join: { [NOTICES_ROOM]: { ...first, accountData: [tagEvent({ "m.server_notice": {} })] } } },
    initialSyncLimit === undefined ? undefined : { initialSyncLimit },
  );
  const hook = renderHook(() => useServerNotices(client, { noticesUserIds: [NOTICES_USER], autoJoin: true }));
  await waitFor(() => expect(hook.result.current.room?.roomId).toBe(NOTICES_ROOM));
  return { client, script, joins, hook };
}

const noticesState = () => [
  createEvent({ creator: NOTICES_USER }),
  memberEvent(NOTICES_USER, "join"),
  nameEvent("Server Notices"),
];

/** The forked sync of the notices room: `invite` in state, a new pinned notice after it. */
async function resendNoticesInvite(script: SyncScript, invite: RawEvent) {
  const notice = messageEvent({ msgtype: "m.server_notice", body: "Read me" }, { sender: NOTICES_USER });
  await act(() =>
    script.push({
      join: {
        [NOTICES_ROOM]: {
          state: [invite],
          timeline: [notice, pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER })],
          limited: true,
        },
      },
    }),
  );
}

/** Alice still reads as in her notices room, and nothing asked the server to join it again. */
async function expectNoticesRoomKept(
  client: MatrixClient,
  hook: { result: { current: ReturnType<typeof useServerNotices> } },
  joins: { count: number },
) {
  expect(client.getRoom(NOTICES_ROOM)?.getMyMembership()).toBe("invite"); // what the SDK believes
  await waitFor(() => expect(hook.result.current.notices.map((n) => n.notice.body)).toEqual(["Read me"]));
  expect(hook.result.current.invite).toBeNull();
  expect(hook.result.current.room?.roomId).toBe(NOTICES_ROOM);
  expect(joins.count).toBe(0);
}

describe("a second invite with its own prev_content, heard while the SDK still counted Bob joined", () => {
  it("given Bob left, was invited again and joined, the second invite re-sent by a gappy sync reads as the join", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startInLounge([invite, join]);
    renderWelcome(client);
    const second = leaveAndReinvite(join);
    await push(script, [second.leave]);
    await act(() => script.push({ invite: { [ROOM]: [second.invite] } }));
    const rejoin = memberEvent(ME, "join", {
      prevMembership: "invite",
      unsigned: { replaces_state: second.invite.event_id },
    });
    await push(script, [rejoin]);
    await resendInviteGappy(script, second.invite);
    expectJoined(client);
  });

  it("given the notices room's second invite answered, its re-sending by a gappy sync asks for no second join", async () => {
    const { invite, join } = inviteAndJoin(ALICE, NOTICES_USER);
    const second = leaveAndReinvite(join, ALICE, NOTICES_USER);
    const rejoin = memberEvent(ALICE, "join", {
      prevMembership: "invite",
      unsigned: { replaces_state: second.invite.event_id },
    });
    const { client, script, joins, hook } = await noticesWorld({
      state: noticesState(),
      timeline: [invite, join, second.leave, second.invite, rejoin],
    });
    await resendNoticesInvite(script, second.invite);
    await expectNoticesRoomKept(client, hook, joins);
  });
});

describe("a join given in state only", () => {
  it("given the notices room's first sync with a timeline limit of 0, the answered invite re-sent asks for no second join", async () => {
    const { invite, join } = inviteAndJoin(ALICE, NOTICES_USER);
    const { client, script, joins, hook } = await noticesWorld(
      { state: [...noticesState(), join], timeline: [] },
      0,
    );
    await resendNoticesInvite(script, invite);
    await expectNoticesRoomKept(client, hook, joins);
  });

  for (const prevMembership of ["invite", undefined]) {
    it(`given a made-up join (prev_content ${prevMembership ?? "none"}) in an invite's state, in a room Bob left earlier, a later real invite reads as an invite`, async () => {
      const later = memberEvent(ME, "invite", { sender: EVIL });
      const { invite, join } = inviteAndJoin();
      const { client, script } = await startWorld(ME, {
        join: {
          ...hall,
          [ROOM]: {
            state: loungeState(),
            timeline: [invite, join, textMessageEvent("hello", { sender: MOD })],
          },
        },
      });
      await push(script, [
        memberEvent(ME, "leave", { prevMembership: "join", unsigned: { replaces_state: join.event_id } }),
      ]);
      await act(() =>
        script.push({
          invite: {
            [ROOM]: [
              memberEvent(ME, "invite", { sender: EVIL }),
              memberEvent(ME, "join", { prevMembership, unsigned: { replaces_state: later.event_id } }),
            ],
          },
          strippedStateAs: "whole",
        }),
      );
      // Only now a welcome hook (on another room): the watch starts and reads every room.
      renderWelcome(client, HALL);
      // The room's state still holds the welcome from Bob's stay: read as joined, it would show.
      await act(() => script.push({ invite: { [ROOM]: [later] }, strippedStateAs: "whole" }));
      expect(client.getRoom(ROOM)?.getMyMembership()).toBe("invite");
      const hook = renderWelcome(client);
      expect(hook.result.current.decision.reason).toBe("not-joined");
      expect(hook.result.current.shouldShow).toBe(false);
    });
  }
});

describe("a rejoin whose prev_content a redaction pruned", () => {
  it("given Bob left, was invited again and rejoined in one sync, the second invite re-sent reads as the rejoin", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startInLounge([invite, join]);
    renderWelcome(client);
    const second = leaveAndReinvite(join);
    const rejoin = redactedJoin(second.invite.event_id);
    await push(script, [second.leave, second.invite, rejoin]);
    await resendInviteGappy(script, second.invite);
    expectJoined(client);
  });

  it("given the leave and the second invite in a gap, the second invite re-sent reads as the rejoin", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startInLounge([invite, join]);
    renderWelcome(client);
    const second = memberEvent(ME, "invite", { sender: MOD });
    const rejoin = redactedJoin(second.event_id);
    await push(script, [textMessageEvent("hi", { sender: MOD }), rejoin], { limited: true });
    await resendInviteGappy(script, second);
    expectJoined(client);
  });
});
