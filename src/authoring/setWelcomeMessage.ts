/** Publishing and removing a room's welcome message. */
import type { MatrixClient, Room } from "matrix-js-sdk";
import { originalContent } from "../core/acceptedRedaction.js";
import { isPermanentFailure, withTimeout } from "../core/backoff.js";
import { liveState } from "../core/liveState.js";
import { roomOf } from "../core/roomOf.js";
import { hasVisibleText } from "../core/visibleText.js";
import { isRedactedIn, liveStableWelcome, liveWelcomeEvent } from "../welcome/liveStableWelcome.js";
import {
  parseWelcomeContent,
  UNSTABLE_WELCOME_EVENT_TYPE,
  WELCOME_EVENT_TYPE,
  WELCOME_TYPES,
} from "../welcome/parseWelcomeContent.js";
import { keepMxcMedia, sanitizeMatrixHtml } from "../welcome/sanitizeMatrixHtml.js";
import { htmlToPlainText } from "./htmlToPlainText.js";
import { buildWelcomeContent, contentBytes, MAX_CONTENT_BYTES } from "./welcomeContent.js";
import { type WelcomeEditPermission, welcomeEditPermission } from "./welcomeEditPermission.js";

/** Options of {@link setWelcomeMessage}. */
export interface SetWelcomeMessageOptions {
  /**
   * Write the stable `m.room.welcome` type (true) or the unstable `org.matrix.msc3857.welcome` (false). Default: the
   * stable type while the room has a stable welcome event, even one that removed the welcome (readers go by it, so an
   * unstable edition would hide behind it), else the unstable one.
   */
  stable?: boolean | undefined;
  /** The Markdown source of the HTML, stored as a `text/markdown` representation so editors can reopen it. */
  markdown?: string | undefined;
}

/**
 * Thrown before sending when the content exceeds `MAX_CONTENT_BYTES` (the homeserver's 65,536-byte event limit minus
 * 2 KiB kept for the event envelope).
 */
export class WelcomeTooLargeError extends Error {
  /** A stable code for apps. */
  readonly code = "WELCOME_TOO_LARGE";
  constructor(
    /** The content's size in bytes. */
    readonly bytes: number,
    /** The most content bytes allowed. */
    readonly limit: number,
  ) {
    super(`The welcome message is too large: ${bytes} bytes, at most ${limit} fit in an event.`);
    this.name = "WelcomeTooLargeError";
  }
}

/**
 * Thrown by `clearWelcomeMessage`, before sending anything, when the type readers go by holds a message the user may
 * not send. `setWelcomeMessage` checks no power levels: the homeserver refuses it (`M_FORBIDDEN`).
 */
export class WelcomeForbiddenError extends Error {
  /** The Matrix error code a homeserver would have answered with. */
  readonly errcode = "M_FORBIDDEN";
  constructor(
    /** The welcome event type the user may not send. */
    readonly eventType: string,
  ) {
    super(`Your power level does not allow sending ${eventType} in this room.`);
    this.name = "WelcomeForbiddenError";
  }
}

/**
 * The type for an explicit choice: `m.room.welcome` when `stable`, else the unstable type (`setWelcomeMessage` without
 * `stable` writes `welcomeEventType({ stable: hasStableWelcome(room) })`).
 */
export function welcomeEventType(options: { stable?: boolean | undefined } = {}): string {
  return options.stable ? WELCOME_EVENT_TYPE : UNSTABLE_WELCOME_EVENT_TYPE;
}

/** Whether the room's state holds a readable welcome of `type` (stable or unstable). */
export function holdsWelcome(room: Room | null, type: string): boolean {
  // (An invite's or a knock's preview is none: see `liveWelcomeEvent`.)
  const event = room ? liveWelcomeEvent(room, type) : undefined;
  // Redacted as readers judge it: by the homeserver or in the timeline, not by a redaction of ours still out.
  return (
    !!event && !isRedactedIn(event, room as Room) && parseWelcomeContent(originalContent(event)) !== null
  );
}

/** The welcome type readers go by: the stable one while a stable event stands (not redacted), else the unstable one. */
export function shownWelcomeType(room: Room | null): string {
  return liveStableWelcome(room) ? WELCOME_EVENT_TYPE : UNSTABLE_WELCOME_EVENT_TYPE;
}

/**
 * Whether the user may remove the room's welcome: the type readers go by, when it holds a message, must be theirs to
 * send (as `clearWelcomeMessage` requires; a hidden copy of the other type is cleared only when they may). Not for a
 * room the client does not hold.
 */
export function welcomeRemovePermission(room: Room | null, userId: string): WelcomeEditPermission {
  if (!room) return { canEdit: false, reason: "unknown-room" };
  const shown = shownWelcomeType(room);
  return holdsWelcome(room, shown)
    ? welcomeEditPermission(room, userId, shown)
    : { canEdit: true, reason: null };
}

