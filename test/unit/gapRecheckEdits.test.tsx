/**
 * An edit of a pinned notice known before a gap and redacted inside it (sync v2, banner mounted): the server answers
 * the check after the gap with the original and no bundled edit, and the original shows.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM, noticeEditAt, noticesGap, noticesRoom, noticesTimeline } from "../support/scenarios";
import { noticeBodies as bodies, showFetchedNotice, startWorld } from "../support/world";

const ME = "@alice:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("an edit redacted inside a gap", () => {
  it("a notice in the timeline (SDK's own) with a known edit: the edit redacted in the gap no longer shows", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const edit = noticeEditAt(notice.event_id, "Maintenance at 11", 2_000);
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice, edit] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"]));
    // The server's copy now: the edit was redacted in the gap, so nothing is bundled.
    script.serveEvent(NOTICES_ROOM, notice);
    await act(() => script.push(noticesGap()));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    await act(() => sleep(100));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
  });

  it("control: a fetched notice whose edit arrived live, the edit redacted in the gap, shows the original", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { script, result } = await showFetchedNotice(ME, notice);
    await act(() => script.push(noticesTimeline(noticeEditAt(notice.event_id, "Maintenance at 11", 2_000))));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"]));
    await act(() => script.push(noticesGap()));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    await act(() => sleep(100));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
  });
});
