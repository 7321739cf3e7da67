import type { MatrixClient } from "matrix-js-sdk";

/** Clients created by the harness in the current test; stopped after each test by the setup file. */
const live = new Set<MatrixClient>();

/** Registers a client so it is stopped (timers, pending syncs, listeners) after the current test. */
export function trackClient<T extends MatrixClient>(client: T): T {
  live.add(client);
  return client;
}

/** Stops every tracked client and removes its listeners. */
export async function stopAllTestClients(): Promise<void> {
  for (const client of live) {
    client.stopClient();
    client.removeAllListeners();
  }
  live.clear();
}
