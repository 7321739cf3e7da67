/** The value `cache` holds for `key`, created with `create` and stored on first use (values are never falsy). */
export function getOrCreate<K, V>(
  cache: { get(key: K): V | undefined; set(key: K, value: V): unknown },
  key: K,
  create: () => V,
): V {
  const value = cache.get(key) || create();
  cache.set(key, value);
  return value;
}
