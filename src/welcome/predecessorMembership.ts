import { EventTimeline, type MatrixClient, type MatrixEvent, type Room } from "matrix-js-sdk";
import { liveState } from "../core/liveState.js";

/** The id of the room this one replaced (`m.room.create`'s `predecessor`, or MSC3946's `m.room.predecessor`); never throws. */
export function predecessorRoomId(room: Room): string | undefined {
  try {
    const id = room.findPredecessor(true)?.roomId;
    return typeof id === "string" && id !== room.roomId ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The user's member events the client holds for `room` (the state its timeline starts from, the timeline, the current state), by time. */
function memberEvents(room: Room, userId: string): MatrixEvent[] {
  const timeline = room.getLiveTimeline();
  const found = [
    timeline.getState(EventTimeline.BACKWARDS)?.getStateEvents("m.room.member", userId),
    ...timeline.getEvents().filter((e) => e.getType() === "m.room.member" && e.getStateKey() === userId),
    liveState(room)?.getStateEvents("m.room.member", userId),
  ].filter((e): e is MatrixEvent => !!e);
  return [...new Set(found)].sort((a, b) => a.getTs() - b.getTs());
}

/**
 * The user's membership in `room` at `ts` as far as its member events tell (undefined: none, or out of sight). One
 * stamped the same millisecond counts as after (leaving the old room as the upgrade's join lands).
 */
function membershipAt(
  events: readonly MatrixEvent[],
  ts: number,
): { membership?: string | undefined; prev?: string | undefined } {
  let at: MatrixEvent | undefined;
  for (const e of events) if (e.getTs() < ts) at = e;
  if (at) return { membership: at.getContent().membership, prev: at.getPrevContent()?.membership };
  // Everything known came later: what the earliest of it changed from.
  return { membership: events[0]?.getPrevContent()?.membership };
}

/**
 * The user's membership, when they joined room `roomId` at `joinTs`, of `old`, the room it upgraded (see
 * {@link predecessorRoomId}), as far as the client knows:
 * `"join"` while a member there then (the old room's tombstone must name `roomId`: a room cannot claim to replace one
 * the user is in), `"leave"` when gone by then after being a member (left, kicked or banned; a tombstone sent after
 * that is out of the user's sight); undefined when there is no old room (none, or the client does not hold it), or the user
 * was not a member there before that join. Never throws.
 */
export function predecessorMembership(
  client: MatrixClient,
  old: Room | null,
  roomId: string,
  joinTs: number | undefined,
): "join" | "leave" | undefined {
  try {
    const state = liveState(old);
    if (!old || !state) return undefined;
    const events = memberEvents(old, client.getUserId() ?? "");
    const { membership, prev } =
      typeof joinTs === "number" ? membershipAt(events, joinTs) : { membership: old.getMyMembership() };
    const before = typeof joinTs === "number" ? events.filter((e) => e.getTs() < joinTs) : events;
    const was = (e: MatrixEvent, ...states: string[]) =>
      states.includes(e.getPrevContent()?.membership ?? "");
    const gone = (e: MatrixEvent) => ["leave", "ban"].includes(e.getContent().membership ?? "");
    if (membership === "join")
      return state.getStateEvents("m.room.tombstone", "")?.getContent().replacement_room === roomId
        ? "join"
        : undefined;
    if (membership !== "ban" && membership !== "leave") return undefined;
    // Gone after being there: a join held, or a change from one (left, kicked or banned; also invited back and
    // declining since). With none held, a leave or ban from an earlier leave or ban still counts, unless what the
    // client holds shows that one was a refusal; one from an invite or a knock, or from nothing (banned in advance), is
    // no membership.
    if (before.some((e) => e.getContent().membership === "join" || was(e, "join"))) return "leave";
    if ((prev === "leave" || prev === "ban") && !before.some((e) => gone(e) && was(e, "invite", "knock")))
      return "leave";
    return undefined;
  } catch {
    return undefined;
  }
}
