/**
 * A homeserver down for maintenance: its reverse proxy (or the server itself) answers 503 with `Retry-After`, HTTP's
 * way of saying when to come back. The kit waits that long before asking again, as it does for a rate limit's wait,
 * instead of its own short backoff; a 503 without the header, or another status with it, keeps the backoff.
 */
import { render, renderHook, screen, waitFor } from "@testing-library/react";
import { MatrixError } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createAccountDataSeenStore,
  createMemorySeenStore,
  retryDelayAfter,
  useServerNotices,
  useServerNoticesRoom,
  WelcomeDialog,
} from "../../src";
import { asksToWait } from "../../src/core/backoff";
import { serverNoticeEvent, welcomeEvent } from "../support/events";
import { imageAnswer, MEDIA_DOWNLOAD as MEDIA, stubObjectUrls } from "../support/media";
import { NOTICES_ROOM, NOTICES_USER, noticesInvite, welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";
import { dropSyncOnce, noticeBodies, startPinningWorld, startWorld } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!lounge:example.org";

afterEach(() => vi.unstubAllGlobals());

/** A Matrix error answered with `status` and these headers. */
const answered = (status: number, headers: Record<string, string>) =>
  new MatrixError(
    { errcode: "M_UNKNOWN", error: "Service Unavailable" },
    status,
    undefined,
    undefined,
    new Headers(headers),
  );

/** A proxy's maintenance answer: 503, come back in `seconds`. */
const maintenance = (seconds: number) =>
  new Response(JSON.stringify({ errcode: "M_UNKNOWN", error: "Down for maintenance" }), {
    status: 503,
    headers: { "content-type": "application/json", "Retry-After": String(seconds) },
  });

describe("the retry delay after a 503", () => {
  it("given a 503 with Retry-After: 45, the next attempt waits 45 seconds, not the first backoff's second", () => {
    expect(retryDelayAfter(answered(503, { "Retry-After": "45" }), 1)).toBe(45_000);
  });

  it("given a 503 with Retry-After as an HTTP date, the next attempt waits until then", () => {
    const start = Date.now();
    const at = Math.ceil(start / 1000) * 1000 + 50_000; // HTTP dates have whole seconds
    const delay = retryDelayAfter(answered(503, { "Retry-After": new Date(at).toUTCString() }), 1)!;
    expect(delay).toBeGreaterThan(at - start - 1000);
    expect(delay).toBeLessThanOrEqual(at - start);
  });

  it("given a 503 asking for an hour (a guess at its downtime), the wait is the policy's longest backoff, a minute by default", () => {
    const hour = answered(503, { "Retry-After": "3600" });
    expect(retryDelayAfter(hour, 1)).toBe(60_000);
    expect(retryDelayAfter(hour, 1, { maxDelayMs: 300_000 })).toBe(300_000);
    expect(retryDelayAfter(hour, 1, { maxDelayMs: Number.POSITIVE_INFINITY })).toBe(3_600_000);
  });

  it("given a policy whose longest backoff is 0, a 503's Retry-After holds nothing back", () => {
    const hour = answered(503, { "Retry-After": "3600" });
    expect(retryDelayAfter(hour, 1, { baseDelayMs: 0, maxDelayMs: 0 })).toBe(0);
    expect(asksToWait(hour, { maxDelayMs: 0 })).toBe(false);
    expect(asksToWait(hour)).toBe(true);
  });

  it("given a 503 without Retry-After, or a 500 or 502 with one, the policy's backoff decides (controls)", () => {
    expect(retryDelayAfter(answered(503, {}), 1)).toBe(1000);
    expect(retryDelayAfter(answered(500, { "Retry-After": "120" }), 1)).toBe(1000);
    expect(retryDelayAfter(answered(502, { "Retry-After": "120" }), 2)).toBe(2000);
  });

  it("given a 503 whose Retry-After is no number or date, the policy's backoff decides", () => {
    expect(retryDelayAfter(answered(503, { "Retry-After": "soon" }), 1)).toBe(1000);
  });
});

describe("a pinned notice fetched during maintenance", () => {
  it("given the fetch answered 503 with Retry-After: 1, it is not asked again before the second is over, and then shows", async () => {
    const notice = serverNoticeEvent("Scheduled maintenance tonight");
    const { client, script } = await startPinningWorld(ME, notice);
    let answeredAt = 0;
    script.route({ path: /\/event\// }, () => {
      if (answeredAt === 0) {
        answeredAt = performance.now();
        return maintenance(1);
      }
      return { json: { ...notice, room_id: NOTICES_ROOM } };
    });
    const { result } = renderHook(() => useServerNotices(client, { retry: { baseDelayMs: 10 } }));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Scheduled maintenance tonight"]), {
      timeout: 3000,
    });
    const fetches = script.requestsTo(/\/event\//);
    expect(fetches).toHaveLength(2);
    expect(fetches[1]!.at - answeredAt).toBeGreaterThanOrEqual(990);
  });

  it("given a fetch answered 503 with Retry-After: 60, sync recovering meanwhile does not ask again before the wait", async () => {
    const notice = serverNoticeEvent("Patient");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    let answered = false;
    script.route({ path: /\/event\// }, () => {
      if (answered) return undefined;
      answered = true;
      return maintenance(60);
    });
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.error).not.toBeNull());
    await dropSyncOnce(client, script);
    await waitFor(() => expect(client.getSyncState()).toBe("SYNCING"), { timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
  }, 40_000);
});

