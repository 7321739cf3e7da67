/**
 * A long session: thousands of notices pinned (found in the live timeline) and unpinned over days. The kit lets go of
 * each once it is unpinned, also after the SDK dropped it (a gappy sync): nothing keeps every notice ever pinned.
 */
import { renderHook, waitFor } from "@testing-library/react";
import type { MatrixEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { pinnedEventFetcher } from "../../src/notices/PinnedEventFetcher";
import { collected } from "../support/collected";
import { pinnedEventsEvent, serverNoticeEvent, textMessageEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom, noticesTimeline } from "../support/scenarios";
import { noticeBodies, startWorld } from "../support/world";

const ME = "@alice:example.org";

describe("pinned notices found locally over a long session", () => {
  it("given 1,000 notices pinned then unpinned (100 at a time), none is kept once unpinned", async () => {
    const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    const { result, unmount } = renderHook(() => useServerNotices(client));
    const all: string[] = [];
    for (let round = 0; round < 10; round++) {
      const batch = Array.from({ length: 100 }, (_, i) => serverNoticeEvent(`Notice ${round}-${i}`));
      const ids = batch.map((e) => e.event_id);
      all.push(...ids);
      await script.push(noticesTimeline(...batch, pinnedEventsEvent(ids, { sender: NOTICES_USER })));
      await waitFor(() => expect(result.current.notices).toHaveLength(100));
    }
    await script.push(noticesTimeline(pinnedEventsEvent([], { sender: NOTICES_USER })));
    await waitFor(() => expect(noticeBodies(result)).toEqual([]));
    unmount();
    const fetcher = pinnedEventFetcher(client);
    const kept = all.filter((id) => fetcher.get(NOTICES_ROOM, id) !== undefined);
    expect(kept).toEqual([]);
  }, 60_000);
});

describe("an unpinned notice the SDK dropped", () => {
  it("given a notice pinned, unpinned, and then a gappy sync, nothing keeps its MatrixEvent alive once unmounted", async () => {
    const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    const { result, unmount } = renderHook(() => useServerNotices(client));
    const notice = serverNoticeEvent("Old maintenance");
    await script.push(
      noticesTimeline(notice, pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER })),
    );
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Old maintenance"]));
    const hold: { ev?: MatrixEvent | undefined } = {
      ev: client.getRoom(NOTICES_ROOM)!.findEventById(notice.event_id),
    };
    expect(hold.ev).toBeDefined();
    await script.push(noticesTimeline(pinnedEventsEvent([], { sender: NOTICES_USER })));
    await waitFor(() => expect(noticeBodies(result)).toEqual([]));
    // A gappy sync: the SDK replaces the live timeline and drops the old events.
    await script.push({
      join: { [NOTICES_ROOM]: { timeline: [textMessageEvent("later")], limited: true } },
    });
    unmount();
    expect(client.getRoom(NOTICES_ROOM)!.findEventById(notice.event_id)).toBeUndefined();
    const ref = new WeakRef(hold.ev as MatrixEvent);
    hold.ev = undefined;
    expect(await collected(ref)).toBe(true);
  }, 30_000);
});

describe("the same without the kit", () => {
  it("the same notice, pinned, unpinned and dropped by a gappy sync with no kit mounted, is collected", async () => {
    const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    const notice = serverNoticeEvent("Old maintenance");
    await script.push(
      noticesTimeline(notice, pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER })),
    );
    const hold: { ev?: MatrixEvent | undefined } = {
      ev: client.getRoom(NOTICES_ROOM)!.findEventById(notice.event_id),
    };
    expect(hold.ev).toBeDefined();
    await script.push(noticesTimeline(pinnedEventsEvent([], { sender: NOTICES_USER })));
    await script.push({
      join: { [NOTICES_ROOM]: { timeline: [textMessageEvent("later")], limited: true } },
    });
    const ref = new WeakRef(hold.ev as MatrixEvent);
    hold.ev = undefined;
    expect(await collected(ref)).toBe(true);
  }, 30_000);
});
