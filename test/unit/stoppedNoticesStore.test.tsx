/**
 * Stopped notices stores (non-React code that keeps one, or a hook's store between an unmount and a remount) whose
 * notices room is then left and forgotten: they keep nothing of the Room, also after a read while stopped, and their
 * snapshot keeps its identity while nothing changed (useSyncExternalStore's rule), also across a stop and a start.
 */
import { act } from "@testing-library/react";
import type { Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { ServerNoticesRoomStore, ServerNoticesStore } from "../../src";
import { collected } from "../support/collected";
import { memberEvent, serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM, noticesRoom } from "../support/scenarios";
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
