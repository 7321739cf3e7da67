import { getOrCreate } from "./getOrCreate.js";
import type { Overrides } from "./overrides.js";
import { reportAppError } from "./reportAppError.js";
import { withDefaults } from "./withDefaults.js";

// biome-ignore lint/complexity/noBannedTypes: any function the app gives as a label, called with the default's arguments.
type AnyFunction = Function;

/** Guarded label functions, one per (app's function, default) pair: the same override keeps one identity. */
const guarded = new WeakMap<AnyFunction, WeakMap<AnyFunction, AnyFunction>>();

/**
 * What React can show: text, a number, an element (an app's `<Trans>`) or a list of them (react-intl's rich text);
 * not `undefined`, `null`, a boolean or a plain object.
 */
const showable = (value: unknown) =>
  typeof value === "string" ||
  typeof value === "number" ||
  (typeof value === "object" && !!value && ("$$typeof" in value || Symbol.iterator in value));

/** App functions whose last call threw and was reported: reported once until a call succeeds again. */
const failing = new WeakSet<AnyFunction>();

/**
 * The app's function, called in place of `fallback`: when it throws (reported as uncaught, once until it works
 * again, not on every render) or gives nothing React can show, the default's text stands instead of breaking a render.
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
          failing.delete(app);
        } catch (error) {
          if (!failing.has(app)) reportAppError(error);
          failing.add(app);
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
