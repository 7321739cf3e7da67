/**
 * The names of welcome senders whose member event the client has not loaded (lazy-loaded members: a sync brings those
 * of the timeline's senders only), fetched one member at a time (`GET /rooms/{roomId}/state/m.room.member/{userId}`):
 * once per room and sender, however many dialogs show them, retried with backoff while one still does; forgotten when
 * the user leaves the room (a rename meanwhile shows after a rejoin).
 */
import { type MatrixClient, Method, type Room, RoomEvent } from "matrix-js-sdk";
import { isSoftLogout, jittered, retryDelayAfter, withTimeout } from "../core/backoff.js";
import { getOrCreate } from "../core/getOrCreate.js";
import { guardIdEncoding } from "../core/guardIdEncoding.js";
import { isRecord } from "../core/isRecord.js";
import { shownName } from "./senderName.js";

/**
 * A sender's name as `useSenderName` gives it: the name to show ("" for none) and a null `error`, or "" and the failure
 * its fetch gave up on (refused, or out of retries).
 */
export type FetchedName =
  | { readonly name: string; readonly error: null }
  | { readonly name: ""; readonly error: unknown };

interface Entry {
  /** The outcome (a new object on each change), none while fetching. */
  result?: FetchedName | undefined;
  failures: number;
  /** Who shows the sender now (each told when the outcome changes). */
  holders: Set<() => void>;
  timer?: ReturnType<typeof setTimeout> | undefined;
  cancel?: AbortController | undefined;
}

/** How often a fetch refused by a soft logout looks for the token the user signs in again with (no request). */
const TOKEN_CHECK_MS = 500;

/** Per Room object (a room forgotten and joined again is a new one, asked again), per sender. */
const rooms = new WeakMap<Room, Map<string, Entry>>();

/** The sender entries of `room`, made with the watch that forgets them when the user leaves it (or is banned). */
function entriesOf(room: Room): Map<string, Entry> {
  return getOrCreate(rooms, room, () => {
    const entries = new Map<string, Entry>();
    room.on(RoomEvent.MyMembership, (_room, membership) => {
      if (membership === "leave" || membership === "ban") forget(entries);
    });
    return entries;
  });
}

/**
 * Forgets every sender of a room the user left: a request still out is cancelled (its answer unused, no failure
 * reported), a retry dropped, and those holding one are told (they hold afresh once the user is back, and ask again).
 */
function forget(entries: Map<string, Entry>): void {
  const told = [...entries.values()];
  entries.clear();
  for (const entry of told) {
    clearTimeout(entry.timer);
    entry.cancel?.abort();
    entry.timer = entry.cancel = undefined;
  }
  for (const entry of told) for (const holder of entry.holders) holder();
}

/**
 * The outcome of `userId`'s fetch in `room`: a name stays while the user stays in the room, a failure while someone
 * holds it.
 */
export const fetchedName = (room: Room, userId: string): FetchedName | undefined =>
  rooms.get(room)?.get(userId)?.result;

/**
 * Holds `userId`'s name in `room` for the caller (`onChange` hears its outcome): fetched unless it was or is being.
 * Returns the release; with no holder left (after the current task: a remount keeps it), a request still out is
 * cancelled, a retry dropped, and an outcome other than a name forgotten (the next hold asks afresh).
 */
export function holdFetchedName(client: MatrixClient, room: Room, userId: string, onChange: () => void) {
  const entries = entriesOf(room);
  const entry = getOrCreate(entries, userId, (): Entry => ({ failures: 0, holders: new Set() }));
  entry.holders.add(onChange);
  if (!entry.result && !entry.cancel && !entry.timer) fetchName(client, room, userId, entry);
  return () => {
    entry.holders.delete(onChange);
    queueMicrotask(() => {
      if (entry.holders.size) return;
      clearTimeout(entry.timer);
      entry.cancel?.abort();
      entry.timer = entry.cancel = undefined;
      if (entry.result?.error !== null && entries.get(userId) === entry) entries.delete(userId);
    });
  };
}

/**
 * Asks again for `userId`'s name in `room` if its fetch waits (the client was stopped) or gave up, and someone still
 * holds it: for sync coming back.
 */
export function retryFetchedName(client: MatrixClient, room: Room, userId: string): void {
  const entry = rooms.get(room)?.get(userId);
  if (!entry?.holders.size || entry.cancel || entry.timer || entry.result?.error === null) return;
  entry.result = undefined;
  entry.failures = 0;
  fetchName(client, room, userId, entry);
}

/**
 * One attempt; a failure is retried (`retryDelayAfter`'s default policy) while someone holds the entry, or reported.
 * Nothing is asked of a client the app stopped (it waits for sync to come back: {@link retryFetchedName}), nor asked
 * again on a soft logout's refused token until the user signs in again.
 */
function fetchName(client: MatrixClient, room: Room, userId: string, entry: Entry): void {
  entry.timer = undefined;
  if (!client.clientRunning) return;
  const token = client.getAccessToken();
  const awaitToken = () => {
    entry.timer = setTimeout(
      () => (client.getAccessToken() === token ? awaitToken() : fetchName(client, room, userId, entry)),
      TOKEN_CHECK_MS,
    );
  };
  const cancel = new AbortController();
  entry.cancel = cancel;
  const settle = (result: FetchedName | undefined, error?: unknown) => {
    if (entry.cancel !== cancel) return;
    cancel.abort();
    entry.cancel = undefined;
    // Signed out until the user signs in again on this client: that wait counts no attempt and sends nothing.
    if (!result && isSoftLogout(error)) return awaitToken();
    if (!result) {
      const delay = retryDelayAfter(error, ++entry.failures);
      if (delay !== null) {
        entry.timer = setTimeout(() => fetchName(client, room, userId, entry), jittered(delay, error));
        return;
      }
    }
    entry.result = result ?? { name: "", error };
    for (const holder of entry.holders) holder();
  };
  withTimeout(
    guardIdEncoding(() =>
      client.http.authedRequest<unknown>(
        Method.Get,
        `/rooms/${encodeURIComponent(room.roomId)}/state/m.room.member/${encodeURIComponent(userId)}`,
        undefined,
        undefined,
        // A sender's name is no reason for the app's session handling to hear of a logout: sync's requests say so.
        { abortSignal: cancel.signal, inhibitLogoutEmit: true },
      ),
    ),
  ).then(
    // Its `displayname` (anything, from a hostile server) read as a loaded member event's would be.
    (content) =>
      settle({
        name: shownName(isRecord(content) && (content as { displayname?: unknown }).displayname, userId),
        error: null,
      }),
    (error: unknown) => settle(undefined, error),
  );
}
