/** The user's membership of a room, not fooled by an invite their own join already answered. */
import { EventTimeline, type MatrixEvent, type Room } from "matrix-js-sdk";
import { liveState } from "./liveState.js";
import { isPreviewState } from "./previewState.js";

/**
 * Per room, the invite the user's latest join replaced (its `unsigned.replaces_state`), as seen while joined, and that
 * join: taken only from the room's current member event of the user's or a join in its live timeline, and not trusted
 * once that join is known as a preview (an invite's or a knock's stripped state may make one up).
 */
const answeredInvites = new WeakMap<Room, AnsweredInvite>();

/**
 * An answered invite's record, taken on the live `timeline`: `anchored` when that timeline held `join`, or (a join in
 * state only) had synced with no member event of the user's in it (a real join is newer than every one there).
 */
interface AnsweredInvite {
  invite: string;
  join: MatrixEvent;
  anchored: boolean;
  timeline: EventTimeline;
  /** The last profile change heard naming `join` (or the one before it in that run). */
  renamed?: string | undefined;
  /** The record before it, kept beside it when a join whose `prev_content` was pruned named an event out of sight. */
  earlier?: AnsweredInvite | undefined;
}

/** Per room, the user's invite (its event id) last read as the room's member event of the user's, while invited. */
const heldInvites = new WeakMap<Room, string>();

/** Notes `invite` when it is the user's current member event in `room`, an invite (see `heldInvites`). */
export function noteHeldInvite(room: Room, invite: MatrixEvent): void {
  const id = invite.getId();
  if (id && invite.getContent().membership === "invite" && ownMember(room) === invite)
    heldInvites.set(room, id);
}

/** The user's member event in `room`'s current state. */
const ownMember = (room: Room) => liveState(room)?.getStateEvents("m.room.member", room.myUserId);

/** The user's member events (profile changes) whose room's live timeline was searched for the join they followed. */
const searched = new WeakSet<MatrixEvent>();

/**
 * Remembers the invite that `join` (the user's join in `room`) answered, as {@link myMembership} does when asked while
 * the room is joined, and the claim watch as it hears each join (for rooms no reader asks about before a gappy sync
 * re-sends that invite): only for the room's current member event of the user's or a join in its live timeline (see
 * `answeredInvites`); a profile change's join answers nothing new.
 */
