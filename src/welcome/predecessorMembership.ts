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
 * `"join"` while still a member there then, `"leave"` when gone before (left, kicked or banned after being a member);
 * undefined when there is no predecessor, the client does not hold it, the user was never a member, or it is no
 * real upgrade (its tombstone does not name `room` as its replacement). Never throws.
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
    if (!old || state?.getStateEvents("m.room.tombstone", "")?.getContent().replacement_room !== room.roomId)
      return undefined;
    const membership = old.getMyMembership();
    if (membership === "join") return "join";
    if (membership !== "leave" && membership !== "ban") return undefined;
    const me = state.getStateEvents("m.room.member", client.getUserId() ?? "");
    if (me?.getPrevContent()?.membership !== "join") return undefined;
    // Gone only after joining the new room: still a member when that join happened.
    return typeof joinTs === "number" && me.getTs() > joinTs ? "join" : "leave";
  } catch {
    return undefined;
  }
}
