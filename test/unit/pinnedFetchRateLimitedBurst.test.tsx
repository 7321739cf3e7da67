/**
 * A long pinned list fetched at once meets a rate limit (a reverse proxy's, or Synapse's Ratelimiter: a token bucket
 * answering 429 `M_LIMIT_EXCEEDED` with `retry_after_ms`, the time until its next token). The server's waits pace the
 * retries, one wait apart, and allow four times the attempts: every notice shows, without the whole burst asking again
 * at once. One fetch's long wait, or waits of fetches nobody needs any more, hold up no other.
 */
import { renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { pinnedEventFetcher } from "../../src/notices/PinnedEventFetcher";
import { serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM, noticesRoom } from "../support/scenarios";
import { plainMessageAnswer, requestedEventId, startPinningWorld, startWorld } from "../support/world";

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
      const notice = notices.find((n) => n.event_id === requestedEventId(request.path))!;
      return { json: { ...notice, room_id: NOTICES_ROOM } };
    });
    const { result } = renderHook(() => useServerNotices(client, { retry: { baseDelayMs: 100 } }));
    await waitFor(() => expect(result.current.notices).toHaveLength(80), { timeout: 30_000 });
    expect(result.current.failedEventIds).toEqual([]);
    // Before: every refused fetch asked again with the others, at its own backoff; 36 of 100 gave up in a probe.
    expect(limited).toBeLessThan(200);
  }, 40_000);
});

