/**
 * Edits of pinned notices and their redactions, in the cases the model-based property test
 * (noticesModel.property.test.tsx) found wrong, each as a plain scenario through the real sync pipeline: an edit of a
 * pinned notice shows at once (also one made while nothing was mounted), only edits by the notice's sender count, and
 * when the shown edit is redacted the one before it shows (also a redaction that came while the notice was fetched,
 * and the user's own once the homeserver accepted it).
 */
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { pinnedEventsEvent, redactionEvent, serverNoticeEvent } from "../support/events";
import {
  NOTICES_ROOM,
  NOTICES_USER,
  noticeEditAt,
  noticesRoom,
  noticesTimeline,
  withBundledEdit,
} from "../support/scenarios";
import { noticeBodies as bodies, showFetchedNotice, startPinningWorld, startWorld } from "../support/world";

const ME = "@alice:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("edits of pinned notices and their redactions", () => {
  it("given a fetched pinned notice, an edit by its sender that arrives while nothing is mounted shows on the next mount", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script } = await showFetchedNotice(ME, notice);
    cleanup(); // nothing mounted
    const edit = noticeEditAt(notice.event_id, "Maintenance at 11", 2_000);
    script.serveEvent(NOTICES_ROOM, withBundledEdit(notice, edit)); // the server has it too
    await script.push(noticesTimeline(edit)); // no gap: the edit is in the live timeline
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(50));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });

  it("given a fetched pinned notice with two edits in the timeline, redacting the newer (bundled) edit shows the older one", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    const { result } = renderHook(() => useServerNotices(client));
    const older = noticeEditAt(notice.event_id, "Maintenance at 11", 2_000);
    const newer = noticeEditAt(notice.event_id, "Maintenance at 12", 3_000);
    await act(() => script.push(noticesTimeline(older)));
    await act(() => script.push(noticesTimeline(newer)));
    script.serveEvent(NOTICES_ROOM, withBundledEdit(notice, newer));
    await act(() =>
      script.push(noticesTimeline(pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER }))),
    );
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 12"]));
    await act(() => script.push(noticesTimeline(redactionEvent(newer.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(50));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });

  it("given a timeline notice showing its edit in place of a newer malformed one, redacting that edit shows the original while mounted", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    const good = noticeEditAt(notice.event_id, "Maintenance at 11", 2_000);
    const bad = noticeEditAt(notice.event_id, "ignored", 3_000);
    bad.content = { ...bad.content, "m.new_content": "not an object" };
    await act(() => script.push(noticesTimeline(good)));
    await act(() => script.push(noticesTimeline(bad)));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"]));
    await act(() => script.push(noticesTimeline(redactionEvent(good.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(50));
    // A fresh mount gets it right; the mounted hook keeps the redacted edit's text.
    expect(bodies(renderHook(() => useServerNotices(client)).result)).toEqual(["Maintenance at 10"]);
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
  });

  it("given a pinned notice being fetched, a redaction of the edit the server bundles that arrives before the answer is applied", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const edit = noticeEditAt(notice.event_id, "Maintenance at 11", 2_000);
    const { client, script } = await startPinningWorld(ME, notice);
    // The server read the event, with its edit bundled, before the edit was redacted.
    const release = script.hold({ path: /\/event\// }, () => ({
      json: { ...withBundledEdit(notice, edit), room_id: NOTICES_ROOM },
    }));
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    await act(() => script.push(noticesTimeline(redactionEvent(edit.event_id, { sender: NOTICES_USER }))));
    await act(async () => {
      release();
      await sleep(50);
    });
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
  });

  it("given a timeline notice showing an edit, the user's own redaction of that edit counts once the homeserver accepts it (before its echo)", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    const edit = noticeEditAt(notice.event_id, "Maintenance at 11", 2_000);
    await act(() => script.push(noticesTimeline(edit)));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"]));
    await act(async () => {
      await client.redactEvent(NOTICES_ROOM, edit.event_id); // accepted (200)
    });
    await act(() => sleep(50));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
  });
});
