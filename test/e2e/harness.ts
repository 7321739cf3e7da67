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
import { type MSC3575List, SlidingSync } from "matrix-js-sdk/lib/sliding-sync.js";
import { type Session, type SynapseServer, startSynapse } from "../../scripts/synapse/synapse.mjs";
import { UNSTABLE_WELCOME_EVENT_TYPE, type WelcomeMessageOptions, WelcomeStore } from "../../src";

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

/** Sets a state event as `user` through the client-server API; resolves to its event id. */
export async function setRoomState(
  server: SynapseServer,
  user: Session,
  roomId: string,
  type: string,
  content: unknown,
): Promise<string> {
  const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/${encodeURIComponent(type)}/`;
  return (await server.request<{ event_id: string }>("PUT", path, content, user.accessToken)).event_id;
}

/** Sends `content` to `userId` through Synapse's server notices admin API (as a state event with `state`). */
export async function sendServerNotice(
  server: SynapseServer,
  admin: Session,
  userId: string,
  content: Record<string, unknown>,
  state?: { type: string; state_key: string },
): Promise<string> {
  const res = await server.adminRequest<{ event_id: string }>(
    "POST",
    "/_synapse/admin/v1/send_server_notice",
    { user_id: userId, content, ...state },
    admin.accessToken,
  );
  return res.event_id;
}

/** Pins `eventIds` in `userId`'s notices room (an `m.room.pinned_events` sent as a server notice). */
export const pinServerNotices = (server: SynapseServer, admin: Session, userId: string, eventIds: string[]) =>
  sendServerNotice(
    server,
    admin,
    userId,
    { pinned: eventIds },
    { type: "m.room.pinned_events", state_key: "" },
  );

/** Synapse's monthly-active-user limit of one user, with `adminContact` in its errors and notices. */
export const oneMonthlyActiveUser = (adminContact: string) => ({
  limit_usage_by_mau: true,
  max_mau_value: 1,
  admin_contact: adminContact,
  mau_trial_days: 0,
});

/** The room state the README lists for sliding sync (every list and subscription that may hold the kit's rooms). */
export const KIT_REQUIRED_STATE: string[][] = [
  ["m.room.create", ""],
  ["m.room.member", "$ME"],
  ["m.room.name", ""],
  ["m.room.canonical_alias", ""],
  ["m.room.pinned_events", ""],
  ["m.room.welcome", ""],
  ["org.matrix.msc3857.welcome", ""],
  ["m.room.tombstone", ""],
  ["m.room.power_levels", ""],
];

/** The list the sliding-sync tests use unless they say otherwise: 50 rooms, 10 events each, the kit's state. */
const ALL_ROOMS: MSC3575List = { ranges: [[0, 49]], timeline_limit: 10, required_state: KIT_REQUIRED_STATE };

/**
 * A Simplified Sliding Sync for `client` (to start it with): one list (`name`, `list`; by default 50 rooms), room
 * subscriptions with the list's timeline limit and the kit's state, 3 s long-polls.
 */
export function slidingSyncFor(
  server: SynapseServer,
  client: MatrixClient,
  name = "all",
  list: MSC3575List = ALL_ROOMS,
): SlidingSync {
  return new SlidingSync(
    server.baseUrl,
    new Map([[name, list]]),
    { timeline_limit: list.timeline_limit ?? 10, required_state: KIT_REQUIRED_STATE },
    client,
    3000,
  );
}

/** A real client for a session that syncs with Simplified Sliding Sync (not started), with one list as above. */
export function slidingSyncClient(
  server: SynapseServer,
  session: Session,
  name?: string,
  list?: MSC3575List,
): { client: MatrixClient; ss: SlidingSync } {
  const client = makeClient(server, session);
  return { client, ss: slidingSyncFor(server, client, name, list) };
}

/** A started sliding-sync client that finished its first sliding sync. */
export async function connectSliding(server: SynapseServer, session: Session): Promise<MatrixClient> {
  const { client, ss } = slidingSyncClient(server, session);
  const prepared = waitForSyncState(client, [SyncState.Prepared, SyncState.Syncing]);
  await client.startClient({ slidingSync: ss } as never);
  await prepared;
  return client;
}

/** The content of an unstable welcome state event with a plain-text message. */
export function plainWelcome(text: string) {
  return {
    [UNSTABLE_WELCOME_EVENT_TYPE]: {
      "org.matrix.msc1767.message": [{ mimetype: "text/plain", body: text }],
    },
  };
}

/** The welcome decision for this client, computed by the kit's store (not subscribed). */
export function welcomeDecision(client: MatrixClient, roomId: string, options: WelcomeMessageOptions = {}) {
  return new WelcomeStore(client, roomId, options).getSnapshot();
}
