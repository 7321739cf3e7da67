/**
 * Joins of the user's own that only an invite's or a knock's stripped state claims, and the state such previews give.
 * The inviting (or knocked-on) server wrote that state, and any server can write anything there: a homeserver may pass
 * it on whole, with a member event of the user's saying `join` after the real invite. matrix-js-sdk then counts the
 * user as joined (see {@link myCountedMembership}) until the real join's sync replaces it. Neither a welcome nor the
 * server notices room may take that for a join. matrix-js-sdk puts that state into the room's state and keeps what the
 * join's sync does not replace (a room without a welcome keeps the preview's). A join's sync brings the room's state
 * whole, and the SDK makes a new event object of each event it brings, so a real welcome comes again, as another object.
 */
import { ClientEvent, type MatrixClient, type MatrixEvent, type Room } from "matrix-js-sdk";
import { WELCOME_TYPES } from "../welcome/welcomeTypes.js";
import { getOrCreate } from "./getOrCreate.js";
import { liveState } from "./liveState.js";
import { lastOwnTimelineMember, myMembership, noteAnsweredInvite, noteHeldInvite } from "./myMembership.js";
import { isPreviewState, previews } from "./previewState.js";
import { roomOf } from "./roomOf.js";

/** The state types noted: the welcome's, and the name and alias that title it. */
const PREVIEW_TYPES: ReadonlySet<string> = new Set([
  ...WELCOME_TYPES,
  "m.room.name",
  "m.room.canonical_alias",
]);

/** The user's joins found to be no claim: in the live timeline, or waited on (see {@link joinInDoubt}). */
const weighed = new WeakSet<MatrixEvent>();

/**
 * The user's membership of `room` (see `myMembership`), but `"invite"` for a join only an invite's or a knock's state
 * claims: its member event is a preview (see {@link isPreviewState}). Never throws.
 */
export function myCountedMembership(room: Room): string {
  const membership = myMembership(room);
  const join = membership === "join" ? ownJoin(room) : undefined;
  return join && isPreviewState(join) ? "invite" : membership;
}

/**
 * The user's join in `room` while it (or the state it came with) may still prove an invite's or a knock's claim: its
 * member event came in no timeline (a sync's state section, which an invite's state also fills) and has not been
 * waited on (see {@link weighJoin}). The sync that brought it announces its events once it applied them all (an
 * invite's own member event among them, which notes the claim and its state), within the task that applied it. Never
 * throws.
 */
export function joinInDoubt(room: Room): MatrixEvent | undefined {
  const join = myMembership(room) === "join" ? ownJoin(room) : undefined;
  if (!join || weighed.has(join)) return undefined;
  if (!inLiveTimeline(room, join)) return join;
  weighed.add(join);
  return undefined;
}

/** Takes the user's join `join` as no claim from now on (the task that applied it has ended). */
export function weighJoin(join: MatrixEvent): void {
  weighed.add(join);
}

/**
 * Weighs `join` (a join in doubt) once the task applying it has ended, or once the SDK says the sync is applied (which
 * comes first under an app's fake timers; heard before any other listener of it), then calls `then`. Returns the cancel.
 */
export function weighJoinSoon(client: MatrixClient, join: MatrixEvent, then: () => void): () => void {
  const cancel = () => {
    clearTimeout(timer);
    client.off(ClientEvent.Sync, weighed);
  };
  const weighed = () => {
    cancel();
    weighJoin(join);
    then();
  };
  const timer = setTimeout(weighed, 0);
  // First among the sync's listeners: an app's own, added earlier, then reads a store's answer already settled (a
  // client without `prependListener`, an app's test double, adds it last).
  if (typeof client.prependListener === "function") client.prependListener(ClientEvent.Sync, weighed);
  else client.on(ClientEvent.Sync, weighed);
  return cancel;
}

/**
 * Takes the user's join in `room`, if in doubt, as no claim now: for a store that starts listening after it was
 * applied (no sync is applying it, and a claim nobody heard cannot be heard any more).
 */
export function weighJoinNow(room: Room | null | undefined): void {
  const doubt = room ? joinInDoubt(room) : undefined;
  if (doubt) weighJoin(doubt);
}

/** A store's one wait for the user's join in doubt in its room (see {@link joinInDoubt}, {@link weighJoinSoon}). */
export class JoinDoubt {
  #cancel: (() => void) | undefined;

  /** Whether a wait is on. */
  get waiting(): boolean {
    return this.#cancel !== undefined;
  }

  /**
   * Whether the user's join in `room` is in doubt: then `then` is called once it is weighed (one wait at a time);
   * else a wait still on ends.
   */
  holds(client: MatrixClient, room: Room | null | undefined, then: () => void): boolean {
    const doubt = room ? joinInDoubt(room) : undefined;
    if (!doubt) {
      this.stop();
      return false;
    }
    this.#cancel ??= weighJoinSoon(client, doubt, () => {
      this.#cancel = undefined;
      then();
    });
    return true;
  }

  /** Ends the wait, if one is on. */
  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }
}

