/** Tells, through sync alone, when a sent event will never reach the client's timeline: a later one replaced it unseen. */
import { ClientEvent, type MatrixClient, SyncState, type SyncStateData } from "matrix-js-sdk";

/**
 * Waits for the echo of an event the homeserver has just accepted. A /sync request begun after the acceptance carries
 * the event, unless a gap (a limited sync) hid it behind a later one. So once two syncs have completed after now (the
 * first may have been under way already) without `arrived()` turning true, `missing` is called, once. Stops early
 * when it arrives, and with the function returned. Only reports of a sync response count: a widget client (which has
 * no gaps) reports SYNCING for every event it is handed, with no sync token, and is never given up on.
 */
export function awaitEcho(client: MatrixClient, arrived: () => boolean, missing: () => void): () => void {
  let syncs = 0;
  const onSync = (state: SyncState, _prev: SyncState | null, data?: SyncStateData) => {
    if (state !== SyncState.Syncing && state !== SyncState.Prepared) return;
    if (arrived()) {
      stop();
      return;
    }
    // Each response from the server ends in SYNCING; the first since the client (re)started is reported as PREPARED
    // just before (one response, not two), and PREPARED alone comes from the store's cache (no response at all).
    if (state !== SyncState.Syncing || data?.nextSyncToken === undefined) return;
    if (++syncs >= 2) {
      stop();
      missing();
    }
  };
  const stop = () => {
    client.off(ClientEvent.Sync, onSync);
  };
  client.on(ClientEvent.Sync, onSync);
  return stop;
}
