/**
 * Follows the user's rooms and keeps track of the joined server notices room and a pending invite to it.
 * It scans the rooms once when it starts; after that each SDK event re-evaluates only the room it concerns.
 */
import {
  ClientEvent,
  EventType,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  RoomEvent,
  type RoomState,
  RoomStateEvent,
  type SyncState,
} from "matrix-js-sdk";
import {
  isPermanentFailure,
  jittered,
  RequestTimeoutError,
  type RetryPolicy,
  retryDelayAfter,
  serverWaitMs,
  withTimeout,
} from "../core/backoff.js";
import { joinInDoubt, watchClaimedJoins, weighJoinNow, weighJoinSoon } from "../core/claimedJoins.js";
import { ExternalStore } from "../core/ExternalStore.js";
import { getOrCreate } from "../core/getOrCreate.js";
import { HeldSnapshot } from "../core/heldSnapshot.js";
import { type Listeners, moveListeners } from "../core/moveListeners.js";
import { myMembership } from "../core/myMembership.js";
import { roomOf } from "../core/roomOf.js";
import { isSyncBack, isSyncHealthy } from "../core/syncHealthy.js";
import { toError } from "../core/toError.js";
import {
  inviterOf,
  isFromFormerSender,
  isJoinedNoticesRoom,
  isMarkedNoticesRoom,
  type NoticesInvitePredicate,
  noticesInvitePredicate,
  pickNoticesRoom,
  predecessorOf,
} from "./noticesRoom.js";

/** Options of {@link useServerNoticesRoom}. */
export interface ServerNoticesRoomOptions {
  /**
   * Users the homeserver sends notices from (e.g. `@notices:example.org`): invites from them are notices invites, a
   * room typed `m.server_notice` (MSC4279) counts only when one of them created it (without this, only the tag does),
   * a tagged room one of them created comes before other tagged rooms, and pinned notices from anyone else are ignored
   * (in a room a sender no longer listed created, that sender's own still show until a new room takes over).
   */
  noticesUserIds?: readonly string[] | undefined;
  /** Decides whether an invite is the notices invite (invites carry no tags); alone or together with `noticesUserIds`. */
  isNoticesInvite?: NoticesInvitePredicate | undefined;
  /**
   * Accept the notices invite automatically (the spec says clients cannot reject it). Default false. Does nothing
   * without `noticesUserIds` or `isNoticesInvite`: an invite carries no tag, so nothing else recognises it.
   */
  autoJoin?: boolean | undefined;
  /** How a failed auto-join is retried. */
  retry?: RetryPolicy | undefined;
}

/** What {@link useServerNoticesRoom} returns. */
export interface ServerNoticesRoomState {
  /** The joined notices room, or null. */
  room: Room | null;
  /** A pending invite to the notices room (recognised through `noticesUserIds` / `isNoticesInvite`; also while a notices room from a sender `noticesUserIds` no longer lists is joined), or null. */
  invite: Room | null;
  /** An auto-join is in flight. */
  joining: boolean;
  /** The last auto-join failure (retried with backoff unless the server refused the join, e.g. 403: that invite is not joined again), or null. */
  joinError: Error | null;
}

/** The state with no notices room. */
const NO_ROOM: ServerNoticesRoomState = { room: null, invite: null, joining: false, joinError: null };

