/**
 * Keeps the editor's unsaved draft per account and room in Web Storage, so it survives a reload (and another account
 * signed in to the same browser never sees, or publishes, it).
 */

import { WELCOME_DRAFT_PREFIX } from "../core/storageKeys.js";

/** An unsaved draft. */
export interface WelcomeDraft {
  /** How `source` is written. */
  format: "markdown" | "plain";
  /** The text as the author typed it. */
  source: string;
  /** The edition (welcome event id, "" for none) the draft started from, to notice a change made meanwhile. */
  base?: string | undefined;
}

/** The storage key: per user when the user is known. */
const keyOf = (roomId: string, userId?: string | null) =>
  userId ? `${WELCOME_DRAFT_PREFIX}${userId}|${roomId}` : WELCOME_DRAFT_PREFIX + roomId;

function storage(): Storage | undefined {
  try {
    // Undefined where there is none (a server, a worker); its getter throws where storage is blocked.
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The saved draft of a room (for a user), if any; never throws. */
export function loadDraft(roomId: string, userId?: string | null): WelcomeDraft | null {
  try {
    const raw = JSON.parse(
      storage()?.getItem(keyOf(roomId, userId)) ?? "null",
    ) as Partial<WelcomeDraft> | null;
    if (raw && typeof raw.source === "string" && (raw.format === "markdown" || raw.format === "plain"))
      return {
        format: raw.format,
        source: raw.source,
        ...(typeof raw.base === "string" ? { base: raw.base } : {}),
      };
  } catch {
    // Unreadable: no draft.
  }
  return null;
}

/** Saves (or, with null, forgets) the draft of a room (for a user); storage failures are ignored. */
export function saveDraft(roomId: string, draft: WelcomeDraft | null, userId?: string | null): void {
  const key = keyOf(roomId, userId);
  try {
    if (draft) storage()?.setItem(key, JSON.stringify(draft));
    else storage()?.removeItem(key);
  } catch {
    // The draft still lives in the component; an older stored one must not come back as if it were current.
    try {
      storage()?.removeItem(key);
    } catch {
      // Nothing more to do.
    }
  }
}
