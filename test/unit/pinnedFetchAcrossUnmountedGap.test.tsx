/**
 * A pinned notice's fetch is still out when the banner unmounts, a gappy sync while nothing is mounted skips a change
 * to the notice (a redaction, an edit), and the banner is mounted again before that answer, as the server read the
 * notice before the gap, lands: it is checked again, and shows as the notice is now.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { NoticeBanner, useServerNotices } from "../../src";
import { type RawEvent, redactionEvent, serverNoticeEvent, textMessageEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticeEdit, withBundledEdit } from "../support/scenarios";
import { noticeBodies as bodies, startPinningWorld } from "../support/world";

const ME = "@alice:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server answers `/event` with the event as it was when the request came in, once `release` is called. */
function serverOf(script: Awaited<ReturnType<typeof startPinningWorld>>["script"], notice: RawEvent) {
  let now: RawEvent = notice;
  const release = script.hold({ path: /\/event\// }, () => ({ json: { ...now, room_id: NOTICES_ROOM } }));
  return { release, set: (ev: RawEvent) => (now = ev) };
}
const gapBatch = () => ({
  join: {
    [NOTICES_ROOM]: { timeline: [textMessageEvent("filler", { sender: NOTICES_USER })], limited: true },
  },
});

/** The server's copy of `notice` once redacted. */
const redacted = (notice: RawEvent): RawEvent => ({
  ...notice,
  content: {},
  unsigned: { redacted_because: redactionEvent(notice.event_id, { sender: NOTICES_USER }) as never },
});

/** `ME`'s client pinning `notice`, whose first fetch the server holds, sent by a hook that has unmounted since. */
async function fetchOutAfterUnmount(notice: RawEvent) {
  const { client, script } = await startPinningWorld(ME, notice);
  const server = serverOf(script, notice);
  const first = renderHook(() => useServerNotices(client));
  await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
  first.unmount();
  return { client, script, server };
}

describe("a fetch still out across a gap while nothing was mounted, answered after the next mount", () => {
  it("a notice redacted in the gap does not stay shown when the pre-gap answer lands after the remount", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, script, server } = await fetchOutAfterUnmount(notice);
    // While nothing is mounted, a gappy sync: the notice was redacted in the part it skipped.
    server.set(redacted(notice));
    await script.push(gapBatch());
    // Mounted again while the first request (answered with what the server had before the gap) is still out.
    const second = renderHook(() => useServerNotices(client));
    await act(async () => {
      server.release();
      await sleep(100);
    });
    // README: after a gap while nothing was mounted (also after a fetch that was still out) the notices are fetched
    // again on the next mount; one the server no longer has (redacted) disappears.
    await waitFor(() => expect(bodies(second.result)).toEqual([]));
  });

  it("a notice edited in the gap shows the edit, not the pre-gap text, when the answer lands after the remount", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, script, server } = await fetchOutAfterUnmount(notice);
    server.set(withBundledEdit(notice, noticeEdit(notice.event_id, "Maintenance moved to Friday")));
    await script.push(gapBatch());
    render(<NoticeBanner client={client} />);
    await act(async () => {
      server.release();
      await sleep(100);
    });
    await waitFor(() => expect(screen.getByText("Maintenance moved to Friday")).toBeInTheDocument());
  });

  it("answered before the next mount: the notice is fetched again, and a redacted one disappears", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, script, server } = await fetchOutAfterUnmount(notice);
    server.set(redacted(notice));
    await script.push(gapBatch());
    server.release();
    await sleep(100);
    const second = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(second.result)).toEqual([]));
    expect(script.requestsTo(/\/event\//)).toHaveLength(2);
  });
});

describe("a check after a gap, still out across a second gap while nothing was mounted", () => {
  it("a notice redacted in the second gap does not stay shown when the first check's answer lands after the remount", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    const first = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(first.result)).toEqual(["Maintenance tonight"]));
    first.unmount();
    await script.push(gapBatch());
    // The remount checks the notice with the server (a gap while nothing was mounted); that check is slow.
    const server = serverOf(script, notice);
    const second = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    second.unmount();
    server.set(redacted(notice));
    await script.push(gapBatch());
    const third = renderHook(() => useServerNotices(client));
    await act(async () => {
      server.release();
      await sleep(100);
    });
    await waitFor(() => expect(bodies(third.result)).toEqual([]));
  });
});
