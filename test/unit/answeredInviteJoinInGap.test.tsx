/**
 * The answered-invite record when the user's join and a profile change after it both fall in a gap: this client saw
 * the invite, the user accepted it on another device and then changed their name or avatar (a global avatar change
 * writes a member event into every room) while this client was behind. The gappy sync's `state` holds only the
 * profile change, whose `replaces_state` names a join this client never saw; Synapse then re-sends the stale invite.
 * The invite comes as Synapse sends it (the invite event itself, whole, last in `invite_state`). All but the third and
 * fourth failed on c38c2c2 (found by a review, DK): nothing took a record, so the stale invite read as an invite (the
 * welcome hid; the notices room was offered as an invite again). The third failed on 56639c2 (found by a review, DL):
 * a record of the user's earlier join, whose leave no hook heard, stopped the re-invite's being taken. The fourth
 * guards the other direction: a real invite after such a record reads as an invite.
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
  renderWelcome,
  resendInviteGappy,
} from "../support/answeredInvite";
import { memberEvent, nameEvent, textMessageEvent } from "../support/events";
import { NOTICES_USER } from "../support/scenarios";
import { startWorld } from "../support/world";

/** The gappy sync after the join and its profile change on another device: only the profile change in `state`. */
const joinAndRenameInGap = (script: Parameters<typeof push>[0], join: Parameters<typeof profileChange>[0]) =>
  push(script, [textMessageEvent("hi", { sender: MOD })], {
    state: [...loungeState(), profileChange(join)],
    limited: true,
  });

/** Bob's invite to the lounge as Synapse sends it: the invite event itself, whole, last in `invite_state`. */
const pushInvite = (script: Parameters<typeof push>[0], invite: Parameters<typeof profileChange>[0]) =>
  act(() =>
    script.push({ invite: { [ROOM]: [nameEvent("Rules Lounge"), invite] }, strippedStateAs: "whole" }),
  );

/** A client with a welcome hook on the hall (the claim watch on) and Bob invited to the lounge. */
async function invitedUnderHallWatch() {
  const { invite, join } = inviteAndJoin();
  const { client, script } = await startWorld(ME, { join: hall });
  renderWelcome(client, HALL);
  await pushInvite(script, invite);
  return { client, script, invite, join };
}

describe("an invite answered by a join the gap hid, a profile change after it in the gappy sync's state", () => {
  it("given a welcome hook on the invited room, the stale invite re-sent later reads as the join", async () => {
    const { client, script, invite, join } = await invitedUnderHallWatch();
    const lounge = renderWelcome(client);
    await joinAndRenameInGap(script, join);
    lounge.rerender();
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given only a welcome hook on another room (the claim watch), the stale invite re-sent later reads as the join", async () => {
    const { client, script, invite, join } = await invitedUnderHallWatch();
    await joinAndRenameInGap(script, join);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given the lounge joined before and its leave unheard (no hook mounted then), a re-invite answered in a gap reads as the join when re-sent", async () => {
    const first = inviteAndJoin();
    const { client, script } = await startWorld(ME, { join: hall });
    const hallHook = renderWelcome(client, HALL);
    await pushInvite(script, first.invite);
    await act(() => script.push({ join: { [ROOM]: { state: loungeState(), timeline: [first.join] } } }));
    hallHook.unmount();
    const kick = memberEvent(ME, "leave", { sender: MOD, prevMembership: "join" });
    await act(() => script.push({ leave: { [ROOM]: { timeline: [kick] } } }));
    const { invite, join } = inviteAndJoin();
    await pushInvite(script, invite);
    renderWelcome(client);
    await joinAndRenameInGap(script, join);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given a record taken this way, a later real invite (kicked and invited again) reads as an invite", async () => {
    const { client, script, join } = await invitedUnderHallWatch();
    await joinAndRenameInGap(script, join);
    const again = memberEvent(ME, "invite", { sender: MOD });
    await pushInvite(script, again);
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("invite");
    expect(renderWelcome(client).result.current.decision.reason).toBe("not-joined");
  });

  it("given the notices room's hook alone, the stale invite re-sent later keeps the room joined, no invite offered", async () => {
    await expectNoticesRoomKept(
      (join) => ({
        state: [profileChange(join)],
        timeline: [textMessageEvent("hello", { sender: NOTICES_USER })],
        limited: true,
      }),
      { whole: true },
    );
  });
});
