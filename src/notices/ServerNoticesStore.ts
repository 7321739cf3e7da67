/**
 * Everything `useServerNotices` returns, kept as one stable snapshot: the notices room (from the room store), its
 * pinned events resolved locally or through the shared fetcher, and a usage-limit notice derived from
 * `M_RESOURCE_LIMIT_EXCEEDED` errors. Listeners are on the notices Room itself, so events in other rooms never reach
 * this store, and events in the notices room are filtered by type and id before anything is recomputed.
 */
import {
  ClientEvent,
  EventStatus,
  type EventTimelineSet,
  type MatrixClient,
  type MatrixEvent,
  MatrixEventEvent,
  type Room,
  RoomEvent,
  RoomStateEvent,
  type SyncState,
} from "matrix-js-sdk";
import { isRedactedByServer, originalContent } from "../core/acceptedRedaction.js";
import type { RetryPolicy } from "../core/backoff.js";
import { ExternalStore } from "../core/ExternalStore.js";
import { getOrCreate } from "../core/getOrCreate.js";
import { HeldSnapshot } from "../core/heldSnapshot.js";
import { isRecord } from "../core/isRecord.js";
import { liveState } from "../core/liveState.js";
import { type Listeners, moveListeners } from "../core/moveListeners.js";
import { ownValue } from "../core/ownValue.js";
import { redactedEventId } from "../core/redactedEventId.js";
import { roomOf } from "../core/roomOf.js";
import { sameArray } from "../core/sameArray.js";
import { sameFields } from "../core/sameFields.js";
import { isSyncBack, isSyncHealthy } from "../core/syncHealthy.js";
import { isRedactedInTimeline, noteRedaction, timelineRedactedIds } from "../core/timelineRedactions.js";
import { onUnfiledRelations } from "../core/unfiledRelation.js";
import { editsAwaitingRedaction, knownEdits, newestValidEdit } from "./noticeEdits.js";
import { isNoticeSender } from "./noticesRoom.js";
import { type PinnedEventFetcher, pinnedEventFetcher } from "./PinnedEventFetcher.js";
import { parsePinnedEventIds } from "./parsePinnedEventIds.js";
import { parseServerNotice, type ServerNotice, tellsUsageLimit } from "./parseServerNotice.js";
import { limitItem, noticeFromResourceLimitError } from "./resourceLimit.js";
import {
  type ServerNoticesRoomOptions,
  type ServerNoticesRoomState,
  ServerNoticesRoomStore,
} from "./ServerNoticesRoomStore.js";

/** One active server notice. */
export interface ServerNoticeItem {
  /**
   * The pinned event's id. For notices derived from an error, a synthetic id `resource-limit:<limit_type or "unknown">:<first seen>`:
   * stable while the limit lasts, new when it comes back after clearing (so a dismissal covers one occurrence). The
   * first-seen time is each client's own, kept in memory: another tab, or the same tab after a reload, has its own id,
   * so a dismissal there (even in a `localStorage` dismiss store) does not hide it here.
   */
  eventId: string;
  /** Who sent it (empty for notices derived from an error). */
  sender: string;
  /** When it was sent (for error-derived notices: when the error was first seen), in ms since the epoch. */
  ts: number;
  /** The parsed notice. */
  notice: ServerNotice;
  /** Where it came from: a pinned event of the notices room, or an `M_RESOURCE_LIMIT_EXCEEDED` error. */
  source: "pinned" | "resource-limit-error";
  /** The pinned event (absent for error-derived notices). */
  event?: MatrixEvent;
}

/** Options of {@link useServerNotices}. */
export interface ServerNoticesOptions extends ServerNoticesRoomOptions {
  /**
   * How failed pinned-event fetches and auto-joins are retried (default: 1 s doubling to 60 s, 8 attempts in all, 30 s
   * request timeout). A pinned event several mounted hooks of one client need is fetched once, under the policy that
   * allows the most attempts.
   */
  retry?: RetryPolicy | undefined;
  /** Turn `M_RESOURCE_LIMIT_EXCEEDED` sync and send errors into a usage-limit notice (default true). */
  resourceLimitErrors?: boolean | undefined;
}

/** What {@link useServerNotices} returns. */
export interface ServerNoticesState extends ServerNoticesRoomState {
  /** Active notices in pin order; an error-derived usage-limit notice comes first. */
  notices: readonly ServerNoticeItem[];
  /** Pinned events of the notices room that are not server notices (show them in the ordinary pinned UI). */
  pinnedEvents: readonly MatrixEvent[];
  /** Some pinned events are still being fetched for the first time. */
  loading: boolean;
  /** A failure to fetch a pinned event (the last failing id in pin order; retried with backoff unless the server refused it, e.g. 404), or null. */
  error: Error | null;
  /** Ids of pinned events whose fetch is failing. */
  failedEventIds: readonly string[];
  /**
   * The usage limit a sync or send error reports while a pinned usage-limit notice in `notices` tells it (it is left
   * out of `notices` then), or null: show it if you hide that notice (`<NoticeBanner>` does when it is dismissed).
   */
  coveredUsageLimit: ServerNoticeItem | null;
}

