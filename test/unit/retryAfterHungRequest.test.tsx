/**
 * When the network drops, a request often hangs rather than fails. One still out when sync comes back, which then
 * fails (times out, or a proxy's 502 once the connection is gone), used the last of its retry budget during the
 * outage: it must be retried now that the network works, as a request that had already given up is, not left failed
 * until the next outage or remount. Seen here for a pinned notice's fetch, the notices room's auto-join and a
 * welcome's seen-mark write.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import {
  createAccountDataSeenStore,
  useServerNotices,
  useServerNoticesRoom,
  useWelcomeMessage,
} from "../../src";
import { serverNoticeEvent, welcomeEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesInvite, welcomeRoom } from "../support/scenarios";
import type { RequestMatcher, SyncScript } from "../support/syncScript";
import { noticeBodies as bodies, startPinningWorld, startWorld } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!lounge:example.org";
/** Two attempts, the second the last: the one that hangs through the outage. No timeout: the test ends the hang. */
const retry = { baseDelayMs: 5, maxAttempts: 2, requestTimeoutMs: 0 };

/**
 * Requests matching `matcher`: the first fails (network), the second hangs until `endHang` and then gets a proxy's
 * 502, the later ones get `answer`.
 */
function hangingSecondAttempt(script: SyncScript, matcher: RequestMatcher, answer: () => { json: unknown }) {
  let endHang!: () => void;
  const hang = new Promise<void>((resolve) => {
    endHang = resolve;
  });
  let calls = 0;
  script.route(matcher, async () => {
    calls += 1;
    if (calls === 1) return "network";
    if (calls === 2) {
      await hang;
      return { status: 502, error: "Bad Gateway" };
    }
    return answer();
  });
  return { endHang, calls: () => calls };
}

/** Sync drops and comes back while the request hangs. */
async function syncDropsAndComesBack(client: MatrixClient, script: SyncScript): Promise<void> {
  script.pushSyncFailure("network");
  await waitFor(() => expect(client.getSyncState()).not.toBe("SYNCING"), { timeout: 15_000 });
  script.queueBatch({});
  await waitFor(() => expect(client.getSyncState()).toBe("SYNCING"), { timeout: 15_000 });
}

describe("a request still out when sync comes back, failing after", () => {
  it("given a pinned notice's fetch hung through an outage on its last attempt, it is fetched again and shows", async () => {
    const notice = serverNoticeEvent("Back online");
    const { client, script } = await startPinningWorld(ME, notice);
    const fetch = hangingSecondAttempt(script, { path: /\/event\// }, () => ({
      json: { ...notice, room_id: NOTICES_ROOM },
    }));
    const { result } = renderHook(() => useServerNotices(client, { retry }));
    await waitFor(() => expect(fetch.calls()).toBe(2));
    await syncDropsAndComesBack(client, script);
    act(() => fetch.endHang());
    await waitFor(() => expect(bodies(result)).toEqual(["Back online"]), { timeout: 5_000 });
    expect(result.current.error).toBeNull();
    expect(fetch.calls()).toBe(3);
  }, 40_000);

  it("given the notices room's auto-join hung through an outage on its last attempt, it is sent again and succeeds", async () => {
    const { client, script } = await startWorld(ME, noticesInvite(ME));
    const join = hangingSecondAttempt(script, { method: "POST", path: /\/join\// }, () => ({
      json: { room_id: NOTICES_ROOM },
    }));
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, { noticesUserIds: [NOTICES_USER], autoJoin: true, retry }),
    );
    await waitFor(() => expect(join.calls()).toBe(2));
    await syncDropsAndComesBack(client, script);
    act(() => join.endHang());
    await waitFor(() => expect(join.calls()).toBe(3), { timeout: 5_000 });
    await waitFor(() => expect(result.current.joinError).toBeNull());
    expect(result.current.joining).toBe(false);
  }, 40_000);

  it("given a seen mark's write hung through an outage on its last attempt, it is written again", async () => {
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }),
    );
    let written: unknown;
    const write = hangingSecondAttempt(script, { method: "PUT", path: /account_data/ }, () => ({ json: {} }));
    script.route({ method: "PUT", path: /account_data/ }, (req) => {
      if (write.calls() >= 2) written = req.body;
      return undefined; // on to the hanging route
    });
    const seenStore = createAccountDataSeenStore(client, { retry });
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    act(() => result.current.markSeen());
    await waitFor(() => expect(write.calls()).toBe(2));
    await syncDropsAndComesBack(client, script);
    act(() => write.endHang());
    await waitFor(() => expect(write.calls()).toBe(3), { timeout: 5_000 });
    expect(written).toEqual({ event_ids: [result.current.message?.eventId] });
  }, 40_000);
});
