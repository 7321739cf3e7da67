/**
 * How the kit's requests fail: answers a retry cannot change are not retried, rate limits wait as the server asks,
 * requests that never come back time out and are retried, and hooks mounted side by side send one request.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { MatrixError } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import {
  createAccountDataSeenStore,
  RequestTimeoutError,
  retryDelayAfter,
  useServerNotices,
  useServerNoticesRoom,
  useWelcomeMessage,
} from "../../src";
import { memberEvent, nameEvent, redactionEvent, serverNoticeEvent, welcomeEvent } from "../support/events";
import {
  NOTICES_ROOM,
  NOTICES_USER,
  noticesInvite,
  noticesRoom,
  noticesTimeline,
  welcomeRoom,
} from "../support/scenarios";
import { type RouteResult, SyncScript } from "../support/syncScript";
import { dropSyncOnce, holdNoticeFetch, noticeBodies, startPinningWorld, startWorld } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!lounge:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A route answer for the first request: none, ever (a homeserver that hangs); later requests get `answer`. */
function firstHangs(answer: RouteResult): () => RouteResult | Promise<undefined> {
  let calls = 0;
  return () => (++calls === 1 ? new Promise<undefined>(() => {}) : answer);
}

describe("retryDelayAfter", () => {
  it("does not retry answers a retry cannot change: not found, forbidden, bad request, unknown token (a logout)", () => {
    for (const [status, errcode] of [
      [404, "M_NOT_FOUND"],
      [403, "M_FORBIDDEN"],
      [400, "M_BAD_JSON"],
      [401, "M_UNKNOWN_TOKEN"],
    ] as const)
      expect(retryDelayAfter(new MatrixError({ errcode }, status), 1)).toBeNull();
  });

  it("retries M_RESOURCE_LIMIT_EXCEEDED (a 403 that lasts only as long as the server's limit)", () => {
    const limited = new MatrixError(
      { errcode: "M_RESOURCE_LIMIT_EXCEEDED", limit_type: "monthly_active_user" },
      403,
    );
    expect(retryDelayAfter(limited, 1)).toBe(1000);
  });

  it("retries server errors, timeouts and network failures with the policy's backoff", () => {
    expect(retryDelayAfter(new MatrixError({ errcode: "M_UNKNOWN" }, 502), 1)).toBe(1000);
    expect(retryDelayAfter(new MatrixError({}, 408), 2)).toBe(2000);
    expect(retryDelayAfter(new TypeError("Failed to fetch"), 3, { baseDelayMs: 10 })).toBe(40);
    expect(retryDelayAfter(new RequestTimeoutError(5), 1, { baseDelayMs: 10 })).toBe(10);
    expect(retryDelayAfter(new TypeError("Failed to fetch"), 8)).toBeNull();
  });

  it("given a policy without bounds (Infinity attempts and delay), waits no longer than a timer can (2^31 - 1 ms)", () => {
    const unbounded = { maxAttempts: Number.POSITIVE_INFINITY, maxDelayMs: Number.POSITIVE_INFINITY };
    const network = new TypeError("Failed to fetch");
    expect(retryDelayAfter(network, 21, unbounded)).toBe(1000 * 2 ** 20);
    expect(retryDelayAfter(network, 40, unbounded)).toBe(2_147_483_647);
    expect(retryDelayAfter(network, 5_000, unbounded)).toBe(2_147_483_647);
  });

  it("waits at least as long as a rate-limited server asks, and no longer than an hour", () => {
    const limited = (ms: unknown) =>
      new MatrixError({ errcode: "M_LIMIT_EXCEEDED", retry_after_ms: ms }, 429);
    expect(retryDelayAfter(limited(5_000), 1)).toBe(5_000);
    expect(retryDelayAfter(limited(10), 1)).toBe(1_000);
    expect(retryDelayAfter(limited(1e15), 1)).toBe(3_600_000);
    expect(retryDelayAfter(limited("soon"), 1)).toBe(1_000);
    const header = new MatrixError(
      { errcode: "M_LIMIT_EXCEEDED" },
      429,
      undefined,
      undefined,
      new Headers({ "Retry-After": "7" }),
    );
    expect(retryDelayAfter(header, 1)).toBe(7_000);
    const badHeader = new MatrixError(
      { errcode: "M_LIMIT_EXCEEDED" },
      429,
      undefined,
      undefined,
      new Headers({ "Retry-After": "later" }),
    );
    expect(retryDelayAfter(badHeader, 1)).toBe(1_000);
  });
});