const EMPTY: readonly never[] = Object.freeze([]);

type LimitSource = "sync" | "send" | "app";
/** The last time {@link uniqueNow} gave. */
let lastNow = 0;
/**
 * Now, in ms since the epoch, later than any time it gave before: two clients' limits seen in one millisecond (two
 * accounts on one homeserver) get ids of their own, so dismissing one does not dismiss the other.
 */
const uniqueNow = () => (lastNow = Math.max(Date.now(), lastNow + 1));

/**
 * Each client's current usage limit, shared by every store so that its synthetic id (and a dismissal of it) survives a
 * remount while the limit lasts: when it was first seen, by limit type, and what reported it. Forgotten when a store
 * sees the limit clear, or at the next good sync when nothing but sync (or the app) had reported it, seen by a store or
 * by the client's watcher (see `watchLimitEnd`): a limit only sends ran into may still hold then.
 */
const currentLimits = new WeakMap<
  MatrixClient,
  {
    firstSeen: Map<string, number>;
    sources: Set<LimitSource>;
    item: ServerNoticeItem | null;
  }
>();

/**
 * Per client and notices room (by id), the pinned usage-limit notices last seen covering its limit there and the limit
 * they covered (see `#endUnpinnedLimit`): a store bound to another room (an app's hook given an old notices user) keeps
 * its own.
 */
const limitCovers = new WeakMap<MatrixClient, Map<string, { ids: readonly string[]; limit: ServerNotice }>>();

/**
 * The pins of `room`'s current state: its pins event, the ids it pins (none when it is redacted: pins delivered in a
 * sync's state section are never redacted by the SDK, the timeline says so instead) and whether its list is readable.
 */
function livePins(room: Room): {
  event: MatrixEvent | null;
  ids: readonly string[];
  readable: boolean;
  redacted: boolean;
} {
  const event = liveState(room)?.getStateEvents("m.room.pinned_events", "") ?? null;
  const redacted = !!event && (isRedactedByServer(event) || isRedactedInTimeline(room, event.getId() ?? ""));
  const content = event && !redacted ? originalContent(event) : undefined;
  return {
    event,
    ids: content ? parsePinnedEventIds(content) : EMPTY,
    readable: isRecord(content) && Array.isArray(ownValue(content, "pinned")),
    redacted,
  };
}

/** Each client's watcher of a limit sync or the app reported, waiting for a good sync (whether or not a store is started). */
const limitEndWatchers = new WeakMap<MatrixClient, (state: SyncState | null) => void>();

/**
 * Ends the client's limit that sync or the app reported at its next good sync, also one no store sees (nothing
 * mounted then): a limit that recurs after it gets a new id, so an old dismissal does not hide it.
 */
function watchLimitEnd(client: MatrixClient): void {
  const watching = limitEndWatchers.get(client);
  // Still attached (an app may have removed every listener from its client: then a new one is needed).
  if (watching && client.listeners(ClientEvent.Sync).includes(watching)) return;
  const onSync = (state: SyncState | null) => {
    if (!isSyncHealthy(state)) return;
    client.off(ClientEvent.Sync, onSync);
    limitEndWatchers.delete(client);
    endSources(client, ["sync", "app"]);
  };
  limitEndWatchers.set(client, onSync);
  client.on(ClientEvent.Sync, onSync);
}
/** `sources` work again: the client's limit is forgotten once nothing that reported it still fails. */
function endSources(client: MatrixClient, sources: readonly LimitSource[]): void {
  const shared = currentLimits.get(client);
  for (const source of sources) shared?.sources.delete(source);
  if (shared?.sources.size === 0) currentLimits.delete(client);
}
const limitsOf = (client: MatrixClient) =>
  getOrCreate(currentLimits, client, () => ({
    firstSeen: new Map(),
    sources: new Set<LimitSource>(),
    item: null,
  }));

/** Each client's started stores: where {@link reportResourceLimitError} delivers. */
const startedStores = new WeakMap<MatrixClient, Set<ServerNoticesStore>>();

/**
 * Reports an error from the app's own calls (creating a room, say) to every mounted `useServerNotices` and
 * `<NoticeBanner>` of `client`: `M_RESOURCE_LIMIT_EXCEEDED` shows as their usage-limit notice until the next good sync
 * or sent event; anything else is ignored. Never throws.
 */
export function reportResourceLimitError(client: MatrixClient, error: unknown): void {
  for (const store of [...(startedStores.get(client) ?? [])]) store.reportError(error);
}

