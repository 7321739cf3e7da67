// The account-data seen store at its edges: refused writes, writes that gave up while sync stayed up, rooms the
// client no longer has; its listeners come off once nothing is left to write.
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createAccountDataSeenStore, useWelcomeMessage } from "../../src";
import { welcomeEvent } from "../support/events";
import { seenStoreListeners } from "../support/listeners";
import { welcomeRoom } from "../support/scenarios";
import { seenMarkWrites } from "../support/seenMarks";
import { dropSyncOnce, startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

describe("the account-data seen store at its edges", () => {
  it("after the server refused a write (403) and the dialog unmounted, listener counts return to baseline", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    const counts = () => seenStoreListeners(client);
    const before = counts();
    script.fail({ method: "PUT", path: /account_data/ }, { status: 403, errcode: "M_FORBIDDEN" }, 100);
    const errors: unknown[] = [];
    const seenStore = createAccountDataSeenStore(client, { onWriteError: (e) => errors.push(e) });
    const { result, unmount } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    act(() => result.current.markSeen());
    await waitFor(() => expect(errors).toHaveLength(1));
    unmount();
    // Nothing will be written for this room again until a new mark: nothing to watch.
    expect(counts()).toEqual(before);
  });

  it("a mark made while a write that the server then refuses is in flight is still written", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    let first = true;
    const release = script.hold({ method: "PUT", path: /account_data/ }, () => {
      if (!first) return undefined;
      first = false;
      return { status: 400, errcode: "M_BAD_JSON" };
    });
    const errors: unknown[] = [];
    const seenStore = createAccountDataSeenStore(client, {
      retry: { baseDelayMs: 5 },
      onWriteError: (e) => errors.push(e),
    });
    seenStore.markSeen(ROOM, "$old:example.org");
    await waitFor(() => expect(seenMarkWrites(script)).toHaveLength(1));
    // A new edition is marked while the first write is still in flight ("written again on the next mark").
    seenStore.markSeen(ROOM, e1.event_id);
    release();
    await waitFor(() => expect(errors).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 200));
    // The new mark gets a write of its own.
    expect(seenMarkWrites(script).some((ids) => ids.includes(e1.event_id))).toBe(true);
  });

  it("a mark whose retries gave up while sync stayed healthy is written again (e.g. when a dialog subscribes)", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    script.fail({ method: "PUT", path: /account_data/ }, { status: 502 }, 3);
    const errors: unknown[] = [];
    const seenStore = createAccountDataSeenStore(client, {
      retry: { baseDelayMs: 5, maxAttempts: 3 },
      onWriteError: (e) => errors.push(e),
    });
    seenStore.markSeen(ROOM, e1.event_id);
    await waitFor(() => expect(errors).toHaveLength(1));
    // Sync keeps working (new batches arrive), the dialog mounts again, the app keeps running...
    await act(() => script.push({}));
    const { unmount } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    await act(() => script.push({}));
    await new Promise((r) => setTimeout(r, 300));
    unmount();
    // ...and the subscribing dialog has the mark written again (a fourth request, which the server takes).
    expect(seenMarkWrites(script)).toHaveLength(4);
  });

  it("a mark for a room the client no longer has is not rewritten on every sync recovery, and is not watched forever", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    const counts = () => seenStoreListeners(client);
    const before = counts();
    const seenStore = createAccountDataSeenStore(client, { retry: { baseDelayMs: 5 } });
    // The write is slow; meanwhile the user leaves and forgets the room, so the server never syncs its account
    // data again (a forgotten room is in no section of /sync).
    const release = script.hold({ method: "PUT", path: /account_data/ }, () => ({ json: {} }));
    script.route({ method: "POST", path: /\/forget$/ }, () => ({ json: {} }));
    seenStore.markSeen(ROOM, e1.event_id);
    await act(() => script.push({ leave: { [ROOM]: {} } }));
    await client.forget(ROOM);
    expect(client.getRoom(ROOM)).toBeNull();
    release();
    await waitFor(() => expect(seenMarkWrites(script)).toHaveLength(1));
    for (let i = 0; i < 2; i++) {
      await act(() => dropSyncOnce(client, script));
      await waitFor(() => expect(client.getSyncState()).toBe("SYNCING"), { timeout: 15_000 });
      await act(() => script.push({}));
    }
    await new Promise((r) => setTimeout(r, 100));
    expect({ puts: seenMarkWrites(script).length, listeners: counts() }).toEqual({
      puts: 1,
      listeners: before,
    });
  }, 40_000);
});
