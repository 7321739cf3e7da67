/**
 * Fetches pinned events that are not in the local timeline: once per event id, in parallel, cached by id, retried
 * with backoff while someone still needs them. One fetcher per client, shared by every hook and component.
 */
import {
  type IEvent,
  type MatrixClient,
  MatrixEvent,
  MatrixEventEvent,
  type Method,
  type Room,
} from "matrix-js-sdk";
import { isRedactedByServer } from "../core/acceptedRedaction.js";
import {
  asksToWait,
  DEFAULT_RETRY_POLICY,
  isPermanentFailure,
  jittered,
  type RetryPolicy,
  retryDelay,
  retryDelayAfter,
  serverWaitMs,
  withTimeout,
} from "../core/backoff.js";
import { getOrCreate } from "../core/getOrCreate.js";
import { guardIdEncoding } from "../core/guardIdEncoding.js";
import { isRecord } from "../core/isRecord.js";
import { redactedEventId } from "../core/redactedEventId.js";
import { roomOf } from "../core/roomOf.js";
import { hearSlidingSyncGaps } from "../core/slidingSyncResponse.js";
import { isPending } from "../core/timelineRedactions.js";
import { toError } from "../core/toError.js";
import { withDefaults } from "../core/withDefaults.js";
import { addEdit, isEditBy, knownEdits, liveEdits, newestValidEdit } from "./noticeEdits.js";

/** The state of one pinned event lookup. */
export interface PinnedEntry {
  readonly status: "pending" | "ok" | "error";
  readonly event?: MatrixEvent | undefined;
  readonly error?: Error | undefined;
  readonly failures: number;
  /** The event may have changed while nobody watched: hold it (`acquire`) to have it checked with the server. */
  readonly stale?: boolean | undefined;
}

interface MutableEntry {
  /** The room and event it is the lookup of. */
  readonly roomId: string;
  readonly eventId: string;
  status: "pending" | "ok" | "error";
  event?: MatrixEvent | undefined;
  error?: Error | undefined;
  failures: number;
  timer?: ReturnType<typeof setTimeout> | undefined;
  /** A request is out (retries and reconnects never start a second one). */
  inFlight?: boolean | undefined;
  /** The number of the latest request: answers to earlier ones (timed out, superseded) are stale. */
  attempt?: number | undefined;
  /** Cancels the request still out (one that timed out is cancelled when the next attempt starts). */
  cancel?: AbortController | undefined;
  /** The event is the SDK's own (found in a timeline): while the SDK still holds it, it applies its edits and redactions. */
  local?: boolean | undefined;
  /** Edits seen for a fetched event (also while it is in flight), so a redacted edit falls back to the one before. */
  edits?: MatrixEvent[] | undefined;
  holders: number;
  policy: RetryPolicy;
  /** For a fetched event, its room's live timeline when the fetcher's last listener left (see `subscribe`). */
  unwatchedAt?: WeakRef<object> | undefined;
  /**
   * A resolved event that may have changed unseen (a gappy sync while nobody listened): still shown, and fetched again
   * by the next holder; the answer replaces it (a refusal such as 404 removes it; a failure keeps it and retries).
   */
  stale?: boolean | undefined;
  /**
   * The SDK's copy of a local event from before a gap (see `markGap`): sliding sync keeps it in the live timeline,
   * where it no longer tells how the event is; the fetcher's answer stands for it.
   */
  beforeGap?: WeakRef<MatrixEvent> | undefined;
  /**
   * The edits the SDK knew of its copy before the gap: fallbacks only, kept where the server's answer has an edit at
   * least as new (one newer than the answer's was redacted in the gap, or never reached the server's bundle).
   */
  gapEdits?: MatrixEvent[] | undefined;
  /**
   * Until when (ms since the epoch) the server asked not to be asked again (a rate limit): no reconnect, remount or
   * fresh retry budget asks before, and the entry outlives its last holder until then.
   */
  notBefore?: number | undefined;
  /** A fetch (or retry) not sent because the client was stopped: sent when sync comes back (`retryFailed`). */
  parked?: boolean | undefined;
  /** Stops hearing the late decryption of the entry's event (see `#watchDecryption`). */
  unwatch?: (() => void) | undefined;
}

