/**
 * A stopped ServerNoticesStore (non-React code that keeps one, or a hook's store between an unmount and a remount)
 * whose notices room is then left and forgotten: the store keeps nothing of the Room, and its snapshot keeps its
 * identity while nothing changed (useSyncExternalStore's rule), also across a stop and a start.
 */
import { act } from "@testing-library/react";
import type { Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { ServerNoticesStore } from "../../src";
import { collected } from "../support/collected";
import { memberEvent, serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM, noticesRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";

/** A started client whose notices room pins a notice found in its timeline, and a store reading it. */
async function storeWithNotice() {
  const notice = serverNoticeEvent("Maintenance tonight");
  const world = await startWorld(ME, noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }));
  return { ...world, store: new ServerNoticesStore(world.client) };
}

describe("a stopped notices store", () => {
  it("given its notices room is left and forgotten after it stopped, it does not keep the Room alive", async () => {
    const { client, script, store } = await storeWithNotice();
    const hold: { room?: Room | undefined } = { room: client.getRoom(NOTICES_ROOM)! };
    const stop = store.subscribe(() => {});
    expect(store.getSnapshot().notices.map((n) => n.notice.body)).toEqual(["Maintenance tonight"]);
    stop();
    script.route({ method: "POST", path: /\/forget$/ }, () => ({ json: {} }));
    await script.push({
      leave: { [NOTICES_ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
    });
    await act(async () => {
      await client.forget(NOTICES_ROOM);
    });
    const ref = new WeakRef(hold.room!);
    hold.room = undefined;
    expect(await collected(ref)).toBe(true);
    // The next read says the room is gone.
    expect(store.getSnapshot()).toMatchObject({ room: null, notices: [] });
  });

  it("read again after it stopped, with nothing changed, its snapshot is the same object, and after it starts again", async () => {
    const { store } = await storeWithNotice();
    const stop = store.subscribe(() => {});
    const shown = store.getSnapshot();
    stop();
    expect(store.getSnapshot()).toBe(shown);
    expect(store.getSnapshot()).toBe(store.getSnapshot());
    const stopAgain = store.subscribe(() => {});
    expect(store.getSnapshot()).toBe(shown);
    stopAgain();
  });
});
