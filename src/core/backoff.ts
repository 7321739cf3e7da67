/** How failed requests are retried. */
export interface RetryPolicy {
  /** Delay before the first retry, in ms (default 1000). */
  baseDelayMs?: number;
  /** Longest delay between retries, in ms (default 60000). */
  maxDelayMs?: number;
  /** Attempts in all, the first included; after that the failure stays reported until something changes (default 8). */
  maxAttempts?: number;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: Required<RetryPolicy> = {
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxAttempts: 8,
};

/** The delay before retry number `failures` (1 = after the first failure), or null when no retry is left. */
export function retryDelay(failures: number, policy: RetryPolicy = {}): number | null {
  const p = { ...DEFAULT_RETRY_POLICY, ...policy };
  if (failures >= p.maxAttempts) return null;
  return Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, failures - 1));
}
