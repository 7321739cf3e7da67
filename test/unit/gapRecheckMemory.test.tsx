/**
 * Memory after a gappy sync while mounted (sync v2): a pinned notice from the timeline is checked after the gap, then
 * unpinned, then the banner unmounts. As pinnedNoticesLongSession requires for notices from the timeline, nothing keeps
 * the SDK's dropped MatrixEvent alive, and the fetcher lets go of the unpinned notice.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import type { MatrixEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { pinnedEventFetcher } from "../../src/notices/PinnedEventFetcher";
import { collected } from "../support/collected";
import { pinnedEventsEvent, serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesGap, noticesRoom, noticesTimeline } from "../support/scenarios";
import { noticeBodies, startWorld } from "../support/world";

const ME = "@alice:example.org";

describe("a notice from the timeline re-checked after a gap, then unpinned", () => {
  it("the SDK's dropped copy is collected, and the fetcher keeps nothing of the unpinned notice", async () => {
    const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    const { result, unmount } = renderHook(() => useServerNotices(client));
    const notice = serverNoticeEvent("Old maintenance");
    script.serveEvent(NOTICES_ROOM, notice);
    await act(() =>
      script.push(noticesTimeline(notice, pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER }))),
    );
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Old maintenance"]));
    const hold: { ev?: MatrixEvent | undefined } = {
      ev: client.getRoom(NOTICES_ROOM)!.findEventById(notice.event_id),
    };
    // A gappy sync while mounted: the SDK drops its copy, the kit checks the notice with the server.
    await act(() => script.push(noticesGap()));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Old maintenance"]));
    await act(() => script.push(noticesTimeline(pinnedEventsEvent([], { sender: NOTICES_USER }))));
    await waitFor(() => expect(noticeBodies(result)).toEqual([]));
    unmount();
    expect(client.getRoom(NOTICES_ROOM)!.findEventById(notice.event_id)).toBeUndefined();
    expect(pinnedEventFetcher(client).get(NOTICES_ROOM, notice.event_id)).toBeUndefined();
    const ref = new WeakRef(hold.ev as MatrixEvent);
    hold.ev = undefined;
    expect(await collected(ref)).toBe(true);
  }, 30_000);
});
