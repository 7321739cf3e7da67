/** When failed requests are retried: exponential backoff, no retry for errors a retry cannot fix, server waits obeyed. */
import { errcodeOf, field, httpStatusOf, retryAfterMsOf } from "./matrixErrorFields.js";
import { withDefaults } from "./withDefaults.js";

/** How failed requests are retried. */
export interface RetryPolicy {
  /** Delay before the first retry, in ms (default 1000). */
  baseDelayMs?: number | undefined;
  /**
   * Longest backoff between retries, and longest wait a 503's `Retry-After` gets, in ms (default 60000); a rate
   * limit's wait, up to an hour, may exceed it.
   */
  maxDelayMs?: number | undefined;
  /**
   * Attempts in all, the first included; after that the failure stays reported until something changes (default 8;
   * a pinned-event fetch the server rate-limits with a wait, or answers 503 with `Retry-After`, gets four times as
   * many, paced by the server's waits; 1 stays 1).
   */
  maxAttempts?: number | undefined;
  /** How long a request may stay unanswered before it counts as failed (and is retried), in ms (default 30000; 0 for none). */
  requestTimeoutMs?: number | undefined;
  /**
   * The share of each backoff taken off at random, from 0 to 1 (default 0.5: a retry waits half to all of its
   * backoff), so that clients that failed together (a homeserver restart) do not all retry together; never below the
   * server's wait.
   */
  jitter?: number | undefined;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: { [K in keyof RetryPolicy]-?: number } = {
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxAttempts: 8,
  requestTimeoutMs: 30_000,
  jitter: 0.5,
};

/** The longest server-requested wait obeyed (a larger `Retry-After` is read as this). */
const MAX_SERVER_WAIT_MS = 3_600_000;

/** The delay before retry number `failures` (1 = after the first failure), or null when no retry is left. */
export function retryDelay(failures: number, policy: RetryPolicy = {}): number | null {
  const p = withDefaults(DEFAULT_RETRY_POLICY, policy);
  if (failures >= p.maxAttempts) return null;
  // At most what a timer can wait: a longer delay (an unbounded policy's after 22 failures) would fire at once.
  return Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, failures - 1), MAX_TIMER_MS);
}

/** The longest delay `setTimeout` keeps (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The delay before retrying after `error` (failure number `failures` in a row), or null when no retry is left or a
 * retry cannot help (`isPermanentFailure`: a 4xx answer other than a soft logout, a timeout, a rate limit or
 * `M_RESOURCE_LIMIT_EXCEEDED`). A rate limit waits at least as long as the server asked, up to an hour; a 503 with
 * `Retry-After` up to the policy's `maxDelayMs`.
 */
export function retryDelayAfter(error: unknown, failures: number, policy?: RetryPolicy): number | null {
  if (isPermanentFailure(error)) return null;
  const delay = retryDelay(failures, policy);
  return delay === null ? null : Math.max(delay, serverWaitMs(error, policy));
}

/**
 * How long the server asked to wait before the next request: a rate limit's wait (at most an hour), or a 503's
 * `Retry-After` (a homeserver or its proxy down for maintenance: a guess at its downtime, so at most the policy's
 * `maxDelayMs`); 0 otherwise.
 */
export function serverWaitMs(error: unknown, policy?: RetryPolicy): number {
  if (isRateLimited(error)) return Math.min(retryAfterMsOf(error), MAX_SERVER_WAIT_MS);
  if (httpStatusOf(error) !== 503) return 0;
  const longest = withDefaults(DEFAULT_RETRY_POLICY, policy).maxDelayMs;
  return Math.min(retryAfterMsOf(error), longest, MAX_SERVER_WAIT_MS);
}

/**
 * The wait before a retry: `delay` (from {@link retryDelayAfter}) less a random part of up to the policy's `jitter`
 * share, but never less than the server's wait for `error`.
 */
export function jittered(
  delay: number,
  error: unknown,
  policy?: RetryPolicy,
  random: () => number = Math.random,
) {
  const share = Math.min(1, Math.max(0, withDefaults(DEFAULT_RETRY_POLICY, policy).jitter));
  return Math.max(serverWaitMs(error, policy), Math.round(delay * (1 - share * random())));
}

/** Whether the server asked to hold back further requests: a rate limit, or a 503 with a wait the policy keeps. */
export const asksToWait = (error: unknown, policy?: RetryPolicy) =>
  isRateLimited(error) || serverWaitMs(error, policy) > 0;

/** Whether the server rate-limited the request (429 or `M_LIMIT_EXCEEDED`). */
export const isRateLimited = (error: unknown) =>
  httpStatusOf(error) === 429 || errcodeOf(error) === "M_LIMIT_EXCEEDED";

/**
 * Whether the server refused the request's access token with a soft logout (401, `soft_logout: true`): not permanent,
 * the user may sign in again on the same client (`setAccessToken`), and the next attempt then succeeds.
 */
export const isSoftLogout = (error: unknown) =>
  httpStatusOf(error) === 401 && field(field(error, "data"), "soft_logout") === true;

/**
 * Whether the server answered `error` in a way a retry cannot change: 4xx, except a soft logout (a 401 until the user
 * signs in again), a timeout (408), a rate limit, and `M_RESOURCE_LIMIT_EXCEEDED` (a 403 that lasts only as long as
 * the server's limit).
 */
export function isPermanentFailure(error: unknown): boolean {
  const status = httpStatusOf(error);
  return (
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    !isSoftLogout(error) &&
    status !== 408 &&
    !isRateLimited(error) &&
    errcodeOf(error) !== "M_RESOURCE_LIMIT_EXCEEDED"
  );
}

/** The error a request fails with when it stays unanswered longer than its policy's `requestTimeoutMs`. */
export class RequestTimeoutError extends Error {
  constructor(ms: number) {
    super(`No answer from the homeserver within ${ms} ms`);
    this.name = "RequestTimeoutError";
  }
}

/** `request`, or a {@link RequestTimeoutError} if it does not settle within the policy's `requestTimeoutMs`. */
export function withTimeout<T>(request: Promise<T>, policy?: RetryPolicy): Promise<T> {
  const ms = withDefaults(DEFAULT_RETRY_POLICY, policy).requestTimeoutMs;
  if (!(ms > 0 && ms < 2 ** 31)) return request;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    request,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RequestTimeoutError(ms)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