export function noteAnsweredInvite(room: Room, join: MatrixEvent | null | undefined): void {
  const prev = join?.getPrevContent().membership;
  if (join?.getContent().membership !== "join") return;
  const known = answeredInvites.get(room);
  // An unanchored record's last rename heard again (a reader asking, or a sync's state copy): nothing new.
  if (known && !known.anchored && known.renamed !== undefined && join.getId() === known.renamed) return;
  if (prev === "join") {
    // A profile change, the room last read as an invite and the join it follows unseen (a gap held both, another
    // device joined): that join answered the invite held (a later invite would have been read too, or a leave).
    const held = heldInvites.get(room);
    // A record of another invite is of an earlier run (the user read as invited since: a leave this kit did not hear,
    // or an older invite's echo): kept beside the new one.
    if (held !== undefined && known?.invite !== held && !isPreviewState(join) && ownMember(room) === join) {
      heldInvites.delete(room);
      const timeline = room.getLiveTimeline();
      const events = timeline.getEvents();
      const synced = events.length > 0 || timeline.getPaginationToken(EventTimeline.BACKWARDS) !== null;
      const anchored = synced && (events.includes(join) || !lastOwnTimelineMember(room));
      // Only a record that may stand (anchored, its join no preview): a made-up join's id is whatever its inviter chose.
      const earlier =
        known?.anchored && !isPreviewState(known.join) ? { ...known, earlier: undefined } : undefined;
      answeredInvites.set(room, { invite: held, join, anchored, timeline, earlier });
      return;
    }
    // A profile change in the live timeline naming an unanchored record's join (its homeserver set `replaces_state`)
    // anchors it; one naming neither that join nor a rename of it shows another join was the user's last: it goes.
    if (known && !known.anchored && !isPreviewState(join)) {
      const named = join.getUnsigned().replaces_state;
      if (named !== known.join.getId() && (named === undefined || named !== known.renamed))
        answeredInvites.delete(room);
      else {
        known.renamed = join.getId();
        if (
          named === known.join.getId() &&
          !isPreviewState(known.join) &&
          room.getLiveTimeline().getEvents().includes(join)
        )
          known.anchored = true;
      }
    }
    return;
  }
  const replaced = join.getUnsigned().replaces_state;
  if (typeof replaced !== "string") return;
  const timeline = room.getLiveTimeline();
  const events = timeline.getEvents();
  // A joined room's sync always gives a pagination token (also with a timeline limit of 0); an invite's state never.
  const synced = events.length > 0 || timeline.getPaginationToken(EventTimeline.BACKWARDS) !== null;
  if (known?.join === join) {
    known.anchored ||= synced && (events.includes(join) || !lastOwnTimelineMember(room));
    return;
  }
  let anchored: boolean;
  if (events.includes(join)) anchored = true;
  // Only in state: a real one is newer than every member event of the user's the live timeline holds (none there).
  else if (ownMember(room) === join) anchored = synced && !lastOwnTimelineMember(room);
  // A gappy sync's state holding the join, its timeline only profile changes after it, the first naming that join.
  else if (startStateJoin(room) === join) anchored = true;
  else return;
  // A redacted profile change opening the live timeline, naming an unanchored record's join in that timeline's start state.
  if (prev === undefined && known && !known.anchored && startStateJoin(room) === known.join) {
    known.anchored = true;
    return;
  }
  let earlier: AnsweredInvite | undefined;
  // A join whose `prev_content` is gone (pruned by a redaction) may be a profile change, whose `replaces_state` names
  // the join before it: then it answers nothing new; where that event is out of sight, the record so far stays too.
  // Only a record that may stand (anchored, its join no preview): a made-up join's id is whatever its inviter chose.
  if (prev === undefined && known?.anchored && !isPreviewState(known.join)) {
    const named = namedMembership(room, replaced, known);
    if (named === "join") return;
    if (named === undefined) earlier = { ...known, earlier: undefined };
  }
  answeredInvites.set(room, { invite: replaced, join, anchored, timeline, earlier });
}

/**
 * Whether a record may stand for the user's membership: its join no preview, and anchored, or the live timeline
 * replaced since by one that holds events (an invite's or a knock's stripped state never brings any; the gappy sync
 * that re-sends the invite, once applied, does).
 */
function trusted(room: Room, { join, anchored, timeline }: AnsweredInvite): boolean {
  const live = room.getLiveTimeline();
  return !isPreviewState(join) && (anchored || (live !== timeline && live.getEvents().length > 0));
}

/**
 * The user's membership (`room.getMyMembership()`), but `"join"` for an invite the user's own join already answered:
 * Synapse without MSC4222 (experimental, off by default) can answer a sync whose timeline forked from the join with a
 * `state` block holding the replaced invite, and matrix-js-sdk applies it. The tell: the join that replaced
 * (`unsigned.replaces_state`) that very invite, read while the room was joined, or the user's last membership event in
 * the live timeline (also after a gappy sync replaced that timeline, once read). Never throws.
 */
