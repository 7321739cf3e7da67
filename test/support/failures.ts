/** Canned homeserver refusals for the sync script's `fail` and `pushSyncFailure`. */

/** An expired access token the user can sign in again from on the same device (401, `soft_logout: true`). */
export const SOFT_LOGOUT = {
  status: 401,
  errcode: "M_UNKNOWN_TOKEN",
  error: "Access token has expired",
  data: { soft_logout: true },
} as const;
