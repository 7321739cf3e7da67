/**
 * Where "this user has seen edition X of room R's welcome" is kept. The default keeps it in room account data, so
 * the user's other devices do not show the same welcome again; memory and Web Storage stores suit apps that want no
 * server writes. Every store marks locally at once: a failed server write never loses the mark on this device.
 */
import {
  ClientEvent,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  RoomEvent,
  type SyncState,
} from "matrix-js-sdk";
import {
  asksToWait,
  isPermanentFailure,
  jittered,
  RequestTimeoutError,
  type RetryPolicy,
  retryDelayAfter,
  withTimeout,
} from "../core/backoff.js";
import { getOrCreate } from "../core/getOrCreate.js";
import { guardIdEncoding } from "../core/guardIdEncoding.js";
import { liveState } from "../core/liveState.js";
import { awaitingLiveSync } from "../core/liveSync.js";
import { myMembership } from "../core/myMembership.js";
import { callApp } from "../core/reportAppError.js";
import { roomOf } from "../core/roomOf.js";
import { sameArray } from "../core/sameArray.js";
import { storageEvents } from "../core/storageEvents.js";
import { STORAGE_SEEN_PREFIX } from "../core/storageKeys.js";
import { isSyncBack, isSyncHealthy } from "../core/syncHealthy.js";
import { type StorageSource, storageOf } from "../core/webStorage.js";
import { deviceSeenMarks } from "./deviceSeenMarks.js";
import {
  type MarksRead,
  marksReadsOf,
  READ_AGAIN_AFTER_MS,
  readMarks,
  watchedReadsOf,
} from "./serverSeenMarksRead.js";

/** Room account data type holding the seen editions: content `{ "event_ids": string[] }`, oldest first. */
export const WELCOME_SEEN_ACCOUNT_DATA_TYPE = "io.github.matrix_notice_kit.welcome_seen";
/** How many editions per room a store writes (the account-data store also keeps, for the session, as many more that another device's write dropped). */
export const MAX_SEEN_EDITIONS = 20;
/** How often in a session the account-data store writes a room's marks again after the server's copy lost them. */
const MAX_REPAIRS = 5;

/**
 * A pluggable place for seen marks. The kit passes the client's `userId`: a store that several accounts share (one
 * created at module level, in a multi-account app or after a logout) keeps each user's marks apart by it.
 */
export interface WelcomeSeenStore {
  /** The welcome editions (event ids) of a room that `userId` marked seen; the same array until it changes. */
  getSeen(roomId: string, userId?: string): readonly string[];
  /** Marks an edition seen for `userId` (locally at once; persisted as the store does). */
  markSeen(roomId: string, eventId: string, userId?: string): void;
  /** Listens for changes in any room; returns the unsubscribe function. */
  subscribe(listener: (roomId: string) => void): () => void;
  /**
   * Optional: whether the room's marks are still unknown (a welcome due meanwhile waits); unless `start` is false
   * (a render's question), it may start reading them, and tells its subscribers when it has them.
   */
  loading?(roomId: string, userId?: string, start?: boolean): boolean;
}

const EMPTY: readonly string[] = Object.freeze([]);

/** Reads the `event_ids` list of seen-mark content, ignoring anything malformed. */
export function parseSeenContent(content: unknown): readonly string[] {
  try {
    const ids = (content as { event_ids?: unknown } | null)?.event_ids;
    if (!Array.isArray(ids)) return EMPTY;
    return ids.filter((id): id is string => typeof id === "string").slice(-MAX_SEEN_EDITIONS);
  } catch {
    return EMPTY;
  }
}

function withId(list: readonly string[], eventId: string): readonly string[] {
  return list.includes(eventId) ? list : [...list, eventId].slice(-MAX_SEEN_EDITIONS);
}

/** A store's subscribers. */
type Listeners = Set<(roomId: string) => void>;

