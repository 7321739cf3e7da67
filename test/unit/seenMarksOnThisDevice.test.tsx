/**
 * A welcome confirmed while its seen mark cannot reach the server (offline, a soft logout) stays seen across a reload
 * (Element Web's IndexedDBStore, here over fake-indexeddb) and across the new client an app makes when the user signs
 * in again: the default account-data store keeps unconfirmed marks per user in `localStorage` and writes them once
 * the client holds live data.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { IDBFactory } from "fake-indexeddb";
import { IndexedDBStore, SyncState } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import {
  createAccountDataSeenStore,
  DEVICE_SEEN_MARKS_PREFIX,
  useWelcomeMessage,
  WELCOME_SEEN_ACCOUNT_DATA_TYPE,
} from "../../src";
import { welcomeEvent } from "../support/events";
import { SOFT_LOGOUT } from "../support/failures";
import { welcomeRoom } from "../support/scenarios";
import { type SyncBatch, SyncScript, waitForSyncState } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

/** The marks the PUTs of the script's client carried, oldest first. */
const writes = (script: SyncScript) =>
  script
    .requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT")
    .map((r) => (r.body as { event_ids: string[] }).event_ids);

/** The marks `userId` made on this device, as localStorage holds them. */
const deviceMarksOf = (userId: string) =>
  JSON.parse(localStorage.getItem(DEVICE_SEEN_MARKS_PREFIX + userId) ?? "{}");

/** A first page on a profile's IndexedDB: joined with a welcome, the dialog's hook mounted. */
async function firstPage(idb: IDBFactory, dbName: string, welcome = welcomeEvent("Rules")) {
  const script = new SyncScript({ userId: ME });
  const store = new IndexedDBStore({ indexedDB: idb as never, localStorage, dbName });
  const client = script.createClient({ store });
  await store.startup();
  await script.start(client, welcomeRoom(ME, ROOM, { welcome: [welcome], prevMembership: "invite" }));
  const hook = renderHook(() => useWelcomeMessage(client, ROOM));
  expect(hook.result.current.shouldShow).toBe(true);
  return { script, client, store, hook, welcome };
}

/** The reloaded page on the same profile, PREPARED from the saved sync, its script failing `/sync` `failing` times. */
async function reloadedPage(idb: IDBFactory, dbName: string, failing = 0) {
  const script = new SyncScript({ userId: ME });
  if (failing)
    for (const path of [/\/sync$/, /\/versions$/, /pushrules/]) script.fail({ path }, "network", failing);
  const store = new IndexedDBStore({ indexedDB: idb as never, localStorage, dbName });
  const client = script.createClient({ store });
  await store.startup();
  const prepared = waitForSyncState(client, SyncState.Prepared);
  void client.startClient({ initialSyncLimit: 50 });
  await prepared;
  return { script, client };
}

describe("seen marks the server has not confirmed, across a reload", () => {
  it("given a welcome confirmed offline, the reloaded page keeps it seen and writes the mark once sync works", async () => {
    const idb = new IDBFactory();
    const first = await firstPage(idb, "outbox-offline");
    first.script.fail({ path: /account_data/ }, "network", 100);
    act(() => first.hook.result.current.markSeen());
    await waitFor(() =>
      expect(first.script.requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT").length).toBe(1),
    );
    first.hook.unmount();
    first.client.stopClient();
    await first.store.save(true);

    const page = await reloadedPage(idb, "outbox-offline", 1);
    const renders: boolean[] = [];
    const { result } = renderHook(() => {
      const state = useWelcomeMessage(page.client, ROOM);
      renders.push(state.shouldShow);
      return state;
    });
    await waitFor(() => expect(page.client.getSyncState()).toBe(SyncState.Error));
    expect(result.current.decision.reason).toBe("seen");
    // Sync comes back: the mark is written, and its echo settles it.
    await act(() => page.script.push({}));
    await waitFor(() => expect(writes(page.script)).toEqual([[first.welcome.event_id]]));
    await act(() =>
      page.script.push({
        join: {
          [ROOM]: {
            accountData: [
              { type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: [first.welcome.event_id] } },
            ],
          },
        },
      }),
    );
    expect(result.current.decision.reason).toBe("seen");
    expect(renders).not.toContain(true);
    expect(deviceMarksOf(ME)).toEqual({ [ROOM]: { eventIds: [first.welcome.event_id], unconfirmed: [] } });
  });

  it("given the mark reached the server before the reload, nothing is written again", async () => {
    const idb = new IDBFactory();
    const first = await firstPage(idb, "outbox-confirmed");
    act(() => first.hook.result.current.markSeen());
    await waitFor(() =>
      expect(
        first.client.getRoom(ROOM)?.getAccountData(WELCOME_SEEN_ACCOUNT_DATA_TYPE)?.getContent(),
      ).toEqual({
        event_ids: [first.welcome.event_id],
      }),
    );
    expect(deviceMarksOf(ME)).toEqual({ [ROOM]: { eventIds: [first.welcome.event_id], unconfirmed: [] } });
    first.hook.unmount();
    first.client.stopClient();
    await first.store.save(true);
    const page = await reloadedPage(idb, "outbox-confirmed");
    const { result } = renderHook(() => useWelcomeMessage(page.client, ROOM));
    await act(() => page.script.push({}));
    expect(result.current.decision.reason).toBe("seen");
    expect(writes(page.script)).toEqual([]);
  });
});

