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
import { liveState } from "../core/liveState.js";
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
  /** Its name may be out of date (see `isStale`): shown while it is asked again, and kept if that fails. */
  stale?: boolean | undefined;
}

/** How often a fetch refused by a soft logout looks for the token the user signs in again with (no request). */
const TOKEN_CHECK_MS = 500;

/** A room's senders, and how it is known that the user has not left since their names were fetched. */
interface RoomNames {
  entries: Map<string, Entry>;
  /** Holds in the room now: while there is one, a listener hears the user leave. */
  holds: number;
  /** Stops that listener. */
  unlisten?: (() => void) | undefined;
  /** With no hold: the id of the user's own member event when the last one ended (another now: a leave and rejoin, or a rename). */
  memberAtRelease?: string | null | undefined;
  room: Room;
}

/** Per Room object (a room forgotten and joined again is a new one, asked again). */
const rooms = new WeakMap<Room, RoomNames>();

/** The id of the user's own member event in the room's state, or null. */
function ownMember(room: Room): string | null {
  try {
    return liveState(room)?.getStateEvents("m.room.member", room.myUserId)?.getId() ?? null;
  } catch {
    return null;
  }
}

/**
 * Whether the names were fetched before a change of the user's own member event that came while nobody held them (a
 * leave and rejoin; a rename, which costs one more fetch): they may be stale.
 */
const isStale = (names: RoomNames) =>
  names.holds === 0 && names.memberAtRelease !== undefined && names.memberAtRelease !== ownMember(names.room);

/** Cancels the entry's fetch, or its retry's timer. */
function stopFetch(entry: Entry): void {
  clearTimeout(entry.timer);
  entry.cancel?.abort();
  entry.timer = entry.cancel = undefined;
}

/**
 * Forgets every sender of a room the user left: a request still out is cancelled (its answer unused, no failure
 * reported), a retry dropped, and those holding one are told (they hold afresh once the user is back, and ask again).
 */
function forget(entries: Map<string, Entry>): void {
  const told = [...entries.values()];
  entries.clear();
  for (const entry of told) stopFetch(entry);
  for (const entry of told) for (const holder of entry.holders) holder();
}

/**
 * The outcome of `userId`'s fetch in `room`: a name stays while the user stays in the room, a failure while someone
 * holds it.
 */
export function fetchedName(room: Room, userId: string): FetchedName | undefined {
  const names = rooms.get(room);
  return names?.entries.get(userId)?.result;
}

/**
 * Holds `userId`'s name in `room` for the caller (`onChange` hears its outcome): fetched unless it was or is being.
 * Returns the release; with no holder left (after the current task: a remount keeps it), a request still out is
 * cancelled, a retry dropped, and an outcome other than a name forgotten (the next hold asks afresh). While a room has
 * holds, a listener forgets its names when the user leaves it (or is banned); with none, no listener stays, and names
 * are asked afresh if the user's own member event changed meanwhile.
 */
export function holdFetchedName(client: MatrixClient, room: Room, userId: string, onChange: () => void) {
  const names = getOrCreate(rooms, room, (): RoomNames => ({ entries: new Map(), holds: 0, room }));
  // Names kept while nothing held them, since which the user's own member event changed (a leave and rejoin, or a
  // rename of their own): each shows until it is asked again, and stays if that fails.
  if (isStale(names)) for (const stale of names.entries.values()) stale.stale = true;
  names.memberAtRelease = undefined;
  if (names.holds++ === 0) {
    const onMembership = (_room: Room, membership: string) => {
      if (membership === "leave" || membership === "ban") forget(names.entries);
    };
    room.on(RoomEvent.MyMembership, onMembership);
    names.unlisten = () => room.off(RoomEvent.MyMembership, onMembership);
  }
  const { entries } = names;
  const entry = getOrCreate(entries, userId, (): Entry => ({ failures: 0, holders: new Set() }));
  entry.holders.add(onChange);
  if ((!entry.result || entry.stale) && !entry.cancel && !entry.timer) fetchName(client, room, userId, entry);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    entry.holders.delete(onChange);
    queueMicrotask(() => {
      if (--names.holds === 0) {
        names.unlisten?.();
        names.unlisten = undefined;
        names.memberAtRelease = ownMember(room);
      }
      if (entry.holders.size) return;
      stopFetch(entry);
      if (entry.result?.error !== null && entries.get(userId) === entry) entries.delete(userId);
    });
  };
}

/**
 * Asks again for `userId`'s name in `room` if its fetch waits (the client was stopped) or gave up, and someone still
 * holds it: for sync coming back.
 */
export function retryFetchedName(client: MatrixClient, room: Room, userId: string): void {
  const entry = rooms.get(room)?.entries.get(userId);
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
    const stale = entry.stale;
    entry.stale = false;
    entry.failures = 0;
    // A name asked again that could not be had stays as it was: no failure to report.
    if (!result && stale && entry.result?.error === null) return;
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
