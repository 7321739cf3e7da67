import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src/notices/useServerNotices";
import {
  pinnedEventsEvent,
  redactionEvent,
  serverNoticeEvent,
  textMessageEvent,
  usageLimitNoticeEvent,
} from "../support/events";
import { listenerTotal } from "../support/listeners";
import {
  mergeBatches,
  NOTICES_ROOM,
  NOTICES_USER,
  noticesRoom,
  noticesTimeline,
  ordinaryRoom,
} from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

async function setup(initial = {}) {
  const script = new SyncScript();
  const client = script.createClient();
  await script.start(client, initial);
  return { script, client };
}

const bodies = (r: { current: ReturnType<typeof useServerNotices> }) =>
  r.current.notices.map((n) => n.notice.body);

describe("useServerNotices", () => {
  it("given a pinned usage-limit notice in the timeline, it is reported without any fetch", async () => {
    const notice = usageLimitNoticeEvent();
    const { client, script } = await setup(
      noticesRoom("@alice:example.org", { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(result.current.notices).toHaveLength(1);
    expect(result.current.notices[0]).toMatchObject({
      eventId: notice.event_id,
      sender: NOTICES_USER,
      notice: { limitType: "monthly_active_user", adminContact: "mailto:admin@example.org" },
    });
    expect(script.requestsTo(/\/event\//)).toHaveLength(0);
  });

  it("when a notice is pinned live and then unpinned, it appears and disappears at once", async () => {
    const { client, script } = await setup(noticesRoom("@alice:example.org", { pinned: [] }));
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.notices).toHaveLength(0);
    const notice = serverNoticeEvent("Maintenance tonight");
    await act(() =>
      script.push(noticesTimeline(notice, pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER }))),
    );
    expect(bodies(result)).toEqual(["Maintenance tonight"]);
    await act(() => script.push(noticesTimeline(pinnedEventsEvent([], { sender: NOTICES_USER }))));
    expect(result.current.notices).toHaveLength(0);
  });

  it("given a pinned event not in the timeline, it is fetched exactly once", async () => {
    const notice = serverNoticeEvent("Fetched notice");
    const { client, script } = await setup(noticesRoom("@alice:example.org", { pinned: [notice.event_id] }));
    script.serveEvent(NOTICES_ROOM, notice);
    const { result, rerender } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Fetched notice"]));
    rerender();
    renderHook(() => useServerNotices(client));
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
  });

  it("an m.server_notice message pinned in an ordinary room is ignored", async () => {
    const notice = serverNoticeEvent("I am not from the server");
    const { client } = await setup(
      mergeBatches(
        ordinaryRoom("@alice:example.org", "!other:example.org", {
          timeline: [notice, pinnedEventsEvent([notice.event_id])],
        }),
      ),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room).toBeNull();
    expect(result.current.notices).toHaveLength(0);
  });

  it("non-notice pinned events are exposed separately, and a redacted notice is gone at once", async () => {
    const notice = serverNoticeEvent("Soon redacted");
    const other = textMessageEvent("ordinary pin", { sender: NOTICES_USER });
    const { client, script } = await setup(
      noticesRoom("@alice:example.org", {
        pinned: [notice.event_id, other.event_id],
        timeline: [notice, other],
      }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Soon redacted"]);
    expect(result.current.pinnedEvents.map((e) => e.getId())).toEqual([other.event_id]);
    await act(() => script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER }))));
    expect(result.current.notices).toHaveLength(0);
  });

  it("when sync fails with M_RESOURCE_LIMIT_EXCEEDED, a usage-limit notice is reported from the error", async () => {
    const { client, script } = await setup();
    const { result } = renderHook(() => useServerNotices(client));
    script.pushSyncFailure({
      status: 403,
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      error: "Monthly Active User Limit Exceeded",
      data: { limit_type: "monthly_active_user", admin_contact: "mailto:ops@example.org" },
    });
    await waitFor(() => expect(result.current.notices).toHaveLength(1));
    expect(result.current.notices[0]).toMatchObject({
      source: "resource-limit-error",
      notice: { limitType: "monthly_active_user", adminContact: "mailto:ops@example.org" },
    });
  });

  it("unmounting leaves no listeners on the client", async () => {
    const { client } = await setup(noticesRoom("@alice:example.org", { pinned: [] }));
    const room = client.getRoom(NOTICES_ROOM)!;
    const count = () => listenerTotal(client, room);
    const before = count();
    const { unmount } = renderHook(() => useServerNotices(client));
    expect(count()).toBeGreaterThan(before);
    unmount();
    expect(count()).toBe(before);
  });
});