/** The user's member event in `room`'s state when it says "join". */
function ownJoin(room: Room): MatrixEvent | undefined {
  try {
    const member = liveState(room)?.getStateEvents("m.room.member", room.myUserId);
    return member?.getContent().membership === "join" ? member : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `join` is the user's last member event in `room`'s live timeline (by id, and saying "join": a sync's
 * `state_after` holds a copy of it), where no invite's or knock's state ever goes.
 */
function inLiveTimeline(room: Room, join: MatrixEvent): boolean {
  const id = join.getId();
  const last = lastOwnTimelineMember(room);
  return !!id && last?.getId() === id && last.getContent().membership === "join";
}

/**
 * Notes the user's join in `room` as a claim when the sync announces their own invite or knock `event` while the
 * room's state holds a join of theirs that came in no timeline: a real join that follows an invite in one sync is in
 * its timeline. Then that state's welcome, name, alias and members are previews too. For a join `event`, notes the
 * invite it answered (see `noteAnsweredInvite`).
 */
function notePreviewJoin(room: Room, event: MatrixEvent): void {
  const membership = event.getContent().membership;
  // The join itself, heard as the sync applies it: the invite it answered is remembered (see `myMembership`).
  if (membership === "join") noteAnsweredInvite(room, event);
  if (membership !== "invite" && membership !== "knock") return;
  const join = ownJoin(room);
  if (!join || inLiveTimeline(room, join)) return;
  previews.add(join);
  notePreviewWelcomes(room);
}

/** Whether the user's join in `room` (which the SDK counts them joined in) is only an invite's or a knock's claim. */
function claimedJoin(room: Room): boolean {
  const join = ownJoin(room);
  return !!join && isPreviewState(join);
}

/** Whether the user is only invited to, or knocking on, `room`. */
function invitedOrKnocking(room: Room): boolean {
  const membership = myCountedMembership(room);
  return membership === "invite" || membership === "knock";
}

/** Notes the welcome events `room` holds now as previews when the user is only invited or knocking there. */
function notePreviewWelcomes(room: Room): void {
  if (!invitedOrKnocking(room)) return;
  const state = liveState(room);
  for (const type of PREVIEW_TYPES) {
    const event = state?.getStateEvents(type, "");
    if (event) previews.add(event);
  }
  for (const member of state?.getStateEvents("m.room.member") ?? []) previews.add(member);
}

/**
 * Per client, how many stores watch for previews (and how many of them asked for the rooms to be scanned), and the
 * listener they share.
 */
const watchers = new WeakMap<
  MatrixClient,
  { count: number; scans: number; listener: (event: MatrixEvent) => void }
>();

/**
 * Notes what invites' and knocks' state gives (welcomes, names, members, a claimed join of the user's) while called:
 * every welcome hook does (`watchPreviewWelcomes` is the public name), and the notices room's store while a join is in
 * doubt (see {@link joinInDoubt}) with `scan` false: the rooms held now are then not looked through (a sync is being
 * applied: what it brings is heard). Call it before `startClient` so that a reload's saved sync is heard too. Returns
 * the release.
 * Those held now and those later syncs bring are noted (the SDK announces an invite's or a knock's state once it
 * applied it, with the user's membership set; the state a join brings is announced once the join is applied, so it is
 * never taken for one). Stores mounted only after the join know the preview as well as those mounted before.
 */
export function watchClaimedJoins(client: MatrixClient, scan = true): () => void {
  const entry = getOrCreate(watchers, client, () => ({
    count: 0,
    scans: 0,
    listener: (event: MatrixEvent) => {
      const type = event.getType();
      // Member events (whose names the dialog's sender line shows) come for every member of every room a sync brings:
      // the SDK's own answer, a field read, decides those.
      if (type === "m.room.member") {
        const room = roomOf(client, event.getRoomId());
        const mine = room?.getMyMembership();
        if (mine === "invite" || mine === "knock") {
          previews.add(event);
          // The user's own invite: a join and a profile change a gap hides may answer it (see `myMembership`).
          if (mine === "invite" && room && event.getStateKey() === room.myUserId) noteHeldInvite(room, event);
        } else if (room && event.getStateKey() === room.myUserId)
          // The user's own invite or knock, though the SDK counts them joined: their state may claim the join. A leave
          // or a ban: the invite the last join answered is forgotten (see `myMembership`).
          mine === "join" ? notePreviewJoin(room, event) : myMembership(room);
        return;
      }
      if (!PREVIEW_TYPES.has(type)) return;
      const room = roomOf(client, event.getRoomId());
      // In a room the SDK counts joined (most rooms a sync brings), only a claimed join makes its state a preview: the
      // user's membership is not read again for it (its readers, and the user's own member events above, note it).
      if (room && (room.getMyMembership() === "join" ? claimedJoin(room) : invitedOrKnocking(room)))
        previews.add(event);
    },
  }));
  if (entry.count++ === 0) client.on(ClientEvent.Event, entry.listener);
  // A room with no timeline events holds only what its invite or knock gave; one that has some (the user was in it
  // before) may hold the room's own welcome from then, which stays readable. Reading each room's membership also
  // remembers the invite a join answered in rooms no reader has asked about yet (see `myMembership`), so a gappy sync
  // that re-sends it later still reads as the join.
  if (scan && entry.scans++ === 0)
    for (const room of client.getRooms()) {
      myMembership(room);
      if (room.getLiveTimeline().getEvents().length === 0) notePreviewWelcomes(room);
    }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (scan) entry.scans--;
    if (--entry.count === 0) client.off(ClientEvent.Event, entry.listener);
  };
}
