/**
 * Stopped notices stores (non-React code that keeps one, or a hook's store between an unmount and a remount) whose
 * notices room is then left and forgotten: they keep nothing of the Room, also after a read while stopped, and their
 * snapshot keeps its identity while nothing changed (useSyncExternalStore's rule), also across a stop and a start.
 * What was waiting when they stopped (a pin change's read, an auto-join's retry) is not left running after them.
 */
import { act, waitFor } from "@testing-library/react";
import type { Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { ServerNoticesRoomStore, ServerNoticesStore } from "../../src";
import { collected } from "../support/collected";
import { memberEvent, messageEvent, pinnedEventsEvent, serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesInvite, noticesRoom } from "../support/scenarios";
import type { RecordedRequest } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";

/** A started client whose notices room pins a notice found in its timeline. */
async function worldWithNotice() {
  const notice = serverNoticeEvent("Maintenance tonight");
  return startWorld(ME, noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }));
}

/** Leaves and forgets the notices room, then tells whether the Room object was collected. */
async function forgottenRoomCollected({ client, script }: Awaited<ReturnType<typeof startWorld>>) {
  const hold: { room?: Room | undefined } = { room: client.getRoom(NOTICES_ROOM) ?? undefined };
  script.route({ method: "POST", path: /\/forget$/ }, () => ({ json: {} }));
  await script.push({
    leave: { [NOTICES_ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
  });
  await act(async () => {
    await client.forget(NOTICES_ROOM);
  });
  const ref = new WeakRef(hold.room as Room);
  hold.room = undefined;
  return collected(ref);
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bodies = (store: ServerNoticesStore) => store.getSnapshot().notices.map((n) => n.notice.body);

describe("a stopped notices store", () => {
  it("given its notices room is left and forgotten after it stopped, it does not keep the Room alive", async () => {
    const world = await worldWithNotice();
    const store = new ServerNoticesStore(world.client);
    const stop = store.subscribe(() => {});
    expect(bodies(store)).toEqual(["Maintenance tonight"]);
    stop();
    expect(await forgottenRoomCollected(world)).toBe(true);
    // The next read says the room is gone.
    expect(store.getSnapshot()).toMatchObject({ room: null, notices: [] });
  });

  it("given it was read once while stopped, the room left and forgotten afterwards is not kept alive either", async () => {
    const world = await worldWithNotice();
    const store = new ServerNoticesStore(world.client);
    const stop = store.subscribe(() => {});
    stop();
    await nextTask();
    expect(bodies(store)).toEqual(["Maintenance tonight"]);
    expect(await forgottenRoomCollected(world)).toBe(true);
    expect(store.getSnapshot()).toMatchObject({ room: null, notices: [] });
  });

  it("given the room store alone was read once while stopped, the forgotten room is not kept alive", async () => {
    const world = await worldWithNotice();
    const store = new ServerNoticesRoomStore(world.client);
    const stop = store.subscribe(() => {});
    stop();
    await nextTask();
    expect(store.getSnapshot().room?.roomId).toBe(NOTICES_ROOM);
    expect(await forgottenRoomCollected(world)).toBe(true);
    expect(store.getSnapshot().room).toBeNull();
  });

  it("given it stops while a pin change waits for the end of its sync response, nothing it leaves behind keeps it alive", async () => {
    // With thread support the SDK fetches the parent of a reaction to an unknown event before it ends the response:
    // held here, the response's new pins are applied and its end has not come when the store stops.
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [] }),
      {},
      { threadSupport: true },
    );
    const release = script.hold({ path: /\/event\/\$unknown/ }, () => ({
      status: 404,
      errcode: "M_NOT_FOUND",
    }));
    const held: { store?: ServerNoticesStore | undefined; stop?: (() => void) | undefined } = {};
    held.store = new ServerNoticesStore(client);
    held.stop = held.store.subscribe(() => {});
    const notice = serverNoticeEvent("Maintenance tonight");
    const pins = pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER });
    const reaction = messageEvent(
      { "m.relates_to": { rel_type: "m.annotation", event_id: "$unknown:example.org", key: "+1" } },
      { type: "m.reaction", sender: ME },
    );
    const token = script.queueBatch({
      join: { [NOTICES_ROOM]: { timeline: [reaction, notice, pins], stateAfter: [pins] } },
    });
    await waitFor(() => expect(script.requestsTo(/\/event\/\$unknown/)).toHaveLength(1));
    expect(
      client.getRoom(NOTICES_ROOM)?.currentState.getStateEvents("m.room.pinned_events", "")?.getId(),
    ).toBe(pins.event_id);
    held.stop();
    release();
    await script.nextSyncSince(token);
    const ref = new WeakRef(held.store);
    held.store = held.stop = undefined;
    expect(await collected(ref)).toBe(true);
  });

  it("read again after it stopped, with nothing changed, its snapshot is the same object, and after it starts again", async () => {
    const world = await worldWithNotice();
    const store = new ServerNoticesStore(world.client);
    const stop = store.subscribe(() => {});
    const shown = store.getSnapshot();
    stop();
    expect(store.getSnapshot()).toBe(shown);
    expect(store.getSnapshot()).toBe(store.getSnapshot());
    await nextTask();
    expect(store.getSnapshot()).toBe(shown);
    const stopAgain = store.subscribe(() => {});
    expect(store.getSnapshot()).toBe(shown);
    stopAgain();
  });
});

describe("a stopped notices room store with autoJoin", () => {
  it("given a failed auto-join waiting for its retry when it stops, started again, the join goes at once and its retry waits the policy's delay from that join (the old wait sends nothing)", async () => {
    const { client, script } = await startWorld(ME, noticesInvite(ME));
    script.fail({ method: "POST", path: /\/join/ }, { status: 502 }, 10);
    const joins = () => script.requestsTo(/\/join/);
    const store = new ServerNoticesRoomStore(client, {
      noticesUserIds: [NOTICES_USER],
      autoJoin: true,
      retry: { baseDelayMs: 300, jitter: 0 },
    });
    const stop = store.subscribe(() => {});
    await waitFor(() => expect(store.getSnapshot().joinError).not.toBeNull());
    // Halfway through the retry's wait: left running, it would send a join 150 ms after the new one.
    await sleep(150);
    stop();
    const stopAgain = store.subscribe(() => {});
    await waitFor(() => expect(joins()).toHaveLength(2));
    await waitFor(() => expect(joins()).toHaveLength(3));
    const [, again, retry] = joins() as [RecordedRequest, RecordedRequest, RecordedRequest];
    // Measured, not raced against a sleep: a stalled host can only make the gap longer.
    expect(retry.at - again.at).toBeGreaterThanOrEqual(295);
    stopAgain();
  });
});
