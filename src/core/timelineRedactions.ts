/**
 * Redactions that matrix-js-sdk cannot apply itself: it redacts only events it finds in a timeline, so neither an
 * event delivered in a sync's state section (a welcome set long before the user joined) nor one the kit fetched (a
 * pinned notice) is ever redacted by it. Per Room, shared by every store (so one mounted after the redaction knows
 * too): live through {@link noteRedaction}, and by catching up on the room's timelines in {@link isRedactedInTimeline}.
 */
import {
  EventStatus,
  type EventTimeline,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  RoomEvent,
} from "matrix-js-sdk";
import { getOrCreate } from "./getOrCreate.js";
import { liveState } from "./liveState.js";
import { redactedEventId } from "./redactedEventId.js";

interface RoomRedactions {
  /** Ids redacted by redactions the homeserver accepted. */
  readonly ids: Set<string>;
  /** Redactions seen while still local echoes, checked again on each catch-up until sent or gone. */
  readonly pending: Set<MatrixEvent>;
  /** Each timeline scanned so far, with its first and last events at that time. */
  scanned: WeakMap<EventTimeline, { first: MatrixEvent | undefined; last: MatrixEvent | undefined }>;
  /** Whether the room has been a notices room this session (all its redactions are kept from then on). */
  notices?: boolean;
}

const byRoom = new WeakMap<Room, RoomRedactions>();

function redactionsOf(room: Room): RoomRedactions {
  return getOrCreate(byRoom, room, () => ({ ids: new Set(), pending: new Set(), scanned: new WeakMap() }));
}

/** How many of the room's redaction echoes are kept, waiting to be sent (internal: for tests). */
export function keptRedactionEchoes(room: Room): number {
  return byRoom.get(room)?.pending.size ?? 0;
}

/** A local echo the homeserver has not accepted yet (perhaps failed or cancelled later). */
export function isPending(event: MatrixEvent): boolean {
  return event.status !== null && event.status !== EventStatus.SENT;
}

/**
 * Records `event` when it is a redaction the homeserver accepted (not a pending or failed local echo) that may matter
 * (see `mayMatterLater`); returns the id it redacts, or undefined, whether recorded or not.
 */
export function noteRedaction(room: Room, event: MatrixEvent): string | undefined {
  if (event.getType() !== "m.room.redaction") return undefined;
  const target = redactedEventId(event);
  // An echo is kept until sent or cancelled (its status change comes here too), and only if it may matter: a
  // moderator clearing spam would otherwise grow the record by one event per redaction for the room's life.
  if (isPending(event)) {
    if (event.status === EventStatus.CANCELLED) byRoom.get(room)?.pending.delete(event);
    else if (target && mayMatterLater(room, target)) redactionsOf(room).pending.add(event);
    return undefined;
  }
  byRoom.get(room)?.pending.delete(event);
  if (target && mayMatterLater(room, target)) redactionsOf(room).ids.add(target);
  return target;
}

/**
 * Whether a redaction of `target` in `room` may matter to a store (now, or mounted later): of the room's welcome or
 * pins (the SDK never redacts state events delivered in a sync's state section), of a pinned event, or anything in a
 * room that has been a notices room this session (its fetched notices and their edits, also while it is untagged for a
 * while). Others are not kept: a moderation wave in a busy room would grow the record for the session.
 */
function mayMatterLater(room: Room, target: string): boolean {
  const state = liveState(room);
  const pinned: unknown = state?.getStateEvents("m.room.pinned_events", "")?.getContent().pinned;
  return (
    wasNoticesRoom(room) ||
    ["m.room.welcome", "org.matrix.msc3857.welcome", "m.room.pinned_events"].some(
      (type) => state?.getStateEvents(type, "")?.getId() === target,
    ) ||
    (Array.isArray(pinned) && pinned.includes(target))
  );
}

/**
 * Whether the room has been tagged as, or created as, a notices room this session. The first time it is found to be
 * one (tagged after its redactions were read), its timelines are read again, whole.
 */
function wasNoticesRoom(room: Room): boolean {
  const entry = redactionsOf(room);
  if (
    !entry.notices &&
    (Object.hasOwn(room.tags ?? {}, "m.server_notice") ||
      liveState(room)?.getStateEvents("m.room.create", "")?.getContent().type === "m.server_notice")
  ) {
    entry.notices = true;
    entry.scanned = new WeakMap();
  }
  return !!entry.notices;
}

/** Notes redactions among `events[from..to)`. */
function scan(room: Room, events: MatrixEvent[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const event = events[i];
    if (event) noteRedaction(room, event);
  }
}

/**
 * Whether a redaction of `eventId` is in the room's live timeline, or an older one it still keeps (catching up on
 * what arrived since last asked); only redactions that may matter are kept (see `mayMatterLater`).
 */
export function isRedactedInTimeline(room: Room, eventId: string): boolean {
  return timelineRedactedIds(room).has(eventId);
}

/**
 * The ids redacted in the room's timelines, caught up on what arrived since last asked (live: read it at once, and
 * ask again later). For checking many ids at one moment, one catch-up for all.
 */
export function timelineRedactedIds(room: Room): ReadonlySet<string> {
  const entry = redactionsOf(room);
  wasNoticesRoom(room);
  // A failed echo may be resent (and then accepted in place, with no new timeline event): only a cancelled one goes.
  for (const echo of [...entry.pending]) {
    if (echo.status === EventStatus.CANCELLED) entry.pending.delete(echo);
    else if (!isPending(echo)) {
      entry.pending.delete(echo);
      noteRedaction(room, echo);
    }
  }
  // The live timeline, and with timeline support the older ones a gappy sync kept (a redaction may sit there).
  const live = room.getLiveTimeline();
  const timelines = room.getUnfilteredTimelineSet().getTimelines();
  for (const timeline of timelines.includes(live) ? timelines : [...timelines, live]) {
    const events = timeline.getEvents();
    const seen = entry.scanned.get(timeline);
    // Back-pagination prepends: scan only the new prefix, then what arrived at the end.
    const prefix = seen?.first && seen.last ? events.indexOf(seen.first) : -1;
    if (prefix < 0 || !seen?.last) scan(room, events, 0, events.length);
    else {
      scan(room, events, 0, prefix);
      scan(room, events, events.lastIndexOf(seen.last) + 1, events.length);
    }
    entry.scanned.set(timeline, { first: events[0], last: events[events.length - 1] });
  }
  return entry.ids;
}

/** Per client, how many stores hear redactions in every room, and the listener they share. */
const watchers = new WeakMap<
  MatrixClient,
  { count: number; listener: (event: MatrixEvent, room?: Room) => void }
>();

/**
 * While any store wants it, notes the redactions the client's sync brings in every room, not only the one a store
 * watches: without timeline support a gappy sync there drops the timeline that held one before any store scans it (a
 * welcome redacted in another room, then that room's gap, then the user opens it). Returns the release.
 */
export function hearRedactionsEverywhere(client: MatrixClient): () => void {
  const entry = getOrCreate(watchers, client, () => ({
    count: 0,
    listener: (event: MatrixEvent, room?: Room) => {
      if (room && event.getType() === "m.room.redaction" && !isPending(event)) noteRedaction(room, event);
    },
  }));
  if (entry.count++ === 0) client.on(RoomEvent.Timeline, entry.listener);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--entry.count === 0) client.off(RoomEvent.Timeline, entry.listener);
  };
}
