import { isRecord } from "../core/isRecord.js";
import { ownValue } from "../core/ownValue.js";
/** The most pinned event ids {@link parsePinnedEventIds} returns by default. */
export const MAX_PINNED_EVENTS = 100;

/** How many `pinned` entries are looked at per id asked for, so hostile or huge lists cost bounded work. */
const SCAN_FACTOR = 10;
const MAX_EVENT_ID_LENGTH = 255;

/** `$` followed by 1-254 characters, none of them whitespace, a control character or half of a surrogate pair. */
function looksLikeEventId(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length <= MAX_EVENT_ID_LENGTH &&
    /^\$[^\s\p{Cs}\0- \x7f-\x9f]+$/u.test(value)
  );
}

/**
 * The event ids of `m.room.pinned_events` content, in pin order, deduplicated, at most `max`: the last pinned ones (a
 * list kept for years ends with the notices that matter now); never throws.
 *
 * Non-object content or a non-array `pinned` gives `[]`. Entries that are not event-id-like strings (`$`
 * first, at most 255 characters, no whitespace, controls or lone surrogates) are skipped. At most the last `10 * max`
 * entries are looked at. A non-finite or negative `max` falls back to {@link MAX_PINNED_EVENTS}. If reading the list
 * fails part-way (a hostile proxy), the ids found so far are returned.
 */
export function parsePinnedEventIds(content: unknown, max = MAX_PINNED_EVENTS): readonly string[] {
  const ids: string[] = [];
  try {
    const limit =
      typeof max === "number" && Number.isFinite(max) && max >= 0 ? Math.floor(max) : MAX_PINNED_EVENTS;
    if (limit === 0) return ids;
    if (!isRecord(content)) return ids;
    const pinned = ownValue(content, "pinned");
    if (!Array.isArray(pinned)) return ids;
    // Read once: a hostile list's length may change on every read.
    const length = pinned.length;
    const start = Math.max(0, length - limit * SCAN_FACTOR);
    // The last `limit` distinct ids, found from the end; then listed in pin order (each where it first appears).
    const chosen = new Set<string>();
    // The first entry the ids were chosen from.
    let from = length;
    try {
      for (let i = length - 1; i >= start && chosen.size < limit; i--) {
        const id = ownValue(pinned, i);
        if (looksLikeEventId(id)) chosen.add(id);
        from = i;
      }
    } catch {
      // The ids found so far.
    }
    for (let i = from; i < length && chosen.size > 0; i++) {
      const id = ownValue(pinned, i);
      if (typeof id === "string" && chosen.delete(id)) ids.push(id);
    }
    return ids;
  } catch {
    return ids;
  }
}
