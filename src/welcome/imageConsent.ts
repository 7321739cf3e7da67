/**
 * Where the user's consent to see a welcome's hidden images is remembered (MSC4278: once given, a client SHOULD track
 * it and show the media again in the future), per edition (the welcome event's id) and image URL.
 */
import { getOrCreate } from "../core/getOrCreate.js";
import { IMAGE_CONSENT_PREFIX } from "../core/storageKeys.js";
import { type StorageSource, storageOf } from "../core/webStorage.js";

/** A place that remembers which hidden images (by welcome edition and URL) the user asked to see. */
export interface ImageConsentStore {
  /** Whether the user asked to see the images of `url` in the welcome edition `eventId`. */
  hasConsent(eventId: string, url: string): boolean;
  /** Remembers that the user asked to see the images of `url` in the welcome edition `eventId`. */
  addConsent(eventId: string, url: string): void;
}

/** How many (edition, URL) pairs a consent store keeps by default, newest last (the oldest go first). */
const MAX_CONSENTS = 500;

/** One pair as a key: its JSON, as it is stored (whatever a hostile server puts in an event id). */
const keyOf = (eventId: string, url: string) => JSON.stringify([eventId, url]);

/** A memory store that can also be emptied. */
function memoryStore(maxEntries: number): ImageConsentStore & { clear(): void } {
  const keys = new Set<string>();
  return {
    clear: () => keys.clear(),
    hasConsent: (eventId, url) => !!eventId && keys.has(keyOf(eventId, url)),
    addConsent(eventId, url) {
      if (!eventId) return;
      const key = keyOf(eventId, url);
      keys.delete(key);
      keys.add(key);
      for (const oldest of keys) {
        if (keys.size <= Math.max(1, maxEntries)) break;
        keys.delete(oldest);
      }
    },
  };
}

/** Consent kept in memory (it lasts as long as the store object), at most `maxEntries` pairs, the newest kept. */
export function createMemoryImageConsentStore(maxEntries = MAX_CONSENTS): ImageConsentStore {
  return withoutClear(memoryStore(maxEntries));
}

/** A store's two methods alone (an app cannot empty it). */
const withoutClear = ({ hasConsent, addConsent }: ImageConsentStore): ImageConsentStore => ({
  hasConsent,
  addConsent,
});

/** The pairs' keys in a stored value ([[eventId, url], ...]); none when it is unreadable. */
function parseStored(raw: string | null | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(raw ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((pair: unknown) =>
      Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string" && pair[0]
        ? [keyOf(pair[0], pair[1])]
        : [],
    );
  } catch {
    return [];
  }
}

/**
 * Consent kept in a Web Storage for `userId` (e.g. `() => localStorage`: it then lasts across reloads and reaches the
 * user's other tabs when their dialog next shows), under `IMAGE_CONSENT_PREFIX` and the user id, which
 * `forgetStoredUserData` removes. Falls back to memory when the storage is missing or throws; never throws.
 */
export function createStorageImageConsentStore(
  source: StorageSource,
  userId: string,
  maxEntries = MAX_CONSENTS,
): ImageConsentStore {
  const storage = storageOf(source);
  const key = IMAGE_CONSENT_PREFIX + userId;
  const memory = createMemoryImageConsentStore(maxEntries);
  /** The stored pairs, read again only when the stored value changed (another tab wrote). */
  let lastRaw: string | null | undefined;
  let stored = new Set<string>();
  const read = () => {
    try {
      const raw = storage?.getItem(key);
      if (raw !== lastRaw) {
        lastRaw = raw;
        stored = new Set(parseStored(raw));
      }
    } catch {
      // Storage that throws: what this session gave lives in memory.
    }
    return stored;
  };
  return {
    hasConsent: (eventId, url) =>
      memory.hasConsent(eventId, url) || (!!eventId && read().has(keyOf(eventId, url))),
    addConsent(eventId, url) {
      if (!eventId) return;
      memory.addConsent(eventId, url);
      try {
        // Merged with what is stored now (another tab may have written since), newest last, the oldest dropped.
        const keys = [...read()].filter((k) => k !== keyOf(eventId, url));
        keys.push(keyOf(eventId, url));
        storage?.setItem(key, `[${keys.slice(-Math.max(1, maxEntries)).join(",")}]`);
      } catch {
        // Storage full or refused: the consent still holds in memory for this session.
      }
    },
  };
}

const session = memoryStore(MAX_CONSENTS);

/**
 * The default store of a `WelcomeBody` shown alone: consent lasts for the page's lifetime (until a logout forgets it),
 * shared by every user (the body knows none; `<WelcomeDialog>` keeps each user's apart).
 */
export const sessionImageConsentStore: ImageConsentStore = withoutClear(session);

/** `<WelcomeDialog>`'s default stores, one per user (a consent of one account is no consent of another). */
const sessionsByUser = new Map<string, ImageConsentStore>();

/** The default store of `<WelcomeDialog>` for `userId`: in memory for the page's lifetime, each user's apart. */
export const sessionImageConsentFor = (userId: string): ImageConsentStore =>
  getOrCreate(sessionsByUser, userId, () => createMemoryImageConsentStore());

/** Forgets what the default stores hold (for `forgetStoredUserData`: a logout): the user's, and the shared one's. */
export function forgetSessionImageConsent(userId: string): void {
  sessionsByUser.delete(userId);
  session.clear();
}