/**
 * Whether writes must be the stable type to be seen: the room has a stable welcome event that is not redacted (with a
 * message, or without one: a stable removal, behind which readers ignore the unstable type).
 */
export function hasStableWelcome(room: Room | null): boolean {
  return !!liveStableWelcome(room);
}

/** Whether sanitized HTML shows anything but text: an image (an image-only welcome has no text). */
const hasMedia = (html: string | undefined) => !!html && /<img\b/i.test(html);

/**
 * Sends the room's welcome state event (state key `""`): HTML sanitized with `sanitizeMatrixHtml` (never publish what
 * the kit would refuse to render), plain text always included (derived from the HTML when missing), in both the
 * MSC3857 and the current MSC1767 array shapes. Refuses content that would not fit an event
 * (`WelcomeTooLargeError`), and with a `TypeError` a message that shows nothing or HTML without a DOM to sanitize it.
 * Gives up (a `RequestTimeoutError`) when the homeserver has not answered in 30 s; the event may still have been sent.
 */
export async function setWelcomeMessage(
  client: MatrixClient,
  roomId: string,
  message: { text: string; html?: string | undefined },
  options: SetWelcomeMessageOptions = {},
): Promise<{ eventId: string }> {
  if (message.html?.trim() && typeof document === "undefined")
    throw new TypeError(
      "setWelcomeMessage needs a DOM to sanitize HTML: send text only, or publish from a browser.",
    );
  // Sanitized as the readers will, with mxc:// images kept as they are (each reader resolves them on its homeserver).
  const html = message.html?.trim()
    ? sanitizeMatrixHtml(message.html, { mediaUrl: keepMxcMedia, forPublishing: true })
    : undefined;
  const text = hasVisibleText(message.text) ? message.text : html ? htmlToPlainText(html) : "";
  // Judged by what readers see: `<p>&nbsp;</p>` is no message.
  if (!hasVisibleText(text) && !hasMedia(html))
    throw new TypeError("A welcome message needs text or HTML; use clearWelcomeMessage to remove it.");
  const eventType = welcomeEventType({ stable: options.stable ?? hasStableWelcome(roomOf(client, roomId)) });
  const content = buildWelcomeContent(
    { text, html: html?.trim() && html, markdown: options.markdown },
    eventType,
  );
  const bytes = contentBytes(content);
  if (bytes > MAX_CONTENT_BYTES) throw new WelcomeTooLargeError(bytes, MAX_CONTENT_BYTES);
  // A stalled connection fails like a lost one (after 30 s) instead of leaving the author waiting for good.
  const res = await withTimeout(client.sendStateEvent(roomId, eventType as never, content as never, ""));
  return { eventId: res.event_id };
}

/**
 * The welcome types `clearWelcomeMessage` sends, in order: a hidden copy in the other type when it carries a message
 * and the user may send it, then the type readers go by when it carries one; the unstable type for a room not held.
 */
export function welcomeTypesToClear(room: Room | null, userId: string): string[] {
  if (!liveState(room)) return [UNSTABLE_WELCOME_EVENT_TYPE];
  const shown = shownWelcomeType(room);
  return [...WELCOME_TYPES]
    .reverse()
    .filter(
      (type) =>
        holdsWelcome(room, type) &&
        (type === shown || welcomeEditPermission(room as Room, userId, type).canEdit),
    );
}

/**
 * Removes the room's welcome: sends empty content (which parses to nothing) for the type readers go by when it carries a
 * message, and first for the other type when it carries one too and the user may send it (a hidden copy that clients
 * reading only that type still show, and that a redaction of the removal would bring back; a permanent refusal of it,
 * as `isPermanentFailure` judges, does not stop the removal). When the user may not send the type readers go by,
 * nothing is sent (a {@link WelcomeForbiddenError}). For a room unknown locally it clears the unstable type, unchecked.
 * Each send gives up (a `RequestTimeoutError`) when the homeserver has not answered in 30 s.
 */
export async function clearWelcomeMessage(client: MatrixClient, roomId: string): Promise<void> {
  await clearWelcomeTypes(client, roomId);
}

/** `clearWelcomeMessage`, telling `onCleared` each type the homeserver accepted, as it does. */
export async function clearWelcomeTypes(
  client: MatrixClient,
  roomId: string,
  onCleared: (type: string) => void = () => {},
): Promise<void> {
  const room = roomOf(client, roomId);
  const userId = client.getUserId() ?? "";
  const shown = shownWelcomeType(room);
  if (room && !welcomeRemovePermission(room, userId).canEdit) throw new WelcomeForbiddenError(shown);
  for (const type of welcomeTypesToClear(room, userId)) {
    try {
      await withTimeout(client.sendStateEvent(roomId, type as never, {} as never, ""));
      onCleared(type);
    } catch (error) {
      // The hidden copy is a courtesy: a refusal (stale power levels, a server rule) must not keep the shown welcome.
      // A lost connection still fails the call, so the user tries again.
      if (type !== shown && isPermanentFailure(error)) continue;
      throw error;
    }
  }
}
