/**
 * The pinned-event fetcher across a rate limit: a remount during the wait, and a long rate limit. (Behaviour no test
 * pinned down before a mutation hunt of the stores.)
 */
import { waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { pinnedEventFetcher } from "../../src/notices/PinnedEventFetcher";
import { serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM } from "../support/scenarios";
import { plainMessageAnswer, requestedEventId, startPinningWorld } from "../support/world";

const ME = "@alice:example.org";
const LIMITED = (ms: number) => ({ status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: ms } });

/** A pinned notice whose first `times` fetches the server rate-limits, asking to wait `ms`; the fetcher. */
async function rateLimited(body: string, ms: number, times: number) {
  const notice = serverNoticeEvent(body);
  const { client, script } = await startPinningWorld(ME, notice);
  script.route({ path: /\/event\// }, (req) => plainMessageAnswer(requestedEventId(req.path)));
  const path = new RegExp(`/event/\\${notice.event_id}$`);
  script.fail({ path }, LIMITED(ms), times);
  const fetcher = pinnedEventFetcher(client);
  const status = () => fetcher.get(NOTICES_ROOM, notice.event_id)?.status;
  return { id: notice.event_id, fetcher, status, fetches: () => script.requestsTo(path) };
}

describe("pinned fetches under a rate limit", () => {
  it("given a fetch that gave up on a rate limit and was released during the wait, when it is held again, it is fetched once the wait ends", async () => {
    const { id, fetcher, status, fetches } = await rateLimited("Waited", 300, 1);
    fetcher.acquire(NOTICES_ROOM, id, { maxAttempts: 1 });
    await waitFor(() => expect(status()).toBe("error"));
    fetcher.release(NOTICES_ROOM, id);
    // The banner remounts during the server's wait.
    fetcher.acquire(NOTICES_ROOM, id, { maxAttempts: 1 });
    await waitFor(() => expect(status()).toBe("ok"), { timeout: 3000 });
    expect(fetches()).toHaveLength(2);
  });

  it("given a policy of 2 attempts, when the server rate-limits a fetch 3 times with short waits, the fetch still succeeds (rate-limited retries get more attempts)", async () => {
    const { id, fetcher, status, fetches } = await rateLimited("Paced", 20, 3);
    fetcher.acquire(NOTICES_ROOM, id, { maxAttempts: 2, baseDelayMs: 5 });
    await waitFor(() => expect(status()).toBe("ok"), { timeout: 3000 });
    expect(fetches()).toHaveLength(4);
  });
});
