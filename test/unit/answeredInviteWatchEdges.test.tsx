/**
 * The invite a join answered is remembered while the room is joined, so that the same invite re-sent by a gappy sync
 * (Synapse without MSC4222, its `state` block holding the replaced invite, its timeline starting afresh) still reads as
 * the join it was. These pin when that record is taken for a room no hook looks at yet: the welcome watch (any welcome
 * hook) is on another room, and a welcome for the room is mounted only after the stale invite came. Written by a study
 * of the sync's kit share (stop 45) to pin the behaviour before a change that was then not applied; the watch itself
 * takes the record since stop 46: when it starts (for rooms joined before) and as it hears the user's joins.
 */
import { act } from "@testing-library/react";
import { describe, it } from "vitest";
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
  ROOM,
  renderWelcome,
  resendInviteGappy,
} from "../support/answeredInvite";
import {
  createEvent,
  memberEvent,
  messageEvent,
  nameEvent,
  type RawEvent,
  textMessageEvent,
  welcomeEvent,
} from "../support/events";
import { NOTICES_USER } from "../support/scenarios";
import type { SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

/** A profile change of Bob's in the lounge (replacing `join`), and `extra` after it. */
const renameBob = (script: SyncScript, join: RawEvent, extra: RawEvent[] = []) =>
  act(() => script.push({ join: { [ROOM]: { timeline: [profileChange(join), ...extra] } } }));

/** A client with the hall joined and a welcome hook on it; Bob invited to the lounge, then joined from that invite. */
async function joinedWhileWatching() {
  const { invite, join } = inviteAndJoin();
  const { client, script } = await startWorld(ME, { join: hall });
  renderWelcome(client, HALL);
  await act(() => script.push({ invite: { [ROOM]: [invite, nameEvent("Rules Lounge")] } }));
  await act(() => script.push({ join: { [ROOM]: { state: loungeState(), timeline: [join] } } }));
  return { client, script, invite, join };
}

describe("an answered invite re-sent by a gappy sync, in a room no hook looked at while joined", () => {
  it("given Bob joined from an invite while a welcome hook watched another room, a welcome mounted after the stale invite reads him as joined", async () => {
    const { client, script, invite } = await joinedWhileWatching();
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given Bob then changed his display name, a welcome mounted after the stale invite reads him as joined", async () => {
    const { client, script, invite, join } = await joinedWhileWatching();
    await renameBob(script, join);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given the display-name change came with a new welcome (read while joined), the stale invite still reads as the join", async () => {
    const { client, script, invite, join } = await joinedWhileWatching();
    await renameBob(script, join, [welcomeEvent("Be nice", undefined, { sender: MOD })]);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given Bob left and was invited and joined again, the second invite re-sent reads as the second join", async () => {
    const { client, script, join } = await joinedWhileWatching();
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: [
              memberEvent(ME, "leave", {
                prevMembership: "join",
                unsigned: { replaces_state: join.event_id },
              }),
            ],
          },
        },
      }),
    );
    const second = inviteAndJoin();
    await act(() => script.push({ invite: { [ROOM]: [second.invite] } }));
    await act(() => script.push({ join: { [ROOM]: { state: loungeState(), timeline: [second.join] } } }));
    await resendInviteGappy(script, second.invite);
    expectJoined(client);
  });
  it("given Bob joined a room with no name and no welcome while a welcome hook watched another room, a welcome set meanwhile and sent with the stale invite shows", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startWorld(ME, { join: hall });
    renderWelcome(client, HALL);
    await act(() => script.push({ invite: { [ROOM]: [invite] } }));
    const bare = [createEvent({ creator: MOD }), memberEvent(MOD, "join")];
    await act(() => script.push({ join: { [ROOM]: { state: bare, timeline: [join] } } }));
    // The gappy sync's state holds the welcome set while Bob was away, beside the answered invite.
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            state: [invite, welcomeEvent("Be nice")],
            timeline: [textMessageEvent("Welcome Bob!", { sender: MOD })],
            limited: true,
          },
        },
      }),
    );
    expectJoined(client);
  });
});

