/** A string that changes only when the data in hook options changes (functions are ignored: they are read live). */
export function optionsKey(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === "function" ? undefined : v)) ?? "";
  } catch {
    return "";
  }
}