export function myMembership(room: Room): string {
  try {
    const membership = room.getMyMembership();
    const member = ownMember(room);
    // A leave or a ban ends the run of joins the record belongs to: an invite after it is new, or an old one's echo.
    if (membership === "leave" || membership === "ban") {
      answeredInvites.delete(room);
      heldInvites.delete(room);
    }
    if (membership === "invite" && member) noteHeldInvite(room, member);
    if (membership === "join") {
      noteAnsweredInvite(room, member);
      // A profile change since (it answered nothing new), or a member event whose `prev_content` a redaction pruned:
      // the join it followed may be in the live timeline, looked for once per such event.
      const prev = member?.getPrevContent().membership;
      if (member && (prev === "join" || prev === undefined) && !searched.has(member)) {
        searched.add(member);
        noteAnsweredInvite(room, timelineJoinStart(room));
      }
    }
    const invite = membership === "invite" && member?.getId();
    if (!invite) return membership;
    const known = answeredInvites.get(room);
    if (known && [known, known.earlier].some((r) => r?.invite === invite && trusted(room, r))) return "join";
    const start = timelineJoinStart(room);
    if (start?.getUnsigned().replaces_state !== invite) return membership;
    answeredInvites.set(room, { invite, join: start, anchored: true, timeline: room.getLiveTimeline() });
    return "join";
  } catch {
    // A room in an unexpected shape: not one the user can be counted in.
    return "leave";
  }
}

/** The user's last member event in `room`'s live timeline (where no invite's or knock's state goes), if any. */
export function lastOwnTimelineMember(room: Room): MatrixEvent | undefined {
  const events = room.getLiveTimeline().getEvents();
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.getType() === "m.room.member" && event.getStateKey() === room.myUserId) return event;
  }
  return undefined;
}

/**
 * The join in `room`'s live timeline that the user's current run of joins (then profile changes) began with, when the
 * user's last member event there is a join. A join whose `prev_content` is gone (pruned by a redaction) is told by the
 * user's member event before it in that timeline, which has no gaps; the timeline's first one is taken as the start.
 */
function timelineJoinStart(room: Room): MatrixEvent | undefined {
  const events = room.getLiveTimeline().getEvents();
  let start: MatrixEvent | undefined;
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.getType() !== "m.room.member" || event.getStateKey() !== room.myUserId) continue;
    if (event.getContent().membership !== "join") return start;
    const prev = event.getPrevContent().membership;
    if (prev !== undefined && prev !== "join") return event;
    start = prev === undefined ? event : undefined;
  }
  const stateJoin = startStateJoin(room);
  return start && start.getUnsigned().replaces_state !== stateJoin?.getId() ? start : (stateJoin ?? start);
}

/**
 * The user's join in the state `room`'s live timeline started from (a gappy sync's `state`), when every member event
 * of the user's in that timeline is a profile change and the first names that join (`replaces_state`, which the
 * user's homeserver sets).
 */
function startStateJoin(room: Room): MatrixEvent | undefined {
  const timeline = room.getLiveTimeline();
  const own = timeline
    .getEvents()
    .filter((e) => e.getType() === "m.room.member" && e.getStateKey() === room.myUserId);
  const first = own[0];
  if (
    !first ||
    own.some(
      (e) => e.getContent().membership !== "join" || (e.getPrevContent().membership ?? "join") !== "join",
    )
  )
    return undefined;
  const join = timeline.getState(EventTimeline.BACKWARDS)?.getStateEvents("m.room.member", room.myUserId);
  if (!join || isPreviewState(join) || join.getContent().membership !== "join") return undefined;
  if (join.getPrevContent().membership === "join" || join.getId() !== first.getUnsigned().replaces_state)
    return undefined;
  return join;
}

/**
 * The membership of the event `id` names (a pruned join's `replaces_state`): "join" for the record's join (or the one
 * it keeps), that of a member event of the user's in the live timeline, "" for another event there, else undefined.
 */
function namedMembership(room: Room, id: string, known: AnsweredInvite): string | undefined {
  if (known.join.getId() === id || known.earlier?.join.getId() === id) return "join";
  const named = room
    .getLiveTimeline()
    .getEvents()
    .find((e) => e.getId() === id);
  if (!named) return undefined;
  return named.getType() === "m.room.member" && named.getStateKey() === room.myUserId
    ? String(named.getContent().membership)
    : "";
}
