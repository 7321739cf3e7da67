/**
 * Stores stopped while a real join that came as state only is weighed (one task: see claimedJoins.ts) let go of the
 * wait and its claim watch, and count the join once subscribed again (a review, CN).
 */
import { ClientEvent, RoomEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { ServerNoticesRoomStore, WelcomeEditPermissionStore } from "../../src";
import { createEvent, memberEvent, stateEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesInvite, noticesRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("stores stopped while a join is weighed", () => {
  it("given the editor's permission store unsubscribed during the join's sync and subscribed again after, the moderator may edit", async () => {
    const { client, script } = await startWorld(ME);
    const store = new WelcomeEditPermissionStore(client, ROOM, null);
    let un = store.subscribe(() => {});
    client.on(RoomEvent.MyMembership, () => {
      un();
    });
    const levels = stateEvent(
      "m.room.power_levels",
      { users: { [ME]: 100 }, state_default: 50 },
      { sender: MOD },
    );
    await script.push({
      join: {
        [ROOM]: {
          state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), levels, memberEvent(ME, "join")],
        },
      },
    });
    await sleep(5);
    un = store.subscribe(() => {});
    expect(store.getSnapshot().canEdit).toBe(true);
    un();
  });

  it("given the notices room store unsubscribed during the join's sync, no Event listener is left, and subscribed again the room counts", async () => {
    const { client, script } = await startWorld(ME);
    const bare = client.listenerCount(ClientEvent.Event);
    const store = new ServerNoticesRoomStore(client, { noticesUserIds: [NOTICES_USER], autoJoin: true });
    let un = store.subscribe(() => {});
    await script.push(noticesInvite(ME));
    const stopOnce = () => {
      client.off(ClientEvent.Room, stopOnce);
      un();
    };
    client.on(RoomEvent.MyMembership, function h() {
      client.off(RoomEvent.MyMembership, h);
      queueMicrotask(() => un());
    });
    await script.push(noticesRoom(ME, { pinned: [] }));
    await sleep(5);
    expect(client.listenerCount(ClientEvent.Event)).toBe(bare);
    un = store.subscribe(() => {});
    expect(store.getSnapshot().room?.roomId).toBe(NOTICES_ROOM);
    expect(script.requestsTo(/\/join/, "POST")).toHaveLength(1);
    un();
    void stopOnce;
  });
});
