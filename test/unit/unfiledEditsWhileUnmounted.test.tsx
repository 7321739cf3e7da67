/** With thread support, edits noted while nothing of the kit is mounted count only when they should (a review of that change; all passed). */
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { messageEvent, redactionEvent, serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticeEdit, noticesTimeline } from "../support/scenarios";
import { noticeBodies, showFetchedNotice } from "../support/world";

const ME = "@alice:example.org";
const T = { threadSupport: true };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function mountedThenUnmounted() {
  const notice = serverNoticeEvent("Maintenance at 10");
  const { client, script, unmount } = await showFetchedNotice(ME, notice, T);
  unmount();
  return { notice, client, script };
}

describe("given a fetched notice and nothing mounted (threadSupport)", () => {
  it("an edit by another sender, while nothing is mounted, does not show on the next mount", async () => {
    const { notice, client, script } = await mountedThenUnmounted();
    await script.push(
      noticesTimeline({ ...noticeEdit(notice.event_id, "Forged"), sender: "@mallory:example.org" }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(60));
    expect(noticeBodies(result)).toEqual(["Maintenance at 10"]);
  });

  it("an edit then its redaction, both while nothing is mounted, shows the original on the next mount", async () => {
    const { notice, client, script } = await mountedThenUnmounted();
    const edit = noticeEdit(notice.event_id, "Maintenance at 11");
    await script.push(noticesTimeline(edit));
    await script.push(noticesTimeline(redactionEvent(edit.event_id!, { sender: NOTICES_USER })));
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(60));
    expect(noticeBodies(result)).toEqual(["Maintenance at 10"]);
  });

  it("an edit before a limited sync that kept the live timeline (it held a known event) still counts (no gap)", async () => {
    const { notice, client, script } = await mountedThenUnmounted();
    const hi = messageEvent({ msgtype: "m.text", body: "hi" });
    await script.push(noticesTimeline(hi));
    await script.push(noticesTimeline(noticeEdit(notice.event_id, "Maintenance at 11")));
    const live = client.getRoom(NOTICES_ROOM)!.getLiveTimeline();
    await script.push({
      join: {
        [NOTICES_ROOM]: { limited: true, timeline: [hi, messageEvent({ msgtype: "m.text", body: "x" })] },
      },
    });
    expect(client.getRoom(NOTICES_ROOM)!.getLiveTimeline()).toBe(live);
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(60));
    expect(noticeBodies(result)).toEqual(["Maintenance at 11"]);
  });
});
