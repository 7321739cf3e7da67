/**
 * A redaction prunes a member event's `prev_content` (a server sends a redacted event so; `replaces_state` stays), so
 * the user's profile change, once redacted, looks like a join that answered whatever it replaced: the previous join.
 * The invite the run of joins really answered must still be the one remembered, so that a gappy sync re-sending it
 * (Synapse without MSC4222) reads as the join. The first two failed before stop 47 (found by a review, CX, stop 46),
 * as did the third (a stale invite beside a live timeline whose last member event of Bob's is a profile change); the
 * last two (a redacted profile change naming one out of sight, found by a review, CZ) failed on 004ba07.
 */
import { act } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  expectJoined,
  inviteAndJoin,
  ME,
  MOD,
  profileChange,
  pushLounge as push,
  ROOM,
  redactedJoin,
  renderWelcome,
  resendInviteGappy,
  startInLounge,
} from "../support/answeredInvite";
import { memberEvent, textMessageEvent } from "../support/events";

/** Bob's invite and the join that answered it, then a profile change: as the server sends it once redacted. */
function joinThenRedactedProfileChange() {
  const { invite, join } = inviteAndJoin();
  return { invite, join, redactedRename: redactedJoin(join.event_id) };
}

describe("a redacted profile change does not replace the invite Bob's join answered", () => {
  it("given a welcome hook on the lounge, when a redacted profile change comes and then the stale invite, Bob reads as joined", async () => {
    const { invite, join, redactedRename } = joinThenRedactedProfileChange();
    const { client, script } = await startInLounge([invite, join]);
    const hook = renderWelcome(client);
    expect(hook.result.current.message?.text).toBe("Be nice");
    await push(script, [redactedRename]);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given the join and the redacted profile change in one sync before any hook, the stale invite reads as the join", async () => {
    const { invite, join, redactedRename } = joinThenRedactedProfileChange();
    const { client, script } = await startInLounge([invite, join, redactedRename]);
    renderWelcome(client);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given a profile change after the join in the live timeline, the invite re-sent without a gap reads as the join", async () => {
    const { invite, join } = joinThenRedactedProfileChange();
    const rename = profileChange(join);
    const { client, script } = await startInLounge([invite, join, rename]);
    // No hook read the lounge while joined: only its live timeline tells which invite the join answered.
    await push(script, [textMessageEvent("Welcome Bob!", { sender: MOD })], { state: [invite] });
    expectJoined(client);
  });

  it("given Bob's join itself redacted, the stale invite still reads as the join", async () => {
    const invite = memberEvent(ME, "invite", { sender: MOD });
    const join = redactedJoin(invite.event_id);
    const { client, script } = await startInLounge([invite, join]);
    renderWelcome(client);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given Bob left after a redacted profile change and was invited again, the new invite reads as an invite", async () => {
    const { invite, join, redactedRename } = joinThenRedactedProfileChange();
    const { client, script } = await startInLounge([invite, join, redactedRename]);
    renderWelcome(client);
    await push(script, [memberEvent(ME, "leave", { prevMembership: "join", sender: MOD })]);
    const again = memberEvent(ME, "invite", { sender: MOD });
    // The room's state still holds the welcome from Bob's stay: read as joined, it would show.
    await act(() => script.push({ invite: { [ROOM]: [again] }, strippedStateAs: "whole" }));
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("invite");
    const hook = renderWelcome(client);
    expect(hook.result.current.decision.reason).toBe("not-joined");
    expect(hook.result.current.shouldShow).toBe(false);
  });
  it("given a profile change, a gap, then a redacted profile change naming the one before the gap, the stale invite reads as the join", async () => {
    const { invite, join } = joinThenRedactedProfileChange();
    const { client, script } = await startInLounge([invite, join]);
    renderWelcome(client);
    const rename = profileChange(join);
    await push(script, [rename]);
    await push(script, [textMessageEvent("gap", { sender: MOD })], { limited: true });
    await push(script, [redactedJoin(rename.event_id)]);
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });

  it("given a profile change in a gap's state, then a redacted one naming it, the stale invite reads as the join", async () => {
    const { invite, join } = joinThenRedactedProfileChange();
    const { client, script } = await startInLounge([invite, join]);
    renderWelcome(client);
    const rename = profileChange(join);
    await push(script, [textMessageEvent("gap", { sender: MOD }), redactedJoin(rename.event_id)], {
      state: [rename],
      limited: true,
    });
    await resendInviteGappy(script, invite);
    expectJoined(client);
  });
});
