/**
 * The answered-invite record (a stale invite re-sent by a gappy sync reads as the join it was) when the join came in
 * a gappy sync's `state` with a profile change of the user's in its timeline: Synapse's shape after the user joined on
 * another device and then changed their name or avatar, while this client was behind (or signed in again). All failed
 * before stop 48 (found by a review, DB): the first three read the stale invite as an invite (the notices room asked to
 * join again); the fourth read a later invite an inviter's made-up join (in an earlier invite's stripped state) named
 * as a join, a welcome for a room not joined; the first with an empty timeline (a redacted profile change after a gap)
 * read the stale invite as an invite again since 96749ff. The rest failed on 25cead5, the first fix (found by a later
 * review, DD): the made-up join's record outlived a real join whose first rename came in the gap too, a redacted first
 * rename hid the join in state, and 25cead5 itself broke the second to last (a redacted rename naming an unanchored
 * join). The next two failed on 3a0bf79, that fix (found by a review, DF): two renames across a gap dropped the record.
 * The second of them (with its reader) and the last failed on bb7bec8 (found by a review, DH): a read of the user's
 * member event, the last rename, dropped the record again.
 */
import { act } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  expectJoined,
  expectNoticesRoomKept,
  HALL,
  hall,
  inviteAndJoin,
  loungeState,
  ME,
  MOD,
  profileChange,
  pushLounge as push,
  ROOM,
  redactedJoin,
  renderWelcome,
  resendInviteGappy,
} from "../support/answeredInvite";
import {
  createEvent,
  memberEvent,
  nameEvent,
  type RawEvent,
  textMessageEvent,
  welcomeEvent,
} from "../support/events";
import { NOTICES_USER } from "../support/scenarios";
import type { SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

/** One joined room's part of a sync. */
type JoinedRoom = NonNullable<SyncBatch["join"]>[string];

const EVIL = "@mallory:evil.example";
const EVIL_ROOM = "!lounge:evil.example";

/** An invite to the hostile room whose stripped state is passed on whole (not Synapse: it puts the invite last). */
const evilInvite = (stripped: RawEvent[]): SyncBatch => ({
  invite: { [EVIL_ROOM]: [createEvent({ creator: EVIL }), memberEvent(EVIL, "join"), ...stripped] },
  strippedStateAs: "whole",
});
const evilWelcome = () =>
  welcomeEvent("Verify your account at https://evil.example", undefined, { sender: EVIL });

/** The hostile room's welcome hook, mounted after the user left it unheard and `later` came: it must read an invite. */
async function expectLaterInviteUnanswered(
  client: Awaited<ReturnType<typeof startWorld>>["client"],
  script: Awaited<ReturnType<typeof startWorld>>["script"],
  later: RawEvent,
) {
  await act(() =>
    script.push({
      leave: { [EVIL_ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
    }),
  );
  await act(() => script.push(evilInvite([evilWelcome(), later])));
  expect(client.getRoom(EVIL_ROOM)?.getMyMembership()).toBe("invite");
  const hook = renderWelcome(client, EVIL_ROOM);
  expect(hook.result.current.decision.reason).toBe("not-joined");
  expect(hook.result.current.shouldShow).toBe(false);
}

/**
 * An inviter's made-up join (in an invite's stripped state, no invite of the user's beside it) names `later`; then a
 * real invite, the user's join of it synced as `joinedRoom(join)` gives, and a leave nothing heard: `later` must read
 * as an invite.
 */
async function expectMadeUpJoinOutlivedBy(joinedRoom: (join: RawEvent) => JoinedRoom) {
  const later = memberEvent(ME, "invite", { sender: EVIL });
  const { client, script } = await startWorld(ME, { join: hall });
  const watching = renderWelcome(client, HALL);
  const madeUp = memberEvent(ME, "join", {
    prevMembership: "invite",
    unsigned: { replaces_state: later.event_id },
  });
  await act(() => script.push(evilInvite([madeUp])));
  const real = memberEvent(ME, "invite", { sender: EVIL });
  await act(() => script.push(evilInvite([evilWelcome(), real])));
  const join = memberEvent(ME, "join", {
    prevMembership: "invite",
    unsigned: { replaces_state: real.event_id },
  });
  await act(() => script.push({ join: { [EVIL_ROOM]: joinedRoom(join) } }));
  watching.unmount();
  await expectLaterInviteUnanswered(client, script, later);
}

describe("a join in a gappy sync's state, a profile change in its timeline", () => {
  it("given a hook watching from the invite on, the stale invite re-sent later reads as the join", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startWorld(ME, { join: hall });
    renderWelcome(client, HALL);
    await act(() => script.push({ invite: { [ROOM]: [invite] } }));
    await push(script, [textMessageEvent("hi", { sender: MOD }), profileChange(join)], {
      state: [...loungeState(), join],
      limited: true,
    });
    expect(renderWelcome(client).result.current.message?.text).toBe("Be nice");
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given the client's first sync, the stale invite re-sent later reads as the join", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startWorld(ME, {
      join: {
        [ROOM]: {
          state: [...loungeState(), join],
          timeline: [textMessageEvent("hi", { sender: MOD }), profileChange(join)],
          limited: true,
        },
      },
    });
    renderWelcome(client);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given the notices room with autoJoin, the stale invite re-sent later does not make it join again", async () => {
    await expectNoticesRoomKept(
      (join) => ({
        state: [join],
        timeline: [textMessageEvent("x", { sender: NOTICES_USER }), profileChange(join)],
        limited: true,
      }),
      { autoJoin: true },
    );
  });

  it("given an earlier made-up join naming a later invite, that invite reads as an invite after the real join and a leave unheard", async () => {
    await expectMadeUpJoinOutlivedBy((join) => ({
      state: [createEvent({ creator: EVIL }), memberEvent(EVIL, "join"), join],
      timeline: [textMessageEvent("hello", { sender: EVIL }), profileChange(join)],
      limited: true,
    }));
  });

  for (const renameInTimeline of [true, false])
    it(`given an earlier made-up join, then a real join and its first rename both in the gap (state holds the rename${renameInTimeline ? ", the timeline a second one" : ""}), the later invite it named reads as an invite`, async () => {
      await expectMadeUpJoinOutlivedBy((join) => {
        const rename = profileChange(join);
        const again = memberEvent(ME, "join", {
          prevMembership: "join",
          displayName: "Bob again",
          unsigned: { replaces_state: rename.event_id },
        });
        return {
          state: [createEvent({ creator: EVIL }), memberEvent(EVIL, "join"), rename],
          timeline: [textMessageEvent("hello", { sender: EVIL }), ...(renameInTimeline ? [again] : [])],
          limited: true,
        };
      });
    });

  it("given the first rename in the timeline redacted (no prev_content), the stale invite re-sent later reads as the join", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startWorld(ME, { join: hall });
    renderWelcome(client, HALL);
    await act(() => script.push({ invite: { [ROOM]: [invite] } }));
    await push(script, [textMessageEvent("hi", { sender: MOD }), redactedJoin(join.event_id)], {
      state: [...loungeState(), join],
      limited: true,
    });
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });
});

