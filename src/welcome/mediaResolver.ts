/** Loads images of welcome messages: authenticated media needs the access token, which a plain `<img src>` cannot send. */
import { type MatrixClient, Method } from "matrix-js-sdk";
import {
  asksToWait,
  DEFAULT_RETRY_POLICY,
  isSoftLogout,
  jittered,
  type RetryPolicy,
  retryDelayAfter,
  withTimeout,
} from "../core/backoff.js";
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
   * rate limits (as long as the server asks) and 5xx answers are; other 4xx answers are not (a soft logout waits for
   * the user to sign in again, counting no attempt). The image shows its alt text once no retry is left. A rate limit,
   * or a 503 with `Retry-After`, holds back every download of the resolver for the wait the server asked.
   */
  retry?: RetryPolicy | undefined;
}

/** The retries of an image download: fewer than a notice's, since its alt text stands in meanwhile. */
const MEDIA_RETRY = { ...DEFAULT_RETRY_POLICY, maxAttempts: 5 };

/** How often a download refused by a soft logout looks for the token the user signs in again with (no request). */
const TOKEN_CHECK_MS = 500;

/**
 * The default resolver: URLs on the client's homeserver under `/_matrix/client/v1/media/` are fetched as the SDK's
 * own requests are (the access token, refreshed when it expires, and the client's `fetchFn`) and shown as blob URLs
 * (the caller revokes them), failed downloads retried (see {@link AuthenticatedMediaResolverOptions}; an answer
 * that is a web page, `text/html`, such as a captive portal's, counts as failed); a download refused by a soft logout
 * waits for the user to sign in again; any other URL is used as it is.
 */
export function createAuthenticatedMediaResolver(
  client: MatrixClient,
  options: AuthenticatedMediaResolverOptions = {},
): MediaResolver {
  const policy = withDefaults(MEDIA_RETRY, options.retry);
  // Until when the server asked this resolver's downloads to wait (a rate limit, a 503's `Retry-After`): every image
  // waits, not just the one it refused.
  let notBefore = 0;
  return async (url, signal) => {
    if (!isAuthenticatedMediaUrl(url, client.getHomeserverUrl())) return url;
    let failures = 0;
    for (;;) {
      // Asked with a signal already aborted (its listener below would never hear it): nothing is downloaded.
      signal.throwIfAborted();
      const hold = notBefore - Date.now();
      if (hold > 0) await wait(hold, signal);
      const attempt = new AbortController();
      const abort = () => attempt.abort();
      signal.addEventListener("abort", abort);
      const token = client.getAccessToken();
      try {
        return await withTimeout(download(client, url, attempt.signal), policy);
      } catch (error) {
        // A download that timed out is cancelled at once, not left running through the wait.
        attempt.abort();
        if (signal.aborted) throw error;
        // Signed out until the user signs in again on this client (a new access token: looked for every
        // TOKEN_CHECK_MS, no request): that wait counts no attempt.
        if (isSoftLogout(error)) {
          while (client.getAccessToken() === token) await wait(TOKEN_CHECK_MS, signal);
          continue;
        }
        const delay = retryDelayAfter(error, ++failures, policy);
        if (delay === null) return null;
        if (asksToWait(error, policy)) notBefore = Math.max(notBefore, Date.now() + delay);
        await wait(jittered(delay, error, policy), signal);
      } finally {
        signal.removeEventListener("abort", abort);
      }
    }
  };
}

/**
 * One download through the SDK's authenticated requests (the token refreshed before it expires and after the server
 * refused it as expired): a blob URL, or the SDK's error (`MatrixError` for an HTTP error, its wait included).
 */
async function download(client: MatrixClient, url: string, signal: AbortSignal): Promise<string> {
  const { origin, pathname, search } = new URL(url);
  const blob = await client.http.authedRequest<Blob>(Method.Get, pathname + search, undefined, undefined, {
    baseUrl: origin,
    prefix: "",
    rawResponseBody: true,
    abortSignal: signal,
    // An image's refusal does not drive the app's session handling (the SDK would announce a logout per image);
    // sync's own requests do that.
    inhibitLogoutEmit: true,
  });
  // Cancelled meanwhile (timed out, or the caller gone): no blob URL that nobody would revoke.
  signal.throwIfAborted();
  // A web page instead of the image (a captive portal's login, a proxy's error page): failed, and retried.
  if (/^text\/html\b/i.test(blob.type)) throw new Error("The media download answered with a web page");
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
