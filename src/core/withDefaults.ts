import type { Overrides } from "./overrides.js";
import { ownValue } from "./ownValue.js";

/**
 * `defaults` with each own entry of `overrides` that has the default's type: an entry given as `undefined` (which
 * `Partial` allows), a string where a function belongs or `NaN` keeps the default instead of breaking a render.
 */
export function withDefaults<T extends object>(defaults: T, overrides: Overrides<T> | null | undefined): T {
  const merged = { ...defaults };
  if (typeof overrides !== "object" || overrides === null) return merged;
  for (const key of Object.keys(defaults) as (keyof T & string)[]) {
    const value = ownValue(overrides, key);
    if (typeof value === typeof defaults[key] && !Number.isNaN(value)) merged[key] = value as T[typeof key];
  }
  return merged;
}
