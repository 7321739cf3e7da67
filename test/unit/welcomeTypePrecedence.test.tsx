/**
 * Which of the two welcome types speaks when the stable one carries no message: a stable-only client removes the
 * welcome by sending the stable type empty, and an older unstable welcome must not come back then. Through the real
 * sync pipeline.
 */
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, useWelcomeMessage } from "../../src";
import { stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { type SyncBatch, SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const MOD = "@mod:example.org";

async function world(initial: SyncBatch) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, initial);
  return { client, script };
}

const renderWelcome = (client: Awaited<ReturnType<typeof world>>["client"]) =>
  renderHook(() => useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }));

describe("a stable welcome event without a message", () => {
  it("given the stable welcome was emptied after the unstable one was set, a newcomer is shown nothing", async () => {
    const old = welcomeEvent("Rules from 2024 (superseded)", undefined, {
      unstable: true,
      ts: Date.now() - 5000,
    });
    const emptied = stateEvent("m.room.welcome", {}, { sender: MOD, ts: Date.now() });
    const { client } = await world(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [old, emptied] }),
    );
    const { result } = renderWelcome(client);
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
  });

  it("given an empty stable event older than the unstable welcome, the unstable welcome shows", async () => {
    const empty = stateEvent("m.room.welcome", {}, { sender: MOD, ts: Date.now() - 5000 });
    const current = welcomeEvent("Current rules", undefined, { unstable: true, ts: Date.now() });
    const { client } = await world(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [empty, current] }),
    );
    const { result } = renderWelcome(client);
    expect(result.current.message).toMatchObject({ eventId: current.event_id, text: "Current rules" });
    expect(result.current.shouldShow).toBe(true);
  });

  it("given the unstable welcome is showing, when a stable-only client empties the stable type, it goes away", async () => {
    const current = welcomeEvent("Current rules", undefined, { unstable: true, ts: Date.now() - 5000 });
    const { client, script } = await world(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [current] }),
    );
    const { result } = renderWelcome(client);
    expect(result.current.shouldShow).toBe(true);
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [stateEvent("m.room.welcome", {}, { sender: MOD, ts: Date.now() })] } },
      }),
    );
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
  });

  it("given the stable welcome was emptied, when a new unstable edition is sent after it, that edition shows", async () => {
    const emptied = stateEvent("m.room.welcome", {}, { sender: MOD, ts: Date.now() - 5000 });
    const { client, script } = await world(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [emptied] }),
    );
    const { result } = renderWelcome(client);
    expect(result.current.message).toBeNull();
    const edition = welcomeEvent("New rules", undefined, { unstable: true, ts: Date.now() });
    await act(() => script.push({ join: { [ROOM]: { timeline: [edition] } } }));
    expect(result.current.message).toMatchObject({ eventId: edition.event_id, text: "New rules" });
    expect(result.current.shouldShow).toBe(true);
  });
});
