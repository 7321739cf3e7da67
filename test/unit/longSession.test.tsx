/**
 * A tab left open for a week in a busy account: rooms joined, marked seen, left and forgotten; a moderator editing the
 * welcome again and again; spam waves cleaned up. What the kit keeps, and the work a room switch costs, stay bounded
 * (counted after N and after 2N, not timed).
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import type { MatrixClient, Room } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import { DEVICE_SEEN_MARKS_PREFIX, useWelcomeMessage, WELCOME_SEEN_ACCOUNT_DATA_TYPE } from "../../src";
import { timelineRedactedIds } from "../../src/core/timelineRedactions";
import { memberEvent, redactionEvent, textMessageEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { seenMarkWrites } from "../support/seenMarks";
import type { SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

// The welcome store's per-client records are module-internal: they are read through the maps getOrCreate made.
const created: { key: unknown; value: unknown }[] = [];
vi.mock("../../src/core/getOrCreate.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/core/getOrCreate.js")>();
  return {
    getOrCreate: <K, V>(
      cache: { get(key: K): V | undefined; set(key: K, value: V): unknown },
      key: K,
      create: () => V,
    ) => {
      const had = cache.get(key);
      const value = original.getOrCreate(cache, key, create);
      if (!had) created.push({ key, value });
      return value;
    },
  };
});

const ME = "@bob:example.org";
const clientMaps = (client: MatrixClient) =>
  created
    .filter((c) => c.key === client && c.value instanceof Map)
    .map((c) => c.value as Map<string, unknown>);
const leave = (roomId: string) => ({
  leave: { [roomId]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
});

let rooms = 0;
/** Joins `count` new rooms with a welcome, one after another; `visit` runs while the user is in each, then they leave. */
async function churn(
  script: SyncScript,
  count: number,
  visit: (roomId: string, welcomeId: string) => Promise<void>,
) {
  for (let k = 0; k < count; k++) {
    const roomId = `!r${rooms++}:example.org`;
    const welcome = welcomeEvent(`Rules of ${roomId}`);
    await act(() => script.push(welcomeRoom(ME, roomId, { welcome: [welcome] })));
    await visit(roomId, welcome.event_id);
    await act(() => script.push(leave(roomId)));
  }
}

/** Spam messages, then their redactions, in `roomId`. */
async function spamWave(script: SyncScript, roomId: string, count: number) {
  for (let k = 0; k < count; k += 50) {
    const spam = Array.from({ length: 50 }, (_, i) =>
      textMessageEvent(`spam ${k + i}`, { sender: "@spam:evil.org" }),
    );
    await act(() => script.push({ join: { [roomId]: { timeline: spam } } }));
    const redactions = spam.map((s) => redactionEvent(s.event_id, { sender: "@mod:example.org" }));
    await act(() => script.push({ join: { [roomId]: { timeline: redactions } } }));
  }
}

describe("a week-long session", () => {
  it("given 15 and then 30 rooms whose welcomes were marked seen and left, a room switch reads this device's marks as often", async () => {
    const { client, script } = await startWorld(ME, {});
    const markAndLeave = (roomId: string, welcomeId: string) =>
      (async () => {
        const hook = renderHook(() => useWelcomeMessage(client, roomId));
        await waitFor(() => expect(hook.result.current.shouldShow).toBe(true));
        const writes = seenMarkWrites(script).length;
        act(() => hook.result.current.markSeen());
        await waitFor(() => expect(seenMarkWrites(script)).toHaveLength(writes + 1));
        await waitFor(() =>
          expect(
            client
              .getRoom(roomId)
              ?.getAccountData(WELCOME_SEEN_ACCOUNT_DATA_TYPE as never)
              ?.getContent(),
          ).toEqual({ event_ids: [welcomeId] }),
        );
        hook.unmount();
      })();
    const readsPerRoomSwitch = () => {
      const hook = renderHook(({ roomId }) => useWelcomeMessage(client, roomId), {
        initialProps: { roomId: "!elsewhere:example.org" },
      });
      const getItem = vi.spyOn(Storage.prototype, "getItem");
      hook.rerender({ roomId: "!another:example.org" });
      const reads = getItem.mock.calls.filter(([key]) => key === DEVICE_SEEN_MARKS_PREFIX + ME).length;
      getItem.mockRestore();
      hook.unmount();
      return reads;
    };
    await churn(script, 15, markAndLeave);
    const afterN = readsPerRoomSwitch();
    await churn(script, 15, markAndLeave);
    expect(readsPerRoomSwitch()).toBe(afterN);
  }, 60_000);

  it("given 70 and then 140 rooms joined, visited and forgotten, the joins the kit remembers stay under 65", async () => {
    const { client, script } = await startWorld(ME, {});
    script.route({ method: "POST", path: /\/forget$/ }, () => ({ json: {} }));
    const visitThenForget = async (roomId: string) => {
      renderHook(() => useWelcomeMessage(client, roomId)).unmount();
    };
    const remembered = () =>
      clientMaps(client).find((m) => [...m.values()].some((v) => typeof v === "object" && !!v && "last" in v))
        ?.size ?? 0;
    const forgetLeft = async () => {
      for (const room of client.getRooms()) await client.forget(room.roomId, true);
    };
    await churn(script, 70, visitThenForget);
    await forgetLeft();
    expect(remembered()).toBeLessThan(65);
    await churn(script, 70, visitThenForget);
    await forgetLeft();
    expect(client.getRooms()).toHaveLength(0);
    expect(remembered()).toBeLessThan(65);
  }, 90_000);

  it("given a moderator who set the welcome 100 times, the editions remembered as theirs stay at two, and their own newest is still no welcome to them", async () => {
    const ROOM = "!lounge:example.org";
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("v0", undefined, { sender: ME })] }),
    );
    const hook = renderHook(() => useWelcomeMessage(client, ROOM));
    for (let k = 1; k <= 100; k++)
      await act(() =>
        script.push({ join: { [ROOM]: { timeline: [welcomeEvent(`v${k}`, undefined, { sender: ME })] } } }),
      );
    const editions = clientMaps(client)
      .find((m) => m.get(ROOM) instanceof Set)
      ?.get(ROOM) as Set<string>;
    expect(editions.size).toBe(2);
    expect(hook.result.current.message?.text).toBe("v100");
    expect(hook.result.current.shouldShow).toBe(false);
    hook.unmount();
  }, 60_000);

  it("given 1,000 spam messages redacted in a room with a welcome, and a gap since, the redactions the kit keeps for it are the welcome's only", async () => {
    const ROOM = "!busy:example.org";
    const welcome = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    const hook = renderHook(() => useWelcomeMessage(client, ROOM));
    await spamWave(script, ROOM, 1_000);
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [textMessageEvent("morning")], limited: true } } }),
    );
    const room = client.getRoom(ROOM) as Room;
    expect(timelineRedactedIds(room).size).toBe(0);
    // The welcome's own redaction is still kept, and takes the welcome away.
    await act(() => script.push({ join: { [ROOM]: { timeline: [redactionEvent(welcome.event_id)] } } }));
    expect([...timelineRedactedIds(room)]).toEqual([welcome.event_id]);
    expect(hook.result.current.message).toBeNull();
    hook.unmount();
  }, 120_000);
});
