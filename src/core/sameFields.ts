/** Whether `a` holds each of `b`'s own fields with the same value (by identity), for keeping snapshots stable. */
export function sameFields<T extends object>(a: T, b: T): boolean {
  return Object.keys(b).every((key) => a[key as keyof T] === b[key as keyof T]);
}
