import { SyncState } from "matrix-js-sdk";

/** Whether sync works: the client is syncing, or has just prepared from its first sync. */
export const isSyncHealthy = (state: SyncState | null) =>
  state === SyncState.Syncing || state === SyncState.Prepared;