describe("seen marks across a new client after a soft logout", () => {
  const joined = (welcome: ReturnType<typeof welcomeEvent>): SyncBatch =>
    welcomeRoom(ME, ROOM, { welcome: [welcome], prevMembership: "invite" });

  it("given a welcome confirmed while the token had expired, the new client the app signs in with keeps it seen and writes it", async () => {
    const welcome = welcomeEvent("Rules");
    const old = new SyncScript({ userId: ME });
    const oldClient = old.createClient();
    await old.start(oldClient, joined(welcome));
    old.fail({ path: /account_data/ }, SOFT_LOGOUT, 100);
    const hook = renderHook(() => useWelcomeMessage(oldClient, ROOM));
    act(() => hook.result.current.markSeen());
    await waitFor(() =>
      expect(old.requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT").length).toBeGreaterThan(0),
    );

    // The app signs in again with a new client; its first sync has the room, without the mark.
    const fresh = new SyncScript({ userId: ME });
    const newClient = fresh.createClient();
    const renders: boolean[] = [];
    const { result } = renderHook(() => {
      const state = useWelcomeMessage(newClient, ROOM);
      renders.push(state.shouldShow);
      return state;
    });
    await fresh.start(newClient, joined(welcome));
    oldClient.stopClient();
    await waitFor(() => expect(writes(fresh)).toEqual([[welcome.event_id]]));
    expect(result.current.decision.reason).toBe("seen");
    expect(renders).not.toContain(true);
  });

  it("given another user signs in on the same browser (control), their welcome shows", async () => {
    const welcome = welcomeEvent("Rules");
    const old = new SyncScript({ userId: ME });
    const oldClient = old.createClient();
    await old.start(oldClient, joined(welcome));
    old.fail({ path: /account_data/ }, SOFT_LOGOUT, 100);
    createAccountDataSeenStore(oldClient).markSeen(ROOM, welcome.event_id as string);
    const other = "@carol:example.org";
    const script = new SyncScript({ userId: other });
    const client = script.createClient();
    await script.start(client, welcomeRoom(other, ROOM, { welcome: [welcome], prevMembership: "invite" }));
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    expect(result.current.shouldShow).toBe(true);
  });

  it("given `deviceMarks: null` (control), a mark the server never got does not outlast its client", async () => {
    const welcome = welcomeEvent("Rules");
    const old = new SyncScript({ userId: ME });
    const oldClient = old.createClient();
    await old.start(oldClient, joined(welcome));
    old.fail({ path: /account_data/ }, SOFT_LOGOUT, 100);
    createAccountDataSeenStore(oldClient, { deviceMarks: null }).markSeen(ROOM, welcome.event_id as string);
    const fresh = new SyncScript({ userId: ME });
    const client = fresh.createClient();
    await fresh.start(client, joined(welcome));
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    expect(result.current.shouldShow).toBe(true);
  });
});