describe("an answered invite re-sent by a gappy sync, for a join that came before any hook was mounted", () => {
  /** Bob joined the lounge from an invite in the first sync, before any hook; the hall is there too. */
  async function joinedBeforeHooks() {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startWorld(ME, {
      join: { ...hall, [ROOM]: { state: loungeState(), timeline: [invite, join] } },
    });
    return { client, script, invite, join };
  }

  it("given a welcome hook then mounted on the lounge itself, a welcome mounted after the stale invite reads Bob as joined", async () => {
    const { client, script, invite } = await joinedBeforeHooks();
    renderWelcome(client);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given a welcome hook then mounted on another room, and the lounge's welcome edited since, the stale invite reads as the join", async () => {
    const { client, script, invite } = await joinedBeforeHooks();
    renderWelcome(client, HALL);
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [welcomeEvent("Be nice", undefined, { sender: MOD })] } } }),
    );
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given a welcome hook then mounted on another room and nothing since in the lounge, the stale invite reads as the join", async () => {
    const { client, script, invite } = await joinedBeforeHooks();
    renderWelcome(client, HALL);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });
});

/** The notices room's join sync: a notice, then `joinEvents(join)` in its timeline. */
const joinedWith = (joinEvents: (join: RawEvent) => RawEvent[]) => (join: RawEvent) => ({
  timeline: [
    messageEvent({ msgtype: "m.server_notice", body: "hello" }, { sender: NOTICES_USER }),
    ...joinEvents(join),
  ],
});

describe("a notices room whose answered invite a gappy sync re-sends", () => {
  it("given Bob joined the notices room from its invite under a mounted hook, the gappy stale invite leaves it the notices room, with no second join", async () => {
    await expectNoticesRoomKept(joinedWith((join) => [join]));
  });
});

// The invite a join answered is remembered for the join shapes a homeserver really sends. Found by a review (CW,
// stop 46): the first two and the "empty timeline" tests failed after 4810ce4 (the record taken only from the current
// member event, and only with timeline events); the "first sync" and notices ones failed before it too.
describe("the answered invite of real join shapes, re-sent by a gappy sync", () => {
  it("given a join and a profile change in one sync's timeline while a welcome hook watched another room, the stale invite reads as the join", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startWorld(ME, { join: hall });
    renderWelcome(client, HALL);
    await act(() => script.push({ invite: { [ROOM]: [invite, nameEvent("Rules Lounge")] } }));
    await act(() =>
      script.push({ join: { [ROOM]: { state: loungeState(), timeline: [join, profileChange(join)] } } }),
    );
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given the same with the welcome hook on the lounge itself, the stale invite reads as the join", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startWorld(ME, { join: hall });
    renderWelcome(client, ROOM);
    await act(() => script.push({ invite: { [ROOM]: [invite, nameEvent("Rules Lounge")] } }));
    await act(() =>
      script.push({ join: { [ROOM]: { state: loungeState(), timeline: [join, profileChange(join)] } } }),
    );
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given a first sync holding the invite, the join and a profile change, and a hook mounted after, the stale invite reads as the join", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startWorld(ME, {
      join: { ...hall, [ROOM]: { state: loungeState(), timeline: [invite, join, profileChange(join)] } },
    });
    renderWelcome(client, ROOM);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given a join in the state of a sync with an empty timeline while a hook watched, the stale invite reads as the join", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startWorld(ME, { join: hall });
    renderWelcome(client, HALL);
    await act(() => script.push({ invite: { [ROOM]: [invite, nameEvent("Rules Lounge")] } }));
    await act(() => script.push({ join: { [ROOM]: { state: [...loungeState(), join], timeline: [] } } }));
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given a first sync with the join in state and an empty timeline (initialSyncLimit 0), the stale invite reads as the join", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startWorld(ME, {
      join: { ...hall, [ROOM]: { state: [...loungeState(), join], timeline: [] } },
    });
    renderWelcome(client, ROOM);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given the same and a message before the stale invite, it still reads as the join", async () => {
    const { invite, join } = inviteAndJoin();
    const { client, script } = await startWorld(ME, {
      join: { ...hall, [ROOM]: { state: [...loungeState(), join], timeline: [] } },
    });
    renderWelcome(client, ROOM);
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [textMessageEvent("hi", { sender: MOD })] } } }),
    );
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given the notices room joined with a profile change in the same sync under useServerNotices alone, the stale invite leaves it the notices room", async () => {
    await expectNoticesRoomKept(joinedWith((join) => [join, profileChange(join)]));
  });
});
