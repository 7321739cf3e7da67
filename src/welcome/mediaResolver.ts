/** Loads images of welcome messages: authenticated media needs the access token, which a plain `<img src>` cannot send. */
import type { MatrixClient } from "matrix-js-sdk";

/** Turns an image URL from the sanitized HTML into one the browser can load (e.g. a blob URL), or null. */
export type MediaResolver = (url: string, signal: AbortSignal) => Promise<string | null>;

/**
 * The default resolver: URLs on the client's homeserver under `/_matrix/client/v1/media/` are fetched with the
 * access token and shown as blob URLs (the caller revokes them); any other URL is used as it is.
 */
export function createAuthenticatedMediaResolver(client: MatrixClient): MediaResolver {
  return async (url, signal) => {
    const base = client.getHomeserverUrl().replace(/\/+$/, "");
    if (!url.startsWith(`${base}/_matrix/client/v1/media/`)) return url;
    const token = client.getAccessToken();
    const response = await fetch(url, { signal, headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (!response.ok) return null;
    return URL.createObjectURL(await response.blob());
  };
}