describe("pinned notice fetches", () => {
  it("given a pinned event the server does not have (404), the failure is reported and the event is not asked for again", async () => {
    const notice = serverNoticeEvent("Gone");
    const { client, script } = await startPinningWorld(ME, notice);
    const { result } = renderHook(() =>
      useServerNotices(client, { retry: { baseDelayMs: 1, maxDelayMs: 1 } }),
    );
    await waitFor(() => expect(result.current.failedEventIds).toEqual([notice.event_id]));
    expect(result.current.error).not.toBeNull();
    await act(() => sleep(50));
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
  });

  it("given a pinned event that failed with 404, a later mount asks again (the pin may have been fixed)", async () => {
    const notice = serverNoticeEvent("Back");
    const { client, script } = await startPinningWorld(ME, notice);
    const first = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(first.result.current.failedEventIds).toEqual([notice.event_id]));
    first.unmount();
    script.serveEvent(NOTICES_ROOM, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Back"]));
    expect(script.requestsTo(/\/event\//)).toHaveLength(2);
  });

  it("given a rate-limited fetch, the retry waits for the time the server asked, then the notice shows", async () => {
    const notice = serverNoticeEvent("Patient");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    script.fail(
      { path: /\/event\// },
      { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 300 } },
    );
    const { result } = renderHook(() => useServerNotices(client, { retry: { baseDelayMs: 1 } }));
    await waitFor(() => expect(result.current.error).not.toBeNull());
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Patient"]));
    const [first, retry] = script.requestsTo(/\/event\//);
    expect(script.requestsTo(/\/event\//)).toHaveLength(2);
    // Measured, not raced against a sleep: a stalled host can only make the gap longer.
    expect(retry!.at - first!.at).toBeGreaterThanOrEqual(295);
  });

  it("given a fetch the server rate-limited for a minute, sync recovering meanwhile does not ask again before the wait", async () => {
    const notice = serverNoticeEvent("Patient");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    script.fail(
      { path: /\/event\// },
      { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 60_000 } },
    );
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.error).not.toBeNull());
    await dropSyncOnce(client, script);
    await waitFor(() => expect(client.getSyncState()).toBe("SYNCING"), { timeout: 15_000 });
    await act(() => sleep(50));
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
  }, 40_000);

  it("given a fetch the server never answers, it times out, the timeout is reported, and a retry shows the notice", async () => {
    const notice = serverNoticeEvent("Eventually");
    const { client, script } = await startPinningWorld(ME, notice);
    script.route({ path: /\/event\// }, firstHangs({ json: { ...notice, room_id: NOTICES_ROOM } }));
    const { result } = renderHook(() =>
      useServerNotices(client, { retry: { requestTimeoutMs: 50, baseDelayMs: 100 } }),
    );
    await waitFor(() => expect(result.current.error).toBeInstanceOf(RequestTimeoutError));
    expect(result.current.failedEventIds).toEqual([notice.event_id]);
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Eventually"]));
    expect(result.current.error).toBeNull();
    expect(script.requestsTo(/\/event\//)).toHaveLength(2);
  });

  it("given a fetch the server never answers, when the retry starts, the unanswered request is cancelled", async () => {
    const notice = serverNoticeEvent("Second time lucky");
    const { client, script } = await startPinningWorld(ME, notice);
    script.route({ path: /\/event\// }, firstHangs({ json: { ...notice, room_id: NOTICES_ROOM } }));
    const { result } = renderHook(() =>
      useServerNotices(client, { retry: { requestTimeoutMs: 30, baseDelayMs: 60 } }),
    );
    await waitFor(() => expect(result.current.error).toBeInstanceOf(RequestTimeoutError));
    const [first] = script.requestsTo(/\/event\//);
    expect(first?.signal?.aborted).toBe(false);
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Second time lucky"]));
    expect(script.requestsTo(/\/event\//)).toHaveLength(2);
    expect(first?.signal?.aborted).toBe(true);
    expect(result.current.error).toBeNull();
  });

  it("given a fetch still out, when the event turns up in the timeline, the request is cancelled", async () => {
    const notice = serverNoticeEvent("Arrived by sync");
    const { client, script } = await startPinningWorld(ME, notice);
    script.route({ path: /\/event\// }, () => new Promise<undefined>(() => {}));
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    await act(() => script.push(noticesTimeline(notice)));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Arrived by sync"]));
    expect(script.requestsTo(/\/event\//)[0]?.signal?.aborted).toBe(true);
  });

  it("given a fetch that timed out, when the hook unmounts and mounts again, the hung request is cancelled when the new one starts", async () => {
    const notice = serverNoticeEvent("Second time lucky");
    const { client, script } = await startPinningWorld(ME, notice);
    script.route({ path: /\/event\// }, firstHangs({ json: { ...notice, room_id: NOTICES_ROOM } }));
    const retry = { requestTimeoutMs: 30, baseDelayMs: 10_000 };
    const first = renderHook(() => useServerNotices(client, { retry }));
    await waitFor(() => expect(first.result.current.error).toBeInstanceOf(RequestTimeoutError));
    first.unmount();
    const second = renderHook(() => useServerNotices(client, { retry }));
    await waitFor(() => expect(noticeBodies(second.result)).toEqual(["Second time lucky"]));
    const [hung, answered] = script.requestsTo(/\/event\//);
    expect(answered).toBeDefined();
    expect(hung?.signal?.aborted).toBe(true);
  });

  it("given a fetch kept out across an unmount, when it times out with nobody holding it, it is cancelled", async () => {
    const notice = serverNoticeEvent("Never answered");
    const { client, script } = await startPinningWorld(ME, notice);
    script.route({ path: /\/event\// }, () => new Promise<undefined>(() => {}));
    const first = renderHook(() => useServerNotices(client, { retry: { requestTimeoutMs: 40 } }));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    first.unmount();
    await act(() => sleep(120));
    expect(script.requestsTo(/\/event\//)[0]?.signal?.aborted).toBe(true);
  });

  it("given a fetch that timed out, when its late answer arrives before the retry, the notice shows without a retry", async () => {
    const notice = serverNoticeEvent("Late but fine");
    const { client, script } = await startPinningWorld(ME, notice);
    const release = holdNoticeFetch(script, notice);
    const { result } = renderHook(() =>
      useServerNotices(client, { retry: { requestTimeoutMs: 30, baseDelayMs: 60_000 } }),
    );
    await waitFor(() => expect(result.current.error).toBeInstanceOf(RequestTimeoutError));
    await act(async () => {
      release();
      await sleep(20);
    });
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Late but fine"]));
    expect(result.current.error).toBeNull();
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
  });

  it("given a fetch that timed out (the fetchFn ignoring aborts), when its late answer comes after the retry's, the retry's answer stands: a notice redacted meanwhile stays hidden", async () => {
    const notice = serverNoticeEvent("Withdrawn notice");
    const script = new SyncScript({ userId: ME });
    // A fetchFn that ignores abort signals on event fetches, as some polyfills and proxies do.
    const client = script.createClient({
      fetchFn: (input, init) =>
        script.fetchFn(input, /\/event\//.test(String(input)) ? { ...init, signal: null } : init),
    });
    await script.start(client, noticesRoom(ME, { pinned: [notice.event_id] }));
    // The first read (before the homeserver redacted the notice) is answered late; the retry reads it redacted.
    let reads = 0;
    let release!: () => void;
    const late = new Promise<void>((resolve) => {
      release = resolve;
    });
    const redaction = redactionEvent(notice.event_id, { sender: NOTICES_USER });
    script.route({ path: /\/event\// }, async () => {
      if (++reads > 1)
        return {
          json: { ...notice, room_id: NOTICES_ROOM, content: {}, unsigned: { redacted_because: redaction } },
        };
      await late;
      return { json: { ...notice, room_id: NOTICES_ROOM } };
    });
    const { result } = renderHook(() =>
      useServerNotices(client, { retry: { requestTimeoutMs: 30, baseDelayMs: 10, jitter: 0 } }),
    );
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    await waitFor(() => expect(result.current.loading || result.current.error !== null).toBe(false));
    expect(noticeBodies(result)).toEqual([]);
    await act(async () => {
      release();
      await sleep(20);
    });
    expect(noticeBodies(result)).toEqual([]);
    expect(result.current.error).toBeNull();
  });
});

describe("auto-join", () => {
  const invite = () => noticesInvite(ME);

  it("given two mounted hooks with autoJoin, the invite is accepted with one join request", async () => {
    const { client, script } = await startWorld(ME, invite());
    const release = script.hold({ method: "POST", path: /\/join/ }, () => ({
      json: { room_id: NOTICES_ROOM },
    }));
    const options = { noticesUserIds: [NOTICES_USER], autoJoin: true };
    const a = renderHook(() => useServerNoticesRoom(client, options));
    const b = renderHook(() => useServerNoticesRoom(client, options));
    await waitFor(() => expect(a.result.current.joining && b.result.current.joining).toBe(true));
    await act(async () => {
      release();
      await sleep(10);
    });
    await act(() => script.push(noticesRoom(ME, { pinned: [] })));
    expect(a.result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(b.result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
  });

  it("given two hooks sharing a join, the one with no request timeout keeps waiting when the other's times out", async () => {
    const { client, script } = await startWorld(ME, invite());
    const release = script.hold({ method: "POST", path: /\/join/ }, () => ({
      json: { room_id: NOTICES_ROOM },
    }));
    const base = { noticesUserIds: [NOTICES_USER], autoJoin: true };
    const hasty = renderHook(() =>
      useServerNoticesRoom(client, { ...base, retry: { requestTimeoutMs: 30, baseDelayMs: 60_000 } }),
    );
    const patient = renderHook(() =>
      useServerNoticesRoom(client, { ...base, retry: { requestTimeoutMs: 0 } }),
    );
    await waitFor(() => expect(hasty.result.current.joinError).toBeInstanceOf(RequestTimeoutError));
    expect(patient.result.current.joinError).toBeNull();
    expect(patient.result.current.joining).toBe(true);
    await act(async () => {
      release();
      await sleep(10);
    });
    expect(patient.result.current.joining).toBe(false);
    expect(patient.result.current.joinError).toBeNull();
  });

  it("given a join the server forbids, the error is reported and the join is not sent again", async () => {
    const { client, script } = await startWorld(ME, invite());
    script.fail({ method: "POST", path: /\/join/ }, { status: 403, errcode: "M_FORBIDDEN" });
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, {
        noticesUserIds: [NOTICES_USER],
        autoJoin: true,
        retry: { baseDelayMs: 1 },
      }),
    );
    await waitFor(() => expect(result.current.joinError).not.toBeNull());
    await act(() => sleep(50));
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
    expect(result.current.joining).toBe(false);
  });

  it("given a join the server forbade, a remount shows the refusal and does not send the join again", async () => {
    const { client, script } = await startWorld(ME, invite());
    script.fail({ method: "POST", path: /\/join/ }, { status: 403, errcode: "M_FORBIDDEN" });
    const first = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await waitFor(() => expect(first.result.current.joinError).not.toBeNull());
    first.unmount();
    const second = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await act(() => sleep(50));
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
    expect(second.result.current.joinError).toMatchObject({ errcode: "M_FORBIDDEN" });
    expect(second.result.current.joining).toBe(false);
  });

  it("given a join the server forbade, a new invite to the room (after the old one was withdrawn) is joined", async () => {
    const { client, script } = await startWorld(ME, invite());
    script.fail({ method: "POST", path: /\/join/ }, { status: 403, errcode: "M_FORBIDDEN" }, 1);
    const { result } = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await waitFor(() => expect(result.current.joinError).not.toBeNull());
    await act(() =>
      script.push({
        leave: { [NOTICES_ROOM]: { timeline: [memberEvent(ME, "leave", { sender: NOTICES_USER })] } },
      }),
    );
    await waitFor(() => expect(result.current.invite).toBeNull());
    await act(() => script.push(invite()));
    await waitFor(() => expect(script.requestsTo(/\/join/)).toHaveLength(2));
    await waitFor(() => expect(result.current.joinError).toBeNull());
  });

  it("given a join the server forbade, the invite withdrawn and sent again between two syncs is joined while mounted", async () => {
    const { client, script } = await startWorld(ME, invite());
    script.fail({ method: "POST", path: /\/join/ }, { status: 403, errcode: "M_FORBIDDEN" }, 1);
    const { result } = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await waitFor(() => expect(result.current.joinError).not.toBeNull());
    // The room stays in `invite`, with a new member event.
    await act(() => script.push(invite()));
    await waitFor(() => expect(script.requestsTo(/\/join/)).toHaveLength(2));
    await waitFor(() => expect(result.current.joinError).toBeNull());
  });

  it("given a join whose refusal lands after a new invite to the room came, the refusal is the old invite's: the new one is joined", async () => {
    const { client, script } = await startWorld(ME, invite());
    let joins = 0;
    const release = script.hold({ method: "POST", path: /\/join/ }, () =>
      ++joins === 1
        ? { status: 403, json: { errcode: "M_FORBIDDEN", error: "Not invited" } }
        : { json: { room_id: NOTICES_ROOM } },
    );
    const first = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await waitFor(() => expect(script.requestsTo(/\/join/)).toHaveLength(1));
    await act(() => script.push(invite()));
    await act(async () => {
      release();
      await sleep(50);
    });
    expect(script.requestsTo(/\/join/)).toHaveLength(2);
    expect(first.result.current.joinError).toBeNull();
    first.unmount();
    // A remount takes the new invite for what it is: not refused.
    const second = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await act(() => sleep(50));
    expect(second.result.current.joinError).toBeNull();
  });

  const autoJoin = { noticesUserIds: [NOTICES_USER], autoJoin: true };
  const rateLimited = (ms: number) =>
    ({ status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: ms } }) as const;

  /** A hook whose auto-join the server rate-limited once, asking to wait `ms`, then unmounted: the next mount finds the wait. */
  async function rateLimitedThenUnmounted(ms: number) {
    const world = await startWorld(ME, invite());
    world.script.fail({ method: "POST", path: /\/join/ }, rateLimited(ms));
    const first = renderHook(() => useServerNoticesRoom(world.client, autoJoin));
    await waitFor(() => expect(first.result.current.joinError).not.toBeNull());
    first.unmount();
    return world;
  }

  it("given a join the server rate-limited for a minute, a remount neither joins again before the wait nor forgets the error", async () => {
    const { client, script } = await rateLimitedThenUnmounted(60_000);
    const second = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await act(() => sleep(100));
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
    expect(second.result.current.joinError).not.toBeNull();
    expect(second.result.current.joining).toBe(false);
  });

  it("given a rate-limited join and a remount, the join is sent again once the server's wait is over, and succeeds", async () => {
    const { client, script } = await rateLimitedThenUnmounted(300);
    const second = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await waitFor(() => expect(script.requestsTo(/\/join/)).toHaveLength(2));
    await waitFor(() => expect(second.result.current.joinError).toBeNull());
    const [limited, retry] = script.requestsTo(/\/join/);
    // Measured, not raced against a sleep: a stalled host can only make the gap longer.
    expect(retry!.at - limited!.at).toBeGreaterThanOrEqual(295);
  });

  it("given two hooks mounted side by side during a join's wait, the invite is accepted with one join when it ends", async () => {
    const { client, script } = await rateLimitedThenUnmounted(300);
    const a = renderHook(() => useServerNoticesRoom(client, autoJoin));
    const b = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await waitFor(() => expect(a.result.current.joinError ?? b.result.current.joinError).toBeNull());
    await act(() => sleep(100));
    expect(script.requestsTo(/\/join/)).toHaveLength(2);
  });

  it("given two hooks whose shared join was rate-limited, each retrying on its own timer, the invite is accepted with one more join", async () => {
    const { client, script } = await startWorld(ME, invite());
    script.fail({ method: "POST", path: /\/join/ }, rateLimited(300), 1);
    const options = { ...autoJoin, retry: { baseDelayMs: 10 } };
    const a = renderHook(() => useServerNoticesRoom(client, options));
    const b = renderHook(() => useServerNoticesRoom(client, { ...options, retry: { baseDelayMs: 20 } }));
    await waitFor(() => expect(script.requestsTo(/\/join/)).toHaveLength(2));
    await waitFor(() => expect(a.result.current.joinError ?? b.result.current.joinError).toBeNull());
    await act(() => sleep(100));
    expect(script.requestsTo(/\/join/)).toHaveLength(2);
  });

  it("given a rate-limited join, when a newer notices invite arrives, the old invite's rate limit is not shown for it", async () => {
    // Invites carry no creation time: of two, the greater room id is taken as the newer.
    const NEWER = "!zz-notices:example.org";
    const { client, script } = await startWorld(ME, invite());
    script.fail({ method: "POST", path: /\/join/ }, rateLimited(60_000));
    const { result } = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await waitFor(() => expect(result.current.joinError).not.toBeNull());
    script.hold({ method: "POST", path: /\/join/ }, () => ({ json: { room_id: NEWER } }));
    await act(() =>
      script.push({
        invite: {
          [NEWER]: [
            memberEvent(ME, "invite", { sender: NOTICES_USER, ts: Date.now() }),
            nameEvent("Server Notices", { sender: NOTICES_USER }),
          ],
        },
      }),
    );
    await waitFor(() => expect(result.current.invite?.roomId).toBe(NEWER));
    expect(result.current.joining).toBe(true);
    expect(result.current.joinError).toBeNull();
  });

  it("given a join the server never answers, it times out, is reported, and the retry joins", async () => {
    const { client, script } = await startWorld(ME, invite());
    script.route({ method: "POST", path: /\/join/ }, firstHangs({ json: { room_id: NOTICES_ROOM } }));
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, {
        noticesUserIds: [NOTICES_USER],
        autoJoin: true,
        retry: { requestTimeoutMs: 50, baseDelayMs: 50 },
      }),
    );
    await waitFor(() => expect(result.current.joinError).toBeInstanceOf(RequestTimeoutError));
    await waitFor(() => expect(script.requestsTo(/\/join/)).toHaveLength(2));
    await waitFor(() => expect(result.current.joinError).toBeNull());
    expect(result.current.joining).toBe(false);
  });
});

describe("welcome seen marks in account data", () => {
  it("given the server refuses the write (403), it is reported at once instead of retried", async () => {
    const welcome = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    script.fail({ method: "PUT", path: /account_data/ }, { status: 403, errcode: "M_FORBIDDEN" });
    const onWriteError = vi.fn();
    const seenStore = createAccountDataSeenStore(client, { retry: { baseDelayMs: 1 }, onWriteError });
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    act(() => result.current.markSeen());
    await waitFor(() => expect(onWriteError).toHaveBeenCalledTimes(1));
    expect(onWriteError.mock.calls[0]?.[1]).toBe(ROOM);
    await act(() => sleep(30));
    expect(script.requestsTo(/account_data/, "PUT")).toHaveLength(1);
    expect(result.current.shouldShow).toBe(false);
  });

  it("given a write that timed out lands after a newer one, the server ends up with every mark", async () => {
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }),
    );
    // The homeserver applies each PUT when it processes it; the first one is stuck (a slow worker, a proxy queue).
    let server: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let calls = 0;
    script.route({ method: "PUT", path: /account_data/ }, async (req) => {
      if (++calls === 1) await gate;
      server = (req.body as { event_ids: string[] }).event_ids;
      return { json: {} };
    });
    const seenStore = createAccountDataSeenStore(client, {
      retry: { requestTimeoutMs: 40, baseDelayMs: 10 },
    });
    seenStore.markSeen(ROOM, "$first");
    await waitFor(() => expect(script.requestsTo(/account_data/, "PUT")).toHaveLength(2)); // timed out, retried
    seenStore.markSeen(ROOM, "$second");
    await waitFor(() => expect(server).toEqual(["$first", "$second"]));
    release(); // the stale write is processed at last, replacing the marks with its own...
    // ...and once it has landed, the current marks are written again.
    await waitFor(() => expect(script.requestsTo(/account_data/, "PUT")).toHaveLength(4));
    await waitFor(() => expect(server).toEqual(["$first", "$second"]));
  });

  it("given a homeserver slower than the request timeout, the writes stop once the marks are on the server", async () => {
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }),
    );
    // A slow but working homeserver: it applies and answers each PUT only once the client has stopped waiting for
    // it (the next attempt came in, or the last attempt gave up), so every attempt times out and lands late. Not a
    // fixed delay: on a stalled host, a 60 ms answer and the 40 ms timeout expire together and Node may run either
    // first, and the store's attempts then end differently from run to run.
    let server: string[] = [];
    let answered = 0;
    const late: (() => void)[] = [];
    const landLate = () => {
      for (const land of late.splice(0)) land();
    };
    script.route({ method: "PUT", path: /account_data/ }, async (req) => {
      landLate(); // the previous attempt, which timed out
      await new Promise<void>((resolve) => late.push(resolve));
      server = (req.body as { event_ids: string[] }).event_ids;
      answered += 1;
      return { json: {} };
    });
    const onWriteError = vi.fn(landLate);
    const seenStore = createAccountDataSeenStore(client, {
      retry: { requestTimeoutMs: 40, baseDelayMs: 5, maxDelayMs: 5, maxAttempts: 3 },
      onWriteError,
    });
    seenStore.markSeen(ROOM, "$first");
    await waitFor(() => expect(server).toEqual(["$first"]));
    // The attempts are waited for rather than counted between two sleeps: a stalled host may take longer than any
    // fixed sleep to get through them.
    await waitFor(() => expect(onWriteError).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(answered).toBe(3)); // every write has landed (late)
    expect(script.requestsTo(/account_data/, "PUT")).toHaveLength(3);
    // Nothing follows: no late landing, echo or give-up starts the writes again.
    await act(() => sleep(400));
    expect(script.requestsTo(/account_data/, "PUT")).toHaveLength(3);
    expect(onWriteError).toHaveBeenCalledTimes(1);
  });

  it("given a rate-limited write, a new mark meanwhile waits for the server's time and goes with the retry", async () => {
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }),
    );
    script.fail(
      { method: "PUT", path: /account_data/ },
      { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 300 } },
    );
    const seenStore = createAccountDataSeenStore(client, { retry: { baseDelayMs: 1 } });
    seenStore.markSeen(ROOM, "$first");
    await waitFor(() => expect(script.requestsTo(/account_data/, "PUT")).toHaveLength(1));
    await act(() => sleep(20));
    const marked = performance.now();
    seenStore.markSeen(ROOM, "$second");
    const puts = () => script.requestsTo(/account_data/, "PUT");
    await waitFor(() => expect(puts().at(-1)?.body).toEqual({ event_ids: ["$first", "$second"] }));
    const [first, ...later] = puts();
    // No write before the server's time: measured, not raced against a sleep (a stalled host only makes gaps longer).
    for (const put of later) expect(put.at - first!.at).toBeGreaterThanOrEqual(295);
    // The new mark went with the retry, not on its own (a mark made 250 ms after the 429 at most is before it).
    if (marked - first!.at < 250) expect(later).toHaveLength(1);
  });

  it("given a write the server never answers, it times out and the retry writes the mark", async () => {
    const welcome = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    script.route({ method: "PUT", path: /account_data/ }, firstHangs({ json: {} }));
    const onWriteError = vi.fn();
    const seenStore = createAccountDataSeenStore(client, {
      retry: { requestTimeoutMs: 40, baseDelayMs: 10 },
      onWriteError,
    });
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    act(() => result.current.markSeen());
    await waitFor(() => expect(script.requestsTo(/account_data/, "PUT")).toHaveLength(2));
    await act(() => sleep(30));
    expect(script.requestsTo(/account_data/, "PUT")).toHaveLength(2);
    expect(onWriteError).not.toHaveBeenCalled();
  });
});
