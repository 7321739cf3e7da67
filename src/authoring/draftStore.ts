/** Keeps the editor's unsaved draft per room in Web Storage, so it survives a reload. */

/** An unsaved draft. */
export interface WelcomeDraft {
  /** How `source` is written. */
  format: "markdown" | "plain";
  /** The text as the author typed it. */
  source: string;
  /** The edition (welcome event id, "" for none) the draft started from, to notice a change made meanwhile. */
  base?: string;
}

const PREFIX = "matrix-notice-kit:welcome-draft:";

function storage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** The saved draft of a room, if any; never throws. */
export function loadDraft(roomId: string): WelcomeDraft | null {
  try {
    const raw = JSON.parse(storage()?.getItem(PREFIX + roomId) ?? "null") as Partial<WelcomeDraft> | null;
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

/** Saves (or, with null, forgets) the draft of a room; storage failures are ignored. */
export function saveDraft(roomId: string, draft: WelcomeDraft | null): void {
  try {
    if (draft) storage()?.setItem(PREFIX + roomId, JSON.stringify(draft));
    else storage()?.removeItem(PREFIX + roomId);
  } catch {
    // The draft still lives in the component; an older stored one must not come back as if it were current.
    try {
      storage()?.removeItem(PREFIX + roomId);
    } catch {
      // Nothing more to do.
    }
  }
}
