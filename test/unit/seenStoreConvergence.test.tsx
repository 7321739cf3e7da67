// The account-data seen store across devices and outages: marks are written until the server has them (after an
// unmount, after retries gave up while offline, after another device's write dropped them).
import { act, renderHook, waitFor } from "@testing-library/react";
import { ClientEvent, RoomEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createAccountDataSeenStore, useWelcomeMessage, WELCOME_SEEN_ACCOUNT_DATA_TYPE } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { seenMarkWrites } from "../support/seenMarks";
import { dropSyncOnce, startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

describe("the account-data seen store", () => {
  it("when another device's write (last writer wins) replaces the server's marks without this device's mark, the mark is written again", async () => {
    const e2 = welcomeEvent("Rules v2");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e2] }));
    const seenStore = createAccountDataSeenStore(client, { retry: { baseDelayMs: 5 } });
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
    act(() => result.current.markSeen());
    await waitFor(() => expect(seenMarkWrites(script)).toEqual([[e2.event_id]]));
    // The phone, whose sync lagged and still showed the earlier edition $e1, confirmed that one at the same moment:
    // its PUT { event_ids: [$e1] } landed after ours, so the server now holds only $e1.
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            accountData: [
              { type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: ["$e1:example.org"] } },
            ],
          },
        },
      }),
    );
    // Locally both marks hold...
    expect(seenStore.getSeen(ROOM)).toEqual(["$e1:example.org", e2.event_id]);
    // ...but the server must get this device's mark back, or every other device (and this one after a reload) lost it.
    await waitFor(() => expect(seenMarkWrites(script).at(-1)).toEqual(["$e1:example.org", e2.event_id]));
  });

  it("a mark whose first write fails is still retried after the dialog unmounts", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    script.fail({ method: "PUT", path: /account_data/ }, "network", 2);
    const seenStore = createAccountDataSeenStore(client, { retry: { baseDelayMs: 5 } });
    const { result, unmount } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    act(() => result.current.markSeen());
    unmount();
    await waitFor(() => expect(seenMarkWrites(script)).toHaveLength(3));
    expect(seenMarkWrites(script).at(-1)).toEqual([e1.event_id]);
  });

  it("a slow write that times out is retried after unmount, and a late landing is harmless", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    const release = script.hold({ method: "PUT", path: /account_data/ }, () => ({ json: {} }));
    const seenStore = createAccountDataSeenStore(client, { retry: { baseDelayMs: 5, requestTimeoutMs: 20 } });
    const { result, unmount } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    act(() => result.current.markSeen());
    unmount();
    await waitFor(() => expect(seenMarkWrites(script).length).toBeGreaterThanOrEqual(2));
    release();
    await new Promise((r) => setTimeout(r, 100));
    expect(seenMarkWrites(script).every((ids) => ids.includes(e1.event_id))).toBe(true);
  });

  it("a mark whose writes all failed while offline is written once sync recovers", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    // Offline for as long as the retry policy lasts (here 3 quick attempts stand for the default's ~2 minutes).
    script.fail({ method: "PUT", path: /account_data/ }, "network", 3);
    const seenStore = createAccountDataSeenStore(client, { retry: { baseDelayMs: 5, maxAttempts: 3 } });
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    act(() => result.current.markSeen());
    await act(() => dropSyncOnce(client, script));
    await waitFor(() => expect(seenMarkWrites(script)).toHaveLength(3));
    // Back online: sync succeeds again.
    await waitFor(() => expect(client.getSyncState()).toBe("SYNCING"), { timeout: 15_000 });
    await act(() => script.push({}));
    // The mark is still only in this tab's memory: a reload would show the welcome again here and on every device.
    await waitFor(() => expect(seenMarkWrites(script)).toHaveLength(4), { timeout: 15_000 });
    expect(seenMarkWrites(script).at(-1)).toEqual([e1.event_id]);
  }, 40_000);
});

describe("the account-data seen store's listeners", () => {
  it("given a mark with nothing subscribed, the store listens until the server's echo has it, then stops", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    const counts = () => [
      client.listenerCount(RoomEvent.AccountData),
      client.listenerCount(ClientEvent.Sync),
    ];
    const before = counts();
    const seenStore = createAccountDataSeenStore(client);
    seenStore.markSeen(ROOM, e1.event_id);
    expect(counts()).toEqual([before[0]! + 1, before[1]! + 1]);
    await waitFor(() => expect(seenMarkWrites(script)).toEqual([[e1.event_id]]));
    // The homeserver echoes the write through /sync: confirmed, nothing more to watch.
    await waitFor(() => expect(counts()).toEqual(before));
    expect(seenStore.getSeen(ROOM)).toEqual([e1.event_id]);
  });
});
