/** Reads the fields of errors thrown by matrix-js-sdk (or raw error bodies) without trusting their shape. */

/** A property of an unknown value, or undefined (also when reading it throws). */
export function field(obj: unknown, name: string): unknown {
  try {
    return obj && typeof obj === "object" ? (obj as Record<string, unknown>)[name] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A field of an error's response body (matrix-js-sdk keeps it in `data`; one level deeper where the SDK wrapped its
 * error in another, as its sliding sync does), else of the error itself; undefined when absent.
 */
export function bodyField(error: unknown, name: string): unknown {
  const data = field(error, "data") ?? error;
  return field(data, name) ?? field(field(data, "data"), name) ?? field(error, name);
}

/** The Matrix errcode of an error thrown by matrix-js-sdk (or a raw error body), if any. */
export function errcodeOf(error: unknown): string | undefined {
  const code = field(error, "errcode") ?? field(field(error, "data"), "errcode");
  return typeof code === "string" ? code : undefined;
}

/** The HTTP status of an error thrown by matrix-js-sdk, if it came with one. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = field(error, "httpStatus");
  return typeof status === "number" ? status : undefined;
}

/** The wait a rate-limited server asked for, in ms (`Retry-After` or `retry_after_ms`, as the SDK reads them), or 0. */
export function retryAfterMsOf(error: unknown): number {
  try {
    const ms = (error as { getRetryAfterMs?: () => number | null }).getRetryAfterMs?.();
    return typeof ms === "number" && ms > 0 ? ms : 0;
  } catch {
    return 0; // A malformed value: the backoff alone decides.
  }
}