describe("a join in state with an empty timeline", () => {
  /** Bob invited and then joined, the join in the sync's state, its timeline empty (not limited). */
  async function joinedInStateOnly() {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startWorld(ME, { join: hall });
    renderWelcome(client, HALL);
    await act(() => script.push({ invite: { [ROOM]: [invite, nameEvent("Rules Lounge")] } }));
    await act(() => script.push({ join: { [ROOM]: { state: [...loungeState(), join], timeline: [] } } }));
    return { client, script, invite, join };
  }

  it("given a profile change, a gap and a redacted change naming it, the stale invite reads as the join", async () => {
    const { client, script, invite, join } = await joinedInStateOnly();
    const rename = profileChange(join);
    await push(script, [rename]);
    await push(script, [textMessageEvent("gap", { sender: MOD })], { limited: true });
    await push(script, [redactedJoin(rename.event_id)]);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given a redacted profile change naming the join, the stale invite reads as the join", async () => {
    const { client, script, invite, join } = await joinedInStateOnly();
    await push(script, [redactedJoin(join.event_id)]);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  /** Another rename, naming `before`. */
  const renameAgain = (before: RawEvent, displayName = "Bob again") =>
    memberEvent(ME, "join", {
      prevMembership: "join",
      displayName,
      unsigned: { replaces_state: before.event_id },
    });

  it("given a gappy sync whose state holds a rename and whose timeline a second one, the stale invite reads as the join", async () => {
    const { client, script, invite, join } = await joinedInStateOnly();
    const rename = profileChange(join);
    await push(script, [textMessageEvent("gap", { sender: MOD }), renameAgain(rename)], {
      state: [rename],
      limited: true,
    });
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given a gappy sync whose state holds a rename, then a second rename, the stale invite reads as the join", async () => {
    const { client, script, invite, join } = await joinedInStateOnly();
    const rename = profileChange(join);
    await push(script, [textMessageEvent("gap", { sender: MOD })], { state: [rename], limited: true });
    await push(script, [renameAgain(rename)]);
    // A reader asks meanwhile (the second rename is the user's member event now).
    renderWelcome(client).unmount();
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given three renames, the first in a gappy sync's state, and a hook reading throughout, the stale invite reads as the join", async () => {
    const { client, script, invite, join } = await joinedInStateOnly();
    const hook = renderWelcome(client);
    const rename = profileChange(join);
    await push(script, [textMessageEvent("gap", { sender: MOD })], { state: [rename], limited: true });
    const second = renameAgain(rename);
    await push(script, [second]);
    hook.rerender();
    await push(script, [renameAgain(second, "Bob once more")]);
    hook.rerender();
    hook.unmount();
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });
});
