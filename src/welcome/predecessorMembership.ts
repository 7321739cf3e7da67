import type { MatrixClient, Room } from "matrix-js-sdk";
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

/**
 * The user's membership, when they joined `room` at `joinTs`, of the room it upgraded, as far as the client knows:
 * `"join"` while a member there then (the old room's tombstone must name `room`: a room cannot claim to replace one
 * the user is in), `"leave"` when gone before (left, kicked or banned after being a member; a tombstone sent after
 * that is out of the user's sight); undefined when there is no predecessor, the client does not hold it, or the user
 * was never a member there before the join. Never throws.
 */
export function predecessorMembership(
  client: MatrixClient,
  room: Room,
  joinTs: number | undefined,
): "join" | "leave" | undefined {
  try {
    const id = predecessorRoomId(room);
    const old = id ? client.getRoom(id) : null;
    const state = liveState(old);
    if (!old || !state) return undefined;
    const me = state.getStateEvents("m.room.member", client.getUserId() ?? "");
    const since = me?.getTs();
    const after = typeof joinTs === "number" && typeof since === "number" && since > joinTs;
    const prev = me?.getPrevContent()?.membership;
    const membership = old.getMyMembership();
    let then: "join" | "leave" | undefined;
    if (membership === "join")
      then = after && prev !== "join" ? undefined : "join"; // joined there only later: no
    else if ((membership === "leave" || membership === "ban") && prev === "join")
      then = after ? "join" : "leave";
    if (then !== "join") return then;
    return state.getStateEvents("m.room.tombstone", "")?.getContent().replacement_room === room.roomId
      ? "join"
      : undefined;
  } catch {
    return undefined;
  }
}
