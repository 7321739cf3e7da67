/**
 * Redactions of state events that matrix-js-sdk cannot apply itself: it redacts only events it finds in a timeline, and
 * an event delivered in a sync's state section (a welcome set long before the user joined) is in none. Tracked per
 * Room and shared by every store, so a store mounted after the redaction knows too: live through
 * {@link noteStateRedaction}, and by catching up on the room's live timeline in {@link isStateRedacted}.
 */
import { EventStatus, EventTimeline, type MatrixEvent, type Room } from "matrix-js-sdk";
import { redactedEventId } from "../core/redactedEventId.js";

interface RoomRedactions {
  /** Redacted ids of current state events. */
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
 * Records `event` when it is a redaction the homeserver accepted (not a pending or failed local echo) of one of the
 * room's current state events of `types` (state key ""); true when that is new.
 */
export function noteStateRedaction(room: Room, event: MatrixEvent, types: readonly string[]): boolean {
  if (event.getType() !== "m.room.redaction") return false;
  if (event.status !== null && event.status !== EventStatus.SENT) return false;
  const target = redactedEventId(event);
  if (!target) return false;
  const state = room.getLiveTimeline().getState(EventTimeline.FORWARDS);
  if (!types.some((type) => state?.getStateEvents(type, "")?.getId() === target)) return false;
  const { ids } = redactionsOf(room);
  if (ids.has(target)) return false;
  ids.add(target);
  return true;
}

/** Whether the state event `eventId` (of one of `types`) was redacted, after catching up on the live timeline. */
export function isStateRedacted(room: Room, eventId: string, types: readonly string[]): boolean {
  const entry = redactionsOf(room);
  const timeline = room.getLiveTimeline();
  const events = timeline.getEvents();
  const from = entry.timeline === timeline ? Math.min(entry.scanned, events.length) : 0;
  for (let i = from; i < events.length; i++) {
    const event = events[i];
    if (event) noteStateRedaction(room, event, types);
  }
  entry.timeline = timeline;
  entry.scanned = events.length;
  return entry.ids.has(eventId);
}
