/** A non-null, non-array object: what event content (or a part of it) must be before its fields are read. */
export function isRecord(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
