/**
 * The state behind `useWelcomeMessage`: the room's welcome (stable type first), sanitized once per edition, and the
 * first-join decision. Listeners sit on the Room itself and filter by event type before anything is recomputed.
 */
import {
  ClientEvent,
  EventTimeline,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  RoomEvent,
  RoomStateEvent,
} from "matrix-js-sdk";
import { originalContent } from "../core/acceptedRedaction.js";
import { JoinDoubt, weighJoinNow } from "../core/claimedJoins.js";
import { ExternalStore } from "../core/ExternalStore.js";
import { getOrCreate } from "../core/getOrCreate.js";
import { isRecord } from "../core/isRecord.js";
import { liveState } from "../core/liveState.js";
import { afterLiveSync, awaitingLiveSync } from "../core/liveSync.js";
import { moveListeners } from "../core/moveListeners.js";
import { ownValue } from "../core/ownValue.js";
import { redactedEventId } from "../core/redactedEventId.js";
import { callApp } from "../core/reportAppError.js";
import { endOutage, reportOutage } from "../core/reportOutage.js";
import { roomOf } from "../core/roomOf.js";
import { afterSlidingSyncResponse, applyingSlidingSyncResponse } from "../core/slidingSyncResponse.js";
import { hearRedactionsEverywhere, noteRedaction } from "../core/timelineRedactions.js";
import { onUnfiledRelations } from "../core/unfiledRelation.js";
import { hasVisibleText } from "../core/visibleText.js";
import { eventLocalTime, joinLocalTime } from "./joinAge.js";
import { isRedactedIn, liveStableWelcome, liveWelcomeEvent } from "./liveStableWelcome.js";
import { parseWelcomeContent, UNSTABLE_WELCOME_EVENT_TYPE, WELCOME_TYPES } from "./parseWelcomeContent.js";
import { predecessorMembership, predecessorRoomId } from "./predecessorMembership.js";
import { isPreviewState, myWelcomeMembership, watchPreviewWelcomes } from "./previewWelcomes.js";
import { markSanitized } from "./sanitizedMessages.js";
import { type SanitizeMatrixHtmlOptions, sanitizeMatrixHtmlForDisplay } from "./sanitizeMatrixHtml.js";
import { accountDataSeenStore, type WelcomeSeenStore } from "./seenStore.js";
import { decideWelcome, type ShowWelcomeOn, type WelcomeDecision } from "./welcomeRule.js";

/** A room's welcome message, ready to render. */
export interface WelcomeMessage {
  /** The welcome state event's id: its edition. */
  eventId: string;
  /** `m.room.welcome` or the unstable `org.matrix.msc3857.welcome`. */
  eventType: string;
  /** Who set it. */
  sender: string;
  /** When it was set (ms since the epoch). */
  ts: number;
  /** The HTML body, sanitized to the Matrix allowlist (absent when the event has none, nothing visible survives sanitizing, or there is no DOM). */
  html?: string;
  /** The plain-text body (absent when the event has none). */
  text?: string;
}

/** Options of `useWelcomeMessage`. */
export interface WelcomeMessageOptions {
  /** Which joins show the welcome: `"first-join"` (default: no previous membership, invite or knock) or `"every-join"`. */
  showOn?: ShowWelcomeOn | undefined;
  /** A join older than this (ms) does not show the welcome, so a fresh login does not replay old joins (default 24 h). */
  maxJoinAgeMs?: number | undefined;
  /** Show a new edition once to users who saw an earlier one (default false). */
  showNewEditions?: boolean | undefined;
  /** Where seen marks live (default: room account data, shared with the user's other devices). */
  seenStore?: WelcomeSeenStore | undefined;
  /** Turns `mxc://` image sources into URLs (default: the homeserver's authenticated media download URL). */
  mediaUrl?: SanitizeMatrixHtmlOptions["mediaUrl"] | undefined;
  /** Moves the clock a join's age is judged by, by its offset from `Date.now()` (tests and stories). */
  now?: (() => number) | undefined;
}

/** What `useWelcomeMessage` returns (without `markSeen`). */
export interface WelcomeState {
  /** The welcome, or null when the room has none (empty, redacted, removed by a stable event, unreadable here, or only an invite's or knock's preview). */
  message: WelcomeMessage | null;
  /** Whether to show it now to this user. */
  shouldShow: boolean;
  /** The decision and its reason (for debugging and analytics). */
  decision: WelcomeDecision;
  /** The room's own name (`m.room.name`, else its canonical alias) for a dialog title; null when it has none or is unknown. */
  roomName: string | null;
  /**
   * The member event that began the user's current join (a later profile change keeps it), or null: a new one means
   * a new join, e.g. after leaving and rejoining between two syncs.
   */
  joinEventId: string | null;
}