/** Adds a subscriber; returns its removal. */
function listen(listeners: Listeners, l: (roomId: string) => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Tells each subscriber (those of the moment: one may unsubscribe another). */
function emit(listeners: Listeners, roomId: string): void {
  for (const l of [...listeners]) l(roomId);
}

/** Marks in memory per room, each user's apart ("" for marks given without a user), and readers' views of them. */
function marksInMemory() {
  const rooms = new Map<string, Map<string, readonly string[]>>();
  const views = new Map<string, readonly string[]>();
  const listeners: Listeners = new Set();
  /** The marks given for exactly `userKey` in `roomId`. */
  const own = (roomId: string, userKey: string) => rooms.get(roomId)?.get(userKey) ?? EMPTY;
  const store: WelcomeSeenStore = {
    getSeen(roomId, userId) {
      const marks = rooms.get(roomId);
      if (!marks) return EMPTY;
      // A user's marks and those given without a user; without a user, everyone's.
      const lists = userId
        ? [own(roomId, ""), own(roomId, userId)].filter((l) => l.length)
        : [...marks.values()];
      if (lists.length < 2) return lists[0] ?? EMPTY;
      const key = `${userId ?? ""} ${roomId}`;
      const view = [...new Set(lists.flat())];
      const last = views.get(key);
      if (last && sameArray(last, view)) return last;
      views.set(key, view);
      return view;
    },
    markSeen(roomId, eventId, userId = "") {
      const before = own(roomId, userId);
      const after = withId(before, eventId);
      if (after === before) return;
      getOrCreate(rooms, roomId, () => new Map()).set(userId, after);
      emit(listeners, roomId);
    },
    subscribe: (l) => listen(listeners, l),
  };
  return { store, own };
}

/**
 * Seen marks in memory only (lost on reload), each user's apart: one store serves several accounts (marks given
 * without a user count for every user; read without a user, a room's marks are everyone's).
 */
export function createMemorySeenStore(): WelcomeSeenStore {
  return marksInMemory().store;
}

/**
 * Seen marks in a Web Storage (e.g. `() => localStorage`), one key per user and room (`prefix`, the user id, a space,
 * the room id; `prefix` and the room id for marks given without a user), each user's apart as in
 * {@link createMemorySeenStore}, with other tabs' marks applied live; memory when storage fails (also when getting it
 * throws: a function defers that read).
 */
export function createStorageSeenStore(
  source: StorageSource,
  prefix = STORAGE_SEEN_PREFIX,
): WelcomeSeenStore {
  const storage = storageOf(source);
  const { store: memory, own } = marksInMemory();
  /** The storage keys read (after the prefix), with the room and user they hold ("" for none). */
  const loaded = new Map<string, [roomId: string, userKey: string]>();
  const keyOf = (roomId: string, userKey: string) => (userKey ? `${userKey} ${roomId}` : roomId);
  const read = (roomId: string, userKey: string) => {
    try {
      const stored = storage?.getItem(prefix + keyOf(roomId, userKey));
      for (const id of parseSeenContent({ event_ids: JSON.parse(stored ?? "[]") }))
        memory.markSeen(roomId, id, userKey);
    } catch {
      // Unreadable entry: nothing seen.
    }
  };
  const readAll = () => {
    for (const [roomId, userKey] of loaded.values()) read(roomId, userKey);
  };
  // Another tab's marks (its writes fire `storage` events here), while anyone listens. While nobody does, a read
  // goes to storage each time (a mark written meanwhile is missed by no event), and the first listener re-reads.
  const events = storageEvents(
    storage,
    memory.subscribe,
    (key) => {
      const entry = key?.startsWith(prefix) && loaded.get(key.slice(prefix.length));
      if (key === null) readAll();
      else if (entry) read(...entry);
    },
    readAll,
  );
  const load = (roomId: string, userKey: string) => {
    const key = keyOf(roomId, userKey);
    if (loaded.has(key) && events.listening()) return;
    loaded.set(key, [roomId, userKey]);
    read(roomId, userKey);
  };
  return {
    getSeen(roomId, userId = "") {
      load(roomId, "");
      if (userId) load(roomId, userId);
      // Read without a user: every user's marks in this room that storage holds.
      else
        try {
          for (let i = 0; i < (storage?.length ?? 0); i++) {
            const key = storage?.key?.(i) ?? "";
            if (key.startsWith(prefix) && key.endsWith(` ${roomId}`))
              load(roomId, key.slice(prefix.length, -roomId.length - 1));
          }
        } catch {
          // Storage that cannot be listed: the users read so far.
        }
      return memory.getSeen(roomId, userId || undefined);
    },
    markSeen(roomId, eventId, userId = "") {
      loaded.set(keyOf(roomId, userId), [roomId, userId]);
      // Marks another tab wrote since this store loaded are kept, not overwritten.
      read(roomId, userId);
      memory.markSeen(roomId, eventId, userId);
      try {
        storage?.setItem(prefix + keyOf(roomId, userId), JSON.stringify(own(roomId, userId)));
      } catch {
        // Kept in memory for this session.
      }
    },
    subscribe: events.subscribe,
  };
}

/** Options of {@link createAccountDataSeenStore}. */
export interface AccountDataSeenStoreOptions {
  /** How failed account-data writes are retried (default: 1 s doubling to 60 s, 8 attempts, 30 s request timeout). */
  retry?: RetryPolicy | undefined;
  /**
   * Called when a write gives up: at once when the server refused it (a 4xx other than a soft logout, a timeout, a
   * rate limit or a usage limit), else after the retries; the mark still holds on this device. A write that gave up after its retries
   * is made again when sync comes back or a hook mounts (and may be reported again); a refused one with the next mark.
   */
  onWriteError?: ((error: unknown, roomId: string) => void) | undefined;
  /**
   * Called when reading a room's marks from the server failed (not a 404, which means none; not a soft logout's 401,
   * nor a read a logout cut short). The read is made once per client and room, for a welcome due in a room rejoined with no
   * marks event in its sync (a room joined after the client's first sync gets only the account data changed since); the
   * welcome waits for it (up to `retry.requestTimeoutMs`, at most 30 s), and shows if it failed; a failed read is made
   * again when sync comes back (and may be reported again).
   */
  onReadError?: ((error: unknown, roomId: string) => void) | undefined;
  /**
   * Where the marks this device made are kept per user (default `() => localStorage`; null: not beyond this client),
   * so that they outlast a reload and a new client of the same account: the server's missing ones are written from
   * there, and all keep their welcomes seen on this device, also after another device cleared them.
   */
  deviceMarks?: StorageSource;
}

/** How many good syncs a restored mark's write waits for its room to arrive. */
const MAX_ROOM_WAITS = 5;

/** `localStorage`, read when used (the read itself throws with site data blocked; absent on a server). */
const defaultDeviceMarks = () => globalThis.localStorage;

/**
 * Seen marks in room account data ({@link WELCOME_SEEN_ACCOUNT_DATA_TYPE}), synced to the user's other devices.
 * Local marks apply at once and are merged with what the server has; writes are retried with backoff, again when
 * sync comes back after they gave up, and again when another device's write (last writer wins) dropped them.
 */
export function createAccountDataSeenStore(
  client: MatrixClient,
  options: AccountDataSeenStoreOptions = {},
): WelcomeSeenStore {
  const local = createMemorySeenStore();
  const listeners: Listeners = new Set();
  const merged = new Map<
    string,
    { server: readonly string[]; local: readonly string[]; value: readonly string[] }
  >();
  const pending = new Map<
    string,
    {
      timer?: ReturnType<typeof setTimeout> | undefined;
      failures: number;
      inFlight: boolean;
      again?: boolean;
      rateLimited?: boolean;
      retry?: () => void;
    }
  >();

  /** Rooms this device marked in this session. */
  const marked = new Set<string>();
  /** Marked rooms whose marks the server's copy lacks, as far as this device knows: watched until it has them. */
  const unconfirmed = new Set<string>();
  /** Marked rooms whose last write the server refused (4xx): written again on the next mark only. */
  const refused = new Set<string>();
  /** Rewrites per room after the first write (see `repair`). */
  const repairs = new Map<string, number>();
  /** Marked rooms whose writes gave up on a temporary failure: written again on sync recovery or a subscribe. */
  const gaveUp = new Set<string>();
  let syncWasDown = false;
  /** Per room not there yet, how many good syncs its write waited for it (see `retryGivenUp`). */
  const roomWaits = new Map<string, number>();
  /** Whether writes that gave up wait for the client's first live sync response (see `retryGivenUp`). */
  let waitingForLive = false;
  const device = deviceSeenMarks(
    options.deviceMarks === undefined ? defaultDeviceMarks : options.deviceMarks,
    client.getUserId(),
  );
  /** Marks an earlier page or client made here that the server had: read only, never written (as `earlier` below). */
  const remembered = new Map<string, readonly string[]>();

  const isGuest = () => {
    try {
      return client.isGuest();
    } catch {
      return false;
    }
  };

  /** Rooms whose write waited for a read made again after a failed one (a second failure writes anyway). */
  const rereads = new Set<string>();
  /** Rooms whose read from the server this store tells its subscribers the end of. */
  const awaited = new Set<string>();
  /** Rooms whose read a due welcome waited for, not answered yet: made again when sync comes back (see `readAgain`). */
  const watched = watchedReadsOf(client);
  const reads = marksReadsOf(client);

  /** The room's seen-marks account data event, as the sync brought it. */
  const marksEvent = (roomId: string) =>
    roomOf(client, roomId)?.getAccountData(WELCOME_SEEN_ACCOUNT_DATA_TYPE as never);

  const serverSeen = (roomId: string): readonly string[] => {
    const event = marksEvent(roomId);
    if (!event) return reads.get(roomId)?.marks ?? EMPTY;
    // The sync's copy from now on (an echo of a write, another device's).
    reads.delete(roomId);
    return parseSeenContent(event.getContent());
  };

  /**
   * Tells this store's subscribers when the room's read ends, and when a due welcome stops waiting for it (once per
   * read); watches it until answered (see `readAgain`).
   */
  const hear = (roomId: string, read: MarksRead) => {
    if (!read.done || awaited.has(roomId)) return;
    awaited.add(roomId);
    watched.add(roomId);
    if (!isSyncHealthy(client.getSyncState())) read.outage = true;
    attach();
    void read.waitOver?.then(() => emit(listeners, roomId));
    void read.done.then(() => {
      awaited.delete(roomId);
      // Answered, or made again on a recovery and failed again: no more reads on recoveries (a room nothing shows any
      // more would be read, and reported, at every one); the minute rule and a write still read it when due.
      if (read.marks || (read.recovery && read.failedAt !== undefined && !read.softLogout))
        watched.delete(roomId);
      attach();
      emit(listeners, roomId);
    });
  };

  /** Starts reading a room's marks from the server (see `serverSeenMarksRead.ts`). */
  const startRead = (roomId: string) =>
    readMarks(client, roomId, WELCOME_SEEN_ACCOUNT_DATA_TYPE, parseSeenContent, options.retry, (error) =>
      callApp(() => options.onReadError?.(error, roomId)),
    );

  /**
   * Whether the room's marks are still unknown: a joined room whose account data holds no marks event, and whose
   * user had a membership before this one (a first membership had no earlier join, so no marks); `start` reads them.
   */
  const loading = (roomId: string, _userId?: string, start = true): boolean => {
    if (!mayHoldMarks(roomId)) return false;
    let read = reads.get(roomId);
    if (read?.marks) return false;
    if (read?.failedAt !== undefined && Date.now() - read.failedAt < READ_AGAIN_AFTER_MS) {
      if (start) {
        watched.add(roomId);
        attach();
      }
      return false;
    }
    // Out longer than a welcome waits: it shows; the answer still applies.
    if (read?.waitedOut && read.done) return false;
    if (!read?.done) {
      if (!start) return true;
      read = startRead(roomId);
    }
    hear(roomId, read);
    return true;
  };

  /** Whether the server may hold marks of the room that its sync did not bring (see `loading`). */
  const mayHoldMarks = (roomId: string): boolean => {
    const room = roomOf(client, roomId);
    if (!room || !client.clientRunning || isGuest() || myMembership(room) !== "join") return false;
    return !marksEvent(roomId) && hadMembershipBefore(room);
  };

  /**
   * On sync's recovery, the reads a due welcome waited for that failed (or a stop cut short) are made again, once each,
   * and those still out are made again if they fail after (an outage's hung request): not for a room this store marked
   * seen (a write reads first), nor while nothing subscribes here. Stores of one client share them: one reads, the
   * others hear it.
   */
  const readAgain = () => {
    if (listeners.size === 0) return;
    for (const roomId of watched) {
      const read = reads.get(roomId);
      if (!read?.done) retryRead(roomId, read);
      else if (read.outage) void read.done.then(() => retryRead(roomId, read));
      // Made since sync came back (by another store of the client, this recovery): heard, not made again.
      else hear(roomId, read);
    }
  };
  /** Makes the room's read again if it is still `read` (failed, or cut short) and a welcome may still need it. */
  const retryRead = (roomId: string, read: MarksRead | undefined) => {
    const now = reads.get(roomId);
    // Made again already (by another store of the client, or a write): its end is heard.
    if (now?.done) return hear(roomId, now);
    if (listeners.size === 0) return;
    if (now?.marks || marked.has(roomId) || !mayHoldMarks(roomId)) {
      watched.delete(roomId);
      attach();
    } else if (now === read && (!now || now.failedAt !== undefined)) {
      const again = startRead(roomId);
      again.recovery = true;
      hear(roomId, again);
    }
  };

  /** The marks a write carries: the server's copy with this device's marks added (the newest 20). */
  const merge = (server: readonly string[], mine: readonly string[]): readonly string[] => {
    let marks = server;
    for (const id of mine) marks = withId(marks, id);
    return marks;
  };
  const marksOf = (roomId: string) => merge(serverSeen(roomId), local.getSeen(roomId));

  const getSeen = (roomId: string): readonly string[] => {
    const server = serverSeen(roomId);
    const mine = local.getSeen(roomId);
    const cached = merged.get(roomId);
    if (cached && cached.local === mine && (cached.server === server || sameArray(cached.server, server)))
      return cached.value;
    const marks = merge(server, mine);
    // Marks read before that the server's copy dropped since (another device's write: last writer wins) still count
    // here, an edition seen anywhere staying seen; they come first (never pushing out a mark there is) and are never
    // written back (that device may have cleared them on purpose).
    const earlier = [...new Set([...(remembered.get(roomId) ?? []), ...(cached?.value ?? [])])]
      .filter((id) => !marks.includes(id))
      .slice(-MAX_SEEN_EDITIONS);
    let value = earlier.length ? [...earlier, ...marks] : marks;
    // The same marks keep the same array (an echo confirming a local mark changes nothing a reader sees).
    if (cached && sameArray(cached.value, value)) value = cached.value;
    merged.set(roomId, { server, local: mine, value });
    return value;
  };

  const write = (roomId: string) => {
    // A guest cannot write account data (Synapse refuses with M_GUEST_ACCESS_FORBIDDEN): its marks stay on this device.
    if (isGuest()) {
      forget(roomId, true);
      return;
    }
    // Not over marks the server may hold that this store could not read: after the read (made again once if it failed).
    const read = reads.get(roomId);
    if (read && !read.marks && !marksEvent(roomId)) {
      const again = read.done ? read : rereads.has(roomId) ? null : startRead(roomId);
      if (again?.done) {
        // Only a read made again counts (a write that waited for the first read makes one if that read failed).
        if (again !== read) rereads.add(roomId);
        void again.done.then(() => write(roomId));
        return;
      }
    }
    rereads.delete(roomId);
    // Not from a client the app stopped (a logout, say): made again if it starts again (see `onSync`). Nor from a
    // saved sync alone, whose copy of the server's marks may lack another device's since: made once a live one came.
    if (!client.clientRunning || awaitingLiveSync(client)) {
      if (client.clientRunning) waitingForLive = true;
      // Given up: made again when sync comes back (see `onSync`).
      pending.delete(roomId);
      gaveUp.add(roomId);
      return;
    }
    const state = pending.get(roomId) ?? { failures: 0, inFlight: false };
    pending.set(roomId, state);
    // A write the server asked to wait (a rate limit, a 503's `Retry-After`) waits as it asked; its retry writes every mark there is by then.
    if (state.inFlight || (state.timer && state.rateLimited)) return;
    if (state.timer) clearTimeout(state.timer);
    state.inFlight = true;
    state.timer = undefined;
    state.again = false;
    const content = { event_ids: [...marksOf(roomId)] };
    /** Whether the store now holds marks this write does not carry. */
    const lacksMarks = () => marksOf(roomId).some((id) => !content.event_ids.includes(id));
    // The SDK builds the URL before its promise: a room id it cannot encode fails the write as refused.
    const request = guardIdEncoding(() =>
      client.setRoomAccountData(roomId, WELCOME_SEEN_ACCOUNT_DATA_TYPE as never, content as never),
    );
    let timedOut = false;
    // A write that timed out may still be applied after a later one, replacing its marks: once it lands, the
    // current marks are written again (if it lacked any: a late write that carries them all lost nothing).
    request.then(
      () => {
        if (!timedOut || !lacksMarks()) return;
        const now = pending.get(roomId);
        if (now?.inFlight) now.again = true;
        else write(roomId);
      },
      () => {},
    );
    withTimeout(request, options.retry).then(
      () => {
        state.inFlight = false;
        state.failures = 0;
        state.rateLimited = false;
        gaveUp.delete(roomId);
        // Another mark may have arrived while this write was in flight.
        if (state.again || lacksMarks()) write(roomId);
        else {
          pending.delete(roomId);
          // No echo will come for a room this client no longer has: nothing more to watch.
          if (!isJoined(roomId)) forget(roomId);
        }
      },
      (error: unknown) => {
        timedOut = error instanceof RequestTimeoutError;
        state.inFlight = false;
        state.failures += 1;
        const delay = retryDelayAfter(error, state.failures, options.retry);
        if (delay === null) {
          pending.delete(roomId);
          // A mark made meanwhile gets its own write (once: the server's answer to it decides).
          if (state.again || lacksMarks()) write(roomId);
          // Refused: written again on the next mark only. A temporary failure is written again when sync comes
          // back or something subscribes (see `onSync`, `subscribe`).
          else if (isPermanentFailure(error)) {
            refused.add(roomId);
            forget(roomId, true);
          } else gaveUp.add(roomId);
          callApp(() => options.onWriteError?.(error, roomId));
          return;
        }
        state.rateLimited = asksToWait(error, options.retry);
        state.retry = () => {
          state.timer = undefined;
          write(roomId);
        };
        state.timer = retryLater(state, jittered(delay, error, options.retry));
      },
    );
  };

  const isJoined = (roomId: string) => {
    const room = roomOf(client, roomId);
    return !!room && myMembership(room) === "join";
  };
  /**
   * Stops watching a room's marks (they hold on this device); those kept for later pages stay unconfirmed while the
   * server lacks them, unless `giveUp` (refused, or the user left).
   */
  const forget = (roomId: string, giveUp = false, ownOnly = false) => {
    // `ownOnly`: a room this store settled before has nothing left to settle (a room switch checks every marked room,
    // and would read the device's marks once per room); on the server's news, another tab's marks there are settled.
    if (!unconfirmed.delete(roomId) && ownOnly) return;
    device.confirm(roomId, giveUp ? undefined : serverSeen(roomId));
    attach();
  };

  /**
   * Writes the room's marks again when the server's copy lacks this device's latest mark there (unless a write is
   * underway, the server refused the last one, or the room is gone). Only the latest mark counts: two devices then
   * agree whatever older marks the 20-edition cap keeps, and the newest edition is the one a welcome shows.
   */
  const repair = (roomId: string, ownOnly = false) => {
    const latest = local.getSeen(roomId).at(-1);
    if (
      latest === undefined ||
      refused.has(roomId) ||
      !isJoined(roomId) ||
      serverSeen(roomId).includes(latest)
    )
      return forget(roomId, false, ownOnly);
    // A safety stop: a device keeps rewriting its mark at most this often in a session.
    const count = (repairs.get(roomId) ?? 0) + 1;
    if (count > MAX_REPAIRS) return forget(roomId, false, ownOnly);
    repairs.set(roomId, count);
    unconfirmed.add(roomId);
    attach();
    const now = pending.get(roomId);
    if (now?.inFlight) now.again = true;
    else if (!now?.timer) write(roomId);
  };

  const onAccountData = (event: MatrixEvent, room: Room) => {
    if (event.getType() !== WELCOME_SEEN_ACCOUNT_DATA_TYPE) return;
    if (marked.has(room.roomId)) repair(room.roomId);
    emit(listeners, room.roomId);
  };
  /**
   * Writes again the rooms whose writes gave up (not those whose write succeeded and whose echo is on its way), once
   * the client holds live data: from a saved sync alone, rooms may not be there yet and the server's marks may be
   * stale (a write would drop another device's newer ones). Marks the server has by then need no write.
   */
  const retryGivenUp = (atSync = false) => {
    // Also before the client's first sync state: its rooms are not there yet (a new client signing in again).
    if (gaveUp.size > 0 && (client.getSyncState() === null || awaitingLiveSync(client))) {
      waitingForLive = true;
      return;
    }
    waitingForLive = false;
    for (const roomId of gaveUp) {
      if (pending.has(roomId)) {
        gaveUp.delete(roomId);
        continue;
      }
      const room = roomOf(client, roomId);
      // A room not there yet (under sliding sync, outside the lists' windows) is tried again at the next few syncs;
      // still not there (left while the page was closed, say), it is watched no more (a later page tries again).
      if (!room) {
        const waits = (roomWaits.get(roomId) ?? 0) + (atSync ? 1 : 0);
        roomWaits.set(roomId, waits);
        if (waits <= MAX_ROOM_WAITS) {
          waitingForLive = true;
          continue;
        }
      }
      roomWaits.delete(roomId);
      gaveUp.delete(roomId);
      if (!room) {
        forget(roomId);
        continue;
      }
      const server = serverSeen(roomId);
      if (myMembership(room) !== "join") forget(roomId, true);
      else if (local.getSeen(roomId).some((id) => !server.includes(id))) write(roomId);
      else forget(roomId);
    }
  };
  const onSync = (state: SyncState | null) => {
    const good = isSyncHealthy(state);
    const back = isSyncBack(state, syncWasDown);
    // A write still out gets a fresh budget, should it fail now that sync works (one that hung through the outage
    // and times out).
    if (back) for (const attempt of pending.values()) if (attempt.inFlight) attempt.failures = 0;
    if (back) readAgain();
    // Reads out now are out through an outage: made again if they fail after it (see `readAgain`).
    else if (!good)
      for (const roomId of watched) {
        const read = reads.get(roomId);
        if (read?.done) read.outage = true;
      }
    if (back || (good && waitingForLive)) retryGivenUp(true);
    syncWasDown = !good;
  };

  let attached = false;
  let watchingSync = false;
  /**
   * Listens while anything subscribes or marks wait for the server; sync is watched for the latter, and for reads a
   * due welcome waited for while anything subscribes.
   */
  const attach = () => {
    const wanted = listeners.size > 0 || unconfirmed.size > 0;
    if (wanted !== attached) {
      if (wanted) client.on(RoomEvent.AccountData, onAccountData);
      else client.off(RoomEvent.AccountData, onAccountData);
      attached = wanted;
    }
    const syncWanted = unconfirmed.size > 0 || (listeners.size > 0 && watched.size > 0);
    if (syncWanted !== watchingSync) {
      if (syncWanted) {
        syncWasDown = !isSyncHealthy(client.getSyncState());
        client.on(ClientEvent.Sync, onSync);
      } else client.off(ClientEvent.Sync, onSync);
      watchingSync = syncWanted;
    }
  };

  // Marks an earlier page or client of this user made on this device hold here at once; those the server had not
  // confirmed are written once the client holds live data (when something subscribes, or sync recovers).
  for (const [roomId, { eventIds, unconfirmed: waiting }] of device.entries()) {
    // Confirmed ones are not written again (another device may have cleared them since, on purpose).
    remembered.set(
      roomId,
      eventIds.filter((id) => !waiting.includes(id)),
    );
    if (waiting.length === 0) continue;
    for (const id of waiting) local.markSeen(roomId, id);
    marked.add(roomId);
    unconfirmed.add(roomId);
    gaveUp.add(roomId);
  }
  if (unconfirmed.size > 0) attach();

  return {
    getSeen,
    loading,
    markSeen(roomId, eventId) {
      if (local.getSeen(roomId).includes(eventId)) return;
      // Marked here too, so that a later write by another device that drops it is repaired (see `repair`).
      const onServer = serverSeen(roomId).includes(eventId);
      local.markSeen(roomId, eventId);
      marked.add(roomId);
      if (onServer) return;
      device.add(roomId, eventId);
      unconfirmed.add(roomId);
      refused.delete(roomId);
      repairs.delete(roomId);
      gaveUp.delete(roomId);
      attach();
      emit(listeners, roomId);
      write(roomId);
    },
    subscribe(listener) {
      const off = listen(listeners, listener);
      // Writes that gave up while sync stayed up are made again when something subscribes, and marks another
      // device's write may have dropped while nothing here listened are checked.
      retryGivenUp();
      if (!attached) {
        // Rooms whose marks wait for the server on this device (another tab's too, whose echo may have come while
        // nothing here listened) are settled; the others were (one read of the device's marks, not one per room).
        const waiting = new Set(
          marked.size > 0
            ? device
                .entries()
                .filter(([, marks]) => marks.unconfirmed.length > 0)
                .map(([roomId]) => roomId)
            : [],
        );
        for (const roomId of marked) if (!pending.has(roomId)) repair(roomId, !waiting.has(roomId));
      }
      attach();
      return () => {
        off();
        attach();
      };
    },
  };
}

/**
 * Whether the user's membership of `room` replaced an earlier one (its member event's `unsigned.replaces_state` or
 * `prev_content`): a first membership had no earlier join, so no marks. Never throws.
 */
function hadMembershipBefore(room: Room): boolean {
  try {
    const member = liveState(room)?.getStateEvents("m.room.member", room.myUserId);
    if (!member) return true;
    return (
      typeof member.getUnsigned().replaces_state === "string" ||
      typeof member.getPrevContent().membership === "string"
    );
  } catch {
    return true;
  }
}

/**
 * Runs `state.retry` after `delay` unless the state is gone: the timer keeps neither it nor its client alive (a
 * client the app stopped and dropped during a server's wait of an hour, say, is collected).
 */
function retryLater(state: { retry?: () => void }, delay: number) {
  const ref = new WeakRef(state);
  return setTimeout(() => ref.deref()?.retry?.(), delay);
}

const accountDataStores = new WeakMap<MatrixClient, WelcomeSeenStore>();

/** The shared account-data seen store of a client (the default of `useWelcomeMessage`). */
export function accountDataSeenStore(client: MatrixClient): WelcomeSeenStore {
  return getOrCreate(accountDataStores, client, () => createAccountDataSeenStore(client));
}
