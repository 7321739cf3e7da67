/** The spec's rule for host timelines: `m.server_notice` messages outside the notices room are ignored. */
import type { MatrixEvent, Room } from "matrix-js-sdk";
import { isJoinedNoticesRoom } from "./noticesRoom.js";
import { parseServerNotice } from "./parseServerNotice.js";

/**
 * Whether a timeline should hide `event`, shown in `room`: an `m.room.message` whose content is a server notice, in a
 * room other than the user's joined notices room (tagged, or MSC4279's room type from one of `noticesUserIds`), as
 * the spec requires; false for anything else, and for an event it cannot read. Never throws.
 */
export function isIgnoredServerNotice(
  event: MatrixEvent,
  room: Room | null | undefined,
  noticesUserIds?: readonly string[],
): boolean {
  try {
    const roomId = event.getRoomId();
    return (
      event.getType() === "m.room.message" &&
      !!parseServerNotice(event.getContent()) &&
      // Not in the joined notices room: also an event of another room than the one given, or with no room given.
      !(room && (!roomId || roomId === room.roomId) && isJoinedNoticesRoom(room, noticesUserIds))
    );
  } catch {
    return false;
  }
}
