/** Removes what the kit keeps on the device for one user: for an app's logout. */
import { DEVICE_SEEN_MARKS_PREFIX, STORAGE_SEEN_PREFIX, WELCOME_DRAFT_PREFIX } from "./storageKeys.js";

/** The part of a Web Storage {@link forgetStoredUserData} uses. */
export type ClearableStorage = Pick<Storage, "length" | "key" | "removeItem">;

/** Whether `key` is one the kit wrote for `userId`. */
const isUsersKey = (key: string, userId: string) =>
  key === DEVICE_SEEN_MARKS_PREFIX + userId ||
  key.startsWith(`${WELCOME_DRAFT_PREFIX}${userId}|`) ||
  key.startsWith(`${STORAGE_SEEN_PREFIX}${userId} `);

/**
 * Removes from a Web Storage (default `localStorage`) what the kit keeps there for `userId`: this device's welcome
 * seen marks, the welcome editor's drafts, and `createStorageSeenStore`'s marks under its default prefix; other users'
 * keys and the app's own stay. Returns how many keys it removed; never throws (0 when the storage is unavailable).
 */
export function forgetStoredUserData(
  userId: string,
  storage?: ClearableStorage | (() => ClearableStorage | null | undefined) | null,
): number {
  try {
    const store =
      storage === undefined
        ? typeof localStorage === "undefined"
          ? undefined
          : localStorage
        : typeof storage === "function"
          ? storage()
          : storage;
    if (!store || !userId) return 0;
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key !== null && isUsersKey(key, userId)) keys.push(key);
    }
    for (const key of keys) store.removeItem(key);
    return keys.length;
  } catch {
    return 0;
  }
}
