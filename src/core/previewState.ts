/**
 * State events a room held only as an invite's or a knock's preview (stripped state: written by the inviting or
 * knocked-on server, which can write anything there). Noted by the claim watch (`watchClaimedJoins`); read by every
 * reader of membership, welcomes and names.
 */
import type { MatrixEvent } from "matrix-js-sdk";

/**
 * The event objects of the preview types (and member events) a room held while the user was only invited or knocking
 * there, and the user's own joins an invite's or a knock's state claimed.
 */
export const previews = new WeakSet<MatrixEvent>();

/**
 * Whether `event` (a welcome, the room's name or alias, or a member event) is no state of the room's own: one held
 * while the user was only invited or knocking (noted by `watchClaimedJoins`), or one without what every event the
 * room's sync brings has and stripped state lacks (an event id and a timestamp).
 */
export function isPreviewState(event: MatrixEvent): boolean {
  return previews.has(event) || !event.getId() || typeof event.getTs() !== "number";
}
