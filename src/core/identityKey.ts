/** A number per object identity (a React `key` that changes when the object is replaced, e.g. a client swapped). */
const keys = new WeakMap<object, number>();
let next = 0;

/** The key of `value`: the same for the same object, another for any other. */
export function identityKey(value: object): number {
  let key = keys.get(value);
  if (key === undefined) {
    key = ++next;
    keys.set(value, key);
  }
  return key;
}