/** Whether an answer's field is the id asked for, or absent (then the id asked for is filled in). */
const sameOrAbsent = (value: unknown, id: string) => value === undefined || value === id;

/** Cancels the entry's scheduled attempt, if any. */
function stopTimer(entry: MutableEntry): void {
  clearTimeout(entry.timer);
  entry.timer = undefined;
}

/** Whether the server's wait after the entry's last failure still runs. */
const waiting = (entry: MutableEntry) => (entry.notBefore ?? 0) > Date.now();

/**
 * How many times the policy's attempts a fetch has while the server answers with a rate limit and a wait (32 by
 * default): the server paces those, and a long pinned list behind a rate limit needs more than a network failure.
 */
const PACED_ATTEMPTS = 4;

/** How long a fetched encrypted event may take to decrypt before it is shown (it shows decrypted when it is). */
const DECRYPTION_WAIT_MS = 2_000;

/** The shortest gap between two retries a rate limit held back (a wait of a few ms says little of the server's rate). */
const MIN_SLOT_GAP_MS = 50;

/** The longest gap between two requests a rate limit held back (a fixed window's long wait spaces them no further). */
const MAX_SLOT_GAP_MS = 1000;

/** How many resolved events a fetcher keeps for ids nobody holds any more. */
const MAX_CACHED = 500;
const key = (roomId: string, eventId: string) => `${roomId}\u0000${eventId}`;

/** The per-client cache of pinned events. */
export class PinnedEventFetcher {
  readonly #entries = new Map<string, MutableEntry>();
  readonly #listeners = new Set<(roomId: string, eventId: string) => void>();
  /**
   * Each room's live timeline (by room id: a room forgotten and joined again is a new Room) as of the last gap marked
   * there or the last `checkGap`.
   */
  readonly #timelines = new Map<string, WeakRef<object>>();

  readonly #client: MatrixClient;

  constructor(client: MatrixClient) {
    this.#client = client;
  }

  /** The entry for an event, if it was looked up. */
  get(roomId: string, eventId: string): PinnedEntry | undefined {
    return this.#entries.get(key(roomId, eventId));
  }

