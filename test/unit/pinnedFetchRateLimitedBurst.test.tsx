/**
 * A long pinned list fetched at once meets a rate limit (a reverse proxy's, or Synapse's Ratelimiter: a token bucket
 * answering 429 `M_LIMIT_EXCEEDED` with `retry_after_ms`, the time until its next token). The server's waits pace the
 * retries, one wait apart, and use up no attempt: every notice shows, without the whole burst asking again at once.
 */
import { renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM, noticesRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";

/** A token bucket of `capacity` tokens refilled at `perMs` a ms: 0 when a request may go, else the ms until it may. */
function tokenBucket(capacity: number, perMs: number) {
  let tokens = capacity;
  let last = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(capacity, tokens + (now - last) * perMs);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - tokens) / perMs);
  };
}

describe("pinned-event fetches under a rate limit", () => {
  it("given 80 pinned notices and a limit of 5 requests per retry delay, every notice shows, the retries paced", async () => {
    const notices = Array.from({ length: 80 }, (_, i) => serverNoticeEvent(`Notice ${i}`));
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: notices.map((n) => n.event_id) }),
    );
    // The default policy's schedule ten times faster (a 100 ms first retry); the bucket refills within it.
    const take = tokenBucket(5, 5 / 100);
    let limited = 0;
    script.route({ path: /\/event\// }, (request) => {
      const wait = take();
      if (wait > 0) {
        limited += 1;
        return { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: wait } };
      }
      const notice = notices.find((n) => n.event_id === request.path.split("/").at(-1))!;
      return { json: { ...notice, room_id: NOTICES_ROOM } };
    });
    const { result } = renderHook(() => useServerNotices(client, { retry: { baseDelayMs: 100 } }));
    await waitFor(() => expect(result.current.notices).toHaveLength(80), { timeout: 30_000 });
    expect(result.current.failedEventIds).toEqual([]);
    // Before: every refused fetch asked again with the others, at its own backoff; 36 of 100 gave up in a probe.
    expect(limited).toBeLessThan(200);
  }, 40_000);
});
