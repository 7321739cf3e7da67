// Edits of fetched notices across gaps, remounts, a fetch still out and the notices room untagged for a while: the
// edits that count are those of the live timeline and the server's answer; unrelated redactions commit nothing.
import { act, cleanup, render, renderHook, waitFor } from "@testing-library/react";
import { Profiler } from "react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, useServerNotices } from "../../src";
import {
  messageEvent,
  pinnedEventsEvent,
  redactionEvent,
  serverNoticeEvent,
  tagEvent,
  textMessageEvent,
} from "../support/events";
import {
  NOTICES_ROOM,
  NOTICES_USER,
  noticeEditAt,
  noticesRoom,
  noticesTimeline,
  withBundledEdit,
} from "../support/scenarios";
import { noticeBodies as bodies, showFetchedNotice, startWorld } from "../support/world";

const ME = "@alice:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const filler = () => messageEvent({ msgtype: "m.text", body: "filler" }, { sender: "@m:example.org" });

describe("edits of fetched notices across gaps, remounts and untagging", () => {
  it("after a gap while unmounted, edits in the new live timeline survive the refetch: redacting the newest shows the one before", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script } = await showFetchedNotice(ME, notice);
    cleanup();
    await script.push({ join: { [NOTICES_ROOM]: { timeline: [filler()], limited: true } } });
    const older = noticeEditAt(notice.event_id, "Maintenance at 11", 2_000);
    const newer = noticeEditAt(notice.event_id, "Maintenance at 12", 3_000);
    await script.push(noticesTimeline(older));
    await script.push(noticesTimeline(newer));
    script.serveEvent(NOTICES_ROOM, withBundledEdit(notice, newer));
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 12"]));
    await act(() => sleep(50));
    await act(() => script.push(noticesTimeline(redactionEvent(newer.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(50));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });

  it("a first fetch does not show an edit the room saw before a gap that the server says is gone (redacted in the gap)", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    const edit = noticeEditAt(notice.event_id, "Maintenance at 11", 2_000);
    await script.push(noticesTimeline(edit)); // the notice itself was never in this timeline
    // A gappy sync: the edit's redaction is among what it skipped.
    await script.push({ join: { [NOTICES_ROOM]: { timeline: [filler()], limited: true } } });
    script.serveEvent(NOTICES_ROOM, notice); // the server: no edit (it was redacted)
    const { result } = renderHook(() => useServerNotices(client));
    await act(() =>
      script.push(noticesTimeline(pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER }))),
    );
    await waitFor(() => expect(result.current.notices).toHaveLength(1));
    await act(() => sleep(50));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
  });

  it("an edit while the notices room was untagged shows once it is tagged again (fetched notice)", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { script, result } = await showFetchedNotice(ME, notice);
    await act(() => script.push({ join: { [NOTICES_ROOM]: { accountData: [tagEvent({})] } } }));
    await waitFor(() => expect(result.current.notices).toHaveLength(0));
    const edit = noticeEditAt(notice.event_id, "Maintenance at 11", 2_000);
    script.serveEvent(NOTICES_ROOM, withBundledEdit(notice, edit));
    await act(() => script.push(noticesTimeline(edit)));
    await act(() =>
      script.push({
        join: { [NOTICES_ROOM]: { accountData: [tagEvent({ "m.server_notice": { order: 0.5 } })] } },
      }),
    );
    await act(() => sleep(50));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });

  it("redactions of unrelated events in the notices room cause no banner commit (local and fetched notices with edits)", async () => {
    const local = serverNoticeEvent("Local notice", { ts: 1_000 });
    const fetched = serverNoticeEvent("Fetched notice", { ts: 1_000 });
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [local.event_id, fetched.event_id], timeline: [local] }),
    );
    script.serveEvent(NOTICES_ROOM, fetched);
    const commits = { banner: 0 };
    render(
      <Profiler id="banner" onRender={() => commits.banner++}>
        <NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />
      </Profiler>,
    );
    const good = noticeEditAt(local.event_id, "Local edited", 2_000);
    const bad = noticeEditAt(local.event_id, "ignored", 3_000);
    bad.content = { ...bad.content, "m.new_content": "not an object" };
    await act(() =>
      script.push(noticesTimeline(good, bad, noticeEditAt(fetched.event_id, "Fetched edited", 2_000))),
    );
    await act(() => sleep(100));
    const settled = commits.banner;
    const chatter = Array.from({ length: 200 }, (_, i) => textMessageEvent(`chatter ${i}`));
    await act(() => script.push(noticesTimeline(...chatter)));
    const before = commits.banner;
    await act(() =>
      script.push(
        noticesTimeline(...chatter.map((c) => redactionEvent(c.event_id, { sender: NOTICES_USER }))),
      ),
    );
    await act(() => sleep(50));
    expect(before).toBe(settled);
    expect(commits.banner).toBe(settled);
  });

  it("an edit that arrives while unmounted and the fetch is still out shows once the answer lands (edits already seen in flight)", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [notice.event_id] }));
    const release = script.hold({ path: /\/event\// }, () => ({
      json: { ...notice, room_id: NOTICES_ROOM },
    }));
    const first = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    await act(() => script.push(noticesTimeline(noticeEditAt(notice.event_id, "Maintenance at 11", 2_000))));
    first.unmount();
    await script.push(noticesTimeline(noticeEditAt(notice.event_id, "Maintenance at 12", 3_000)));
    const { result } = renderHook(() => useServerNotices(client));
    await act(async () => {
      release();
      await sleep(50);
    });
    expect(bodies(result)).toEqual(["Maintenance at 12"]);
  });

  // Found by the notices property test (seed 257595034): a second banner mounted after the gap wiped the edit the
  // first one showed (both went back to the original), with no fetch to put it right.
  it("given a notice in the timeline shown with its edit, after a gappy sync while mounted a second banner mounted later shows the edit too, and the first keeps it", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const edit = noticeEditAt(notice.event_id, "Maintenance at 12", 2_000);
    script.serveEvent(
      NOTICES_ROOM,
      withBundledEdit({ ...notice, room_id: NOTICES_ROOM }, { ...edit, room_id: NOTICES_ROOM }),
    );
    const first = renderHook(() => useServerNotices(client));
    await act(() => script.push(noticesTimeline(edit)));
    expect(bodies(first.result)).toEqual(["Maintenance at 12"]);
    await act(() => script.push({ join: { [NOTICES_ROOM]: { timeline: [filler()], limited: true } } }));
    const second = renderHook(() => useServerNotices(client));
    await act(() => sleep(50));
    expect({ first: bodies(first.result), second: bodies(second.result) }).toEqual({
      first: ["Maintenance at 12"],
      second: ["Maintenance at 12"],
    });
  });
});
