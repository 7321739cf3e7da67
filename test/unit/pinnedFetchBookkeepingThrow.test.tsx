/**
 * An answer the fetcher cannot build fails as a failed request does (reported, retried), also when the throw comes
 * from the edit bookkeeping after the SDK's mapper built the event (injected on the real client; a second review found
 * the entry was left fetched with no event, the notice lost).
 */
import { renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useServerNotices } from "../../src";
import { serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM } from "../support/scenarios";
import { startPinningWorld } from "../support/world";

const ME = "@alice:example.org";

describe("an answer whose edit bookkeeping throws", () => {
  it("given the fetcher's edit bookkeeping throws on the first answer, the fetch is reported as failed and retried, never lost", async () => {
    const notice = serverNoticeEvent("Built on retry");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    const real = client.getEventMapper.bind(client);
    let thrown = false;
    vi.spyOn(client, "getEventMapper").mockImplementation((...args) => {
      const map = real(...args);
      return (raw) => {
        const event = map(raw);
        if (raw.event_id === notice.event_id && !thrown) {
          thrown = true;
          // The first thing the bookkeeping asks of the built event (src/notices/PinnedEventFetcher.ts `succeed`).
          vi.spyOn(event, "replacingEvent").mockImplementationOnce(() => {
            throw new Error("edit bookkeeping failed");
          });
        }
        return event;
      };
    });
    const { result } = renderHook(() => useServerNotices(client, { retry: { baseDelayMs: 200 } }));
    await waitFor(() => expect(thrown).toBe(true));
    await new Promise((r) => setTimeout(r, 1000));
    // What the app sees a second later (the retry was due after 200 ms): the notice, or at least a reported failure.
    expect({
      bodies: result.current.notices.map((n) => n.notice.body),
      error: result.current.error?.message ?? null,
      loading: result.current.loading,
      requests: script.requestsTo(/\/event\//).length,
    }).toEqual({ bodies: ["Built on retry"], error: null, loading: false, requests: 2 });
    await waitFor(
      () => expect(result.current.notices.map((n) => n.notice.body)).toEqual(["Built on retry"]),
      {
        timeout: 3000,
      },
    );
  });
});
