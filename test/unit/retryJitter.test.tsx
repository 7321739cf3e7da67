/**
 * Retries spread at random: a retry waits between (1 - jitter) and all of its backoff, so that the clients a
 * homeserver restart failed together do not all come back at the same instant; a wait the server asked for is never
 * cut. Each place the kit retries (pinned notices, the notices room's join, seen marks, welcome images) uses it.
 */
import { renderHook, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { MatrixError } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createAccountDataSeenStore,
  createAuthenticatedMediaResolver,
  DEFAULT_RETRY_POLICY,
  useServerNotices,
  useServerNoticesRoom,
} from "../../src";
import { jittered } from "../../src/core/backoff";
import { serverNoticeEvent, welcomeEvent } from "../support/events";
import { imageAnswer, MEDIA_DOWNLOAD as MEDIA, stubObjectUrls } from "../support/media";
import { NOTICES_ROOM, NOTICES_USER, noticesInvite, welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";
import { noticeBodies, startPinningWorld, startWorld } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!lounge:example.org";

/** A retry a minute away without jitter, at once with all of it taken off (the draw below takes nearly all). */
const MINUTE_ALL_JITTER = { baseDelayMs: 60_000, jitter: 1 };
const BAD_GATEWAY = { status: 502, errcode: "M_UNKNOWN" };

/** Draws the largest share of the jitter every time (`Math.random` just below 1). */
const drawLargest = () => vi.spyOn(Math, "random").mockReturnValue(0.99999);

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("the wait before a retry", () => {
  const network = new TypeError("Failed to fetch");

  it("given the default policy, a retry waits half to all of its backoff, by the draw", () => {
    expect(DEFAULT_RETRY_POLICY.jitter).toBe(0.5);
    expect(jittered(1000, network, {}, () => 0)).toBe(1000);
    expect(jittered(1000, network, {}, () => 0.5)).toBe(750);
    expect(jittered(1000, network, {}, () => 0.99999)).toBe(500);
  });

  it("given jitter 0, the wait is the backoff; given jitter outside 0 to 1 or no number, it is read as the nearest bound or the default", () => {
    expect(jittered(1000, network, { jitter: 0 }, () => 0.9)).toBe(1000);
    expect(jittered(1000, network, { jitter: -2 }, () => 0.9)).toBe(1000);
    expect(jittered(1000, network, { jitter: 7 }, () => 0.9)).toBe(100);
    expect(jittered(1000, network, { jitter: Number.NaN }, () => 0.9)).toBe(550);
    expect(jittered(1000, network, { jitter: "lots" as unknown as number }, () => 0.9)).toBe(550);
  });

  it("given a rate limit's wait of 5 seconds, no draw makes the retry come sooner", () => {
    const limited = new MatrixError({ errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 5_000 }, 429);
    expect(jittered(5_000, limited, { jitter: 1 }, () => 0.99999)).toBe(5_000);
    // A backoff longer than the server's wait is spread down to that wait, not below.
    expect(jittered(16_000, limited, { jitter: 1 }, () => 0.99999)).toBe(5_000);
  });
});

describe("each retry of the kit's is spread", () => {
  it("given a pinned notice whose fetch failed, its retry comes after the drawn share of the backoff, not the whole minute", async () => {
    drawLargest();
    const notice = serverNoticeEvent("Spread out");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    script.fail({ path: /\/event\// }, BAD_GATEWAY);
    const { result } = renderHook(() => useServerNotices(client, { retry: MINUTE_ALL_JITTER }));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Spread out"]), { timeout: 5000 });
    expect(script.requestsTo(/\/event\//)).toHaveLength(2);
  });

  it("given the notices room's join failed, the join is retried after the drawn share", async () => {
    drawLargest();
    const { client, script } = await startWorld(ME, noticesInvite(ME));
    script.fail({ method: "POST", path: /\/join/ }, BAD_GATEWAY);
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, {
        noticesUserIds: [NOTICES_USER],
        autoJoin: true,
        retry: MINUTE_ALL_JITTER,
      }),
    );
    await waitFor(() => expect(script.requestsTo(/\/join/)).toHaveLength(2), { timeout: 5000 });
    await waitFor(() => expect(result.current.joinError).toBeNull());
  });

  it("given a seen mark's write failed, it is written again after the drawn share", async () => {
    drawLargest();
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }),
    );
    script.fail({ method: "PUT", path: /account_data/ }, BAD_GATEWAY);
    createAccountDataSeenStore(client, { retry: MINUTE_ALL_JITTER }).markSeen(ROOM, "$welcome");
    await waitFor(() => expect(script.requestsTo(/account_data/, "PUT")).toHaveLength(2), { timeout: 5000 });
  });

  it("given a welcome image's download failed, it is downloaded again after the drawn share", async () => {
    drawLargest();
    stubObjectUrls();
    const script = new SyncScript({ userId: ME });
    script.fail({ path: MEDIA }, BAD_GATEWAY);
    script.route({ path: MEDIA }, imageAnswer);
    const client: MatrixClient = script.createClient();
    const url = `${client.getHomeserverUrl()}/_matrix/client/v1/media/download/example.org/abc`;
    const resolve = createAuthenticatedMediaResolver(client, { retry: MINUTE_ALL_JITTER });
    await expect(resolve(url, new AbortController().signal)).resolves.toMatch(/^blob:/);
    expect(script.requestsTo(MEDIA)).toHaveLength(2);
  });

  it("given jitter 0, a failed pinned fetch is not retried before its backoff (control)", async () => {
    drawLargest();
    const notice = serverNoticeEvent("On the second");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    script.fail({ path: /\/event\// }, BAD_GATEWAY);
    const { result } = renderHook(() => useServerNotices(client, { retry: { baseDelayMs: 300, jitter: 0 } }));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["On the second"]), { timeout: 5000 });
    const [first, retry] = script.requestsTo(/\/event\//);
    expect(retry!.at - first!.at).toBeGreaterThanOrEqual(295);
  });
});
