import type { MatrixClient, Room } from "matrix-js-sdk";
import { liveState } from "../core/liveState.js";

/**
 * The user's membership in the room this one replaced (a room upgrade: `m.room.create`'s `predecessor`, or MSC3946's
 * `m.room.predecessor`), as far as the client knows it: `"join"` while still a member there, `"leave"` once gone after
 * being a member (left, kicked or banned); undefined when there is no predecessor, the client does not know it, or
 * the user was never a member of it. Never throws.
 */
export function predecessorMembership(client: MatrixClient, room: Room): "join" | "leave" | undefined {
  try {
    const predecessor = room.findPredecessor(true);
    if (!predecessor || typeof predecessor.roomId !== "string" || predecessor.roomId === room.roomId)
      return undefined;
    const old = client.getRoom(predecessor.roomId);
    if (!old) return undefined;
    const membership = old.getMyMembership();
    if (membership === "join") return "join";
    if (membership !== "leave" && membership !== "ban") return undefined;
    const me = liveState(old)?.getStateEvents("m.room.member", client.getUserId() ?? "");
    return me?.getPrevContent()?.membership === "join" ? "leave" : undefined;
  } catch {
    return undefined;
  }
}
