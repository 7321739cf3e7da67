import type { Room } from "matrix-js-sdk";
import { liveState } from "../core/liveState.js";
import { hasVisibleText } from "../core/visibleText.js";
import { isPreviewState } from "./previewWelcomes.js";

/**
 * Embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069): a name holding one unmatched could turn the
 * sentence around it, or end the isolate the kit puts it in. They show nothing, so nothing visible is lost.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** `text` without bidi controls and blanks at its ends, for a line of the kit's own (a name, a Matrix ID). */
export const withoutBidiControls = (text: string): string => text.replace(BIDI_CONTROLS, "").trim();

/** The Matrix ID to show for `userId` (without bidi controls), or "" when nothing of it would show. */
export function shownUserId(userId: unknown): string {
  // (A hostile server's event may carry a sender that is no string.)
  const id = typeof userId === "string" ? withoutBidiControls(userId) : "";
  return hasVisibleText(id) ? id : "";
}

/**
 * The display name to show beside `userId`'s Matrix ID: their member's name in the room's current state (the SDK's,
 * without the " (@id)" it adds to tell two alike apart: the ID is shown anyway), or "" when there is none to show
 * (no member, a blank or invisible name, the ID itself, or a name from an invite's preview). Never throws.
 */
export function senderName(room: Room | null, userId: string): string {
  let raw: unknown;
  try {
    const member = liveState(room)?.getMember(userId);
    // A name an invite's or a knock's stripped state gave (the inviting server wrote it) names nobody: the ID shows.
    const event = member?.events.member;
    if (event && isPreviewState(event)) return "";
    raw = member?.rawDisplayName;
  } catch {
    return "";
  }
  return shownName(raw, userId);
}

/** The display name `raw` as shown beside `userId`'s ID: without bidi controls, or "" (no string, blank, the ID). */
export function shownName(raw: unknown, userId: string): string {
  if (!hasVisibleText(raw)) return "";
  const name = withoutBidiControls(raw);
  return hasVisibleText(name) && name !== shownUserId(userId) ? name : "";
}

/**
 * Whether the room's current state holds `userId`'s own member event (not one an invite's or a knock's preview gave):
 * without it (lazy-loaded members), their name is fetched. Never throws.
 */
export function hasOwnMember(room: Room | null, userId: string): boolean {
  try {
    const event = liveState(room)?.getStateEvents("m.room.member", userId);
    return !!event && !isPreviewState(event);
  } catch {
    return false;
  }
}