/**
 * Parsed and sanitized messages, shared by every store: an edition is sanitized once, however many components mount.
 * Keyed by the event; the content object must match (a redaction or an edit replaces the content), and the media URL
 * function must be the one it was made with or give the same URLs for its images (an app's inline arrow function,
 * new on each render, costs no new sanitizing; a resolver that answers differently now does).
 */
const messageCache = new WeakMap<
  MatrixEvent,
  {
    content: unknown;
    mediaUrl: (mxc: string) => string | null;
    /** What `mediaUrl` gave for each `mxc://` URI it was asked for. */
    media: ReadonlyMap<string, unknown>;
    message: WelcomeMessage | null;
  }
>();

/** What a media URL function gives for `mxc` (a throw is an answer too), never throwing. */
const THREW = Symbol("threw");
function answer(mediaUrl: (mxc: string) => string | null, mxc: string): unknown {
  try {
    return mediaUrl(mxc);
  } catch {
    return THREW;
  }
}

/** Whether `mediaUrl` gives every URL in `media` as before. */
function sameMedia(media: ReadonlyMap<string, unknown>, mediaUrl: (mxc: string) => string | null): boolean {
  for (const [mxc, url] of media) if (answer(mediaUrl, mxc) !== url) return false;
  return true;
}

const mediaUrlFns = new WeakMap<MatrixClient, (mxc: string) => string | null>();

/** The authenticated media URL of an `mxc://` URI on the client's homeserver (one function per client). */
export function defaultMediaUrl(client: MatrixClient): (mxc: string) => string | null {
  return getOrCreate(mediaUrlFns, client, () => (mxc: string) => {
    try {
      return client.mxcUrlToHttp(mxc, undefined, undefined, undefined, false, true, true) || null;
    } catch {
      return null;
    }
  });
}

