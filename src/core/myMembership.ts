/** The user's membership of a room, not fooled by an invite their own join already answered. */
import type { Room } from "matrix-js-sdk";
import { liveState } from "./liveState.js";

/**
 * The user's membership (`room.getMyMembership()`), but `"join"` for an invite the user's own join already answered:
 * Synapse without MSC4222 (experimental, off by default) can answer a sync whose timeline forked from the join with a
 * `state` block holding the replaced invite, and matrix-js-sdk applies it. The tell: the user's last membership event
 * in the live timeline is a join that replaced (`unsigned.replaces_state`) that very invite. Never throws.
 */
export function myMembership(room: Room): string {
  try {
    const membership = room.getMyMembership();
    const invite =
      membership === "invite" && liveState(room)?.getStateEvents("m.room.member", room.myUserId)?.getId();
    if (!invite) return membership;
    const events = room.getLiveTimeline().getEvents();
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i]!;
      if (event.getType() !== "m.room.member" || event.getStateKey() !== room.myUserId) continue;
      const answered =
        event.getContent().membership === "join" && event.getUnsigned().replaces_state === invite;
      return answered ? "join" : membership;
    }
    return membership;
  } catch {
    return room.getMyMembership();
  }
}
