/**
 * matrix-js-sdk with a persistent store (an `IndexedDBStore`, as Element Web runs it) starts from the sync it saved:
 * rooms, state and account data as they were at its last save (at most every five minutes), applied before any
 * request, offline too. Until a live response is applied, a decision read from them may be stale: a welcome seen
 * since the save would be due again. `afterLiveSync` waits for that response, as for a running client's first one.
 */
import { ClientEvent, type MatrixClient } from "matrix-js-sdk";
import { isSyncHealthy } from "./syncHealthy.js";

/**
 * Clients last seen (by any check) PREPARED from their store's saved sync, with no live response seen applied since;
 * a check that finds one live again forgets it. No listener of its own: a client that went live and then failed
 * while nothing checked waits for its next live response, which is when a welcome is right again anyway.
 */
const cachedStarts = new WeakSet<MatrixClient>();

/** Whether a sync state's data says it came from the store's saved sync. */
const fromCache = (data: unknown) =>
  typeof data === "object" && data !== null && (data as { fromCache?: unknown }).fromCache === true;

/**
 * Whether `client` has applied no live sync response yet: it is running before its first sync state (its saved sync
 * or its first response is being applied), or all it holds came from its store's saved sync (also while sync fails
 * after such a start, when a check saw it; a client first checked in `ERROR` after such a start counts as live).
 * Never throws.
 */
export function awaitingLiveSync(client: MatrixClient): boolean {
  try {
    const state = client.getSyncState();
    // Null also once stopped: a client stopped before its first live response still holds its saved sync alone.
    if (state === null) return client.clientRunning || cachedStarts.has(client);
    if (isSyncHealthy(state)) {
      if (fromCache(client.getSyncStateData())) cachedStarts.add(client);
      else cachedStarts.delete(client);
    }
    return cachedStarts.has(client);
  } catch {
    return false;
  }
}

/**
 * Calls `then` once `client` has applied a live sync response (see {@link awaitingLiveSync}) and returns a function
 * that cancels the call; null when it has (nothing to wait).
 */
export function afterLiveSync(client: MatrixClient, then: () => void): (() => void) | null {
  if (!awaitingLiveSync(client)) return null;
  const onSync = () => {
    if (awaitingLiveSync(client)) return;
    client.off(ClientEvent.Sync, onSync);
    then();
  };
  client.on(ClientEvent.Sync, onSync);
  return () => client.off(ClientEvent.Sync, onSync);
}
