"use client";

import { ClientEvent, type MatrixClient, type SyncState } from "matrix-js-sdk";
import { useEffect, useState } from "react";
import { isSyncBack, isSyncHealthy } from "./syncHealthy.js";

/**
 * How many times sync came back (after an outage or a soft logout, or a restart's first state) while `listening`: a
 * value that changes when what failed meanwhile is worth asking for again. Never throws.
 */
export function useSyncBackCount(client: MatrixClient, listening = true): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!listening) return;
    const stateOf = () => {
      try {
        return client.getSyncState();
      } catch {
        return null;
      }
    };
    let wasDown = !isSyncHealthy(stateOf());
    const onSync = (state: SyncState | null) => {
      if (isSyncBack(state, wasDown)) setCount((c) => c + 1);
      wasDown = !isSyncHealthy(state);
    };
    try {
      client.on(ClientEvent.Sync, onSync);
    } catch {
      return; // a client in an unexpected shape: nothing to hear
    }
    return () => {
      client.off(ClientEvent.Sync, onSync);
    };
  }, [client, listening]);
  return count;
}
