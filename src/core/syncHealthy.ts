import { SyncState } from "matrix-js-sdk";

/** Whether sync works: the client is syncing, or has just prepared from its first sync. */
export const isSyncHealthy = (state: SyncState | null) =>
  state === SyncState.Syncing || state === SyncState.Prepared;

/**
 * Whether sync came back with `state`: healthy after a state that was not (`wasDown`: offline, a soft logout's expired
 * token), or a (re)started client's first state, PREPARED, which under sliding sync follows no STOPPED.
 */
export const isSyncBack = (state: SyncState | null, wasDown: boolean) =>
  isSyncHealthy(state) && (wasDown || state === SyncState.Prepared);
