/**
 * Synapse without MSC4222 can answer a sync whose timeline forked from the user's join with a `state` block holding
 * the invite that join answered, and matrix-js-sdk then believes the user is invited again. The notices stores were
 * not fooled by it; the welcome, its seen marks and the editor's permission now read membership the same way: the
 * user stays joined.
 */
import { act, renderHook } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, useWelcomeEditPermission, useWelcomeMessage } from "../../src";
import {
  createEvent,
  memberEvent,
  nameEvent,
  stateEvent,
  textMessageEvent,
  welcomeEvent,
} from "../support/events";
import { ownProfileChange } from "../support/scenarios";
import type { SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";

const renderWelcome = (client: MatrixClient) =>
  renderHook(() => useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }));

/** Bob invited to a welcome room, then joined from that invite (his join replaces it). */
async function joinedFromInvite() {
  const invite = memberEvent(ME, "invite", { sender: MOD });
  const join = memberEvent(ME, "join", {
    prevMembership: "invite",
    unsigned: { replaces_state: invite.event_id },
  });
  const { client, script } = await startWorld(ME, {
    invite: { [ROOM]: [invite, nameEvent("Rules Lounge")] },
  });
  const welcome = renderWelcome(client);
  await act(() =>
    script.push({
      join: {
        [ROOM]: {
          state: [
            createEvent({ creator: MOD }),
            memberEvent(MOD, "join"),
            nameEvent("Rules Lounge"),
            welcomeEvent("Be nice"),
          ],
          timeline: [join],
        },
      },
    }),
  );
  return { client, script, invite, welcome };
}

/** The forked sync: the answered invite in `state`, a message after it (`limited`: a gappy sync, a fresh timeline). */
const resendInvite = (script: SyncScript, invite: ReturnType<typeof memberEvent>, limited = false) =>
  act(() =>
    script.push({
      join: {
        [ROOM]: { state: [invite], timeline: [textMessageEvent("Welcome Bob!", { sender: MOD })], limited },
      },
    }),
  );

describe("a welcome room's answered invite sent again", () => {
  it("given Bob joined from an invite and sees the welcome, when a sync sends the answered invite again, it stays shown", async () => {
    const { client, script, invite, welcome } = await joinedFromInvite();
    expect(welcome.result.current.shouldShow).toBe(true);

    await resendInvite(script, invite);

    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("invite"); // what the SDK believes
    expect(welcome.result.current.decision.reason).toBe("first-join");
    expect(welcome.result.current.shouldShow).toBe(true);
  });

  it("given that sync came, a welcome mounted afterwards (a room switch back) reads Bob as joined", async () => {
    const { client, script, invite } = await joinedFromInvite();
    await resendInvite(script, invite);

    const again = renderWelcome(client);

    expect(again.result.current.decision.reason).toBe("first-join");
    expect(again.result.current.message?.text).toBe("Be nice");
  });

  it("given Bob changed his display name after joining, when a gappy sync sends the answered invite again, a welcome mounted then reads him as joined", async () => {
    const { client, script, invite } = await joinedFromInvite();
    // A profile change: another join, replacing the first (every room gets one when a user renames themselves).
    await act(() => script.push(ownProfileChange(client, ROOM, "Bobby")));
    renderWelcome(client); // a room switch back reads the membership while joined
    // The forked sync, limited: its timeline starts afresh and holds no member event of Bob's.
    await resendInvite(script, invite, true);
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("invite"); // what the SDK believes

    const again = renderWelcome(client);

    expect(again.result.current.decision.reason).not.toBe("not-joined");
    expect(again.result.current.message?.text).toBe("Be nice");
  });

  it("given no profile change, when a gappy sync sends the answered invite again, a welcome mounted then reads Bob as joined (control)", async () => {
    const { client, script, invite } = await joinedFromInvite();
    await resendInvite(script, invite, true);
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("invite");

    const again = renderWelcome(client);

    expect(again.result.current.decision.reason).not.toBe("not-joined");
    expect(again.result.current.message?.text).toBe("Be nice");
  });

  it("given a moderator who joined from an invite, when the answered invite comes again, they can still edit the welcome", async () => {
    const invite = memberEvent(ME, "invite", { sender: MOD });
    const join = memberEvent(ME, "join", {
      prevMembership: "invite",
      unsigned: { replaces_state: invite.event_id },
    });
    const { client, script } = await startWorld(ME, {
      join: {
        [ROOM]: {
          state: [
            createEvent({ creator: MOD }),
            memberEvent(MOD, "join"),
            stateEvent("m.room.power_levels", { users: { [MOD]: 100, [ME]: 100 }, state_default: 50 }),
          ],
          timeline: [invite, join],
        },
      },
    });
    const { result } = renderHook(() => useWelcomeEditPermission(client, ROOM));
    expect(result.current.canEdit).toBe(true);

    await resendInvite(script, invite);

    expect(result.current.canEdit).toBe(true);
    expect(result.current.reason).not.toBe("not-joined");
  });
});
