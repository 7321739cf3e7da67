/**
 * Redactions that matrix-js-sdk cannot apply itself: it redacts only events it finds in a timeline, so neither an
 * event delivered in a sync's state section (a welcome set long before the user joined) nor one the kit fetched (a
 * pinned notice) is ever redacted by it. Per Room, shared by every store (so one mounted after the redaction knows
 * too): live through {@link noteRedaction}, and by catching up on the room's live timeline in
 * {@link isRedactedInTimeline}.
 */
import { EventStatus, type EventTimeline, type MatrixEvent, type Room } from "matrix-js-sdk";
import { redactedEventId } from "./redactedEventId.js";

interface RoomRedactions {
  /** Ids redacted by redactions the homeserver accepted. */
  readonly ids: Set<string>;
  /** The live timeline scanned so far, and how many of its events. */
  timeline: EventTimeline | null;
  scanned: number;
}

const byRoom = new WeakMap<Room, RoomRedactions>();

function redactionsOf(room: Room): RoomRedactions {
  let entry = byRoom.get(room);
  if (!entry) {
    entry = { ids: new Set(), timeline: null, scanned: 0 };
    byRoom.set(room, entry);
  }
  return entry;
}

/**
 * Records `event` when it is a redaction the homeserver accepted (not a pending or failed local echo); returns the id
 * it redacts, or undefined.
 */
export function noteRedaction(room: Room, event: MatrixEvent): string | undefined {
  if (event.getType() !== "m.room.redaction") return undefined;
  if (event.status !== null && event.status !== EventStatus.SENT) return undefined;
  const target = redactedEventId(event);
  if (target) redactionsOf(room).ids.add(target);
  return target;
}

/** Whether a redaction of `eventId` is in the room's live timeline (catching up on what arrived since last asked). */
export function isRedactedInTimeline(room: Room, eventId: string): boolean {
  const entry = redactionsOf(room);
  const timeline = room.getLiveTimeline();
  const events = timeline.getEvents();
  const from = entry.timeline === timeline ? Math.min(entry.scanned, events.length) : 0;
  for (let i = from; i < events.length; i++) {
    const event = events[i];
    if (event) noteRedaction(room, event);
  }
  entry.timeline = timeline;
  entry.scanned = events.length;
  return entry.ids.has(eventId);
}
