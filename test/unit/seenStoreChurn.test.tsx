// The account-data seen store under churn: hooks mounting while an echo is on its way, a mark arriving during a
// retried write, an app callback that throws. Writes stay few, snapshots stable, listeners released.
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { createAccountDataSeenStore, useWelcomeMessage, WELCOME_SEEN_ACCOUNT_DATA_TYPE } from "../../src";
import { welcomeEvent } from "../support/events";
import { seenStoreListeners } from "../support/listeners";
import { welcomeRoom } from "../support/scenarios";
import type { SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const counts = seenStoreListeners;
const puts = (script: SyncScript) =>
  script
    .requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT")
    .map((r) => (r.body as { event_ids: string[] }).event_ids);
const accountData = (ids: string[]) => ({
  join: { [ROOM]: { accountData: [{ type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: ids } }] } },
});

describe("the account-data seen store under churn", () => {
  it("getSeen keeps the same array when the server's echo confirms a local mark (contents unchanged)", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    const store = createAccountDataSeenStore(client);
    store.markSeen(ROOM, e1.event_id);
    const before = store.getSeen(ROOM);
    expect(before).toEqual([e1.event_id]);
    await waitFor(() => expect(puts(script)).toHaveLength(1));
    await waitFor(() =>
      expect(client.getRoom(ROOM)!.getAccountData(WELCOME_SEEN_ACCOUNT_DATA_TYPE as never)).toBeDefined(),
    );
    const after = store.getSeen(ROOM);
    expect(after).toEqual([e1.event_id]);
    expect(after).toBe(before);
  });

  it("subscribe/unsubscribe churn while the echo is still on its way does not rewrite the same marks", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    // PUTs are answered at once; the sync that echoes them lags.
    script.route({ method: "PUT", path: /account_data/ }, () => ({ json: {} }));
    const store = createAccountDataSeenStore(client, { retry: { baseDelayMs: 5 } });
    store.markSeen(ROOM, e1.event_id);
    await waitFor(() => expect(puts(script)).toHaveLength(1));
    for (let i = 0; i < 6; i++) {
      const off = store.subscribe(() => {});
      off();
      await sleep(20);
    }
    expect(puts(script)).toHaveLength(1);
  });

  it("after churn before the echo, a later overwrite by another device is still repaired", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    script.route({ method: "PUT", path: /account_data/ }, () => ({ json: {} }));
    const store = createAccountDataSeenStore(client, { retry: { baseDelayMs: 5 } });
    store.markSeen(ROOM, e1.event_id);
    await waitFor(() => expect(puts(script)).toHaveLength(1));
    // Welcome dialogs of other rooms mount and unmount (each subscribes) while sync lags.
    for (let i = 0; i < 6; i++) {
      const { unmount } = renderHook(() =>
        useWelcomeMessage(client, `!other${i}:example.org`, { seenStore: store }),
      );
      unmount();
      await sleep(20);
    }
    // The lagging sync delivers our write's echo, then the phone's write (last writer wins) without our mark.
    await act(() => script.push(accountData([e1.event_id])));
    await act(() => script.push(accountData(["$phone:example.org"])));
    // A welcome dialog mounts again: the mark must go back to the server.
    const n = puts(script).length;
    const { unmount } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore: store }));
    await sleep(200);
    unmount();
    expect(
      puts(script)
        .slice(n)
        .some((ids) => ids.includes(e1.event_id)),
    ).toBe(true);
  });

  it("a write made for a mark that arrived during a (finally successful) retried write gets its own attempts", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    script.fail({ method: "PUT", path: /account_data/ }, "network", 2);
    const release = script.hold({ method: "PUT", path: /account_data/ }, () => ({ json: {} }));
    const errors: unknown[] = [];
    const store = createAccountDataSeenStore(client, {
      retry: { baseDelayMs: 5, maxAttempts: 3 },
      onWriteError: (e) => errors.push(e),
    });
    store.markSeen(ROOM, "$old:example.org");
    await waitFor(() => expect(puts(script)).toHaveLength(3));
    store.markSeen(ROOM, e1.event_id);
    // The third attempt succeeds; the new mark's write then meets one transient 502.
    script.fail({ method: "PUT", path: /account_data/ }, { status: 502 }, 1);
    release();
    await waitFor(() => expect(puts(script).length).toBeGreaterThanOrEqual(4));
    await sleep(200);
    expect(errors).toHaveLength(0);
    expect(puts(script).at(-1)).toContain(e1.event_id);
    expect(puts(script)).toHaveLength(5);
  });

  it("an onWriteError that throws is reported as uncaught, not as a rejection, and leaves no listeners attached", async () => {
    const e1 = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [e1] }));
    const before = counts(client);
    // What the browser does with an uncaught error (here: recorded instead of failing the run).
    const reported: unknown[] = [];
    const reportError = vi.spyOn(globalThis, "reportError").mockImplementation((e) => reported.push(e));
    script.fail({ method: "PUT", path: /account_data/ }, { status: 403, errcode: "M_FORBIDDEN" }, 100);
    const rejections: unknown[] = [];
    const onRej = (r: unknown) => rejections.push(r);
    process.on("unhandledRejection", onRej);
    let called = 0;
    const store = createAccountDataSeenStore(client, {
      onWriteError: () => {
        called++;
        throw new Error("toast library broke");
      },
    });
    store.markSeen(ROOM, e1.event_id);
    await waitFor(() => expect(called).toBe(1));
    await sleep(50);
    process.off("unhandledRejection", onRej);
    reportError.mockRestore();
    expect({ rejections: rejections.length, listeners: counts(client) }).toEqual({
      rejections: 0,
      listeners: before,
    });
    expect(reported).toEqual([new Error("toast library broke")]);
  });
});