/** How long a pin change waits at most for the end of its sync response (see `#onState`), in ms. */
const PIN_READ_FALLBACK_MS = 1000;

/** What the pins were read from when there is no notices room. */
const NO_PINS: PinnedSource = { event: null, ids: EMPTY, readable: false };

/** Where the pins were read: the pins event, its ids, whether it held a list (not redacted, not malformed), its room. */
interface PinnedSource {
  event: MatrixEvent | null;
  ids: readonly string[];
  readable: boolean;
  room?: Room;
}

/** The store behind {@link useServerNotices}, {@link useServerNoticeItems} and `<NoticeBanner>`. */
export class ServerNoticesStore extends ExternalStore<ServerNoticesState> {
  /** The store that finds the notices room (shared state: its snapshot is part of this one). */
  readonly roomStore: ServerNoticesRoomStore;
  readonly #fetcher: PinnedEventFetcher;
  /**
   * The current snapshot; while stopped, the last one held weakly (see `stop`): the next read gives it back if nothing
   * changed and someone still has it.
   */
  readonly #snapshot = new HeldSnapshot<ServerNoticesState>();
  #boundRoom: Room | null = null;
  /** Sync was stopped, failing or catching up at its last change (or had not started): the next good state recovers. */
  #syncWasDown = false;
  #held: { roomId: string; ids: readonly string[] } = { roomId: "", ids: EMPTY };
  #pinnedSource: PinnedSource = NO_PINS;
  readonly #items = new WeakMap<MatrixEvent, { content: unknown; item: ServerNoticeItem | null }>();
  #limit: ServerNoticeItem | null = null;
  /**
   * What reported the current limit: it clears once each has succeeded again (a good sync for sync, a sent event for
   * send; the app's own report clears on either).
   */
  readonly #limitSources = new Set<LimitSource>();
  #unsubscribeRoomStore: (() => void) | null = null;
  #unsubscribeFetcher: (() => void) | null = null;

  readonly #options: ServerNoticesOptions;

  constructor(
    /** The app's client. */
    readonly client: MatrixClient,
    options: ServerNoticesOptions = {},
  ) {
    super();
    this.#options = options;
    this.roomStore = new ServerNoticesRoomStore(client, options);
    this.#fetcher = pinnedEventFetcher(client);
  }

  /** The current state (stable until something changes). */
  getSnapshot = (): ServerNoticesState => {
    // A started store holds its snapshot (`start` made one).
    if (this.active) return this.#snapshot.current as ServerNoticesState;
    // This store's limit, ended meanwhile for the client (another store's start or report ended it, and the record
    // of its covering notices with it), is not shown; one the client holds as another store's item is taken in its
    // place, as `start` would. A stopped store holding no limit takes none.
    const shared = currentLimits.get(this.client);
    const live = shared?.item && shared.sources.size > 0 ? shared.item : null;
    if (this.#limit && this.#limit !== live) {
      // As `start` would take it: the client's current limit (another store's item of the same limit), or none.
      this.#limit = live;
      this.#limitSources.clear();
      if (live) for (const source of shared!.sources) this.#limitSources.add(source);
    }
    this.#recompute(false);
    const snapshot = this.#snapshot.current as ServerNoticesState;
    // Read while stopped: nothing of the room is kept past this read (a reader holding the snapshot keeps it).
    this.#pinnedSource = NO_PINS;
    this.#snapshot.release();
    return snapshot;
  };