describe("the retries a rate limit held back, one fetch against another", () => {
  it("given 50 rate-limited fetches nobody needs any more, a newly pinned notice told to wait 100 ms loads within seconds", async () => {
    const first = serverNoticeEvent("first");
    const { client, script } = await startPinningWorld(ME, first);
    // The first 50 ids are rate-limited with 1 s waits; the fresh one only on its first request, 100 ms.
    let freshRequests = 0;
    script.route({ path: /\/event\// }, (req) => {
      const id = requestedEventId(req.path);
      if (id.startsWith("$old"))
        return { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 1000 } };
      freshRequests += 1;
      if (freshRequests === 1)
        return { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 100 } };
      return plainMessageAnswer(id);
    });
    const fetcher = pinnedEventFetcher(client);
    const old = Array.from({ length: 50 }, (_, i) => `$old${i}:example.org`);
    for (const id of old) fetcher.acquire(NOTICES_ROOM, id, { baseDelayMs: 100 });
    await waitFor(() =>
      expect(old.every((id) => fetcher.get(NOTICES_ROOM, id)?.status === "error")).toBe(true),
    );
    // The admin unpins them all (nobody needs them: their retries stop) and pins a fresh notice.
    for (const id of old) fetcher.release(NOTICES_ROOM, id);
    const fresh = "$fresh:example.org";
    fetcher.acquire(NOTICES_ROOM, fresh, { baseDelayMs: 100 });
    await waitFor(() => expect(freshRequests).toBe(1));
    // The server asked the fresh fetch to wait 100 ms: it should show within a few seconds, not after ~50 s of slots
    // reserved for entries nobody holds.
    await waitFor(() => expect(fetcher.get(NOTICES_ROOM, fresh)?.status).toBe("ok"), { timeout: 5000 });
  }, 15_000);

  it("given a fetch told to wait an hour, another told to wait 200 ms loads within seconds", async () => {
    const first = serverNoticeEvent("first");
    const { client, script } = await startPinningWorld(ME, first);
    let bRequests = 0;
    script.route({ path: /\/event\// }, (req) => {
      const id = requestedEventId(req.path);
      if (id === "$a:example.org")
        return { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 3_600_000 } };
      bRequests += 1;
      if (bRequests === 1) return { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 200 } };
      return plainMessageAnswer(id);
    });
    const fetcher = pinnedEventFetcher(client);
    fetcher.acquire(NOTICES_ROOM, "$a:example.org", { baseDelayMs: 100 });
    await waitFor(() => expect(fetcher.get(NOTICES_ROOM, "$a:example.org")?.status).toBe("error"));
    fetcher.acquire(NOTICES_ROOM, "$b:example.org", { baseDelayMs: 100 });
    await waitFor(() => expect(bRequests).toBe(1));
    await waitFor(() => expect(fetcher.get(NOTICES_ROOM, "$b:example.org")?.status).toBe("ok"), {
      timeout: 5000,
    });
  }, 15_000);

  it("given a fetch told to wait a second and another told 800 ms later to wait 100 ms, they go again apart", async () => {
    const { client, script } = await startPinningWorld(ME, serverNoticeEvent("first"));
    const asked = new Map<string, number[]>();
    script.route({ path: /\/event\// }, (request) => {
      const id = requestedEventId(request.path);
      const times = asked.get(id) ?? [];
      asked.set(id, [...times, performance.now()]);
      if (times.length > 0) return plainMessageAnswer(id);
      const wait = id === "$b:example.org" ? 1000 : 100;
      return { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: wait } };
    });
    const fetcher = pinnedEventFetcher(client);
    fetcher.acquire(NOTICES_ROOM, "$b:example.org", { baseDelayMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 800));
    fetcher.acquire(NOTICES_ROOM, "$c:example.org", { baseDelayMs: 50 });
    await waitFor(() =>
      expect(["$b:example.org", "$c:example.org"].map((id) => fetcher.get(NOTICES_ROOM, id)?.status)).toEqual(
        ["ok", "ok"],
      ),
    );
    const b = asked.get("$b:example.org")![1]!;
    const c = asked.get("$c:example.org")![1]!;
    expect(Math.abs(b - c)).toBeGreaterThanOrEqual(40);
  });

  it("given a server asking again and again to wait 1 ms, a fetch is asked no faster than its own backoff", async () => {
    const { client, script } = await startPinningWorld(ME, serverNoticeEvent("first"));
    script.route({ path: /\/event\// }, () => ({
      status: 429,
      errcode: "M_LIMIT_EXCEEDED",
      data: { retry_after_ms: 1 },
    }));
    const fetcher = pinnedEventFetcher(client);
    fetcher.acquire(NOTICES_ROOM, "$x:example.org", { baseDelayMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // 0, 100, 300, 700 ms (the backoff doubling), not one every few ms.
    expect(script.requestsTo(/\/event\//).length).toBeLessThanOrEqual(5);
    fetcher.release(NOTICES_ROOM, "$x:example.org");
  });

  it("given `maxAttempts: 1` (no retry), a rate-limited fetch is asked once", async () => {
    const first = serverNoticeEvent("first");
    const { client, script } = await startPinningWorld(ME, first);
    script.route({ path: /\/event\// }, () => ({
      status: 429,
      errcode: "M_LIMIT_EXCEEDED",
      data: { retry_after_ms: 50 },
    }));
    const fetcher = pinnedEventFetcher(client);
    fetcher.acquire(NOTICES_ROOM, "$x:example.org", { baseDelayMs: 50, maxAttempts: 1 });
    await new Promise((r) => setTimeout(r, 1500));
    // "Attempts in all, the first included; after that the failure stays reported" (RetryPolicy.maxAttempts).
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
    fetcher.release(NOTICES_ROOM, "$x:example.org");
  }, 10_000);
});

/** The most requests at `times` (ms) within any 10 ms. */
function mostWithin10Ms(times: number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 10) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe("pinned-event fetches under a rate limit, with the hook's default retry policy", () => {
  it("given 100 pinned notices and a limit of one request per 20 ms, every notice shows, the retries never bunched", async () => {
    const notices = Array.from({ length: 100 }, (_, i) => serverNoticeEvent(`Notice ${i}`));
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: notices.map((n) => n.event_id) }),
    );
    let next = performance.now();
    const retries: number[] = [];
    let first: number | undefined;
    script.route({ path: /\/event\// }, (request) => {
      const now = performance.now();
      first ??= now;
      if (now - first > 500) retries.push(now);
      if (now < next)
        return { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: Math.ceil(next - now) } };
      next = now + 20;
      const notice = notices.find((n) => n.event_id === requestedEventId(request.path))!;
      return { json: { ...notice, room_id: NOTICES_ROOM } };
    });
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.notices).toHaveLength(100), { timeout: 20_000 });
    // Before: 50 retries in one moment at 1 s, 49 at 3 s, ...; 81 of 100 shown after 1,234 requests.
    expect(mostWithin10Ms(retries)).toBeLessThanOrEqual(3);
  }, 30_000);
});
