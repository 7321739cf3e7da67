// Failed pinned-event fetches start over when sync comes back: after being offline, also for a hook mounted while
// sync was down (whatever its options), and for a client the app stops and starts again (on resume, say), whose
// fresh sync has no "previous state" to recover from.
import { renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM } from "../support/scenarios";
import { noticeBodies as bodies, startPinningWorld } from "../support/world";

const ME = "@alice:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a client the app restarts", () => {
  it("given a pinned-event fetch gave up while offline, when the app restarts its client and sync works again, the notice is fetched and shows", async () => {
    const notice = serverNoticeEvent("Back online");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    script.fail({ path: /\/event\// }, "network", 2);
    const { result } = renderHook(() =>
      useServerNotices(client, { retry: { baseDelayMs: 5, maxAttempts: 2 } }),
    );
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    await sleep(30);
    expect(result.current.failedEventIds).toEqual([notice.event_id]); // it gave up
    // The connection drops.
    script.pushSyncFailure("network");
    await waitFor(() => expect(client.getSyncState()).not.toBe("SYNCING"), { timeout: 15_000 });
    // The app restarts its client (on resume, say) and the connection is back.
    client.stopClient();
    await sleep(20);
    script.queueBatch({});
    await client.startClient({ initialSyncLimit: 50 });
    await waitFor(() => expect(client.getSyncState()).toBe("SYNCING"), { timeout: 15_000 });
    await waitFor(() => expect(bodies(result)).toEqual(["Back online"]), { timeout: 15_000 });
  }, 40_000);
});

describe("a hook mounted while sync is down", () => {
  it.for([{ resourceLimitErrors: true }, { resourceLimitErrors: false }])(
    "given resourceLimitErrors %j, a fetch that failed while offline is fetched again when sync recovers",
    { timeout: 20_000 },
    async ({ resourceLimitErrors }) => {
      const notice = serverNoticeEvent("Back online");
      const { client, script } = await startPinningWorld(ME, notice);
      script.serveEvent(NOTICES_ROOM, notice);
      // The connection drops before the hook mounts.
      script.pushSyncFailure("network");
      await waitFor(() => expect(client.getSyncState()).not.toBe("SYNCING"), { timeout: 15_000 });
      script.fail({ path: /\/event\// }, "network", 1);
      const { result } = renderHook(() =>
        useServerNotices(client, { resourceLimitErrors, retry: { maxAttempts: 1 } }),
      );
      await waitFor(() => expect(result.current.failedEventIds).toEqual([notice.event_id]));
      // The connection comes back.
      script.queueBatch({});
      await waitFor(() => expect(client.getSyncState()).toBe("SYNCING"), { timeout: 15_000 });
      await waitFor(() => expect(bodies(result)).toEqual(["Back online"]), { timeout: 15_000 });
    },
  );
});
