/**
 * Helpers for the end-to-end tier: a Synapse per test file, real matrix-js-sdk clients against it (Node's own
 * fetch: jsdom leaves it in place, and Synapse answers CORS with `*` anyway), and small waits.
 */
import {
  ClientEvent,
  createClient,
  EventTimeline,
  type ICreateClientOpts,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  SyncState,
} from "matrix-js-sdk";
import { type Session, type SynapseServer, startSynapse } from "../../scripts/synapse/synapse.mjs";

export type { RegisteredUser, Session, SynapseServer } from "../../scripts/synapse/synapse.mjs";

/** The notices user of every test server (`server_notices.system_mxid_localpart: notices`). */
export const NOTICES_USER_ID = "@notices:localhost";

type Logger = NonNullable<ICreateClientOpts["logger"]>;

const verbose = process.env.E2E_SDK_LOG === "1";
const noop = () => {};
/** matrix-js-sdk logs every request; drop it unless E2E_SDK_LOG=1. */
const quietLogger: Logger = {
  trace: verbose ? console.debug : noop,
  debug: verbose ? console.debug : noop,
  info: verbose ? console.info : noop,
  warn: verbose ? console.warn : noop,
  error: verbose ? console.error : noop,
  getChild: () => quietLogger,
};

/** Starts a homeserver for a test file and logs how long that took. */
export async function startServer(overrides: Record<string, unknown> = {}): Promise<SynapseServer> {
  const t0 = Date.now();
  const server = await startSynapse(overrides);
  console.info(`[e2e] Synapse up at ${server.baseUrl} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return server;
}

const openClients = new Set<MatrixClient>();

/** A real client for a session (not started). Stopped by {@link stopClients}. */
export function makeClient(server: SynapseServer, session: Session): MatrixClient {
  const client = createClient({
    baseUrl: server.baseUrl,
    userId: session.userId,
    accessToken: session.accessToken,
    deviceId: session.deviceId,
    logger: quietLogger,
    timelineSupport: true,
  });
  openClients.add(client);
  return client;
}

/** Resolves on the first sync state in `states` (checking the current one first); rejects after `timeoutMs`. */
export function waitForSyncState(
  client: MatrixClient,
  states: readonly SyncState[],
  timeoutMs = 30_000,
): Promise<{ state: SyncState; error?: unknown }> {
  return new Promise((resolve, reject) => {
    const current = client.getSyncState();
    if (current && states.includes(current)) {
      resolve({ state: current, error: client.getSyncStateData()?.error });
      return;
    }
    const timer = setTimeout(() => {
      client.off(ClientEvent.Sync, onSync);
      reject(new Error(`${client.getUserId()}: no sync state ${states.join("/")} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onSync = (state: SyncState, _prev: SyncState | null, data?: { error?: unknown }) => {
      if (!states.includes(state)) return;
      clearTimeout(timer);
      client.off(ClientEvent.Sync, onSync);
      resolve({ state, error: data?.error });
    };
    client.on(ClientEvent.Sync, onSync);
  });
}

/** A started client that finished its initial sync. */
export async function connect(server: SynapseServer, session: Session): Promise<MatrixClient> {
  const client = makeClient(server, session);
  const prepared = waitForSyncState(client, [SyncState.Prepared, SyncState.Syncing]);
  await client.startClient({ initialSyncLimit: 20 });
  await prepared;
  return client;
}

/** Stops one client (or all started here). */
export function stopClients(...clients: MatrixClient[]): void {
  for (const client of clients.length ? clients : [...openClients]) {
    client.stopClient();
    client.removeAllListeners();
    openClients.delete(client);
  }
}

/** Polls `check` until it returns something other than undefined/false/null; rejects with `what` after the timeout. */
export async function until<T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value as T;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`,
  );
}

/** The room once the client's sync shows the user's membership in it as `membership`. */
export function untilMembership(client: MatrixClient, roomId: string, membership: string): Promise<Room> {
  return until(`${client.getUserId()} to be "${membership}" in ${roomId}`, () => {
    const room = client.getRoom(roomId);
    return room?.getMyMembership() === membership ? room : undefined;
  });
}

/** The current state event of a room as this client knows it. */
export function stateEvent(room: Room, type: string, stateKey = ""): MatrixEvent | null {
  return room.getLiveTimeline().getState(EventTimeline.FORWARDS)?.getStateEvents(type, stateKey) ?? null;
}

/** The error a promise rejects with (fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail, it succeeded");
}
