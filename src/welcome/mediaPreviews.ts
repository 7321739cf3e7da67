/** MSC4278's media preview setting: whether a room's images may show without the user's click. */
import type { MatrixClient, Room } from "matrix-js-sdk";
import { isRecord } from "../core/isRecord.js";
import { liveState } from "../core/liveState.js";
import { ownValue } from "../core/ownValue.js";

/** The account-data types of MSC4278's setting, stable first, then Element's unstable one. */
export const MEDIA_PREVIEW_CONFIG_TYPES = [
  "m.media_preview_config",
  "io.element.msc4278.media_preview_config",
] as const;

/** Join rules MSC4278 counts as private (`"private"` shows previews there); any other counts as public. */
const PRIVATE_JOIN_RULES = new Set(["invite", "knock", "restricted", "knock_restricted"]);

/** The `media_previews` value one level defines (the stable event's first, then the unstable one's), or undefined. */
function definedValue(contents: readonly unknown[]): unknown {
  for (const content of contents) {
    const value = isRecord(content) ? ownValue(content, "media_previews") : undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * Whether MSC4278 lets media show without a click, from the `media_previews` of the room's account data (`roomLevel`:
 * its events' contents, stable type first) and else of the global one, and the room's join rule: `"on"` or nothing
 * set shows them; `"private"` only where the join rule is invite, knock, restricted or knock_restricted; `"off"` and
 * any other value (as the MSC requires, for safety) hide them.
 */
export function mediaPreviewsShown(
  roomLevel: readonly unknown[],
  globalLevel: readonly unknown[],
  joinRule: unknown,
): boolean {
  // (A room's `null` is a value, which counts as off: only an absent one leaves it to the global setting.)
  const own = definedValue(roomLevel);
  const value = own === undefined ? definedValue(globalLevel) : own;
  if (value === undefined || value === "on") return true;
  return value === "private" && typeof joinRule === "string" && PRIVATE_JOIN_RULES.has(joinRule);
}

/**
 * {@link mediaPreviewsShown} for `room` as the client holds it now (the user's account data, the room's live join
 * rule). Never throws: a client or room that cannot be read hides media.
 */
export function roomMediaPreviewsShown(client: MatrixClient, room: Room | null | undefined): boolean {
  try {
    const roomLevel = room ? MEDIA_PREVIEW_CONFIG_TYPES.map((t) => room.getAccountData(t)?.getContent()) : [];
    const globalLevel = MEDIA_PREVIEW_CONFIG_TYPES.map((t) =>
      client.getAccountData(t as never)?.getContent(),
    );
    const rules = liveState(room)?.getStateEvents("m.room.join_rules", "")?.getContent();
    return mediaPreviewsShown(
      roomLevel,
      globalLevel,
      isRecord(rules) ? ownValue(rules, "join_rule") : undefined,
    );
  } catch {
    return false;
  }
}
