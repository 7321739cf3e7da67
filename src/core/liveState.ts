import { EventTimeline, type Room, type RoomState } from "matrix-js-sdk";

/** The room's current state (at the end of its live timeline), if any. */
export function liveState(room: Room | null | undefined): RoomState | undefined {
  return room?.getLiveTimeline().getState(EventTimeline.FORWARDS);
}
