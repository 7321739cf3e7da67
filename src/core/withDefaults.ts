import type { Overrides } from "./overrides.js";

/**
 * `defaults` with each entry of `overrides` that has the default's type, read as the app defined it (a getter or a
 * Proxy translating on read included): an entry given as `undefined` (which `Partial` allows), a string where a
 * function belongs, `NaN`, or a getter that throws keeps the default instead of breaking a render.
 */
export function withDefaults<T extends object>(defaults: T, overrides: Overrides<T> | null | undefined): T {
  const merged = { ...defaults };
  if (typeof overrides !== "object" || overrides === null) return merged;
  for (const key of Object.keys(defaults) as (keyof T & string)[]) {
    let value: unknown;
    try {
      value = overrides[key];
    } catch {
      continue;
    }
    if (typeof value === typeof defaults[key] && !Number.isNaN(value)) merged[key] = value as T[typeof key];
  }
  return merged;
}