  protected start(): void {
    getOrCreate(startedStores, this.client, () => new Set()).add(this);
    this.#unsubscribeRoomStore = this.roomStore.subscribe(this.#onRoomStore);
    this.#unsubscribeFetcher = this.#fetcher.subscribe(this.#onFetched);
    moveListeners(null, this.client, this.#clientListeners());
    this.#stopUnfiled = onUnfiledRelations(this.client, () => this.#boundRoom, this.#onUnfiled);
    if (this.#options.resourceLimitErrors !== false) {
      this.client.on(RoomEvent.LocalEchoUpdated, this.#onLocalEcho);
      // The client's current limit, as other stores (or this one's predecessor, before a remount) show it; none
      // when it ended meanwhile (also for this store, restarted).
      this.#endUnpinnedCovers();
      const shared = currentLimits.get(this.client);
      this.#limit = null;
      this.#limitSources.clear();
      if (shared?.item && shared.sources.size > 0) {
        this.#limit = shared.item;
        for (const source of shared.sources) this.#limitSources.add(source);
      }
    }
    // Where sync is now: down, its recovery will retry failed fetches; with sync healthy, a limit only sync had
    // reported cleared while no store was listening (the app's own report lasts until a good sync or send is seen).
    this.#syncChanged(this.client.getSyncState(), this.client.getSyncStateData() ?? undefined, true);
    this.#recompute(true);
  }

  protected stop(): void {
    startedStores.get(this.client)?.delete(this);
    this.#unsubscribeRoomStore?.();
    this.#unsubscribeFetcher?.();
    this.#unsubscribeRoomStore = this.#unsubscribeFetcher = null;
    moveListeners(this.client, null, this.#clientListeners());
    this.#stopUnfiled();
    this.client.off(RoomEvent.LocalEchoUpdated, this.#onLocalEcho);
    if (this.#queued) clearTimeout(this.#queued);
    this.#queued = null;
    this.#bindRoom(null);
    this.#hold("", EMPTY);
    // Nothing of the notices room is kept while stopped (it may be left and forgotten meanwhile): the pins' source goes,
    // and the last snapshot is held weakly, so a reader that still has it gets it back if nothing changed.
    this.#pinnedSource = NO_PINS;
    this.#snapshot.release();
  }

  #clientListeners(): Listeners {
    return [
      [MatrixEventEvent.Replaced, this.#onReplaced],
      [MatrixEventEvent.Decrypted, this.#onDecrypted],
      [ClientEvent.Sync, this.#onSync],
    ];
  }

  readonly #onRoomStore = () => this.#recompute(true);

  readonly #onFetched = (roomId: string, eventId: string) => {
    // A fetch finished (held ids) or a cached pinned event changed, e.g. it was redacted (pinned ids).
    if (roomId === this.#boundRoom?.roomId && (this.#held.ids.includes(eventId) || this.#isPinned(eventId)))
      this.#recompute(true);
  };

  /**
   * A pin change is read once the sync response it came in has been processed (the client's next `Sync` event): with
   * MSC4222's `state_after` (which the SDK asks for) new pins are applied before the response's timeline, which may
   * hold the pinned events (no fetch needed), and adding that timeline may wait on the network (a relation's parent).
   * A fallback timer covers a pin change that no `Sync` event follows.
   */
  readonly #onState = (event: MatrixEvent) => {
    if (event.getType() === "m.room.pinned_events" && event.getStateKey() === "") this.#queueRecompute();
  };
  /**
   * Recomputes once the sync response being processed is done (the next `Sync` event), or after a fallback delay; until
   * then the pins read last stand (see `#pinnedIds`). For pin changes, and for edits the SDK records after its event.
   */
  #queueRecompute(): void {
    if (!this.#queued) this.#queued = setTimeout(this.#runQueued, PIN_READ_FALLBACK_MS);
  }
  #queued: ReturnType<typeof setTimeout> | null = null;
  readonly #runQueued = () => {
    if (!this.#queued) return;
    clearTimeout(this.#queued);
    this.#queued = null;
    if (this.active) this.#recompute(true);
  };

  /** Fetches wait (a queued pin change read early, before its sync's timeline is in). */
  #deferFetch = false;
  /**
   * A queued pin change read now (a report must not be ended by an unpin heard before it), fetching nothing: the
   * queued re-read still runs at the end of its sync, with the timeline in.
   */
  #readPinsNow(): void {
    const queued = this.#queued;
    if (!queued || !this.active) return;
    this.#queued = null;
    this.#deferFetch = true;
    try {
      this.#recompute(true);
    } finally {
      this.#deferFetch = false;
      if (!this.#queued && this.active) this.#queued = queued;
      else clearTimeout(queued);
    }
  }

  readonly #onTimeline = (event: MatrixEvent, room: Room | undefined) => {
    if (!room || room !== this.#boundRoom) return;
    if (event.getType() === "m.room.redaction") {
      this.#onRedactionIn(room, event);
      return;
    }
    const id = event.getId();
    if (id && this.#held.ids.includes(id)) this.#recompute(true);
    else this.#fetcher.replace(room, event); // an edit of a fetched notice; the fetcher notifies
    // An edit of a pinned notice in the timeline that the SDK does not show (an older one than the malformed edit it
    // shows) fires no `Replaced`, but may be the edit that counts: read once the SDK has recorded it.
    const target = event.isRelation("m.replace") ? event.getRelation()?.event_id : undefined;
    if (typeof target === "string" && this.#isPinned(target)) this.#queueRecompute();
  };

  /**
   * An edit or redaction in the notices room that the SDK filed in no timeline (thread support): as if it had, a
   * redaction also recorded where the room's timelines are read for them (the pins' own, say).
   */
  #stopUnfiled = () => {};
  readonly #onUnfiled = (event: MatrixEvent, room: Room) => {
    noteRedaction(room, event);
    this.#onTimeline(event, room);
  };

  /**
   * A redaction in the notices room: of a fetched event or of an edit shown on one (the fetcher applies it and
   * notifies), of a pinned event, or of the pins themselves. Pending echoes count once the homeserver accepts them.
   */
  #onRedactionIn(room: Room, event: MatrixEvent): void {
    if (!this.#fetcher.redact(room, event)) this.#onRedaction(event);
  }

  /** One of the user's own redactions in the notices room was accepted (or failed, or was cancelled). */
  readonly #onRoomLocalEcho = (event: MatrixEvent, room: Room) => {
    if (room === this.#boundRoom && event.getType() === "m.room.redaction") this.#onRedactionIn(room, event);
  };

  /** An edit applied to a pinned notice (the SDK applies it after the edit's timeline event, asynchronously). */
  readonly #onReplaced = (event: MatrixEvent) => {
    const id = event.getId();
    if (id && event.getRoomId() === this.#boundRoom?.roomId && this.#isPinned(id)) this.#recompute(true);
  };

  /** A pinned notice was decrypted, or an edit of one (the fetcher applies edits of the notices it fetched). */
  readonly #onDecrypted = (event: MatrixEvent) => {
    this.#onReplaced(event);
    const room = this.#boundRoom;
    if (room && event.getRoomId() === room.roomId) {
      this.#fetcher.decrypted(room, event);
      this.#fetcher.replace(room, event);
    }
  };

  /**
   * A redaction in the notices room: of a pinned event, of the pins themselves, or of an edit (which a redacted edit
   * no longer says: its relation is stripped). Notices rooms see few, and a recompute that changes nothing emits
   * nothing.
   */
  readonly #onRedaction = (event: MatrixEvent) => {
    if (redactedEventId(event)) this.#recompute(true);
  };

  #isPinned(eventId: string): boolean {
    return this.#pinnedSource.ids.includes(eventId);
  }

  /** A gappy sync: the notices fetched there are checked with the server again (see the fetcher's `markGap`). */
  readonly #onTimelineReset = (_room: Room | undefined, timelineSet?: EventTimelineSet) => {
    // Only the room's own timeline: the Room passes on resets of thread and filtered timeline sets too (a new thread
    // resets its set), which miss nothing of the room's.
    const room = this.#boundRoom;
    if (room && timelineSet === room.getUnfilteredTimelineSet()) this.#fetcher.markGap(room.roomId);
    this.#recompute(true);
  };

  readonly #onSync = (state: SyncState | null, _prev: SyncState | null, data?: { error?: unknown }) =>
    this.#syncChanged(state, data, false);

  #syncChanged(state: SyncState | null, data: { error?: unknown } | undefined, initial: boolean) {
    this.#runQueued();
    // Back online, or a restarted client syncing again: pinned events that failed or waited meanwhile are fetched
    // again at once.
    const good = isSyncHealthy(state);
    if (isSyncBack(state, this.#syncWasDown) && this.#boundRoom)
      this.#fetcher.retryFailed(this.#boundRoom.roomId);
    this.#syncWasDown = !good;
    if (this.#options.resourceLimitErrors === false) return;
    // An unpin no started store that sees the notices room read: read at the end of each good sync while a limit is
    // held (few records; nothing read without a limit).
    if (good && !initial && this.#limit) this.#endUnpinnedCovers(true);
    if (good) this.#clearLimit("sync", initial);
    else this.#report(data?.error, "sync");
  }

  readonly #onLocalEcho = (event: MatrixEvent) => {
    if (event.status === EventStatus.NOT_SENT) this.#report(event.error, "send");
    else if (event.status === EventStatus.SENT || event.status === null) this.#clearLimit("send");
  };

  /** `source` works again (and so does the app's own call, unless `keepApp`: a state read at start, not news). */
  #clearLimit(source: Exclude<LimitSource, "app">, keepApp = false): void {
    // The client-wide record goes once nothing that reported the limit still fails, whichever store saw what; with
    // it every type's first-seen time (the limit may have changed type while it lasted): the next occurrence is new.
    const ended: LimitSource[] = keepApp ? [source] : [source, "app"];
    endSources(this.client, ended);
    this.#dropEnded(ended);
  }

  /** This store's limit no longer told by `ended`: it goes once nothing else tells it. */
  #dropEnded(ended: readonly LimitSource[]): void {
    if (!this.#limit) return;
    for (const s of ended) this.#limitSources.delete(s);
    if (this.#limitSources.size > 0) return;
    this.#limit = null;
    this.#recompute(true);
  }

  /**
   * The homeserver unpinned the usage-limit notices that covered the limit a send or the app reported (Synapse pins
   * one while the limit holds): the limit was lifted, so it ends rather than show in their place until a send. Told
   * by the client-wide record of those notices, so a store mounted after the unpin knows it too; not while the pins
   * are unreadable (redacted, malformed) or a pinned event is not in hand (loading, failing, not decrypted), nor while
   * another pinned notice covers the limit.
   */
  #endUnpinnedLimit(room: Room, covering: readonly ServerNoticeItem[], unresolved: boolean): void {
    if (!this.#limit) return;
    if (covering.length) {
      const ids = covering.map((n) => n.eventId);
      getOrCreate(limitCovers, this.client, () => new Map()).set(room.roomId, {
        ids,
        limit: this.#limit.notice,
      });
      return;
    }
    const { ids, readable } = this.#pinnedSource;
    const was = limitCovers.get(this.client)?.get(room.roomId);
    if (
      !was ||
      // Of another type (a missing one matches any): the unpin says nothing about it.
      !tellsUsageLimit(was.limit, this.#limit.notice) ||
      !readable ||
      unresolved ||
      was.ids.some((id) => ids.includes(id))
    )
      return;
    const ended: LimitSource[] = ["send", "app"];
    for (const s of ended) this.#limitSources.delete(s);
    if (this.#limitSources.size === 0) this.#limit = null;
    // A stopped store's read (`getSnapshot`, maybe in a render) changes nothing shared and tells no store: it looks
    // again once started, and ends the client's limit then.
    if (!this.active) return;
    endSources(this.client, ended);
    // The client's other stores too (their limit of that type): one that finds no notices room (or trusts other
    // senders) never sees the unpin.
    for (const store of startedStores.get(this.client) ?? [])
      if (store !== this && store.#limit && tellsUsageLimit(was.limit, store.#limit.notice))
        store.#dropEnded(ended);
  }

  /**
   * Reports an error from the app (e.g. a failed room creation) to this store alone; `M_RESOURCE_LIMIT_EXCEEDED`
   * becomes a notice (not with `resourceLimitErrors: false`). To reach the hooks and banners, use
   * {@link reportResourceLimitError}.
   */
  reportError(error: unknown): void {
    if (this.#options.resourceLimitErrors === false) return;
    this.#report(error, "app");
  }

  /**
   * The recorded covering notices no longer pinned in their room's live state (an unpin still being applied, or one no
   * started store saw): that unpin ended the limit they covered, before this report or this start. Reads the pins
   * themselves, not a store's view, and fetches nothing.
   */
  #endUnpinnedCovers(careful = false): void {
    const covers = limitCovers.get(this.client);
    if (!covers) return;
    for (const [roomId, was] of [...covers]) {
      const room = roomOf(this.client, roomId);
      if (!room) continue;
      const { ids, readable } = livePins(room);
      if (!readable || was.ids.some((id) => ids.includes(id))) continue;
      const inHand = (id: string) => room.findEventById(id) ?? this.#fetcher.get(roomId, id)?.event;
      // A usage-limit notice of that type pinned in their place (lifted and reached again in one sync): it covers the
      // limit, as a started store's read finds (see `#endUnpinnedLimit`).
      const covered = ids.some((id) => {
        const e = inHand(id);
        if (
          !e ||
          isRedactedByServer(e) ||
          !isNoticeSender(room, e.getSender() ?? "", this.#options.noticesUserIds)
        )
          return false;
        const n = e.getType() === "m.room.message" ? parseServerNotice(shownContent(e, room)) : null;
        return !!n && tellsUsageLimit(n, was.limit);
      });
      if (covered) continue;
      // At a sync (see `#syncChanged`), as a started store's read: not while a pinned event is not in hand.
      if (
        careful &&
        ids.some((id) => {
          const e = inHand(id);
          return !e || e.getType() === "m.room.encrypted" || e.isDecryptionFailure();
        })
      )
        continue;
      covers.delete(roomId);
      const ended: LimitSource[] = ["send", "app"];
      endSources(this.client, ended);
      for (const store of startedStores.get(this.client) ?? [])
        if (store.#limit && tellsUsageLimit(was.limit, store.#limit.notice)) store.#dropEnded(ended);
    }
  }

  #report(error: unknown, source: LimitSource): void {
    const notice = noticeFromResourceLimitError(error);
    if (!notice) return;
    // A pin change heard but not read yet (its sync still being applied) is read first: an unpin that came before this
    // refusal ends the old limit, not the one this refusal tells.
    if (source !== "sync") {
      for (const store of startedStores.get(this.client) ?? []) store.#readPinsNow();
      this.#endUnpinnedCovers();
    }
    if (!this.#limit) this.#limitSources.clear();
    this.#limitSources.add(source);
    const shared = limitsOf(this.client);
    // (Records of covering notices since unpinned were ended above; those still pinned still cover the limit.)
    shared.sources.add(source);
    if (source !== "send") watchLimitEnd(this.client);
    if (this.#limit && sameNotice(this.#limit.notice, notice)) {
      shared.item = this.#limit;
      // So does a report after the recorded notices' unpin, while the limit was kept (a pin loading, sync failing).
      const was = limitCovers.get(this.client)?.get(this.#pinnedSource.room?.roomId ?? "");
      const pinned = this.#pinnedSource.ids;
      if (source !== "sync" && was && !was.ids.some((id) => pinned.includes(id))) {
        limitCovers.delete(this.client);
        this.#recomputeAll();
      }
      return;
    }
    limitCovers.delete(this.client);
    const firstSeen = shared.firstSeen;
    const limitKey = notice.limitType ?? "";
    const ts = this.#limit?.ts ?? firstSeen.get(limitKey) ?? uniqueNow();
    if (!firstSeen.has(limitKey)) firstSeen.set(limitKey, ts);
    this.#limit = limitItem(notice, ts);
    shared.item = this.#limit;
    this.#recomputeAll();
  }

  /**
   * This store and the client's other started stores look again, the covering notices' record dropped: one that sees a
   * covering notice records it (not every store sees the notices room, or trusts its sender).
   */
  #recomputeAll(): void {
    this.#recompute(true);
    for (const store of startedStores.get(this.client) ?? []) if (store !== this) store.#recompute(true);
  }

  #bindRoom(room: Room | null): void {
    if (room === this.#boundRoom) return;
    moveListeners(this.#boundRoom, room, [
      [RoomStateEvent.Events, this.#onState],
      [RoomEvent.Timeline, this.#onTimeline],
      [RoomEvent.Redaction, this.#onRedaction],
      [RoomEvent.TimelineReset, this.#onTimelineReset],
      [RoomEvent.LocalEchoUpdated, this.#onRoomLocalEcho],
    ]);
    this.#boundRoom = room;
    if (!room) return;
    // Bound again after a while unbound (untagged, or left and joined again): a gappy sync meanwhile, whose reset
    // nobody heard, has its notices checked with the server; else the edits of its fetched notices made meanwhile.
    this.#fetcher.checkGap(room);
    this.#fetcher.catchUp(room.roomId);
  }

  /** Keeps the fetcher's holds equal to the ids this store still needs fetched. */
  #hold(roomId: string, ids: readonly string[]): void {
    const prev = this.#held;
    if (prev.roomId === roomId && sameArray(prev.ids, ids)) return;
    const next = new Set(ids);
    for (const id of prev.ids)
      if (prev.roomId !== roomId || !next.has(id)) this.#fetcher.release(prev.roomId, id);
    const had = prev.roomId === roomId ? new Set(prev.ids) : new Set<string>();
    this.#held = { roomId, ids };
    for (const id of ids) if (!had.has(id)) this.#fetcher.acquire(roomId, id, this.#options.retry);
  }

  #pinnedIds(room: Room): readonly string[] {
    // A pin change (or an edit) waiting for the end of its sync response (see `#onState`): what else recomputes
    // meanwhile (a redaction, an edit) still sees the pins from before, so nothing is fetched before that response's timeline is in.
    if (this.#queued && room === this.#pinnedSource.room) return this.#pinnedSource.ids;
    const { event, ids, readable, redacted } = livePins(room);
    if (event === this.#pinnedSource.event && !redacted) return this.#pinnedSource.ids;
    this.#pinnedSource = { event, ids, readable, room };
    // The notices found locally that are no longer pinned are let go (once per change of the pins, not per recompute).
    this.#fetcher.forgetUnpinned(room.roomId, ids);
    return ids;
  }

  #itemFor(event: MatrixEvent, roomId: string): ServerNoticeItem | null {
    const content = shownContent(event, roomOf(this.client, roomId));
    const cached = this.#items.get(event);
    if (cached && cached.content === content) return cached.item;
    const raw = event.getRoomId();
    const notice =
      event.getType() === "m.room.message" && (!raw || raw === roomId) ? parseServerNotice(content) : null;
    const item: ServerNoticeItem | null = notice
      ? {
          eventId: event.getId() ?? "",
          sender: event.getSender() ?? "",
          ts: event.getTs(),
          notice,
          source: "pinned",
          event,
        }
      : null;
    // The same notice in a new event object (the server's answer to a check after a gap, unchanged): the item shown
    // stands, so nothing commits.
    const shown = item && this.#snapshot.current?.notices.find((n) => n.eventId === item.eventId && n.event);
    const kept =
      shown && shown.sender === item.sender && shown.ts === item.ts && sameNotice(shown.notice, item.notice)
        ? shown
        : item;
    this.#items.set(event, { content, item: kept });
    return kept;
  }

  #recompute(emit: boolean): void {
    const roomState = this.roomStore.getSnapshot();
    const room = roomState.room;
    if (this.active) this.#bindRoom(room);
    // No notices room (left and forgotten, or untagged): its Room and pins event are let go.
    if (!room) this.#pinnedSource = NO_PINS;
    const notices: ServerNoticeItem[] = [];
    const pinnedEvents: MatrixEvent[] = [];
    const failed: string[] = [];
    const toFetch: string[] = [];
    let loading = false;
    /** A pinned event not in hand (loading, its fetch failing, not decrypted): it may be a usage-limit notice. */
    let unresolved = false;
    let error: Error | null = null;
    if (room) {
      this.#fetcher.hearGaps();
      // One catch-up on the room's redactions for all its pins.
      const redacted = timelineRedactedIds(room);
      for (const id of this.#pinnedIds(room)) {
        let event: MatrixEvent | undefined | null = room.findEventById(id);
        // The SDK's copy from before a gap (sliding sync keeps it in the live timeline): the fetcher's answer stands.
        if (event && this.#fetcher.isBeforeGap(room.roomId, id, event)) event = undefined;
        /** A failing check of a notice shown as it was (reported unless it is gone meanwhile). */
        let checkFailed: Error | undefined;
        if (event) this.#fetcher.remember(room.roomId, event);
        else {
          const entry = this.#fetcher.get(room.roomId, id);
          event = entry?.event;
          // Shown as it was, and held so that the fetcher checks it with the server (a failing check is reported).
          if (event && entry?.stale) {
            toFetch.push(id);
            checkFailed = entry.error;
          }
          if (!event) {
            unresolved = true;
            toFetch.push(id);
            if (!entry || entry.status === "pending") loading = true;
            else if (entry.status === "error") {
              failed.push(id);
              error = entry.error ?? error;
            }
            continue;
          }
        }
        // Also a fetched event redacted since (the SDK redacts only events in its timelines).
        if (isRedactedByServer(event) || redacted.has(id)) continue;
        const item = this.#itemFor(event, room.roomId);
        // A notice from a sender `noticesUserIds` does not name is left out altogether (it is not the homeserver's).
        if (item && !isNoticeSender(room, item.sender, this.#options.noticesUserIds)) continue;
        if (checkFailed) {
          failed.push(id);
          error = checkFailed;
        }
        if (item) notices.push(item);
        else pinnedEvents.push(event);
        // Not decrypted (yet, or it failed): it may be a usage-limit notice.
        unresolved ||= !item && (event.getType() === "m.room.encrypted" || event.isDecryptionFailure());
      }
    }
    if (this.active && !this.#deferFetch) this.#hold(room?.roomId ?? "", toFetch.length ? toFetch : EMPTY);
    // The pinned usage-limit notices that tell the limit (it is then left out of `notices`: see `coveredUsageLimit`).
    const held = this.#limit;
    const covering = held ? notices.filter((n) => tellsUsageLimit(n.notice, held.notice)) : EMPTY;
    if (room) this.#endUnpinnedLimit(room, covering, unresolved);
    const limit = this.#limit;
    const covered = !!limit && covering.length > 0;
    if (limit && !covered) notices.unshift(limit);
    const prev = this.#snapshot.current;
    /** The previous snapshot's array where it holds the same ids or events. */
    const kept = <T>(before: readonly T[] | undefined, now: readonly T[]) =>
      before && sameArray(before, now) ? before : now;
    const next: ServerNoticesState = {
      ...roomState,
      notices: kept(prev?.notices, notices),
      pinnedEvents: kept(prev?.pinnedEvents, pinnedEvents),
      loading,
      error,
      failedEventIds: kept(prev?.failedEventIds, failed),
      coveredUsageLimit: covered ? limit : null,
    };
    // Every snapshot has the same fields (the room store's four, then these six).
    if (this.#snapshot.offer(next) && emit) this.notify();
  }
}

/** Whether two notices hold the same fields with the same values. */
const sameNotice = (a: ServerNotice, b: ServerNotice) => sameFields(a, b) && sameFields(b, a);

/**
 * The content a notice shows: its edit's new content. When the edit the SDK shows (the newest, unchecked: its sender
 * too, for one the server bundled) does not count (another sender, no object there: a string, an array or `{}` would
 * reach the banner), the newest edit that counts shows instead, else the original: such an edit changes nothing, as
 * for a fetched notice.
 */
function shownContent(event: MatrixEvent, room: Room | null): unknown {
  const shown = event.replacingEvent();
  // The SDK's edit (for a fetched notice, the one the fetcher checked), or a newer one the SDK set aside for a
  // redaction of ours the homeserver has not accepted. One it accepted counts before its echo: `room` tells.
  const awaiting = room ? editsAwaitingRedaction(room, event.getId() ?? "") : [];
  const edit = newestValidEdit(event, shown ? [shown, ...awaiting] : awaiting, room);
  if (edit) return originalContent(edit)["m.new_content"];
  if (!shown) return originalContent(event);
  const valid = room ? newestValidEdit(event, knownEdits(room, event), room) : undefined;
  return valid ? originalContent(valid)["m.new_content"] : originalContent(event);
}
