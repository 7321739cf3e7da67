/** Where dismissed notices are remembered; pluggable so apps can keep dismissals wherever they like. */
import { storageEvents } from "../core/storageEvents.js";
import { DISMISSED_NOTICES_KEY } from "../core/storageKeys.js";
import { type StorageSource, storageOf } from "../core/webStorage.js";

/** A place that remembers which notices (by event id) the user dismissed. */
export interface DismissStore {
  /** Whether the notice with this id was dismissed. */
  isDismissed(noticeId: string): boolean;
  /** Remembers a dismissal. */
  dismiss(noticeId: string): void;
  /** Listens for changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** A value that changes whenever a dismissal is added (for `useSyncExternalStore`). */
  getVersion(): number;
}

/** Dismissals kept in memory (they last as long as the store object). */
export function createMemoryDismissStore(initial: Iterable<string> = []): DismissStore {
  const ids = new Set(initial);
  const listeners = new Set<() => void>();
  let version = 0;
  return {
    isDismissed: (id) => ids.has(id),
    dismiss(id) {
      if (ids.has(id)) return;
      ids.add(id);
      version += 1;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getVersion: () => version,
  };
}

/**
 * Dismissals kept in a Web Storage (e.g. `() => sessionStorage` to last for the browser session, `() => localStorage`
 * to last across sessions and apply live in the other tabs, for pinned notices: a usage-limit notice's id is each
 * tab's own; a function defers the property read, which throws in a sandboxed iframe). Falls back to memory when the
 * storage is missing or throws (private mode, SSR, quota, access denied).
 */
export function createStorageDismissStore(
  source: StorageSource,
  key = DISMISSED_NOTICES_KEY,
  maxEntries = 200,
): DismissStore {
  const storage = storageOf(source);
  /** The ids in a stored value, or null when it is unreadable (corrupt). */
  const parse = (raw: string | null | undefined): string[] | null => {
    try {
      const parsed: unknown = JSON.parse(raw ?? "[]");
      return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : null;
    } catch {
      return null;
    }
  };
  const memory = createMemoryDismissStore();
  /** Takes in what is stored (another tab's dismissals too); storage that throws leaves memory as it is. */
  const read = () => {
    try {
      for (const id of parse(storage?.getItem(key)) ?? []) memory.dismiss(id);
    } catch {
      // Storage that throws: dismissals live in memory only.
    }
  };
  read();
  // Another tab's dismissals (its writes fire `storage` events here) apply live while anyone listens.
  const events = storageEvents(
    storage,
    memory.subscribe,
    (changed) => {
      if (changed === key || changed === null) read();
    },
    read,
  );
  // This session's dismissals, newest last, and those not yet written (storage full, or unreadable).
  const mine: string[] = [];
  const unwritten = new Set<string>();
  return {
    ...memory,
    subscribe: events.subscribe,
    dismiss(id) {
      if (memory.isDismissed(id)) return;
      memory.dismiss(id);
      mine.push(id);
      if (mine.length > maxEntries) mine.shift();
      unwritten.add(id);
      try {
        // Merged with what is stored now: another tab (or store on the same key) may have written since. When
        // reading throws, nothing is written (it would erase theirs); the dismissal is written with the next one.
        const stored = parse(storage?.getItem(key)) ?? [];
        const present = new Set(stored);
        // Below the cap nothing was evicted, so any of mine missing was lost (a corrupt value, repaired or not):
        // write it again. At the cap only unwritten ones are added, so others' newer ids are not pushed out.
        const lost = stored.length < maxEntries;
        const add = mine.filter((x) => !present.has(x) && (lost || unwritten.has(x)));
        storage?.setItem(key, JSON.stringify([...stored, ...add].slice(-maxEntries)));
        unwritten.clear();
      } catch {
        // The dismissal still holds in memory for this session.
      }
    },
  };
}

/** The default store: dismissals survive re-renders and remounts for the lifetime of the page. */
export const sessionDismissStore: DismissStore = createMemoryDismissStore();
