/** Edits (`m.replace`) of a notice: which count, and which one shows. */
import type { MatrixEvent, Room } from "matrix-js-sdk";
import { isRedactedByServer, originalContent } from "../core/acceptedRedaction.js";
import { isRecord } from "../core/isRecord.js";
import { redactedEventId } from "../core/redactedEventId.js";
import { isPending, timelineRedactedIds } from "../core/timelineRedactions.js";
import { isUnfiledEditUnder } from "../core/unfiledRelation.js";

/** The later of two edits: by timestamp, then (as the spec breaks ties) the lexicographically larger event id. */
const isNewer = (a: MatrixEvent, b: MatrixEvent) =>
  a.getTs() > b.getTs() || (a.getTs() === b.getTs() && (a.getId() ?? "") > (b.getId() ?? ""));

/**
 * The edits the SDK has seen of `event` (its relations), the one it shows, and those it set aside for a redaction of
 * ours the homeserver has not accepted.
 */
export function knownEdits(room: Room, event: MatrixEvent): MatrixEvent[] {
  const edits: MatrixEvent[] = [];
  const id = event.getId();
  try {
    if (id)
      edits.push(
        ...(room.relations.getChildEventsForEvent(id, "m.replace", event.getType())?.getRelations() ?? []),
      );
  } catch {
    // No relations: the edit shown is all there is.
  }
  const shown = event.replacingEvent();
  if (shown && !edits.includes(shown)) edits.push(shown);
  if (id) for (const edit of editsAwaitingRedaction(room, id)) addEdit(edits, edit);
  return edits;
}

/** Rooms of clients with chronological pending events (no pending list to read). */
const chronological = new WeakSet<Room>();

/**
 * Edits of `eventId` that a redaction of ours still sending (or failed) targets. With detached pending events the SDK
 * drops such an edit from its relations at once, and restores it only when the app cancels the redaction.
 */
export function editsAwaitingRedaction(room: Room, eventId: string): MatrixEvent[] {
  if (chronological.has(room)) return [];
  let pending: MatrixEvent[];
  try {
    pending = room.getPendingEvents(); // throws unless pending events are detached
  } catch {
    chronological.add(room); // fixed for the client's life: asked once (a throw costs a stack trace)
    return [];
  }
  const edits: MatrixEvent[] = [];
  for (const redaction of pending) {
    if (redaction.getType() !== "m.room.redaction" || !isPending(redaction)) continue;
    const target = room.findEventById(redactedEventId(redaction) ?? "");
    const relation = target?.getRelation();
    if (target && relation?.rel_type === "m.replace" && relation.event_id === eventId) edits.push(target);
  }
  return edits;
}

/**
 * The edits of `event` in the room's live timeline, or that arrived since it became live (filed in no timeline, with
 * thread support on). Edits before a gap are left out: one of them may have been redacted in the gap, and nothing here
 * would say so.
 */
export function liveEdits(room: Room, event: MatrixEvent): MatrixEvent[] {
  const live = room.getLiveTimeline();
  return knownEdits(room, event).filter((e) => {
    const id = e.getId();
    return !!id && (room.getTimelineForEvent(id) === live || isUnfiledEditUnder(e, live));
  });
}

/** Adds `edit` to `edits` unless an edit with its id is there already. */
export function addEdit(edits: MatrixEvent[], edit: MatrixEvent): void {
  if (!edits.some((e) => e.getId() === edit.getId())) edits.push(edit);
}

/** An edit counts only from the original's sender, of the same type, with new content. */
export function isEditBy(edit: MatrixEvent, original: MatrixEvent): boolean {
  return (
    edit.getSender() === original.getSender() &&
    edit.getType() === original.getType() &&
    isRecord(originalContent(edit)["m.new_content"])
  );
}

/**
 * The newest edit of `edits` that counts for `event` (not redacted, by its sender, with object content), if any.
 * With `room`, an edit whose redaction is in its timeline is redacted too (a copy the server bundled is not marked
 * redacted itself, and the SDK applies a redaction of ours only with its echo).
 */
export function newestValidEdit(
  event: MatrixEvent,
  edits: readonly MatrixEvent[],
  room?: Room | null,
): MatrixEvent | undefined {
  let newest: MatrixEvent | undefined;
  const redacted = room && edits.length > 0 ? timelineRedactedIds(room) : undefined;
  for (const e of edits)
    if (
      !isRedactedByServer(e) &&
      !redacted?.has(e.getId() ?? "") &&
      isEditBy(e, event) &&
      (!newest || isNewer(e, newest))
    )
      newest = e;
  return newest;
}