/** The store behind `useWelcomeMessage`. */
export class WelcomeStore extends ExternalStore<WelcomeState> {
  #room: Room | null = null;
  /** The room this one upgraded (see `predecessorMembership`): its arrival and changes can change the decision. */
  #predecessorId: string | undefined;
  #predecessor: Room | null = null;
  /** `setOptions` got another `mediaUrl` function since the last snapshot. */
  #mediaChanged = false;
  #snapshot: WelcomeState = {
    message: null,
    shouldShow: false,
    decision: { show: false, reason: "no-welcome" },
    roomName: null,
    joinEventId: null,
  };
  readonly #seenStore: WelcomeSeenStore;
  readonly #defaultMediaUrl: (mxc: string) => string | null;
  /** The membership transition seen live (the SDK gives it on `MyMembership`), for events without prev_content. */
  #liveTransition: { eventId: string | undefined; prev: string | undefined; ts: number | undefined } | null =
    null;
  /**
   * Once shown, a welcome stays shown for that join until it is marked seen or the user leaves (time passing never
   * hides it), a new edition meanwhile in its place (unless the user wrote it; such a carried edition stays only
   * while the join's age alone keeps it from being due): edition, join, whether carried, and the welcome editions
   * (of either type) the room held when it was shown.
   */
  #shown: { edition: string | undefined; join: string | null; carried: boolean; there: Set<string> } | null =
    null;
  #unsubscribeSeen: (() => void) | null = null;
  /**
   * A welcome becomes due only once the client holds live data (not only its store's saved sync, which may predate
   * the seen mark: see `liveSync`) and, under sliding sync, once the response that made it due is applied whole: the
   * SDK announces a room before it applies the room's account data, where the seen marks are (see
   * `slidingSyncResponse`). While it waits: how to stop waiting.
   */
  #holding: (() => void) | null = null;

  #options: WelcomeMessageOptions;

  constructor(
    /** The app's client. */
    readonly client: MatrixClient,
    /** The room whose welcome this is. */
    readonly roomId: string,
    options: WelcomeMessageOptions = {},
  ) {
    super();
    this.#options = options;
    this.#seenStore = options.seenStore ?? accountDataSeenStore(client);
    this.#defaultMediaUrl = defaultMediaUrl(client);
  }

  /**
   * Takes the hook's latest options (all but `seenStore`, fixed when the store is built); callbacks are read when
   * needed, and a new `mediaUrl` is asked at the next snapshot whether the welcome's images change.
   */
  setOptions(options: WelcomeMessageOptions): void {
    if (options.mediaUrl !== this.#options.mediaUrl) this.#mediaChanged = true;
    this.#options = options;
  }

  /** The current state (stable until something changes). */
  getSnapshot = (): WelcomeState => {
    if (!this.active || this.#mediaChanged) {
      this.#mediaChanged = false;
      this.#recompute(false);
    }
    return this.#snapshot;
  };

  #serverView: { of: WelcomeState; view: WelcomeState } | null = null;
  /**
   * The state as server rendering sees it (for `useSyncExternalStore`'s hydration): without a DOM HTML cannot be
   * sanitized, so there the welcome has no `html` (its plain text shows). The client's hydrating render matches it,
   * then shows the HTML.
   */
  getServerSnapshot = (): WelcomeState => {
    const state = this.getSnapshot();
    if (!state.message?.html) return state;
    if (this.#serverView?.of !== state) this.#serverView = { of: state, view: withoutHtml(state) };
    return this.#serverView.view;
  };

  /** Marks the current edition seen (no-op when there is none). */
  readonly markSeen = (): void => {
    const id = this.#snapshot.message?.eventId;
    if (!id) return;
    // A custom store that throws is reported; the caller (a dialog's button) goes on.
    callApp(() => this.#seenStore.markSeen(this.roomId, id, this.client.getUserId() ?? undefined));
    this.#recompute(true);
  };

  protected start(): void {
    this.#stopWatchingPreviews = watchPreviewWelcomes(this.client);
    // A join applied before this store listened is weighed now: no sync is applying it, and a claim nobody heard
    // cannot be heard any more (see `previewWelcomes`).
    const room = roomOf(this.client, this.roomId);
    weighJoinNow(room);
    // A custom store whose subscribe throws is reported: the welcome goes on without word of other tabs' marks.
    try {
      this.#unsubscribeSeen = this.#seenStore.subscribe(this.#onSeen) ?? null;
      endOutage(this.#seenStore, "subscribe");
    } catch (error) {
      reportOutage(this.#seenStore, "subscribe", error);
    }
    this.#recompute(true);
    // A new Room object for this id (e.g. after the app forgot the room and the user was invited again).
    this.client.on(ClientEvent.Room, this.#onRoom);
    this.client.on(ClientEvent.DeleteRoom, this.#onDeleteRoom);
    this.client.on(ClientEvent.AccountData, this.#onAccountData);
    this.#stopUnfiled = onUnfiledRelations(this.client, () => this.#room, this.#onTimeline);
    this.#stopHearingRedactions = hearRedactionsEverywhere(this.client);
  }

  protected stop(): void {
    this.#holding?.();
    this.#holding = null;
    this.#doubt.stop();
    this.client.off(ClientEvent.Room, this.#onRoom);
    this.client.off(ClientEvent.DeleteRoom, this.#onDeleteRoom);
    this.client.off(ClientEvent.AccountData, this.#onAccountData);
    this.#stopUnfiled?.();
    this.#stopHearingRedactions?.();
    this.#stopWatchingPreviews?.();
    callApp(() => this.#unsubscribeSeen?.());
    this.#unsubscribeSeen = null;
    this.#bind(null);
    this.#bindPredecessor(null);
  }

  readonly #afterResponse = () => {
    this.#holding = null;
    this.#recompute(true, true);
  };

  /**
   * Whether a welcome that this recompute makes due waits (see `#holding`): for a live sync response (`liveSync`),
   * and unless `settled`, for a sliding-sync response being applied. Unsubscribed (a first render), it only says so,
   * and subscribing schedules the wait; else a snapshot taken between sliding-sync responses (a mount, a one-off
   * read) is as true as it gets.
   */
  #holds(settled: boolean): boolean {
    if (this.#holding) return true;
    const client = this.client;
    if (!this.active) return (!settled && applyingSlidingSyncResponse(client)) || awaitingLiveSync(client);
    this.#holding =
      (settled ? null : afterSlidingSyncResponse(client, this.#afterResponse)) ??
      afterLiveSync(client, this.#afterResponse);
    return this.#holding !== null;
  }

  readonly #onRoom = (room: Room) => this.#onDeleteRoom(room.roomId);
  readonly #onDeleteRoom = (roomId: string) => {
    if (roomId === this.roomId || roomId === this.#predecessorId) this.#recompute(true);
  };
  /** The user ignored or stopped ignoring someone (`m.ignored_user_list`): the welcome's author may be one of them. */
  readonly #onAccountData = (event: MatrixEvent) => {
    if (event.getType() === "m.ignored_user_list" && this.#snapshot.message) this.#recompute(true);
  };
  readonly #onSeen = (roomId: string) => {
    if (roomId === this.roomId) this.#recompute(true);
  };
  readonly #onState = (event: MatrixEvent) => {
    const type = event.getType();
    // A sync's timeline may replace the welcome many times (each edition applied in turn, without MSC4222): only the
    // last one shows, so its HTML is sanitized once, when the SDK is done with the room's events.
    if (isWelcomeType(type)) this.#recomputeSoon();
    else if (
      type === "m.room.member"
        ? event.getStateKey() === this.client.getUserId()
        : type === "m.room.name" ||
          type === "m.room.canonical_alias" ||
          type === "m.room.create" ||
          type === "org.matrix.msc3946.room_predecessor"
    )
      this.#recompute(true);
  };
  #soon = false;
  /** Ends the wait on a join that may still prove an invite's claim (see `#recompute`), while one runs. */
  readonly #doubt = new JoinDoubt();
  /** Recomputes once the events being applied now are (at the next microtask), however many change the welcome. */
  #recomputeSoon(): void {
    if (this.#soon) return;
    this.#soon = true;
    queueMicrotask(() => {
      this.#soon = false;
      if (this.active) this.#recompute(true);
    });
  }
  /** In the room this one upgraded: its tombstone, and the user's membership there. */
  readonly #onPredecessorState = (event: MatrixEvent) => {
    const type = event.getType();
    if (
      type === "m.room.tombstone" ||
      (type === "m.room.member" && event.getStateKey() === this.client.getUserId())
    )
      this.#recompute(true);
  };
  readonly #onMembership = (_room: Room, membership: string, prev?: string) => {
    const me = this.#room ? memberEvent(this.#room, this.client.getUserId() ?? "") : null;
    this.#liveTransition =
      membership === prev ? this.#liveTransition : { eventId: me?.getId(), prev, ts: me?.getTs() };
    this.#recompute(true);
  };
  readonly #onRedaction = (event: MatrixEvent) => {
    const redacts = redactedEventId(event);
    if (redacts && redacts === this.#snapshot.message?.eventId) this.#recompute(true);
  };
  /**
   * A redaction of a welcome edition that the SDK could not apply (it knew the edition only as state); and while a
   * join is weighed, the user's member event, now in the timeline (the SDK sets an event's state before it files it).
   */
  readonly #onTimeline = (event: MatrixEvent, room: Room | undefined) => {
    if (!room) return;
    if (this.#doubt.waiting && event.getType() === "m.room.member" && event.getStateKey() === room.myUserId)
      this.#recompute(true);
    else if (this.#isWelcomeId(room, noteRedaction(room, event))) this.#recompute(true);
  };
  /** Stops hearing redactions the SDK filed in no timeline (thread support, the target known only as state), as above. */
  #stopUnfiled: (() => void) | undefined;
  /** Stops hearing redactions in every room (see `hearRedactionsEverywhere`). */
  #stopHearingRedactions: (() => void) | undefined;
  /** Stops noting invites' previews in every room (see `watchPreviewWelcomes`). */
  #stopWatchingPreviews: (() => void) | undefined;
  /** The same for this user's own redaction, once the homeserver accepted it. */
  readonly #onLocalEcho = (event: MatrixEvent, room: Room) => {
    if (this.#isWelcomeId(room, noteRedaction(room, event))) this.#recompute(true);
  };
  #isWelcomeId(room: Room, id: string | undefined): boolean {
    const state = id ? liveState(room) : undefined;
    return !!state && WELCOME_TYPES.some((type) => state.getStateEvents(type, "")?.getId() === id);
  }
  /** The room's name changed, or the user's membership of the room this one upgraded did. */
  readonly #onName = () => this.#recompute(true);

  #bind(room: Room | null): void {
    if (room === this.#room) return;
    moveListeners(this.#room, room, [
      [RoomStateEvent.Events, this.#onState],
      [RoomEvent.MyMembership, this.#onMembership],
      [RoomEvent.Redaction, this.#onRedaction],
      [RoomEvent.Timeline, this.#onTimeline],
      [RoomEvent.LocalEchoUpdated, this.#onLocalEcho],
      [RoomEvent.Name, this.#onName],
    ]);
    this.#room = room;
  }

  #bindPredecessor(room: Room | null): void {
    if (room === this.#predecessor) return;
    moveListeners(this.#predecessor, room, [
      [RoomStateEvent.Events, this.#onPredecessorState],
      [RoomEvent.MyMembership, this.#onName],
    ]);
    this.#predecessor = room;
  }

  #messageOf(event: MatrixEvent, room: Room): WelcomeMessage | null {
    const id = event.getId();
    // (An event without an id is an invite's preview: `liveWelcomeEvent` passes none.)
    if (!id) return null;
    const content = isRedactedIn(event, room) ? null : originalContent(event);
    const mediaUrl = this.#options.mediaUrl ?? this.#defaultMediaUrl;
    const cached = messageCache.get(event);
    if (cached && cached.content === content) {
      if (cached.mediaUrl === mediaUrl) return cached.message;
      if (sameMedia(cached.media, mediaUrl)) {
        cached.mediaUrl = mediaUrl;
        return cached.message;
      }
    }
    const bodies = parseWelcomeContent(content);
    const media = new Map<string, unknown>();
    let message: WelcomeMessage | null = null;
    if (bodies) {
      // Without a DOM (server rendering) HTML cannot be sanitized: the plain text stands alone.
      const sanitized =
        bodies.html !== undefined && typeof document !== "undefined"
          ? sanitizeMatrixHtmlForDisplay(bodies.html, {
              mediaUrl: (mxc) => {
                const url = answer(mediaUrl, mxc);
                media.set(mxc, url);
                if (url === THREW) throw new Error("mediaUrl threw"); // as the app's function did: the image goes
                return url as string | null;
              },
            })
          : undefined;
      message = {
        eventId: id,
        eventType: event.getType(),
        sender: event.getSender() ?? "",
        ts: event.getTs() ?? 0,
        ...(sanitized?.visible ? { html: sanitized.html } : {}),
        ...(bodies.text !== undefined ? { text: bodies.text } : {}),
      };
      if (message.html === undefined && message.text === undefined) message = null;
      else if (message.html !== undefined) markSanitized(message, message.html);
    }
    messageCache.set(event, { content, mediaUrl, media, message });
    return message;
  }

  /**
   * While a stable event stands (not redacted) it decides: its message, or none (a stable event without one is how a
   * stable-only client removes the welcome; one this reader cannot show shows nothing, never the older unstable text).
   * Else the unstable type's. No timestamps are compared (servers' clocks differ), and no reader's setup (a DOM, the
   * app's `mediaUrl`) changes which event speaks: the kit's writers write the stable type while one stands.
   */
  #currentMessage(room: Room): WelcomeMessage | null {
    // (An invite's or a knock's preview is no welcome of the room: see `previewWelcomes`.)
    const event = liveStableWelcome(room) ?? liveWelcomeEvent(room, UNSTABLE_WELCOME_EVENT_TYPE);
    return event ? this.#messageOf(event, room) : null;
  }

  /** Takes the decision again; `settled`: after a wait (see `#holding`), so no second sliding-sync wait. */
  #recompute(emit: boolean, settled = false): void {
    const room = roomOf(this.client, this.roomId);
    this.#predecessorId = room ? predecessorRoomId(room) : undefined;
    if (this.active) {
      this.#bind(room);
      this.#bindPredecessor(this.#predecessorId ? roomOf(this.client, this.#predecessorId) : null);
    }
    // A join that came in no timeline may be an invite's claim, which the sync applying it notes before its task ends
    // (see `previewWelcomes`): it is decided then, the state meanwhile as it was.
    if (this.#doubt.holds(this.client, this.active ? room : null, () => this.active && this.#recompute(true)))
      return;
    let next: WelcomeState;
    const shownBefore = this.#shown;
    try {
      next = room
        ? this.#decide(room)
        : { ...this.#snapshot, message: null, shouldShow: false, roomName: null, joinEventId: null };
      if (room) endOutage(this.#seenStore, this.roomId);
    } catch (error) {
      // A throwing custom seen store (or anything unforeseen): no welcome, and the app hears of it once per outage of
      // that store for this room, however many hooks and mounts read it (another room's decisions end no outage here).
      reportOutage(this.#seenStore, this.roomId, error);
      next = {
        message: null,
        shouldShow: false,
        decision: { show: false, reason: "no-welcome" },
        roomName: null,
        joinEventId: null,
      };
    }
    const prev = this.#snapshot;
    if (next.shouldShow && !prev.shouldShow && (this.#holds(settled) || this.#readingMarks())) {
      // Not due yet, so not shown yet either: the decision is taken again after the wait. The rest (the message, the
      // room's name) shows meanwhile.
      this.#shown = shownBefore;
      next = { ...next, shouldShow: false, decision: { show: false, reason: "awaiting-sync" } };
    }
    if (
      prev.message === next.message &&
      prev.shouldShow === next.shouldShow &&
      prev.decision.reason === next.decision.reason &&
      prev.roomName === next.roomName &&
      prev.joinEventId === next.joinEventId
    )
      return;
    this.#snapshot = next;
    if (emit) this.notify();
  }

  /** Whether the seen store is still reading the room's marks (see `WelcomeSeenStore.loading`). */
  #readingMarks(): boolean {
    try {
      // A render (no subscriber yet) only asks: the read starts once the store is subscribed.
      return (
        this.#seenStore.loading?.(this.roomId, this.client.getUserId() ?? undefined, this.active) === true
      );
    } catch {
      return false;
    }
  }

  #decide(room: Room): WelcomeState {
    const message = this.#currentMessage(room);
    const userId = this.client.getUserId();
    const me = memberEvent(room, userId ?? "");
    // (A join only an invite's or a knock's state claims is none: see `previewWelcomes`.)
    const membership = myWelcomeMembership(room);
    let prevMembership = me?.getPrevContent()?.membership as string | undefined;
    if (typeof prevMembership !== "string") prevMembership = undefined;
    // `joinTs` (server clock) orders the join against other events; `joinLocalTs` (device clock, from the server's
    // `unsigned.age`) tells how long ago it was.
    let joinTs = me?.getTs();
    let joinLocalTs = eventLocalTime(me);
    let joinEventId = membership === "join" ? (me?.getId() ?? null) : null;
    const live = this.#liveTransition;
    if (prevMembership === undefined && live && live.eventId === me?.getId()) prevMembership = live.prev;
    else if (prevMembership === "join" && membership === "join") {
      // A profile change: what counts is the join it follows (in the timeline, or seen live since).
      const entered = enteringJoin(room, userId ?? "");
      if (entered) ({ prev: prevMembership, ts: joinTs, localTs: joinLocalTs, id: joinEventId } = entered);
      else {
        // The join is out of sight (before a gap, or in a sync's state section): the one a store saw last (this one
        // or another, mounted then; seen live, its transition included), else at least its id.
        // It must be that join's: the member event now follows the last one seen in it, or (where the events do not
        // say) this store knew that join. One that follows another entering join is a join nobody saw: unknown.
        const known = enteredJoinsOf(this.client).get(this.roomId);
        const link = known ? followsMemberEvent(room, me, known.last) : "no";
        if (known && (link === "yes" || (link === "unknown" && this.#snapshot.joinEventId === known.id)))
          ({ prev: prevMembership, ts: joinTs, localTs: joinLocalTs, id: joinEventId } = known);
        else if (link === "no" && known) joinEventId = me?.getId() ?? joinEventId;
        else joinEventId = this.#snapshot.joinEventId ?? joinEventId;
      }
    }
    if (membership === "join" && prevMembership !== "join" && joinEventId)
      setEnteredJoin(this.client, this.roomId, {
        id: joinEventId,
        prev: prevMembership,
        ts: joinTs,
        localTs: joinLocalTs,
        last: me?.getId() ?? joinEventId,
      });
    else if (membership !== "join") enteredJoinsOf(this.client).delete(this.roomId);
    // For a join into an upgraded room: what the old room's member events say now (more of them may have arrived);
    // once they no longer say (the old room forgotten), what they said before.
    let predecessor: "join" | "leave" | undefined;
    if (membership === "join" && this.#predecessorId) {
      const old = roomOf(this.client, this.#predecessorId);
      const upgrades = getOrCreate(upgradeJoins, this.client, () => new Map<string, UpgradeJoin>());
      predecessor = predecessorMembership(this.client, old, this.roomId, joinTs);
      if (predecessor && joinEventId) upgrades.set(this.roomId, { joinEventId, predecessor });
      else if (joinEventId) {
        const known = upgrades.get(this.roomId);
        predecessor = known?.joinEventId === joinEventId ? known.predecessor : undefined;
      }
    }
    const seenList = this.#seenStore.getSeen(this.roomId, userId ?? undefined);
    const editionId = message?.eventId;
    const seen = !!editionId && seenList.includes(editionId);
    const ownEdition = !!message && message.sender === userId;
    if (ownEdition) recordAuthoredEdition(this.client, this.roomId, message.eventId);
    const authored = authoredEditionsOf(this.client, this.roomId);
    const current = message ? liveState(room)?.getStateEvents(message.eventType, "") : undefined;
    // An app's `now` moves the age by its offset from the device clock, as it moved `now - joinTs` before.
    const now = (this.#options.now ?? Date.now)();
    const joinLocal = joinLocalTime(room, userId, { ts: joinTs, localTs: joinLocalTs });
    let decision = decideWelcome({
      membership,
      prevMembership,
      joinTs,
      now,
      joinAgeMs: joinLocal === undefined ? undefined : now - joinLocal,
      editionId,
      seen,
      // An author saw the editions they wrote: a co-moderator's new one does not welcome them to their own room.
      hasSeenEarlierEdition:
        seenList.some((id) => id !== editionId) ||
        [...authored].some((id) => id !== editionId) ||
        (!!current && replacedOwnWelcome(current, userId)),
      ownEdition,
      roomCreator: isRoomCreator(room, userId),
      showOn: this.#options.showOn,
      maxJoinAgeMs: this.#options.maxJoinAgeMs,
      showNewEditions: this.#options.showNewEditions,
      predecessorMembership: predecessor,
    });
    // Written by a user the user ignores (`m.ignored_user_list`): no pop-up; the message stays readable. (Asked also of
    // a welcome no longer due, the join having aged, which the rule below would keep open.)
    const ignored = !!message && isIgnored(this.client, message.sender);
    if (ignored && (decision.show || this.#shown)) decision = { show: false, reason: "ignored-sender" };
    // Shown for this join (a leave and a rejoin in one sync are a new join), for this edition or a new one that
    // replaced it meanwhile and is not due only because the join has aged since: a moderator's fix does not take the
    // welcome away from under the reader (one the user wrote does; a copy that was there already when it was shown, which
    // a redaction brings back, does not stay). No timestamps are compared: servers' clocks differ.
    const shown = this.#shown;
    const sameEdition = !!shown && shown.edition === editionId && !shown.carried;
    // A new edition: the carried one again, or one the room did not hold when the welcome was shown.
    const isNew =
      !!editionId && (shown?.edition === editionId ? !!shown.carried : !shown?.there.has(editionId));
    const replaced = !!shown && isNew && !ownEdition && decision.reason === "join-too-old";
    const same = !!shown && shown.join === joinEventId && (sameEdition || replaced);
    if (decision.show)
      this.#shown = { edition: editionId, join: joinEventId, carried: false, there: welcomeEditionsIn(room) };
    // (A join found to follow a room upgrade is no first look after all, and an author the user has just ignored is
    // one whose words they asked not to see: then it goes.)
    else if (
      same &&
      membership === "join" &&
      !seen &&
      decision.reason !== "room-upgrade" &&
      decision.reason !== "ignored-sender"
    ) {
      // A carried edition counts as there from now on: its own replacement may take its place in turn.
      // (A new object, never a change to the old one: a decision that waits puts the old one back.)
      const there = !sameEdition && editionId ? new Set(shown.there).add(editionId) : shown.there;
      this.#shown = { ...shown, edition: editionId, carried: !sameEdition, there };
      decision = this.#snapshot.decision.show
        ? this.#snapshot.decision
        : { show: true, reason: "first-join" };
    }
    // Marked seen, it goes for good (a mark another device's write drops later does not bring it back).
    else if (!same || membership !== "join" || seen) this.#shown = null;
    return { message, shouldShow: decision.show, decision, roomName: explicitName(room), joinEventId };
  }
}

/** Whether the user ignores `userId` (never throws). */
function isIgnored(client: MatrixClient, userId: string): boolean {
  try {
    return client.isUserIgnored(userId);
  } catch {
    return false;
  }
}

/** The ids of the welcome events (of either type) `room` holds now. */
function welcomeEditionsIn(room: Room): Set<string> {
  const state = liveState(room);
  const ids = WELCOME_TYPES.map((type) => state?.getStateEvents(type, "")?.getId());
  return new Set(ids.filter((id): id is string => !!id));
}

/** Whether `userId` created `room`: sent its `m.room.create`, or is among its `additional_creators` (room version 12). */
function isRoomCreator(room: Room, userId: string | null): boolean {
  try {
    const create = liveState(room)?.getStateEvents("m.room.create", "");
    const more: unknown = create?.getContent().additional_creators;
    return (
      !!userId &&
      !!create &&
      (create.getSender() === userId || (Array.isArray(more) && more.includes(userId)))
    );
  } catch {
    return false;
  }
}

/**
 * Per client and room, the user's latest join that entered the room (not a profile change) as a store saw it: what it
 * came from, when, and the last member event a store saw while it lasted. A profile change whose join is out of sight
 * (a gap) still counts from it, when it follows that last member event.
 */
interface EnteredJoin {
  id: string;
  prev: string | undefined;
  ts: number | undefined;
  /**
   * The join's age-derived time on this device's clock: kept in memory for this client's life only (never persisted),
   * so it stays comparable with `Date.now()`; after a reload it is read afresh from the member event.
   */
  localTs: number | undefined;
  last: string;
}
const enteredJoins = new WeakMap<MatrixClient, Map<string, EnteredJoin>>();
const enteredJoinsOf = (client: MatrixClient) =>
  getOrCreate(enteredJoins, client, () => new Map<string, EnteredJoin>());
/** Past this many rooms' joins, those of rooms the user is no longer in are dropped (left while no store was mounted). */
const enteredJoinsPruneAt = new WeakMap<MatrixClient, number>();

/** Records the join that entered a room, dropping now and then those of rooms left or forgotten since. */
function setEnteredJoin(client: MatrixClient, roomId: string, join: EnteredJoin): void {
  const joins = enteredJoinsOf(client);
  joins.set(roomId, join);
  if (joins.size <= (enteredJoinsPruneAt.get(client) ?? 64)) return;
  for (const id of joins.keys()) if (roomOf(client, id)?.getMyMembership() !== "join") joins.delete(id);
  // Amortised: the next pass once as many joins again are recorded.
  enteredJoinsPruneAt.set(client, Math.max(64, 2 * joins.size));
}

/** Per client and room, the welcome editions the user set, as stores saw them (an author has seen what they wrote). */
const authoredEditions = new WeakMap<MatrixClient, Map<string, Set<string>>>();

const NO_EDITIONS: ReadonlySet<string> = new Set();

/** The editions the user set in the room, as stores saw them (none recorded in most rooms). */
const authoredEditionsOf = (client: MatrixClient, roomId: string): ReadonlySet<string> =>
  authoredEditions.get(client)?.get(roomId) ?? NO_EDITIONS;

/** Records an edition the user set in the room: an entry only for rooms where they set one. */
function recordAuthoredEdition(client: MatrixClient, roomId: string, eventId: string): void {
  const rooms = getOrCreate(authoredEditions, client, () => new Map<string, Set<string>>());
  const authored = getOrCreate(rooms, roomId, () => new Set<string>());
  if (authored.has(eventId)) return;
  authored.add(eventId);
  // Two tell whether the user set an edition other than any one (a moderator editing all week keeps two).
  if (authored.size > 2) authored.delete(authored.values().next().value!);
}

/**
 * Whether the welcome event replaced one the user set (its `unsigned.prev_sender` and `prev_content`, as Synapse sends
 * them): that survives a reload, where the stores' memory does not.
 */
function replacedOwnWelcome(event: MatrixEvent, userId: string | null): boolean {
  const unsigned: unknown = event.getUnsigned();
  if (!userId || !isRecord(unsigned) || ownValue(unsigned, "prev_sender") !== userId) return false;
  return parseWelcomeContent(ownValue(unsigned, "prev_content")) !== null;
}

/** A join found to follow a room upgrade: its member event, and the old room's membership then. */
interface UpgradeJoin {
  joinEventId: string;
  predecessor: "join" | "leave";
}

/** Per client and room, the latest join found to follow a room upgrade. */
const upgradeJoins = new WeakMap<MatrixClient, Map<string, UpgradeJoin>>();

/** The state a server renders (see `getServerSnapshot`): the welcome without its HTML, none if that was all it had. */
function withoutHtml(state: WelcomeState): WelcomeState {
  const { html: _html, ...message } = state.message!;
  if (message.text !== undefined) return { ...state, message };
  return { ...state, message: null, shouldShow: false, decision: { show: false, reason: "no-welcome" } };
}

function isWelcomeType(type: string): boolean {
  return (WELCOME_TYPES as readonly string[]).includes(type);
}

/**
 * The join the user's current streak of join -> join profile changes follows, from the live timeline or, before its
 * first event, the state it starts from (a sync's `state` section): its previous membership and time; null when
 * neither reaches back to it.
 */
function enteringJoin(
  room: Room,
  userId: string,
): { prev: string | undefined; ts: number; localTs: number | undefined; id: string | null } | null {
  const timeline = room.getLiveTimeline();
  const events = timeline.getEvents();
  // Index -1: the user's member event in the state the timeline starts from.
  for (let i = events.length - 1; i >= -1; i--) {
    const event =
      i >= 0
        ? events[i]
        : timeline.getState(EventTimeline.BACKWARDS)?.getStateEvents("m.room.member", userId);
    if (event?.getType() !== "m.room.member" || event.getStateKey() !== userId) continue;
    if (event.getContent().membership !== "join") return null;
    const prev = event.getPrevContent()?.membership;
    if (prev !== "join")
      return {
        prev: typeof prev === "string" ? prev : undefined,
        ts: event.getTs(),
        localTs: eventLocalTime(event),
        id: event.getId() ?? null,
      };
  }
  return null;
}

/**
 * Whether the user's member event `me` is, or follows through profile changes the client holds, the member event
 * `last`, as their `unsigned.replaces_state` says (Synapse sends it; the current spec does not name it): "yes", "no"
 * (an entering join other than `last` comes between), or "unknown" (no `replaces_state`, or it names an event the
 * client does not hold).
 */
function followsMemberEvent(room: Room, me: MatrixEvent | null, last: string): "yes" | "no" | "unknown" {
  const start = room
    .getLiveTimeline()
    .getState(EventTimeline.BACKWARDS)
    ?.getStateEvents("m.room.member", me?.getStateKey() ?? "");
  let event: MatrixEvent | null | undefined = me;
  for (let hops = 0; event && hops < 100; hops++) {
    if (event.getId() === last) return "yes";
    if (event.getPrevContent()?.membership !== "join") return "no";
    const replaces: unknown = event.getUnsigned().replaces_state;
    if (typeof replaces !== "string") return "unknown";
    if (replaces === last) return "yes";
    event = room.findEventById(replaces) ?? (start?.getId() === replaces ? start : undefined);
  }
  // It names an event out of sight (a profile change inside a gap, or a leave and a rejoin: nothing says which).
  return "unknown";
}

/** The room's own name (`m.room.name`, else its canonical alias), not one the SDK made up from members; or null. */
function explicitName(room: Room): string | null {
  const state = liveState(room);
  // Once joined, an invite's preview (which the SDK keeps when the room has no name of its own) names nothing: the
  // inviting server wrote it.
  const joined = myWelcomeMembership(room) === "join";
  const own = (type: string) => {
    const event = state?.getStateEvents(type, "");
    return event && !(joined && isPreviewState(event)) ? event.getContent() : undefined;
  };
  const name = own("m.room.name")?.name;
  // A name of only invisible characters (zero-width spaces) would title the dialog "Welcome to ".
  if (hasVisibleText(name)) return name.trim();
  const alias = own("m.room.canonical_alias")?.alias;
  return hasVisibleText(alias) ? alias : null;
}

function memberEvent(room: Room, userId: string): MatrixEvent | null {
  return liveState(room)?.getStateEvents("m.room.member", userId) ?? null;
}
