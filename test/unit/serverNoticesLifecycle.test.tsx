import { act, render, renderHook, waitFor } from "@testing-library/react";
import { ClientEvent, Room } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import {
  createMemoryDismissStore,
  describeServerNoticeError,
  MAX_PINNED_EVENTS,
  NoticeBanner,
  ServerNoticesRoomStore,
  useServerNotices,
  useServerNoticesRoom,
} from "../../src";
import {
  createEvent,
  memberEvent,
  nameEvent,
  pinnedEventsEvent,
  redactionEvent,
  serverNoticeEvent,
  tagEvent,
  textMessageEvent,
  usageLimitNoticeEvent,
} from "../support/events";
import {
  mergeBatches,
  NOTICES_ROOM,
  NOTICES_USER,
  noticesRoom,
  noticesTimeline,
  ordinaryRoom,
} from "../support/scenarios";
import { SyncScript } from "../support/syncScript";
import { startPinningWorld } from "../support/world";

const ME = "@alice:example.org";

async function world(initial = {}) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, initial);
  return { script, client };
}

const pinBatch = (ids: unknown, timeline: ReturnType<typeof serverNoticeEvent>[] = []) =>
  noticesTimeline(...timeline, pinnedEventsEvent(ids, { sender: NOTICES_USER }));
const bodies = (r: { current: ReturnType<typeof useServerNotices> }) =>
  r.current.notices.map((n) => n.notice.body);

