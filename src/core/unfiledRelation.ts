import { ClientEvent, type MatrixClient, type MatrixEvent, type Room } from "matrix-js-sdk";
import { noteRedaction } from "./timelineRedactions.js";

/**
 * Whether `event` is a redaction or an edit in `room` that matrix-js-sdk filed in none of its timelines: with thread
 * support on (Element Web's default) it files one whose target it holds in no timeline (a fetched pinned notice, an
 * event known only from a sync's state section) nowhere, and fires no timeline event for it; the client's `Event`
 * event still tells.
 */
export function isUnfiledRelation(event: MatrixEvent, room: Room | null): room is Room {
  if (!room || event.getRoomId() !== room.roomId) return false;
  if (event.getType() !== "m.room.redaction" && !event.isRelation("m.replace")) return false;
  const id = event.getId();
  return !id || !room.findEventById(id);
}

/** Clients whose unfiled redactions are recorded (see {@link recordUnfiledRedactions}). */
const recording = new WeakMap<MatrixClient, (event: MatrixEvent) => void>();

/**
 * With thread support on, records the client's unfiled redactions from now on, also while no store is mounted, so that
 * one mounted later knows of them (the SDK keeps them nowhere). One listener per client, kept for its life; none
 * without thread support, where the SDK files them.
 */
export function recordUnfiledRedactions(client: MatrixClient): void {
  if (!client.supportsThreads()) return;
  const recorder = recording.get(client);
  // Still attached (an app may have removed every listener from its client: then a new one is needed).
  if (recorder && client.listeners(ClientEvent.Event).includes(recorder)) return;
  const record = (event: MatrixEvent) => {
    if (event.getType() !== "m.room.redaction") return;
    const room = client.getRoom(event.getRoomId());
    if (isUnfiledRelation(event, room)) noteRedaction(room, event);
  };
  recording.set(client, record);
  client.on(ClientEvent.Event, record);
}
