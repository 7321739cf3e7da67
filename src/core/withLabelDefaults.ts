import { getOrCreate } from "./getOrCreate.js";
import type { Overrides } from "./overrides.js";
import { reportAppError } from "./reportAppError.js";
import { withDefaults } from "./withDefaults.js";

// biome-ignore lint/complexity/noBannedTypes: any function the app gives as a label, called with the default's arguments.
type AnyFunction = Function;

/** Guarded label functions, one per (app's function, default) pair: the same override keeps one identity. */
const guarded = new WeakMap<AnyFunction, WeakMap<AnyFunction, AnyFunction>>();

/**
 * What React can show: text, a number, an element (an app's `<Trans>`), or an array of these (react-intl's rich
 * text; `null`, `undefined` and booleans in it render as nothing), nested at most 8 deep (a cyclic array is none);
 * not `undefined`, `null`, a boolean, a plain object or an iterator (which React would walk once).
 */
const showable = (value: unknown, depth = 0): boolean =>
  typeof value === "string" ||
  typeof value === "number" ||
  (typeof value === "object" && value !== null && "$$typeof" in value) ||
  (Array.isArray(value) &&
    depth < 8 &&
    value.every((item) => item == null || typeof item === "boolean" || showable(item, depth + 1)));

/**
 * The errors reported per label (keyed by its default, since an inline label is a new function on every render; by
 * message, at most 20): each is reported once, however often it recurs.
 */
const reported = new WeakMap<AnyFunction, Set<string>>();

/**
 * The app's function, called in place of `fallback`: when it throws (each distinct error reported once as uncaught,
 * not on every render or call) or gives nothing React can show, the default's text stands instead of breaking a render.
 */
function guard(app: AnyFunction, fallback: AnyFunction): AnyFunction {
  return getOrCreate(
    getOrCreate(guarded, app, () => new WeakMap()),
    fallback,
    () =>
      function (this: unknown, ...args: unknown[]) {
        let value: unknown;
        try {
          value = app.apply(this, args);
        } catch (error) {
          const seen = getOrCreate(reported, fallback, () => new Set());
          let key = "";
          try {
            key = String(error);
          } catch {} // a thrown object without a string form (a null prototype): reported under one key
          if (!seen.has(key) && seen.size < 20) {
            seen.add(key);
            reportAppError(error);
          }
        }
        return showable(value) ? value : fallback.apply(this, args);
      },
  );
}

/**
 * Labels as {@link withDefaults} merges them, with each of the app's label functions guarded: one that throws (a
 * missing key in a strict i18n library) or returns nothing showable gives the English text instead of unmounting the app.
 */
export function withLabelDefaults<T extends object>(
  defaults: T,
  overrides: Overrides<T> | null | undefined,
): T {
  const merged = withDefaults(defaults, overrides);
  for (const key of Object.keys(defaults) as (keyof T & string)[]) {
    const value = merged[key];
    const fallback = defaults[key];
    if (typeof value === "function" && typeof fallback === "function" && value !== fallback)
      merged[key] = guard(value, fallback) as T[typeof key];
  }
  return merged;
}