describe("server notices lifecycle", () => {
  it("given Synapse overwrites the pins with a usage-limit notice and later clears every server-notice pin, the banner list follows", async () => {
    const ordinary = textMessageEvent("House rules", { sender: NOTICES_USER });
    const info = serverNoticeEvent("Welcome to the server");
    const { client, script } = await world(
      noticesRoom(ME, { pinned: [ordinary.event_id, info.event_id], timeline: [ordinary, info] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Welcome to the server"]);
    expect(result.current.pinnedEvents).toHaveLength(1);

    const limit = usageLimitNoticeEvent();
    await act(() => script.push(pinBatch([limit.event_id], [limit])));
    expect(result.current.notices.map((n) => n.eventId)).toEqual([limit.event_id]);
    expect(result.current.pinnedEvents).toHaveLength(0);

    // When the limit clears, Synapse re-sends the pins minus every pinned m.server_notice message.
    await act(() => script.push(pinBatch([ordinary.event_id])));
    expect(result.current.notices).toHaveLength(0);
    expect(result.current.pinnedEvents.map((e) => e.getId())).toEqual([ordinary.event_id]);
  });

  it.each([
    ["502", { status: 502, errcode: "M_UNKNOWN" }],
    ["network failure", "network" as const],
  ])(
    "given a pinned event whose fetch fails (%s), the error is reported, retried, and the notice shows on recovery",
    async (_name, failure) => {
      const notice = serverNoticeEvent("Recovered");
      const { client, script } = await startPinningWorld(ME, notice);
      script.serveEvent(NOTICES_ROOM, notice);
      script.fail({ path: /\/event\// }, failure, 2);
      // No jitter: a retry at once could end the failure before a check sees it.
      const { result } = renderHook(() =>
        useServerNotices(client, { retry: { baseDelayMs: 20, jitter: 0 } }),
      );
      // Both read in one check: the state is transient (the third attempt succeeds 40 ms after the second failure),
      // and once waitFor's check has passed, a retry timer that expired meanwhile (a stalled host) may still run
      // before the next line does.
      await waitFor(() => {
        expect(result.current.error).not.toBeNull();
        expect(result.current.failedEventIds).toEqual([notice.event_id]);
      });
      await waitFor(() => expect(bodies(result)).toEqual(["Recovered"]));
      expect(result.current.error).toBeNull();
      expect(script.requestsTo(/\/event\//)).toHaveLength(3);
    },
  );

  it("given a fetched pinned notice (not in the timeline), when its redaction arrives, it is gone at once", async () => {
    const notice = serverNoticeEvent("Fetched, then redacted");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Fetched, then redacted"]));
    await act(() => script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER }))));
    expect(result.current.notices).toHaveLength(0);
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
  });

  it("given a failure that never ends, retries stop after the policy's attempts and the error stays reported", async () => {
    const notice = serverNoticeEvent("Never");
    const { client, script } = await startPinningWorld(ME, notice);
    script.fail({ path: /\/event\// }, { status: 500 }, 100);
    const { result } = renderHook(() =>
      useServerNotices(client, { retry: { baseDelayMs: 5, maxAttempts: 3 } }),
    );
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 60));
    expect(script.requestsTo(/\/event\//)).toHaveLength(3);
    expect(result.current.error).not.toBeNull();
    expect(result.current.notices).toHaveLength(0);
  });

  it.each([
    ["a string", "$abc"],
    ["an object", { $a: true }],
    ["numbers and nulls", [1, null, {}, []]],
    ["duplicates", ["$dup", "$dup", "$dup"]],
  ])(
    "given malformed pinned-events content (%s), nothing throws and only valid ids are looked up",
    async (_name, pinned) => {
      const { client, script } = await world(noticesRoom(ME, { pinned }));
      const { result } = renderHook(() => useServerNotices(client, { retry: { maxAttempts: 1 } }));
      await waitFor(() => expect(result.current.loading).toBe(false));
      expect(result.current.notices).toHaveLength(0);
      expect(script.requestsTo(/\/event\//).length).toBeLessThanOrEqual(1);
    },
  );

  it("given 10,000 pinned ids, at most MAX_PINNED_EVENTS are fetched, all in parallel", async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `$pin${i}:example.org`);
    const { client, script } = await world(noticesRoom(ME, { pinned: ids }));
    renderHook(() => useServerNotices(client, { retry: { maxAttempts: 1 } }));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(MAX_PINNED_EVENTS));
  });

  it("when sync fails with M_RESOURCE_LIMIT_EXCEEDED and then succeeds, the usage-limit notice appears and clears", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const { result } = renderHook(() => useServerNotices(client));
    script.pushSyncFailure({
      status: 403,
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      error: "Monthly Active User Limit Exceeded",
      data: { limit_type: "monthly_active_user", admin_contact: "javascript:alert(1)" },
    });
    await waitFor(() => expect(result.current.notices).toHaveLength(1));
    expect(result.current.notices[0]?.notice).toEqual({
      body: "Monthly Active User Limit Exceeded",
      serverNoticeType: "m.server_notice.usage_limit_reached",
      limitType: "monthly_active_user",
    });
    // The SDK retries after its keep-alive succeeds; the next good sync clears the notice.
    script.queueBatch({});
    await waitFor(() => expect(result.current.notices).toHaveLength(0), { timeout: 15_000 });
  }, 40_000);

  it("a usage-limit error is not shown twice when a pinned notice says the same", async () => {
    const limit = usageLimitNoticeEvent("monthly_active_user");
    const { client, script } = await world(noticesRoom(ME, { pinned: [limit.event_id], timeline: [limit] }));
    const { result } = renderHook(() => useServerNotices(client));
    script.pushSyncFailure({
      status: 403,
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      data: { limit_type: "monthly_active_user" },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(result.current.notices.map((n) => n.source)).toEqual(["pinned"]);
  });

  it("a resource-limit error on a send also surfaces as a notice", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const { result } = renderHook(() => useServerNotices(client));
    script.fail(
      { method: "PUT", path: /\/send\// },
      { status: 403, errcode: "M_RESOURCE_LIMIT_EXCEEDED", data: { limit_type: "hs_disabled" } },
    );
    await act(async () => {
      await client.sendTextMessage(NOTICES_ROOM, "hello").catch(() => undefined);
    });
    await waitFor(() => expect(result.current.notices[0]?.notice.limitType).toBe("hs_disabled"));
  });
});

describe("finding the notices room", () => {
  const invite = (roomId = NOTICES_ROOM, sender = NOTICES_USER) => ({
    invite: { [roomId]: [memberEvent(ME, "invite", { sender }), nameEvent("Server Notices", { sender })] },
  });

  it("given an invite from the notices sender, it is exposed as pending; rejecting fails with a friendly message; joining makes the tagged room appear", async () => {
    const { client, script } = await world(invite());
    script.fail(
      { method: "POST", path: /\/leave$/ },
      { status: 403, errcode: "M_CANNOT_LEAVE_SERVER_NOTICE_ROOM" },
    );
    const { result } = renderHook(() => useServerNoticesRoom(client, { noticesUserIds: [NOTICES_USER] }));
    expect(result.current.invite?.roomId).toBe(NOTICES_ROOM);
    expect(result.current.room).toBeNull();
    const error = await client.leave(NOTICES_ROOM).catch((e: unknown) => e);
    expect(describeServerNoticeError(error)?.title).toBe("You can't leave the Server Notices room");
    expect(script.requestsTo(/\/join/)).toHaveLength(0);

    // The tag arrives with the join (a homeserver sends no tags with invites).
    await act(() => script.push(noticesRoom(ME, { pinned: [] })));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(result.current.invite).toBeNull();
  });

  it("an invite from anyone else is not the notices invite, and a predicate can recognise it instead", async () => {
    const { client } = await world(invite(NOTICES_ROOM, "@stranger:example.org"));
    const { result: ids } = renderHook(() =>
      useServerNoticesRoom(client, { noticesUserIds: [NOTICES_USER] }),
    );
    expect(ids.current.invite).toBeNull();
    const { result: byName } = renderHook(() =>
      useServerNoticesRoom(client, { isNoticesInvite: ({ room }) => room.name === "Server Notices" }),
    );
    expect(byName.current.invite?.roomId).toBe(NOTICES_ROOM);
  });

  it("with autoJoin, the hook accepts the invite once, and retries a failed join", async () => {
    const { client, script } = await world(invite());
    script.fail({ method: "POST", path: /\/join/ }, { status: 500 });
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, {
        noticesUserIds: [NOTICES_USER],
        autoJoin: true,
        retry: { baseDelayMs: 300 },
      }),
    );
    await waitFor(() => expect(result.current.joinError).not.toBeNull());
    await waitFor(() => expect(script.requestsTo(/\/join/)).toHaveLength(2));
    await waitFor(() => expect(result.current.joinError).toBeNull());
    await act(() => script.push(noticesRoom(ME, { pinned: [] })));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(script.requestsTo(/\/join/)).toHaveLength(2);
  });

  it("a left room keeps its tag but is ignored; among several joined ones the most recently created wins", async () => {
    const OLD = "!old-notices:example.org";
    const NEW = "!new-notices:example.org";
    const LEFT = "!left-notices:example.org";
    const { client } = await world(
      mergeBatches(
        noticesRoom(ME, { roomId: OLD, pinned: [], createdTs: 1_000 }),
        noticesRoom(ME, { roomId: NEW, pinned: [], createdTs: 2_000 }),
        {
          leave: {
            [LEFT]: {
              state: [
                createEvent({ creator: NOTICES_USER, ts: 3_000 }),
                memberEvent(ME, "leave", { prevMembership: "join" }),
              ],
              accountData: [tagEvent({ "m.server_notice": {} })],
            },
          },
        },
      ),
    );
    const { result } = renderHook(() => useServerNoticesRoom(client));
    expect(result.current.room?.roomId).toBe(NEW);
  });

  it("when the user leaves the notices room, it is no longer the notices room", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const { result } = renderHook(() => useServerNoticesRoom(client));
    expect(result.current.room).not.toBeNull();
    await act(() =>
      script.push({
        leave: { [NOTICES_ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
      }),
    );
    expect(result.current.room).toBeNull();
  });
});

describe("finding the notices room among many", () => {
  it("mounting the banner on a synced client reads the room list twice (render, subscribe), not per snapshot read", async () => {
    const rooms = Array.from({ length: 50 }, (_, i) => ordinaryRoom(ME, `!room${i}:example.org`));
    const { client } = await world(mergeBatches(noticesRoom(ME), ...rooms));
    const reads = vi.spyOn(client, "getRooms");
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it("given a snapshot was read, a notices room stored in the same task before subscribing is found on subscribe", async () => {
    const { client } = await world();
    const store = new ServerNoticesRoomStore(client);
    expect(store.getSnapshot().room).toBeNull();
    // What the SDK does for a new room: store it, then emit ClientEvent.Room (nothing listens yet).
    const room = new Room("!new-notices:example.org", client, ME);
    room.updateMyMembership("join");
    room.tags = { "m.server_notice": { order: 0.5 } };
    client.store.storeRoom(room);
    client.emit(ClientEvent.Room, room);
    const unsubscribe = store.subscribe(() => undefined);
    expect(store.getSnapshot().room?.roomId).toBe("!new-notices:example.org");
    unsubscribe();
  });

  it("given a snapshot was read before subscribing, a notices room that arrives in between is found on subscribe", async () => {
    const { client, script } = await world();
    const store = new ServerNoticesRoomStore(client);
    expect(store.getSnapshot().room).toBeNull();
    await script.push(noticesRoom(ME));
    const unsubscribe = store.subscribe(() => undefined);
    expect(store.getSnapshot().room?.roomId).toBe(NOTICES_ROOM);
    unsubscribe();
  });
});
