/** An Error for anything thrown or rejected (matrix-js-sdk rejects with Errors; other code may not). */
export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