/** The store behind {@link useServerNoticesRoom}. */
export class ServerNoticesRoomStore extends ExternalStore<ServerNoticesRoomState> {
  readonly #joined = new Map<string, Room>();
  readonly #invites = new Map<string, Room>();
  /** The other invites: an app's new predicate is asked about them again (see `askAboutInvites`). */
  readonly #otherInvites = new Map<string, Room>();
  readonly #isInvite: NoticesInvitePredicate;
  #predicate: NoticesInvitePredicate | undefined;
  /** The current snapshot; while stopped, the last one held weakly (a room left and forgotten meanwhile is let go). */
  readonly #snapshot = new HeldSnapshot<ServerNoticesRoomState>(NO_ROOM);
  #joinAttempt: {
    roomId: string;
    failures: number;
    timer?: ReturnType<typeof setTimeout> | undefined;
    inFlight: boolean;
    /**
     * The retries ended: the policy's attempts spent, or the client stopped when the join was due (sent again when
     * sync comes back or the client starts again), or the server refused it.
     */
    over?: boolean;
    refused?: boolean;
    /** The invite this attempt answers (see `inviteOf`): a refusal is this invite's, a new one is joined. */
    invite?: unknown;
  } | null = null;
  /** Whether the last sync state heard was not a healthy one (a join that gave up is sent again when it is). */
  #syncWasDown = false;

  readonly #options: ServerNoticesRoomOptions;
  #scannedThisTask = false;
  /** Per room id, the wait for a join in doubt (see `#inDoubt`) and its cancel. */
  readonly #weighing = new Map<string, { join: MatrixEvent; cancel: () => void }>();
  /** Whether an update held back while a join was in doubt is owed (see `#update`). */
  #updateAfterWeighing = false;

  constructor(
    /** The app's client. */
    readonly client: MatrixClient,
    options: ServerNoticesRoomOptions = {},
  ) {
    super();
    this.#options = options;
    this.#predicate = options.isNoticesInvite;
    this.#isInvite = noticesInvitePredicate(
      options.noticesUserIds,
      (invite) => this.#predicate?.(invite) === true,
    );
  }

  /** Replaces the app's invite predicate (hooks pass the latest one on every render; it is read when invites arrive). */
  setPredicate(predicate: NoticesInvitePredicate | undefined): void {
    this.#predicate = predicate;
  }

  /**
   * Asks the current predicate again about the invites not taken for the notices invite (hooks call it after a commit
   * that changed the predicate): one that learnt the notices sender later (the app's config loaded) finds the invite
   * already there. It only adds: an invite once taken stays taken (and its join's attempts count on) until its room
   * changes, so a predicate that flips while config reloads starts no join afresh.
   */
  askAboutInvites(): void {
    if (this.active) for (const room of [...this.#otherInvites.values()]) this.#reevaluate(room);
  }

  /**
   * The current state (stable until something changes). Until subscribed, rooms are scanned on demand, at most once
   * per task (React asks several times while rendering); subscribing scans afresh.
   */
  getSnapshot = (): ServerNoticesRoomState => {
    if (!this.active && !this.#scannedThisTask) {
      this.#scan();
      this.#update(false);
      this.#letGo();
      this.#scannedThisTask = true;
      queueMicrotask(() => {
        this.#scannedThisTask = false;
      });
    }
    return this.#current();
  };

  protected start(): void {
    // Always afresh: rooms may have come in the same task since the last read, with no listener here to hear them.
    this.#scan();
    // A join applied before this store listened is weighed now: no sync is applying it, and a claim nobody heard
    // cannot be heard any more.
    for (const room of this.#joined.values()) weighJoinNow(room);
    moveListeners(null, this.client, this.#listeners());
    this.#hearState(this.client.getSyncState() !== null);
    this.#syncWasDown = !isSyncHealthy(this.client.getSyncState());
    this.#update(true);
  }

  protected stop(): void {
    moveListeners(this.client, null, this.#listeners());
    this.#hearState(false);
    for (const { cancel } of this.#weighing.values()) cancel();
    this.#weighing.clear();
    this.#updateAfterWeighing = false;
    this.#letGo();
    if (this.#joinAttempt?.timer) clearTimeout(this.#joinAttempt.timer);
    this.#joinAttempt = null;
  }

  #listeners(): Listeners {
    return [
      [ClientEvent.Room, this.#onRoom],
      [ClientEvent.DeleteRoom, this.#onDeleteRoom],
      [RoomEvent.MyMembership, this.#onRoom],
      [RoomEvent.Tags, this.#onTags],
      [ClientEvent.Sync, this.#onSync],
    ];
  }

  /** Whether rooms' state events are listened to: from the end of the client's first sync (see `#onSync`). */
  #hearsState = false;

  #hearState(on: boolean): void {
    if (on === this.#hearsState) return;
    this.#hearsState = on;
    if (on) this.client.on(RoomStateEvent.Events, this.#onState);
    else this.client.off(RoomStateEvent.Events, this.#onState);
  }

  /**
   * From the end of the client's first sync on, rooms' state events are heard one by one. During it they could not
   * change the answer: a room the first sync brings is announced (`ClientEvent.Room`) once its state and timeline are
   * all in, and an initial sync of 5,000 rooms has some 40,000 state events.
   */
  readonly #onSync = (state: SyncState | null) => {
    this.#hearState(true);
    const good = isSyncHealthy(state);
    const attempt = this.#joinAttempt;
    // Sync back (the network, a new access token after a soft logout, or a restart): a join whose retries ran out, or
    // that waited, goes again; one still out gets a fresh budget, should it fail now that sync works (a request that
    // hung through the outage and times out).
    const back = isSyncBack(state, this.#syncWasDown);
    if (back && attempt?.inFlight) attempt.failures = 0;
    if (back && attempt?.over && !attempt.refused) {
      attempt.failures = 0;
      attempt.over = false;
      // Not before the end of a wait the server asked for.
      const left = (joinWaits.get(this.client)?.get(attempt.roomId)?.until ?? 0) - Date.now();
      if (left > 0) attempt.timer = setTimeout(() => this.#join(), left);
      else this.#join();
    }
    this.#syncWasDown = !good;
  };

  readonly #onRoom = (room: Room) => this.#reevaluate(room);
  readonly #onTags = (_event: MatrixEvent, room: Room) => this.#reevaluate(room);
  readonly #onState = (event: MatrixEvent, state: RoomState) => {
    // Only the create event (MSC4279 room type) and my own membership (its inviter too) can change the answer: the SDK
    // does not always follow them with a MyMembership (an unchanged membership, a create event later in the timeline).
    // So can a tombstone, for the room it names: an upgrade's successor is a notices room once the old one vouches.
    const type = event.getType();
    const roomId =
      type === "m.room.tombstone"
        ? event.getContent()?.replacement_room
        : type === "m.room.create" ||
            (type === "m.room.member" && event.getStateKey() === this.client.getUserId())
          ? state.roomId
          : undefined;
    if (roomId === undefined) return;
    const room = roomOf(this.client, roomId);
    if (room) this.#reevaluate(room);
  };
  readonly #onDeleteRoom = (roomId: string) => {
    this.#weighing.get(roomId)?.cancel();
    this.#weighing.delete(roomId);
    this.#otherInvites.delete(roomId);
    const had = this.#joined.delete(roomId) || this.#invites.delete(roomId);
    if (had || this.#updateAfterWeighing) this.#update(true);
  };
  #scan(): void {
    this.#joined.clear();
    this.#invites.clear();
    this.#otherInvites.clear();
    for (const room of this.client.getRooms()) this.#classify(room);
  }

  #classify(room: Room): void {
    this.#joined.delete(room.roomId);
    this.#invites.delete(room.roomId);
    this.#otherInvites.delete(room.roomId);
    try {
      if (isJoinedNoticesRoom(room, this.#options.noticesUserIds)) this.#joined.set(room.roomId, room);
      else if (room.getMyMembership() === "invite" && myMembership(room) === "invite")
        (this.#isInvite({ room, inviter: inviterOf(room) }) ? this.#invites : this.#otherInvites).set(
          room.roomId,
          room,
        );
    } catch {
      // A room in an unexpected shape is simply not a notices room.
    }
  }

  #reevaluate(room: Room): void {
    const before = this.#joined.has(room.roomId) || this.#invites.has(room.roomId);
    // The common case during an initial sync of thousands of rooms: an ordinary joined room, nothing to update.
    if (!before && isOrdinaryJoinedRoom(room, this.#options.noticesUserIds)) {
      this.#otherInvites.delete(room.roomId);
      return;
    }
    // A join that came in no timeline may be an invite's claim, which the sync applying it notes before its task ends
    // (see `claimedJoins`): the room is taken again then, as it was meanwhile.
    if (this.#inDoubt(room)) return;
    this.#classify(room);
    const after = this.#joined.has(room.roomId) || this.#invites.has(room.roomId);
    // (Also an update held back while a join was in doubt, whose wait this room's change ended: see `#update`.)
    if (before || after || this.#updateAfterWeighing || this.#succeedsJoined(room.roomId)) this.#update(true);
  }

  /**
   * Whether the user's join in `room` is in doubt (see `joinInDoubt`; only while subscribed): it is weighed once the
   * task applying it ends, and the room taken again then. Meanwhile claims are watched for: an invite's state (a room
   * it makes up as the notices room, say) may claim the join, and the SDK announces that state right after the
   * membership this store hears. Only then: with no join in doubt, the store adds no listener for every event.
   */
  #inDoubt(room: Room): boolean {
    const join = this.active ? joinInDoubt(room) : undefined;
    const weighing = this.#weighing.get(room.roomId);
    if (weighing?.join === join) return !!join;
    weighing?.cancel();
    this.#weighing.delete(room.roomId);
    if (!join) return false;
    const unwatch = watchClaimedJoins(this.client, false);
    const unweigh = weighJoinSoon(this.client, join, () => {
      unwatch();
      this.#weighing.delete(room.roomId);
      const now = this.active ? roomOf(this.client, room.roomId) : null;
      if (now) this.#reevaluate(now);
      if (this.active && this.#updateAfterWeighing) this.#update(true);
    });
    const cancel = () => {
      unweigh();
      unwatch();
    };
    this.#weighing.set(room.roomId, { join, cancel });
    return true;
  }

  /**
   * Whether a joined room names `roomId` as its predecessor: a room met after it decides whether that one still counts.
   * (Apart from `#reevaluate`, whose fast path runs for each room of a sync: a closure there would cost every call.)
   */
  #succeedsJoined(roomId: string): boolean {
    for (const joined of this.#joined.values()) if (predecessorOf(joined) === roomId) return true;
    return false;
  }

  #update(emit: boolean): void {
    // While a join is in doubt the last answer stands (another room's change in the same sync, the old notices room
    // left as the new one is joined, must not make it read as none meanwhile): decided again once weighed.
    if (this.#weighing.size > 0) {
      this.#updateAfterWeighing ||= emit;
      return;
    }
    this.#updateAfterWeighing = false;
    // Asked again, not as classified: a room claiming to succeed one the client met since (a later room of the same
    // sync) may no longer count.
    const ids = this.#options.noticesUserIds;
    const room = pickNoticesRoom(
      [...this.#joined.values()].filter((r) => isMarkedNoticesRoom(r, ids)),
      ids,
    );
    // Also while a notices room from a sender the app no longer lists is joined: a homeserver whose notices sender
    // changed invites to a new room, whose pins are the active notices once joined (the most recently created wins).
    // Not otherwise: an invite the user never took, to a room the homeserver since gave up, stays ignored.
    const invite =
      !room || isFromFormerSender(room, this.#options.noticesUserIds)
        ? pickNoticesRoom(this.#invites.values(), this.#options.noticesUserIds)
        : null;
    if (this.active) this.#maybeAutoJoin(invite);
    const joining = !!this.#joinAttempt?.inFlight;
    const last = this.#current().joinError;
    const joinError = last && invite && invite.roomId === this.#joinAttempt?.roomId ? last : null;
    this.#set({ room, invite, joining, joinError }, emit);
  }

  /**
   * Keeps nothing of the rooms while stopped (a room may be left and forgotten meanwhile): the next read scans afresh,
   * and gets the last snapshot back if nothing changed and someone still has it.
   */
  #letGo(): void {
    this.#joined.clear();
    this.#invites.clear();
    this.#otherInvites.clear();
    this.#snapshot.release();
  }

  /** The snapshot (the last one if still held, while stopped; else one with no room). */
  #current(): ServerNoticesRoomState {
    return this.#snapshot.current ?? NO_ROOM;
  }

  #set(next: ServerNoticesRoomState, emit: boolean): void {
    // Every snapshot has the same four fields.
    if (this.#snapshot.offer(next) && emit) this.notify();
  }

  #maybeAutoJoin(invite: Room | null): void {
    if (!this.#options.autoJoin) return;
    const inviteEvent = inviteOf(invite);
    const current = this.#joinAttempt;
    // The same invite (its member event may come into the room's state after the room itself): the attempt goes on.
    if (
      invite &&
      current?.roomId === invite.roomId &&
      (!current.invite || !inviteEvent || current.invite === inviteEvent)
    ) {
      current.invite ??= inviteEvent;
      return;
    }
    // A new invite (also to the same room: withdrawn and sent again), or none any more (joined, rejected or withdrawn
    // elsewhere): the old attempt and its retries end.
    if (this.#joinAttempt?.timer) clearTimeout(this.#joinAttempt.timer);
    this.#joinAttempt = invite
      ? { roomId: invite.roomId, failures: 0, inFlight: false, invite: inviteEvent }
      : null;
    if (!invite) return;
    // A join of this very invite the server refused (before a remount, say) is not sent again: a new invite may be.
    const refusal = refusedJoins.get(this.client)?.get(invite.roomId);
    const refused =
      refusal && inviteEvent !== undefined && refusal.invite === inviteEvent ? refusal.error : null;
    if (refused) {
      this.#set({ ...this.#current(), joinError: refused }, false);
      return;
    }
    // A wait the server asked for when a join of this client's was rate-limited (before a remount, say) holds here too;
    // else this invite has no failure yet (the last one was another invite's).
    const waiting = joinWaits.get(this.client)?.get(invite.roomId);
    const left = waiting ? waiting.until - Date.now() : 0;
    this.#set({ ...this.#current(), joinError: left > 0 ? waiting!.error : null }, false);
    if (left <= 0) this.#join();
    else {
      this.#joinAttempt!.failures = 1;
      this.#joinAttempt!.timer = setTimeout(() => this.#join(), left);
    }
  }

  #join(): void {
    const attempt = this.#joinAttempt;
    if (!attempt || !this.active) return;
    // Not from a client the app stopped (a logout, an account put to sleep): it goes again once that syncs again.
    if (!this.client.clientRunning) {
      attempt.timer = undefined;
      attempt.over = true;
      return;
    }
    attempt.inFlight = true;
    attempt.timer = undefined;
    sharedJoin(this.client, attempt.roomId, attempt.invite, this.#options.retry).then(
      () => {
        joinWaits.get(this.client)?.delete(attempt.roomId);
        if (this.#joinAttempt !== attempt) return;
        attempt.inFlight = false;
        this.#set({ ...this.#current(), joining: false, joinError: null }, true);
      },
      (e: unknown) => {
        const refused = isPermanentFailure(e);
        const invite = attempt.invite ?? inviteOf(this.client.getRoom(attempt.roomId));
        if (refused && invite !== undefined)
          getOrCreate(refusedJoins, this.client, () => new Map()).set(attempt.roomId, {
            invite,
            error: toError(e),
          });
        const wait = serverWaitMs(e, this.#options.retry);
        if (wait > 0)
          getOrCreate(joinWaits, this.client, () => new Map()).set(attempt.roomId, {
            until: Date.now() + wait,
            error: toError(e),
          });
        if (this.#joinAttempt !== attempt) return;
        attempt.inFlight = false;
        attempt.failures += 1;
        const delay = retryDelayAfter(e, attempt.failures, this.#options.retry);
        if (delay !== null && this.active)
          attempt.timer = setTimeout(() => this.#join(), jittered(delay, e, this.#options.retry));
        else Object.assign(attempt, { over: true, refused });
        this.#set({ ...this.#current(), joining: false, joinError: toError(e) }, true);
      },
    );
    this.#set({ ...this.#current(), joining: true }, true);
  }
}

/** Waits a homeserver asked for after rate-limiting a join, per client and room, with that error: kept across remounts. */
const joinWaits = new WeakMap<MatrixClient, Map<string, { until: number; error: Error }>>();

/**
 * Joins the server refused (e.g. 403), per client and room, with the invite they answered (see `inviteOf`): that
 * invite is not joined again, a new one is.
 */
const refusedJoins = new WeakMap<MatrixClient, Map<string, { invite: unknown; error: Error }>>();

/**
 * The user's invite to `room`, to tell one invite from the next: its member event's id, or the event itself where it
 * has none (the stripped state of an invite carries no id); undefined when the member event is no invite (while a
 * leave or a join is being applied, the room may still be taken for an invite) or cannot be read.
 */
function inviteOf(room: Room | null): unknown {
  try {
    const event = room?.currentState.getStateEvents(EventType.RoomMember, room.myUserId);
    return event?.getContent().membership === "invite" ? (event.getId() ?? event) : undefined;
  } catch {
    return undefined;
  }
}

/** How long a successful join is shared with stores whose own join comes a moment later. */
const JOINED_SHARED_MS = 5_000;

/** Joins in flight per client and room, with the invite each answers: several mounted hooks send one join per invite. */
const joins = new WeakMap<MatrixClient, Map<string, { started: Promise<unknown>; invite: unknown }>>();

/**
 * Joins `roomId` for `invite`, or waits for the join of that invite already in flight (a newer invite to the room gets
 * a join of its own: the older one's answer is not its answer), within the caller's own request timeout (a caller
 * that gives up stops sharing that join: its retry sends a new one). A join that succeeded is shared a few seconds
 * more: another hook's retry timer may fire a moment after it, before sync shows the membership.
 */
function sharedJoin(
  client: MatrixClient,
  roomId: string,
  invite: unknown,
  policy: RetryPolicy | undefined,
): Promise<unknown> {
  const map = getOrCreate(joins, client, () => new Map());
  let shared = map.get(roomId);
  // Shared unless both invites are known and differ.
  if (shared && !(shared.invite && invite && shared.invite !== invite)) shared.invite ??= invite;
  else {
    const started: Promise<unknown> = client.joinRoom(roomId);
    const entry = { started, invite };
    const forget = () => {
      if (map.get(roomId) === entry) map.delete(roomId);
    };
    started.then(() => setTimeout(forget, JOINED_SHARED_MS), forget);
    map.set(roomId, entry);
    shared = entry;
  }
  const own = shared;
  return withTimeout(own.started, policy).catch((e: unknown) => {
    if (e instanceof RequestTimeoutError && map.get(roomId) === own) map.delete(roomId);
    throw e;
  });
}

/** A joined room not marked as a notices room (false when the room cannot be read: the full check decides then). */
function isOrdinaryJoinedRoom(room: Room, noticesUserIds: readonly string[] | undefined): boolean {
  try {
    return room.getMyMembership() === "join" && !isMarkedNoticesRoom(room, noticesUserIds);
  } catch {
    return false;
  }
}
