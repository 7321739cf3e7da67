/**
 * An entry kept past its last holder only for the server's rate-limit wait must not be the first thing
 * the cache evicts (then the next holder asks at once, during the wait).
 */
import { waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { pinnedEventFetcher } from "../../src/notices/PinnedEventFetcher";
import { serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM } from "../support/scenarios";
import { plainMessageAnswer, requestedEventId, startPinningWorld } from "../support/world";

const ME = "@alice:example.org";

describe("a rate-limited entry kept for its wait, then evicted", () => {
  it("given a fetch rate-limited for a minute and released, 501 other events cached after it do not make a new holder ask before the wait", async () => {
    const waited = serverNoticeEvent("Waited");
    const { client, script } = await startPinningWorld(ME, waited);
    script.route({ path: /\/event\// }, (req) => plainMessageAnswer(requestedEventId(req.path)));
    script.fail(
      { path: new RegExp(`/event/${waited.event_id.replace("$", "\\$")}$`) },
      { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 60_000 } },
      1,
    );
    const fetcher = pinnedEventFetcher(client);
    const toWaited = () => script.requestsTo(new RegExp(`/event/\\${waited.event_id}$`));
    fetcher.acquire(NOTICES_ROOM, waited.event_id, { maxAttempts: 1 });
    await waitFor(() => expect(fetcher.get(NOTICES_ROOM, waited.event_id)?.status).toBe("error"));
    fetcher.release(NOTICES_ROOM, waited.event_id);
    expect(fetcher.get(NOTICES_ROOM, waited.event_id)).toBeDefined();
    const ids = Array.from({ length: 501 }, (_, i) => `$other${i}:example.org`);
    for (const id of ids) fetcher.acquire(NOTICES_ROOM, id);
    await waitFor(
      () => expect(ids.every((id) => fetcher.get(NOTICES_ROOM, id)?.status === "ok")).toBe(true),
      {
        timeout: 15_000,
      },
    );
    for (const id of ids) fetcher.release(NOTICES_ROOM, id);
    expect(toWaited()).toHaveLength(1);
    // The notice is pinned again (or the banner remounts) during the server's minute.
    fetcher.acquire(NOTICES_ROOM, waited.event_id);
    await new Promise((r) => setTimeout(r, 50));
    expect(toWaited()).toHaveLength(1);
    fetcher.release(NOTICES_ROOM, waited.event_id);
  });
});
