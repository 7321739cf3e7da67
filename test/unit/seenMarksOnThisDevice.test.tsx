/**
 * A welcome confirmed while its seen mark cannot reach the server (offline, a soft logout) stays seen across a reload
 * (Element Web's IndexedDBStore, here over fake-indexeddb) and across the new client an app makes when the user signs
 * in again: the default account-data store keeps unconfirmed marks per user in `localStorage` and writes them once
 * the client holds live data.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { SyncState } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import {
  createAccountDataSeenStore,
  DEVICE_SEEN_MARKS_PREFIX,
  useWelcomeMessage,
  WELCOME_SEEN_ACCOUNT_DATA_TYPE,
} from "../../src";
import { welcomeEvent } from "../support/events";
import { SOFT_LOGOUT } from "../support/failures";
import { clientOn, newProfile, type Profile, reload, unreachable } from "../support/savedSync";
import { welcomeRoom } from "../support/scenarios";
import { seenMarksSync, seenMarkWrites } from "../support/seenMarks";
import { type SyncBatch, SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

/** The marks `userId` made on this device, as localStorage holds them. */
const deviceMarksOf = (userId: string) =>
  JSON.parse(localStorage.getItem(DEVICE_SEEN_MARKS_PREFIX + userId) ?? "{}");

/** The room joined, with `welcome`. */
const joined = (welcome: ReturnType<typeof welcomeEvent>): SyncBatch =>
  welcomeRoom(ME, ROOM, { welcome: [welcome], prevMembership: "invite" });

/** A first page on the profile: joined with a welcome, the dialog's hook mounted. */
async function firstPage(profile: Profile, welcome = welcomeEvent("Rules")) {
  const script = new SyncScript({ userId: ME });
  const { client, store } = await clientOn(script, profile);
  await script.start(client, joined(welcome));
  const hook = renderHook(() => useWelcomeMessage(client, ROOM));
  await waitFor(() => expect(hook.result.current.shouldShow).toBe(true));
  return { script, client, store, hook, welcome };
}

/** A started client of the user, joined with `welcome`, whose seen writes its expired token refuses (soft logout). */
async function softLoggedOut(welcome: ReturnType<typeof welcomeEvent>) {
  const { script, client } = await startWorld(ME, joined(welcome));
  script.fail({ path: /account_data/ }, SOFT_LOGOUT, 100);
  return { script, client };
}

describe("seen marks the server has not confirmed, across a reload", () => {
  it("given a welcome confirmed offline, the reloaded page keeps it seen and writes the mark once sync works", async () => {
    const profile = newProfile();
    const first = await firstPage(profile);
    first.script.fail({ path: /account_data/ }, "network", 100);
    act(() => first.hook.result.current.markSeen());
    await waitFor(() => expect(seenMarkWrites(first.script).length).toBe(1));
    first.hook.unmount();
    first.client.stopClient();
    await first.store.save(true);

    const page = await reload(profile, unreachable(new SyncScript({ userId: ME }), 1));
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
    await waitFor(() => expect(seenMarkWrites(page.script)).toEqual([[first.welcome.event_id]]));
    await act(() => page.script.push(seenMarksSync(ROOM, [first.welcome.event_id])));
    expect(result.current.decision.reason).toBe("seen");
    expect(renders).not.toContain(true);
    expect(deviceMarksOf(ME)).toEqual({ [ROOM]: { eventIds: [first.welcome.event_id], unconfirmed: [] } });
  });

  it("given the mark reached the server before the reload, nothing is written again", async () => {
    const profile = newProfile();
    const first = await firstPage(profile);
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
    const page = await reload(profile, new SyncScript({ userId: ME }));
    const { result } = renderHook(() => useWelcomeMessage(page.client, ROOM));
    await act(() => page.script.push({}));
    expect(result.current.decision.reason).toBe("seen");
    expect(seenMarkWrites(page.script)).toEqual([]);
  });
});

describe("seen marks across a new client after a soft logout", () => {
  it("given a welcome confirmed while the token had expired, the new client the app signs in with keeps it seen and writes it", async () => {
    const welcome = welcomeEvent("Rules");
    const { script: old, client: oldClient } = await softLoggedOut(welcome);
    const hook = renderHook(() => useWelcomeMessage(oldClient, ROOM));
    act(() => hook.result.current.markSeen());
    await waitFor(() => expect(seenMarkWrites(old).length).toBeGreaterThan(0));

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
    await waitFor(() => expect(seenMarkWrites(fresh)).toEqual([[welcome.event_id]]));
    expect(result.current.decision.reason).toBe("seen");
    expect(renders).not.toContain(true);
  });

  it("given another user signs in on the same browser (control), their welcome shows", async () => {
    const welcome = welcomeEvent("Rules");
    const { client: oldClient } = await softLoggedOut(welcome);
    createAccountDataSeenStore(oldClient).markSeen(ROOM, welcome.event_id as string);
    const other = "@carol:example.org";
    const { client } = await startWorld(
      other,
      welcomeRoom(other, ROOM, { welcome: [welcome], prevMembership: "invite" }),
    );
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
  });

  it("given `deviceMarks: null` (control), a mark the server never got does not outlast its client", async () => {
    const welcome = welcomeEvent("Rules");
    const { client: oldClient } = await softLoggedOut(welcome);
    createAccountDataSeenStore(oldClient, { deviceMarks: null }).markSeen(ROOM, welcome.event_id as string);
    const { client } = await startWorld(ME, joined(welcome));
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
  });
});
