/** Loads images of welcome messages: authenticated media needs the access token, which a plain `<img src>` cannot send. */
import { type MatrixClient, MatrixError } from "matrix-js-sdk";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayAfter, withTimeout } from "../core/backoff.js";
import { isRecord } from "../core/isRecord.js";
import { withDefaults } from "../core/withDefaults.js";

/**
 * Turns an image URL from the sanitized HTML into one the browser can load, or null. A blob URL other than the input
 * is the resolver's own: the welcome body revokes it when done.
 */
export type MediaResolver = (url: string, signal: AbortSignal) => Promise<string | null>;

/** Options of {@link createAuthenticatedMediaResolver}. */
export interface AuthenticatedMediaResolverOptions {
  /**
   * How a failed download is retried (default: 1 s doubling, 5 attempts, 30 s each): network failures, timeouts,
   * rate limits (as long as the server asks) and 5xx answers are; other 4xx answers are not. The image shows its alt
   * text once no retry is left.
   */
  retry?: RetryPolicy | undefined;
}

/** The retries of an image download: fewer than a notice's, since its alt text stands in meanwhile. */
const MEDIA_RETRY = { ...DEFAULT_RETRY_POLICY, maxAttempts: 5 };

/**
 * The default resolver: URLs on the client's homeserver under `/_matrix/client/v1/media/` are fetched with the
 * access token (through the client's `fetchFn`, if it has one) and shown as blob URLs (the caller revokes them),
 * failed downloads retried (see {@link AuthenticatedMediaResolverOptions}); any other URL is used as it is.
 */
export function createAuthenticatedMediaResolver(
  client: MatrixClient,
  options: AuthenticatedMediaResolverOptions = {},
): MediaResolver {
  const policy = withDefaults(MEDIA_RETRY, options.retry);
  return async (url, signal) => {
    if (!isAuthenticatedMediaUrl(url, client.getHomeserverUrl())) return url;
    for (let failures = 1; ; failures++) {
      const attempt = new AbortController();
      const abort = () => attempt.abort();
      signal.addEventListener("abort", abort);
      try {
        return await withTimeout(download(client, url, attempt.signal), policy);
      } catch (error) {
        // A download that timed out is cancelled at once, not left running through the wait.
        attempt.abort();
        if (signal.aborted) throw error;
        const delay = retryDelayAfter(error, failures, policy);
        if (delay === null) return null;
        await wait(delay, signal);
      } finally {
        signal.removeEventListener("abort", abort);
      }
    }
  };
}

/** One download: a blob URL, or a rejection with the SDK's `MatrixError` for an HTTP error (its wait included). */
async function download(client: MatrixClient, url: string, signal: AbortSignal): Promise<string> {
  // Read afresh each attempt: a soft logout's retry goes with the token the user signed in again with.
  const token = client.getAccessToken();
  const init: RequestInit = { signal, headers: token ? { Authorization: `Bearer ${token}` } : {} };
  const response = await (client.http?.fetch ? client.http.fetch(url, init) : fetch(url, init));
  if (!response.ok) {
    // Only an object is a Matrix error body (the SDK's error reads fields of it: `null` would throw, and count as a
    // network failure).
    const body: unknown = await response.json().catch(() => null);
    throw new MatrixError(isRecord(body) ? body : {}, response.status, url, undefined, response.headers);
  }
  const blob = await response.blob();
  // Cancelled meanwhile (timed out, or the caller gone): no blob URL that nobody would revoke.
  signal.throwIfAborted();
  return URL.createObjectURL(blob);
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", done);
      resolve();
    }, ms);
    if (signal.aborted) done();
    else signal.addEventListener("abort", done, { once: true });
  });
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
