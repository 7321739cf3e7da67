/**
 * A notices room whose pinned list grew for years (an admin script appending every notice): the kit considers at most
 * `MAX_PINNED_EVENTS` of them, and those must be the last pinned, where the notice that matters now is.
 */
import { renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MAX_PINNED_EVENTS, useServerNotices } from "../../src";
import { pinnedEventsEvent, serverNoticeEvent } from "../support/events";
import { NOTICES_USER, noticesRoom, noticesTimeline } from "../support/scenarios";
import { noticeBodies, startWorld } from "../support/world";

const ME = "@alice:example.org";

/** The notices hook over a notices room whose timeline holds `notices` and whose pinned list is `pinned`. */
async function noticesPinned(notices: ReturnType<typeof serverNoticeEvent>[], pinned: string[]) {
  const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
  const { result } = renderHook(() => useServerNotices(client));
  await script.push(noticesTimeline(...notices, pinnedEventsEvent(pinned, { sender: NOTICES_USER })));
  await waitFor(() => expect(result.current.notices.length).toBeGreaterThan(0));
  return result;
}

describe("a pinned list longer than the kit considers", () => {
  it("given 150 notices pinned in the order they were sent, the 100 pinned last show, the newest among them", async () => {
    const notices = Array.from({ length: 150 }, (_, i) =>
      serverNoticeEvent(`Notice ${i}`, { ts: 1_700_000_000_000 + i }),
    );
    const result = await noticesPinned(
      notices,
      notices.map((notice) => notice.event_id),
    );
    await waitFor(() => expect(result.current.notices).toHaveLength(MAX_PINNED_EVENTS));
    const bodies = noticeBodies(result);
    expect(bodies).toContain("Notice 149");
    expect(bodies).toContain("Notice 50");
    expect(bodies).not.toContain("Notice 49");
  });

  it("given a fresh pin after 1,400 repeats of an old one, the fresh notice shows", async () => {
    const old = serverNoticeEvent("Old maintenance");
    const fresh = serverNoticeEvent("Your account will be deactivated tomorrow");
    const pinned = [...Array.from({ length: 1_400 }, () => old.event_id), fresh.event_id];
    const result = await noticesPinned([old, fresh], pinned);
    await waitFor(() => expect(noticeBodies(result)).toContain("Your account will be deactivated tomorrow"));
  });
});
