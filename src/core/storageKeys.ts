/** The Web Storage keys the kit writes, in one place: its stores write them, `forgetStoredUserData` removes a user's. */

/** The storage key prefix of a user's device seen marks (then the user id). */
export const DEVICE_SEEN_MARKS_PREFIX = "matrix-notice-kit:welcome-seen-device:";

/** The storage key prefix of the welcome editor's drafts (then the user id, `|`, the room id). */
export const WELCOME_DRAFT_PREFIX = "matrix-notice-kit:welcome-draft:";

/** The default storage key prefix of `createStorageSeenStore` (then the user id, a space, the room id). */
export const STORAGE_SEEN_PREFIX = "matrix-notice-kit:welcome-seen:";

/** The default storage key of `createStorageDismissStore` (shared by every user; add `:` and the user id for one each). */
export const DISMISSED_NOTICES_KEY = "matrix-notice-kit:dismissed-notices";

/** The storage key prefix of `createStorageImageConsentStore` (then the user id). */
export const IMAGE_CONSENT_PREFIX = "matrix-notice-kit:image-consent:";
