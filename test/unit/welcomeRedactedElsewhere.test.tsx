/**
 * A welcome known only from a room's state section is redacted while the app's welcome hook watches another room
 * (the one the user is looking at); a gappy sync of the redacted room then drops the timeline that held the
 * redaction (no timeline support). When the user opens that room, its redacted welcome must not show: README keeps
 * out of reach only the case where no kit hook was mounted at all.
 */
import { act, renderHook } from "@testing-library/react";
import { RoomEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { useWelcomeMessage } from "../../src";
import {
  createEvent,
  memberEvent,
  nameEvent,
  redactionEvent,
  textMessageEvent,
  welcomeEvent,
} from "../support/events";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const A = "!a:example.org";
const B = "!b:example.org";
const DAY = 86_400_000;

/** A room the user just joined, whose welcome (set a day ago) arrives in its state section. */
function roomWithWelcome(name: string) {
  const welcome = welcomeEvent(`Rules of ${name}`, undefined, { sender: MOD, ts: Date.now() - DAY });
  const spec = {
    state: [
      createEvent({ creator: MOD, ts: Date.now() - 60 * DAY }),
      memberEvent(MOD, "join", { ts: Date.now() - 60 * DAY }),
      nameEvent(name),
      welcome,
    ],
    timeline: [memberEvent(ME, "join", { prevMembership: "invite", unsigned: { age: 0 } })],
  };
  return { welcome, spec };
}

async function twoRooms() {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  const a = roomWithWelcome("A");
  const b = roomWithWelcome("B");
  await script.start(client, { join: { [A]: a.spec, [B]: b.spec } });
  /** A moderator redacts B's welcome, then B comes with a gap (a busy room). */
  const redactThenGapInB = async () => {
    await act(() =>
      script.push({ join: { [B]: { timeline: [redactionEvent(b.welcome.event_id, { sender: MOD })] } } }),
    );
    await act(() =>
      script.push({
        join: { [B]: { timeline: [textMessageEvent("lots of chat", { sender: MOD })], limited: true } },
      }),
    );
  };
  return { client, redactThenGapInB };
}

describe("a welcome redacted in a room no hook watched, then a gap there", () => {
  it("given the app's welcome hook watches room A, when B's welcome is redacted and B has a gap, B shows no welcome when opened", async () => {
    const { client, redactThenGapInB } = await twoRooms();
    const onA = renderHook(() => useWelcomeMessage(client, A));
    expect(onA.result.current.message?.text).toBe("Rules of A");
    await redactThenGapInB();
    onA.rerender();
    const onB = renderHook(() => useWelcomeMessage(client, B));
    expect(onB.result.current.message).toBeNull();
    expect(onB.result.current.shouldShow).toBe(false);
    // A's welcome is untouched.
    expect(onA.result.current.message?.text).toBe("Rules of A");
  });

  it("given the hooks unmount, the client's timeline listeners are back to what they were", async () => {
    const { client } = await twoRooms();
    const before = client.listenerCount(RoomEvent.Timeline);
    const one = renderHook(() => useWelcomeMessage(client, A));
    const two = renderHook(() => useWelcomeMessage(client, B));
    one.unmount();
    two.unmount();
    expect(client.listenerCount(RoomEvent.Timeline)).toBe(before);
  });
});
