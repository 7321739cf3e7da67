/**
 * The limit-end watcher (watchLimitEnd, src/notices/ServerNoticesStore.ts) on a client the app stops while sync is
 * refused for a usage limit: no sync will end the limit, so the watcher lets go of the client, whichever comes first,
 * the stop or the last unmount; a limit after the client starts again is a new notice.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { ClientEvent, type MatrixClient, SyncState } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, useServerNotices } from "../../src";
import { mauLimitFailure } from "../support/limits";
import { noticesRoom } from "../support/scenarios";
import { waitForSyncState } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const limit = mauLimitFailure;

/** The client's listeners, by event. */
function listenersOf(client: MatrixClient): Map<string | symbol, unknown[]> {
  return new Map(client.eventNames().map((name) => [name, client.listeners(name as ClientEvent)]));
}

/** How many listeners the client has that it did not have at `before` (taken with {@link listenersOf}). */
function addedSince(client: MatrixClient, before: Map<string | symbol, unknown[]>): number {
  let added = 0;
  for (const [name, now] of listenersOf(client))
    added += now.filter((l) => !(before.get(name) ?? []).includes(l)).length;
  return added;
}

/** A started client with a notices room, a mounted banner showing a usage limit sync ran into. */
async function limitShown() {
  const world = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
  const before = listenersOf(world.client);
  const dismissStore = createMemoryDismissStore();
  const banner = render(<NoticeBanner client={world.client} dismissStore={dismissStore} />);
  world.script.pushSyncFailure(limit);
  const alert = await screen.findByRole("alert", {}, { timeout: 15_000 });
  return { ...world, before, banner, dismissStore, alert };
}

describe("the limit-end watcher on a client the app stops", () => {
  it("given sync refused for a usage limit, when the app stops the client and then the banner unmounts, no listener of the kit stays on the client", async () => {
    const { client, before, banner } = await limitShown();
    client.stopClient(); // waiting between two refused syncs, the SDK never says STOPPED
    banner.unmount(); // and unmounted at once, before any Sync event could come
    expect(client.getSyncState()).toBeNull();
    expect(addedSince(client, before)).toBe(0);
  }, 40_000);

  it("given the banner unmounted while sync is refused for a usage limit, when the app stops the client, the watcher lets go at its STOPPED", async () => {
    const { client, script, before, banner } = await limitShown();
    banner.unmount();
    expect(client.listenerCount(ClientEvent.Sync)).toBeGreaterThan(0);
    // Once the SDK asks for /sync again (after its keep-alive), a stop aborts that request and it says STOPPED.
    const asked = script.requestsTo(/\/sync$/).length;
    await waitFor(() => expect(script.requestsTo(/\/sync$/).length).toBeGreaterThan(asked), {
      timeout: 15_000,
    });
    const stopped = waitForSyncState(client, SyncState.Stopped);
    client.stopClient();
    await stopped;
    expect(addedSince(client, before)).toBe(0);
  }, 40_000);

  it("given a dismissed limit and the client stopped with nothing mounted, when it starts again and sync is refused again, the limit shows as a new notice", async () => {
    const { client, script, banner, dismissStore, alert } = await limitShown();
    const firstId = alert.getAttribute("data-notice-id");
    await act(async () => screen.getByRole("button", { name: "Dismiss notice" }).click());
    banner.unmount();
    client.stopClient();
    await script.start(client, {});
    script.pushSyncFailure(limit);
    await waitFor(() => expect(client.getSyncState()).not.toBe(SyncState.Syncing), { timeout: 15_000 });
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.notices).toHaveLength(1));
    expect(result.current.notices[0]!.eventId).not.toBe(firstId);
    expect(dismissStore.isDismissed(result.current.notices[0]!.eventId)).toBe(false);
  }, 40_000);
});
