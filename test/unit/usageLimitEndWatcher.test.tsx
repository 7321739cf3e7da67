/**
 * The limit-end watcher (watchLimitEnd, src/notices/ServerNoticesStore.ts): the client-level Sync watcher a sync-reported
 * usage limit leaves while sync stays down.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { ClientEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, useServerNoticeItems, useServerNotices } from "../../src";
import { mauLimitFailure } from "../support/limits";
import { listenerTotal } from "../support/listeners";
import { noticesRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const limit = mauLimitFailure;

describe("the limit-end watcher", () => {
  it("given sync stays refused for a usage limit, 1,000 banner mount/unmount cycles leave at most one listener on the client", async () => {
    const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    const before = listenerTotal(client);
    const first = render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    script.pushSyncFailure(limit);
    await screen.findByRole("alert", {}, { timeout: 15_000 });
    first.unmount();
    const afterOne = listenerTotal(client);
    expect(afterOne - before).toBeLessThanOrEqual(1);
    for (let i = 0; i < 1000; i++) {
      const r = render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
      r.unmount();
    }
    expect(listenerTotal(client)).toBe(afterOne);
  }, 60_000);

  it("given a limit ended while nothing was mounted, the watcher leaves no listener", async () => {
    const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    const syncListeners = client.listenerCount(ClientEvent.Sync);
    const first = render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    script.pushSyncFailure(limit);
    await screen.findByRole("alert", {}, { timeout: 15_000 });
    first.unmount();
    script.queueBatch({});
    await waitFor(() => expect(client.getSyncState()).toBe("SYNCING"), { timeout: 15_000 });
    expect(client.listenerCount(ClientEvent.Sync)).toBe(syncListeners);
  }, 40_000);

  it("given a banner (items only) and a hook with other options side by side, both show the same limit with the same id", async () => {
    const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    const items = renderHook(() => useServerNoticeItems(client, { retry: { maxAttempts: 1 } }));
    const full = renderHook(() => useServerNotices(client));
    script.pushSyncFailure(limit);
    await waitFor(() => expect(items.result.current).toHaveLength(1), { timeout: 15_000 });
    await waitFor(() => expect(full.result.current.notices).toHaveLength(1));
    expect(items.result.current[0]!.eventId).toBe(full.result.current.notices[0]!.eventId);
    script.queueBatch({});
    await waitFor(() => expect(items.result.current).toHaveLength(0), { timeout: 15_000 });
    expect(full.result.current.notices).toHaveLength(0);
    await act(async () => {});
  }, 40_000);
});
