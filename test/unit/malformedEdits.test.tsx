// An edit of a pinned notice whose `m.new_content` is no object (null, a string, a number, an array) changes
// nothing: the notice keeps its own text, whether it sits in the timeline or was fetched.
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM, noticeEdit, noticesRoom, noticesTimeline } from "../support/scenarios";
import { noticeBodies as bodies, startPinningWorld, startWorld } from "../support/world";

const ME = "@alice:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An `m.replace` edit of `eventId` by the notices sender whose `m.new_content` is `newContent`. */
const editWith = (eventId: string, newContent: unknown) => ({
  ...serverNoticeEvent("* ignored"),
  content: {
    msgtype: "m.server_notice",
    body: "* ignored",
    "m.new_content": newContent,
    "m.relates_to": { rel_type: "m.replace", event_id: eventId },
  },
});

describe("an edit of a pinned notice whose new content is no object", () => {
  it.for<unknown>([null, "a string", 42, [], [{ msgtype: "m.server_notice", body: "array" }]])(
    "given the notice in the timeline, an edit with m.new_content %j leaves its banner as it was",
    async (bad) => {
      const notice = serverNoticeEvent("The real notice");
      const { client, script } = await startWorld(
        ME,
        noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
      );
      const { result } = renderHook(() => useServerNotices(client));
      expect(bodies(result)).toEqual(["The real notice"]);
      await act(() => script.push(noticesTimeline(editWith(notice.event_id, bad))));
      await act(() => sleep(20));
      expect(bodies(result)).toEqual(["The real notice"]);
      expect(result.current.pinnedEvents).toEqual([]);
    },
  );

  it("given a fetched notice, a live edit whose m.new_content is an array leaves it as it was", async () => {
    const notice = serverNoticeEvent("The real notice");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["The real notice"]));
    await act(() => script.push(noticesTimeline(editWith(notice.event_id, []))));
    await act(() => sleep(20));
    expect(bodies(result)).toEqual(["The real notice"]);
  });

  it("given the notice in the timeline, a well-formed edit after a malformed one is shown", async () => {
    const notice = serverNoticeEvent("The real notice");
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => script.push(noticesTimeline(editWith(notice.event_id, "broken"))));
    await act(() =>
      script.push(
        noticesTimeline(
          editWith(notice.event_id, { msgtype: "m.server_notice", body: "The corrected notice" }),
        ),
      ),
    );
    await waitFor(() => expect(bodies(result)).toEqual(["The corrected notice"]));
  });
});

describe("a well-formed edit dated before a malformed one", () => {
  // Found by the notices property test (seed 1817899381): the SDK keeps showing the newer malformed edit, so the
  // older well-formed one fires no `Replaced`, and a mounted banner kept the original while a fresh mount showed it.
  it("given the notice in the timeline and a malformed edit, when a well-formed edit dated earlier arrives, the mounted banner shows it, as a fresh one does", async () => {
    const notice = serverNoticeEvent("The real notice", { ts: 1_000 });
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    const malformed = { ...editWith(notice.event_id, [{ msgtype: "m.server_notice", body: "array" }]) };
    await act(() => script.push(noticesTimeline({ ...malformed, origin_server_ts: 50_000 })));
    const corrected = editWith(notice.event_id, { msgtype: "m.server_notice", body: "The corrected notice" });
    await act(() => script.push(noticesTimeline({ ...corrected, origin_server_ts: 30_000 })));
    await waitFor(() => expect(bodies(result)).toEqual(["The corrected notice"]));
    const fresh = renderHook(() => useServerNotices(client));
    expect(bodies(fresh.result)).toEqual(["The corrected notice"]);
  });
});

describe("a malformed edit after a well-formed one", () => {
  it("given a notice in the timeline edited to a correction, a later malformed edit keeps the correction", async () => {
    const notice = serverNoticeEvent("The real notice");
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    const good = noticeEdit(notice.event_id, "The corrected notice");
    await act(() => script.push(noticesTimeline(good)));
    await waitFor(() => expect(bodies(result)).toEqual(["The corrected notice"]));
    const bad = { ...editWith(notice.event_id, "broken"), origin_server_ts: good.origin_server_ts + 1000 };
    await act(() => script.push(noticesTimeline(bad)));
    await act(() => sleep(30));
    expect(bodies(result)).toEqual(["The corrected notice"]);
  });

  it("given the same notice fetched, a later malformed edit keeps the correction", async () => {
    const notice = serverNoticeEvent("The real notice");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["The real notice"]));
    const good = noticeEdit(notice.event_id, "The corrected notice");
    await act(() => script.push(noticesTimeline(good)));
    await waitFor(() => expect(bodies(result)).toEqual(["The corrected notice"]));
    const bad = { ...editWith(notice.event_id, "broken"), origin_server_ts: good.origin_server_ts + 1000 };
    await act(() => script.push(noticesTimeline(bad)));
    await act(() => sleep(30));
    expect(bodies(result)).toEqual(["The corrected notice"]);
  });
});
