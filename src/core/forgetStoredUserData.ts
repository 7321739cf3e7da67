/** Removes what the kit keeps on the device for one user: for an app's logout. */
import { forgetSessionImageConsent } from "../welcome/imageConsent.js";
import { forgetSanitizerOutputs } from "../welcome/recentSanitizerOutputs.js";
import {
  DEVICE_SEEN_MARKS_PREFIX,
  DISMISSED_NOTICES_KEY,
  IMAGE_CONSENT_PREFIX,
  STORAGE_SEEN_PREFIX,
  WELCOME_DRAFT_PREFIX,
} from "./storageKeys.js";
import { storageOf } from "./webStorage.js";

/** The part of a Web Storage {@link forgetStoredUserData} uses. */
export type ClearableStorage = Pick<Storage, "length" | "key" | "removeItem">;

/** Where {@link forgetStoredUserData} removes from. */
export interface ForgetStoredUserDataOptions {
  /** The storage, or a function that returns it (default `localStorage`; none on a server). */
  storage?: ClearableStorage | (() => ClearableStorage | null | undefined) | null | undefined;
  /** The prefix of a `createStorageSeenStore` given one of its own (default, also for "": {@link STORAGE_SEEN_PREFIX}). */
  seenPrefix?: string | undefined;
}

/** Whether `value` is a storage rather than options (it lists and removes keys). */
const isStorage = (value: unknown): value is ClearableStorage => {
  try {
    return typeof (value as Partial<ClearableStorage> | null)?.removeItem === "function";
  } catch {
    return false;
  }
};

/** Whether `key` is one the kit wrote for `userId`. */
const isUsersKey = (key: string, userId: string, seenPrefix: string) =>
  key === DEVICE_SEEN_MARKS_PREFIX + userId ||
  key === `${DISMISSED_NOTICES_KEY}:${userId}` ||
  key === IMAGE_CONSENT_PREFIX + userId ||
  key.startsWith(`${WELCOME_DRAFT_PREFIX}${userId}|`) ||
  key.startsWith(`${seenPrefix}${userId} `);

/**
 * Removes from a Web Storage what the kit keeps there for `userId`: this device's welcome seen marks, the welcome
 * editor's drafts, `createStorageSeenStore`'s marks, `createStorageImageConsentStore`'s consents and a per-user
 * `createStorageDismissStore` key (`${DISMISSED_NOTICES_KEY}:${userId}`); other users' keys and the app's own stay.
 * It also drops what the kit holds in memory of what was read: recent sanitized welcomes, the dialog's default image
 * consents for `userId` and those of `sessionImageConsentStore`. Call it once the user's client is stopped and the kit's stores for it are dropped (a
 * live store keeps what it read, and writes it back with its next mark). A storage in place of the options (`forgetStoredUserData(userId, sessionStorage)`) is read as
 * `{ storage }`. Returns how many keys it removed; never throws.
 */
export function forgetStoredUserData(
  userId: string,
  optionsOrStorage: ForgetStoredUserDataOptions | ClearableStorage = {},
): number {
  // A Storage passes for the options in TypeScript (its index signature): read it as the storage it is.
  const options: ForgetStoredUserDataOptions = isStorage(optionsOrStorage)
    ? { storage: optionsOrStorage }
    : (optionsOrStorage ?? {});
  // What the kit holds in memory of what the user read and chose: the welcomes it sanitized, the images they asked
  // to see in the default store (every user's: the next one's are asked again).
  forgetSanitizerOutputs();
  forgetSessionImageConsent(userId);
  // `localStorage` by default: none on a server (the read throws there, and in a sandboxed iframe).
  const storage = storageOf(options.storage === undefined ? () => localStorage : options.storage);
  if (!storage || !userId) return 0;
  // An empty prefix would take every key that starts with the user id and a space, the app's own too.
  const seenPrefix = options.seenPrefix || STORAGE_SEEN_PREFIX;
  const keys: string[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null && isUsersKey(key, userId, seenPrefix)) keys.push(key);
    }
  } catch {
    // Storage that cannot be listed (gone, access denied): the keys listed so far.
  }
  let removed = 0;
  for (const key of keys)
    try {
      storage.removeItem(key);
      removed += 1;
    } catch {
      // One that cannot be removed: the others still are.
    }
  return removed;
}
