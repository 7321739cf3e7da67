/** Loads images of welcome messages: authenticated media needs the access token, which a plain `<img src>` cannot send. */
import type { MatrixClient } from "matrix-js-sdk";

/**
 * Turns an image URL from the sanitized HTML into one the browser can load, or null. A blob URL other than the input
 * is the resolver's own: the welcome body revokes it when done.
 */
export type MediaResolver = (url: string, signal: AbortSignal) => Promise<string | null>;

/**
 * The default resolver: URLs on the client's homeserver under `/_matrix/client/v1/media/` are fetched with the
 * access token and shown as blob URLs (the caller revokes them); any other URL is used as it is.
 */
export function createAuthenticatedMediaResolver(client: MatrixClient): MediaResolver {
  return async (url, signal) => {
    if (!isAuthenticatedMediaUrl(url, client.getHomeserverUrl())) return url;
    const token = client.getAccessToken();
    const response = await fetch(url, { signal, headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (!response.ok) return null;
    return URL.createObjectURL(await response.blob());
  };
}

/** Whether `url` is under the homeserver's `/_matrix/client/v1/media/`, comparing normalized URLs (port, case). */
function isAuthenticatedMediaUrl(url: string, homeserverUrl: string): boolean {
  try {
    const prefix = new URL("_matrix/client/v1/media/", homeserverUrl.replace(/\/*$/, "/")).href;
    return new URL(url).href.startsWith(prefix);
  } catch {
    return false;
  }
}