describe("the notices room's invite during maintenance", () => {
  it("given the auto-join answered 503 with Retry-After: 60, a remount neither joins again before the wait nor forgets the error", async () => {
    const { client, script } = await startWorld(ME, noticesInvite(ME));
    let answered = false;
    script.route({ method: "POST", path: /\/join/ }, () => {
      if (answered) return undefined;
      answered = true;
      return maintenance(60);
    });
    const autoJoin = { noticesUserIds: [NOTICES_USER], autoJoin: true };
    const first = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await waitFor(() => expect(first.result.current.joinError).not.toBeNull());
    first.unmount();
    const second = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await new Promise((r) => setTimeout(r, 1500));
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
    expect(second.result.current.joinError).not.toBeNull();
  });
});

describe("welcome images during maintenance", () => {
  it("given the first image answered 503 with Retry-After: 1, no image is asked for again until the second is over", async () => {
    stubObjectUrls();
    const script = new SyncScript({ userId: ME });
    let answeredAt = 0;
    script.route({ path: MEDIA }, () => {
      if (answeredAt === 0) {
        answeredAt = performance.now();
        return maintenance(1);
      }
      return imageAnswer();
    });
    const client = script.createClient();
    const html = `<p>${Array.from({ length: 8 }, (_, i) => `<img src="mxc://example.org/m${i}" alt="picture ${i}">`).join("")}</p>`;
    await script.start(client, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Pictures", html)] }));
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    await screen.findByRole("dialog");
    const shown = () => [...document.querySelectorAll<HTMLImageElement>("[role=dialog] img")];
    await waitFor(() => expect(shown().filter((img) => img.src.startsWith("blob:"))).toHaveLength(8), {
      timeout: 4000,
    });
    // The first six went together, the 503 answering the first; everything after waited for the server's second.
    const later = script
      .requestsTo(MEDIA)
      .slice(6)
      .map((d) => d.at - answeredAt);
    expect(later).toHaveLength(3);
    expect(Math.min(...later)).toBeGreaterThanOrEqual(990);
  });
});

describe("a welcome's seen mark written during maintenance", () => {
  it("given the write answered 503 with Retry-After: 1, a new mark meanwhile waits for the second and goes with the retry", async () => {
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }),
    );
    let answeredAt = 0;
    script.route({ method: "PUT", path: /account_data/ }, () => {
      if (answeredAt !== 0) return undefined; // the script's own account data from now on
      answeredAt = performance.now();
      return maintenance(1);
    });
    const seenStore = createAccountDataSeenStore(client, { retry: { baseDelayMs: 1 } });
    seenStore.markSeen(ROOM, "$first");
    await waitFor(() => expect(answeredAt).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 20));
    seenStore.markSeen(ROOM, "$second");
    const puts = () => script.requestsTo(/account_data/, "PUT");
    await waitFor(() => expect(puts().at(-1)?.body).toEqual({ event_ids: ["$first", "$second"] }), {
      timeout: 3000,
    });
    const [, ...later] = puts();
    expect(later).toHaveLength(1);
    expect(later[0]!.at - answeredAt).toBeGreaterThanOrEqual(990);
  });
});
