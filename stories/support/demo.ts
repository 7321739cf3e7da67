/**
 * The demo in-memory homeserver for stories: the tests' sync script and fixture builders, so every story shows real
 * matrix-js-sdk behaviour without a server. Clients started here are stopped before the next story renders.
 */
import type { MatrixClient } from "matrix-js-sdk";
import { stopAllTestClients } from "../../test/support/clients";
import { type SyncBatch, SyncScript } from "../../test/support/syncScript";

/** The demo user. */
export const DEMO_USER = "@alice:example.org";

/** A running demo world: the script (push more sync batches to it) and the real client it feeds. */
export interface DemoWorld {
  script: SyncScript;
  client: MatrixClient;
}

/** Starts a real client on a scripted homeserver whose initial sync is `initial`. */
export async function startDemo(initial: SyncBatch = {}, userId = DEMO_USER): Promise<DemoWorld> {
  const script = new SyncScript({ userId });
  const client = script.createClient();
  await script.start(client, initial);
  return { script, client };
}

/** A Storybook loader that starts a demo world; the story reads it as `context.loaded.world`. */
export function demoLoader(initial: SyncBatch | (() => SyncBatch), userId = DEMO_USER) {
  return async () => ({
    world: await startDemo(typeof initial === "function" ? initial() : initial, userId),
  });
}

/** Stops every demo client (Storybook's `beforeEach` cleanup). */
export async function stopDemos(): Promise<void> {
  await stopAllTestClients();
}
