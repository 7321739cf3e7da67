/** Errors of the app's own objects (a custom seen store), reported once per outage rather than once per hook or mount. */
import { reportAppError } from "./reportAppError.js";

/** Per object of the app's (a seen store): the ways it is failing now, each reported once until it works again. */
const outages = new WeakMap<object, Set<string>>();

/**
 * Reports `error` from the app's `source` failing in the way `kind` says, once per outage: again only after
 * {@link endOutage}, however many hooks and mounts share the source.
 */
export function reportOutage(source: unknown, kind: string, error: unknown): void {
  if (isKeyable(source)) {
    const failing = outages.get(source) ?? new Set<string>();
    if (failing.has(kind)) return;
    outages.set(source, failing.add(kind));
  }
  reportAppError(error);
}

/** The app's `source` works again in the way `kind` says: its next failure is reported. */
export function endOutage(source: unknown, kind: string): void {
  if (isKeyable(source)) outages.get(source)?.delete(kind);
}

/** Whether `value` can key a WeakMap (an object or a function). */
const isKeyable = (value: unknown): value is object =>
  (typeof value === "object" || typeof value === "function") && value !== null;
