/** Whether two arrays hold the same items in the same order (by identity), for keeping snapshot arrays stable. */
export function sameArray<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