  /** Records an event found locally, so a later timeline reset does not cause a fetch. */
  remember(roomId: string, event: MatrixEvent): void {
    const id = event.getId();
    if (!id) return;
    const k = key(roomId, id);
    const entry = this.#entries.get(k);
    if (
      (entry?.status === "ok" && entry.event === event && !entry.stale) ||
      entry?.beforeGap?.deref() === event
    )
      return;
    if (entry) stopTimer(entry);
    entry?.unwatch?.();
    // A request for it still out is not needed any more.
    entry?.cancel?.abort();
    this.#entries.set(k, {
      roomId,
      eventId: id,
      status: "ok",
      event,
      local: true,
      failures: 0,
      holders: entry?.holders ?? 0,
      policy: entry?.policy ?? {},
    });
    this.#evict();
  }

  /**
   * Lets go of the events found locally in a room that are pinned there no more and that nobody holds: kept, each
   * would keep its MatrixEvent alive for the client's life after the SDK dropped it (a long session pins thousands).
   */
  forgetUnpinned(roomId: string, pinned: readonly string[]): void {
    const keep = new Set(pinned);
    for (const entry of this.#entries.values())
      if (
        (entry.local || entry.beforeGap) &&
        !entry.holders &&
        entry.roomId === roomId &&
        !keep.has(entry.eventId)
      )
        this.#drop(entry);
  }

  /**
   * A gap in a room's timeline (a limited sync; its live timeline was reset while someone listened, or sliding sync
   * said so; no room: in any room): its pinned events, fetched or the SDK's from before the gap, may have changed
   * unseen. They show as they were until the server says how they are now: held ones are asked again at once, the
   * others at their next hold (the stores hold stale ones).
   */
  markGap(roomId?: string): void {
    // Only rooms a store has bound (see `checkGap`): sliding sync reports a gap for every room's first response.
    const gapRoom =
      roomId !== undefined && this.#timelines.has(roomId) ? roomOf(this.#client, roomId) : undefined;
    if (gapRoom) this.#timelines.set(gapRoom.roomId, new WeakRef(gapRoom.getLiveTimeline()));
    for (const entry of this.#entries.values()) {
      const room = entry.roomId;
      if ((roomId !== undefined && room !== roomId) || entry.status !== "ok" || entry.stale) continue;
      // Its edits come from the server's answer, with those that arrive from now on (see `subscribe`); the SDK's
      // copy keeps the edits the SDK knew as fallbacks (see `gapEdits`).
      const sdkRoom = entry.local && entry.event ? roomOf(this.#client, room) : undefined;
      entry.gapEdits = sdkRoom ? knownEdits(sdkRoom, entry.event!) : undefined;
      entry.edits = [];
      if (entry.local && entry.event) entry.beforeGap = new WeakRef(entry.event);
      entry.local = false;
      entry.stale = true;
      entry.unwatchedAt = undefined;
      if (entry.holders > 0 && !entry.inFlight && !entry.timer) this.#restart(entry);
      this.#emit(entry);
    }
  }

  /**
   * A store listens to `room` (again): a gap since the fetcher last knew its live timeline (a reset while no store
   * listened: the room untagged, or left and joined again) is marked, as a heard one would be.
   */
  checkGap(room: Room): void {
    const known = this.#timelines.get(room.roomId);
    const live = room.getLiveTimeline();
    this.#timelines.set(room.roomId, new WeakRef(live));
    // One collected is no longer the live one (the room holds that): a gap, the SDK dropped the old timeline.
    if (known && known.deref() !== live) this.markGap(room.roomId);
  }

  /**
   * Hears the gaps of the client's sliding sync, which reset no timeline (call before reading the fetcher). One heard
   * for the first time may follow gaps nobody heard (the client started again with a new one): every event the
   * fetcher holds is checked again (no room given: all of them).
   */
  hearGaps(): void {
    if (hearSlidingSyncGaps(this.#client, this.#onGap)) this.markGap();
  }

  readonly #onGap = (roomId: string) => this.markGap(roomId);

  /** Whether `event` is the SDK's copy of a pinned event from before a gap, which the fetcher's answer replaces. */
  isBeforeGap(roomId: string, eventId: string, event: MatrixEvent): boolean {
    return this.#entries.get(key(roomId, eventId))?.beforeGap?.deref() === event;
  }

  /** Declares that a caller needs this event; fetches it unless it is cached or in flight. */
  acquire(roomId: string, eventId: string, policy: RetryPolicy = DEFAULT_RETRY_POLICY): void {
    const k = key(roomId, eventId);
    let entry = this.#entries.get(k);
    if (!entry) {
      entry = { roomId, eventId, status: "pending", failures: 0, holders: 0, policy };
      this.#entries.set(k, entry);
      this.#fetch(entry);
    } else if (entry.stale && !entry.inFlight && !entry.timer) {
      // Checked again with a fresh budget, once any wait the server asked for after the last check has ended.
      entry.policy = policy;
      this.#restart(entry);
    } else if (entry.holders === 0 || attemptsOf(policy) > attemptsOf(entry.policy)) {
      // Holders share one fetch: the most patient policy governs it (the new holder's alone when nobody held it, as
      // with a request kept in flight across a remount), and may revive one that had given up.
      entry.policy = policy;
      if (entry.status === "error" && !entry.timer && !entry.inFlight) {
        // Kept past its last holder only for the server's wait: asked again with a fresh budget once it ends.
        if (entry.holders === 0) this.#restart(entry);
        else this.#scheduleRetry(entry);
      }
    }
    entry.holders += 1;
  }

  /**
   * Fetches again with a fresh retry budget (at once, or when a wait the server asked for ends) the failed, stale or
   * parked (due while the client was stopped) events of a room that someone still needs (call it when sync is back or
   * the client starts again: failures while offline say nothing about the events). Events the server refused (not
   * found, forbidden) are not asked for again.
   */
  retryFailed(roomId: string): void {
    for (const entry of this.#entries.values()) {
      if (entry.roomId !== roomId) continue;
      // One still out gets a fresh budget, should it fail now that sync works (a request that hung through the
      // outage and times out).
      if (entry.inFlight) entry.failures = 0;
      if (
        (entry.status !== "error" && !entry.stale && !entry.parked) ||
        entry.inFlight ||
        entry.holders === 0 ||
        isPermanentFailure(entry.error) ||
        // A retry already waiting for the server's wait to end.
        (asksToWait(entry.error, entry.policy) && !!entry.timer)
      )
        continue;
      this.#restart(entry);
    }
  }

  /** Asks again with a fresh retry budget: at once, or when the server's wait ends (it holds whatever else happened). */
  #restart(entry: MutableEntry): void {
    stopTimer(entry);
    entry.failures = 0;
    const wait = (entry.notBefore ?? 0) - Date.now();
    if (wait > 0) entry.timer = setTimeout(() => this.#fetch(entry), wait);
    else this.#fetch(entry);
  }

  /** The opposite of `acquire`: with no holder left, pending retries stop and old entries may be evicted. */
  release(roomId: string, eventId: string): void {
    const entry = this.#entries.get(key(roomId, eventId));
    if (!entry) return;
    entry.holders = Math.max(0, entry.holders - 1);
    if (entry.holders > 0) return;
    stopTimer(entry);
    // A request still out is kept (a remount needs no second one); it is dropped when it settles unneeded. So is a
    // failure during the server's wait, so that a remount does not ask before it ends.
    if (entry.status !== "ok" && !entry.inFlight && !waiting(entry)) this.#drop(entry);
    else if (entry.stale && !waiting(entry)) {
      // A failing check of an event shown as it was starts afresh at the next hold, as a failed fetch does.
      entry.error = undefined;
      entry.failures = 0;
    }
    this.#evict();
  }

  /**
   * Applies a redaction the homeserver accepted to an event the fetcher fetched (the SDK redacts only events in its
   * timelines), or to the edit shown on one (which then falls back to the edit before it, or the original).
   */
  redact(room: Room, redaction: MatrixEvent): boolean {
    const redacts = redactedEventId(redaction);
    if (!redacts || isPending(redaction)) return false;
    const entry = this.#entries.get(key(room.roomId, redacts));
    if (entry && !sdkOwns(room, redacts, entry) && entry.event && !entry.event.isRedacted()) {
      try {
        entry.event.makeRedacted(redaction, room);
      } catch {
        return false;
      }
      this.#emit(entry);
      return true;
    }
    for (const edited of this.#entries.values()) {
      if (edited.roomId !== room.roomId || !edited.event) continue;
      const id = edited.eventId;
      // An event the SDK dropped from its timeline (a gappy sync) may still show the SDK's edit: its list starts with
      // the edits the SDK knew.
      const shown = edited.event.replacingEvent();
      if (!edited.edits && shown?.getId() === redacts && !sdkOwns(room, id, edited))
        edited.edits = knownEdits(room, edited.event);
      const at = edited.edits?.findIndex((e) => e.getId() === redacts) ?? -1;
      if (at < 0) continue;
      edited.edits!.splice(at, 1);
      if (this.#showNewestEdit(edited.event, edited.edits!)) {
        this.#emit(edited);
        return true;
      }
    }
    return false;
  }

  /**
   * Applies an edit (`m.replace`) to a fetched event (the SDK edits only events it holds), also one still in flight;
   * only an edit of the same type by the event's own sender counts, and the newest wins (an older edit arriving later,
   * e.g. from back-pagination, does not revert it).
   */
  replace(room: Room, edit: MatrixEvent): boolean {
    const relation = edit.getRelation();
    // An id that is no string (a hostile `{"toString": 1}`) names no event, and cannot make a key.
    if (
      relation?.rel_type !== "m.replace" ||
      typeof relation.event_id !== "string" ||
      isRedactedByServer(edit)
    )
      return false;
    const entry = this.#entries.get(key(room.roomId, relation.event_id));
    if (!entry || sdkOwns(room, relation.event_id, entry)) return false;
    // An original still encrypted cannot be compared yet: its edits are kept for when it is decrypted.
    const undecrypted = entry.event?.isEncrypted() && !entry.event.getClearContent();
    if (entry.event && !undecrypted && !isEditBy(edit, entry.event)) return false;
    // A list begins with the edits the SDK knew (for an event a gappy sync dropped from its timeline).
    entry.edits ??= entry.event ? knownEdits(room, entry.event) : [];
    addEdit(entry.edits, edit);
    if (!entry.event || !this.#showNewestEdit(entry.event, entry.edits)) return false;
    this.#emit(entry);
    return true;
  }

  /** A fetched event was decrypted: the edits kept for it are judged now. */
  decrypted(room: Room, event: MatrixEvent): void {
    const id = event.getId();
    const entry = id ? this.#entries.get(key(room.roomId, id)) : undefined;
    if (!entry || entry.event !== event || !entry.edits) return;
    if (this.#showNewestEdit(event, entry.edits)) this.#emit(entry);
  }

  /**
   * Hears the decryption of a fetched encrypted event, or of the edit the server bundled with it, once its keys come
   * (late keys): the client does not always re-emit it (its mapper does not when the bundled edit is an event the room
   * holds), and the event is then judged with its edits again and shown.
   */
  #watchDecryption(entry: MutableEntry, event: MatrixEvent): (() => void) | undefined {
    const undecrypted = (e: MatrixEvent | null | undefined): e is MatrixEvent =>
      !!e && (e.isBeingDecrypted() || e.isDecryptionFailure());
    const watched = [event, event.replacingEvent()].filter(undecrypted);
    if (watched.length === 0) return undefined;
    const unwatch = () => {
      for (const e of watched) e.off(MatrixEventEvent.Decrypted, onDecrypted);
      if (entry.unwatch === unwatch) entry.unwatch = undefined;
    };
    const onDecrypted = () => {
      if (entry.event !== event || this.#entries.get(key(entry.roomId, entry.eventId)) !== entry)
        return unwatch();
      this.#showNewestEdit(event, entry.edits ?? []);
      this.#emit(entry);
      if (!watched.some(undecrypted)) unwatch();
    };
    for (const e of watched) e.on(MatrixEventEvent.Decrypted, onDecrypted);
    return unwatch;
  }

  /** Shows the newest valid edit of `edits` on `event` (or none); whether what it shows changed. */
  #showNewestEdit(event: MatrixEvent, edits: readonly MatrixEvent[]): boolean {
    const newest = newestValidEdit(event, edits, roomOf(this.#client, event.getRoomId()));
    if ((event.replacingEvent() ?? undefined) === newest) return false;
    event.makeReplaced(newest);
    return true;
  }

  /**
   * Listens for entry changes. Redactions and edits reach fetched events only while someone listens (the stores
   * pass them on): a fetched event whose room has a different live timeline when listening resumes (a gappy sync
   * dropped what came meanwhile) becomes `stale`: shown as it was until the server says how it is now.
   */
  subscribe(listener: (roomId: string, eventId: string) => void): () => void {
    if (this.#listeners.size === 0)
      for (const entry of this.#entries.values()) {
        if (!entry.unwatchedAt) continue;
        if (entry.unwatchedAt.deref() !== this.#liveTimeline(entry)) {
          entry.unwatchedAt = undefined;
          entry.stale = true;
          // Its edits come from the server's answer (one seen before the gap may have been redacted in it), with
          // those that arrive from now on, across retries.
          entry.edits = [];
        } else this.#catchUpEdits(entry);
      }
    this.#listeners.add(listener);
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size > 0) return;
      for (const entry of this.#entries.values()) this.#unwatch(entry);
    };
  }

  /**
   * Edits of a fetched event that reached the live timeline while nobody listened to its room (no gap: they are all
   * there); whether what it shows changed.
   */
  #catchUpEdits(entry: MutableEntry): boolean {
    const room = roomOf(this.#client, entry.roomId);
    const event = entry.event;
    if (!room || !event || sdkOwns(room, entry.eventId, entry)) return false;
    // A local event a gappy sync dropped while watched keeps the edits the SDK knew (it shows as it was).
    entry.edits ??= knownEdits(room, event);
    for (const edit of liveEdits(room, event)) addEdit(entry.edits, edit);
    return this.#showNewestEdit(event, entry.edits);
  }

  /** A store listens to `roomId` again (its notices room was untagged, then tagged again): edits made meanwhile. */
  catchUp(roomId: string): void {
    for (const entry of this.#entries.values())
      if (entry.roomId === roomId && this.#catchUpEdits(entry)) this.#emit(entry);
  }

  /** The live timeline of an entry's room (by the entry's key). */
  #liveTimeline(entry: MutableEntry): object | undefined {
    return roomOf(this.#client, entry.roomId)?.getLiveTimeline();
  }

  /** For a resolved event, notes its room's live timeline as nobody watches it from now (see `subscribe`). */
  #unwatch(entry: MutableEntry): void {
    const timeline = entry.status === "ok" ? this.#liveTimeline(entry) : undefined;
    entry.unwatchedAt = timeline && new WeakRef(timeline);
  }

  #emit({ roomId, eventId }: MutableEntry): void {
    for (const l of [...this.#listeners]) l(roomId, eventId);
  }

  #fetch(entry: MutableEntry): void {
    const { roomId, eventId } = entry;
    entry.timer = undefined;
    // Nothing is asked of a client the app stopped (a logout, an account put to sleep in a multi-account app): the
    // fetch waits until it syncs again (`retryFailed`).
    entry.parked = !this.#client.clientRunning;
    if (entry.parked) return;
    entry.inFlight = true;
    entry.attempt = (entry.attempt ?? 0) + 1;
    const attempt = entry.attempt;
    const k = key(roomId, eventId);
    // The answer tells how the event was when the server read it: a gap after this may have changed it since.
    const askedAt = this.#liveTimeline(entry);
    // A timed-out request still out is cancelled now: its late answer was welcome until the next attempt asks again.
    entry.cancel?.abort();
    const cancel = new AbortController();
    entry.cancel = cancel;
    const request = fetchEvent(this.#client, roomId, eventId, cancel.signal).then((raw) => {
      // Another room's event (or another event) is not this pin, whatever a misbehaving server or proxy answered; nor
      // is an answer that is no event at all (no type, sender or content): the app's pinned UI would get it.
      if (
        !isRecord(raw) ||
        !sameOrAbsent(raw.room_id, roomId) ||
        !sameOrAbsent(raw.event_id, eventId) ||
        typeof raw.type !== "string" ||
        typeof raw.sender !== "string" ||
        !isRecord(raw.content)
      )
        throw new Error(`The homeserver answered with another event than ${eventId} of ${roomId}`);
      return raw;
    });
    // Built first, the entry untouched: an answer that cannot be built (the client's mapper throwing) fails as any
    // failed request does (reported, retried). An encrypted one is decrypted (or found undecryptable) before it is
    // shown: shown still encrypted, a notice shown before a gap would go for a moment and come back as a new one.
    let building = false;
    const built = request.then(async (raw) => {
      building = true;
      const room = roomOf(this.#client, roomId);
      const full = { ...raw, room_id: roomId, event_id: eventId };
      // Through the client's mapper, as the SDK builds events: it applies an edit the server bundles with the event.
      // But for an event the SDK still holds (its copy from before a gap: sliding sync keeps it in the live timeline)
      // the mapper hands back that copy, old edit and all: the answer is built afresh then (unless encrypted).
      const sdkCopy = !!room?.findEventById(eventId) && raw.type !== "m.room.encrypted";
      const event = sdkCopy ? new MatrixEvent(full) : this.#client.getEventMapper()(full);
      if (event.isEncrypted()) {
        // At most a while (the request's timeout does not count it): a decryption waiting on a slow key backup check
        // shows once done (`#watchDecryption`).
        const decrypted = Promise.all(
          [event, event.replacingEvent()].map(
            (e) => e && this.#client.decryptEventIfNeeded(e).catch(() => {}),
          ),
        );
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          decrypted,
          new Promise((resolve) => (timer = setTimeout(resolve, DECRYPTION_WAIT_MS))),
        ]);
        clearTimeout(timer);
      }
      return { room, sdkCopy, event };
    });
    const succeed = ({ room, sdkCopy, event }: Awaited<typeof built>) => {
      // The newest of the edit the server bundled (if by the original's sender) and those that arrived meanwhile.
      const aggregated = sdkCopy ? event.getServerAggregatedRelation<IEvent>("m.replace") : undefined;
      const bundled = sdkCopy
        ? aggregated?.content && new MatrixEvent({ ...aggregated, room_id: roomId })
        : event.replacingEvent();
      const edits = [...(entry.edits ?? [])];
      // With the edits the room's live timeline holds (a redaction of the newest then shows the one before it); not
      // those of a copy from before a gap, which the same live timeline still holds under sliding sync.
      if (room && !sdkCopy) for (const edit of liveEdits(room, event)) addEdit(edits, edit);
      if (bundled) {
        addEdit(edits, bundled);
        for (const edit of entry.gapEdits ?? []) if (edit.getTs() <= bundled.getTs()) addEdit(edits, edit);
      }
      this.#showNewestEdit(event, edits);
      entry.inFlight = false;
      stopTimer(entry);
      entry.stale = false;
      entry.local = false;
      entry.status = "ok";
      entry.error = undefined;
      entry.notBefore = undefined;
      entry.edits = edits;
      entry.gapEdits = undefined;
      entry.unwatch?.();
      entry.event = event;
      entry.unwatch = this.#watchDecryption(entry, event);
      // Landing while nobody listens (a request kept across a remount): watched as if left when it was asked for, so
      // a gap since then (before or after it landed) has it checked again on the next mount.
      if (this.#listeners.size === 0) entry.unwatchedAt = askedAt && new WeakRef(askedAt);
      else if (askedAt !== this.#liveTimeline(entry)) {
        // A gap since it was asked for (also one while nobody listened, the request still out at the remount): it
        // shows as the server read it, and is checked again, as `subscribe` has a fetched event checked.
        entry.stale = true;
        entry.edits = [];
        if (entry.holders > 0) this.#restart(entry);
      }
      this.#emit(entry);
    };
    // A failed (or timed-out) request of the latest attempt, or an answer that could not be built into an event.
    const fail = (e: unknown) => {
      if (attempt !== entry.attempt || (entry.status === "ok" && !entry.stale)) return;
      entry.inFlight = false;
      if (this.#entries.get(k) !== entry) return;
      const error = toError(e);
      const wait = serverWaitMs(error, entry.policy);
      // The server's wait, or the fetch's own backoff when longer (a server asking a few ms again and again is not
      // asked at that pace), then a slot apart from the other retries held back.
      const backoff =
        retryDelay(entry.failures + 1, { ...entry.policy, maxAttempts: Number.POSITIVE_INFINITY }) ?? 0;
      entry.notBefore = wait > 0 ? this.#slotAfter(Math.max(wait, backoff), wait) : undefined;
      if (entry.stale && !isPermanentFailure(error)) {
        // Still shown as it was, the failure reported while someone holds it (or the server asked to wait: a remount
        // hears that); asked again while someone holds it. Unheld, the next hold starts afresh, as release() says.
        if (entry.holders > 0 || waiting(entry)) {
          entry.failures += 1;
          entry.error = error;
        }
        if (entry.holders > 0) this.#scheduleRetry(entry);
        this.#emit(entry);
        return;
      }
      entry.stale = false;
      entry.unwatch?.();
      entry.event = undefined;
      if (entry.holders === 0 && !waiting(entry)) {
        this.#drop(entry);
        return;
      }
      entry.status = "error";
      entry.error = error;
      entry.failures += 1;
      if (entry.holders > 0) this.#scheduleRetry(entry);
      this.#emit(entry);
    };
    const settled = () => {
      if (entry.cancel === cancel) entry.cancel = undefined;
    };
    request.then(settled, settled);
    // Any answer is good news while the event is still missing, also one that comes after its attempt timed out.
    built.then(
      (answer) => {
        if (this.#entries.get(k) !== entry || (entry.status === "ok" && !entry.stale)) return;
        try {
          succeed(answer);
        } catch (e) {
          fail(e);
        }
      },
      // An answer that could not be built fails as a failed request does (a failed request fails once, below).
      (e: unknown) => {
        if (building) fail(e);
      },
    );
    withTimeout(request, entry.policy).catch(fail);
  }

  /**
   * When a fetch the server rate-limited for `wait` ms may go again, `after` ms from now at the earliest (the wait, or
   * the fetch's backoff when longer): the first time from then on that is one gap (the wait, 50 ms to a second) from
   * every retry still held back by a rate limit, so that a burst of fetches (a long pinned list) meeting a rate limit
   * goes again one wait apart, not all at once, and another fetch's long wait holds up no short one.
   */
  #slotAfter(after: number, wait: number): number {
    const now = Date.now();
    const gap = Math.min(Math.max(wait, MIN_SLOT_GAP_MS), MAX_SLOT_GAP_MS);
    const taken: number[] = [];
    for (const entry of this.#entries.values())
      if (entry.holders > 0 && entry.timer && waiting(entry) && asksToWait(entry.error, entry.policy))
        taken.push(entry.notBefore!);
    let slot = now + after;
    for (const time of taken.sort((a, b) => a - b))
      if (time > slot - gap && time < slot + gap) slot = time + gap;
    return slot;
  }

  #scheduleRetry(entry: MutableEntry): void {
    stopTimer(entry);
    // A server that asked to wait paces the retries: at the fetch's slot, which counts its backoff (a backoff on top
    // would gather the slots of a burst into one moment again), with more attempts (see `PACED_ATTEMPTS`).
    const paced = serverWaitMs(entry.error, entry.policy) > 0;
    const attempts = attemptsOf(entry.policy);
    const policy =
      paced && attempts > 1 ? { ...entry.policy, maxAttempts: attempts * PACED_ATTEMPTS } : entry.policy;
    const delay = retryDelayAfter(entry.error, entry.failures, policy);
    if (delay === null) return;
    const wait = paced
      ? Math.max(0, (entry.notBefore ?? 0) - Date.now())
      : jittered(delay, entry.error, policy);
    entry.timer = setTimeout(() => this.#fetch(entry), wait);
  }

  #evict(): void {
    if (this.#entries.size <= MAX_CACHED) return;
    for (const entry of this.#entries.values()) {
      if (this.#entries.size <= MAX_CACHED) break;
      // One kept only for the server's wait stays until it ends: evicted, it would be asked for again at once.
      if (entry.holders === 0 && !waiting(entry)) this.#drop(entry);
    }
  }

  /** Forgets an entry, cancelling its request if one is still out (a timed-out one, say). */
  #drop(entry: MutableEntry): void {
    entry.unwatch?.();
    entry.cancel?.abort();
    this.#entries.delete(key(entry.roomId, entry.eventId));
  }
}

/** `GET /rooms/{roomId}/event/{eventId}`, as the client's `fetchRoomEvent` asks it, but with a way to cancel it. */
function fetchEvent(client: MatrixClient, roomId: string, eventId: string, abortSignal: AbortSignal) {
  return guardIdEncoding(() =>
    client.http.authedRequest<IEvent>(
      "GET" as Method,
      `/rooms/${encodeURIComponent(roomId)}/event/${encodeURIComponent(eventId)}`,
      undefined,
      undefined,
      { abortSignal },
    ),
  );
}

/** How many attempts a policy allows in all. */
const attemptsOf = (policy: RetryPolicy) => withDefaults(DEFAULT_RETRY_POLICY, policy).maxAttempts;

/** Whether the SDK holds the entry's event in a timeline: then it applies edits and redactions itself. */
const sdkOwns = (room: Room, eventId: string, entry: MutableEntry) =>
  !!entry.local && !!entry.event && room.findEventById(eventId) === entry.event;

const fetchers = new WeakMap<MatrixClient, PinnedEventFetcher>();

/** The shared fetcher of a client. */
export function pinnedEventFetcher(client: MatrixClient): PinnedEventFetcher {
  return getOrCreate(fetchers, client, () => new PinnedEventFetcher(client));
}
