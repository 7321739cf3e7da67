/** Event names with their listeners, for {@link moveListeners}. */
export type Listeners = readonly (readonly [event: string, listener: (...args: never[]) => unknown])[];

interface Emitter {
  on(event: string, listener: (...args: never[]) => unknown): unknown;
  off(event: string, listener: (...args: never[]) => unknown): unknown;
}

/** Removes each listener from `from`, then adds each to `to` (either may be null), in order. */
export function moveListeners(
  from: object | null | undefined,
  to: object | null | undefined,
  listeners: Listeners,
) {
  for (const [event, listener] of listeners) (from as Emitter | null | undefined)?.off(event, listener);
  for (const [event, listener] of listeners) (to as Emitter | null | undefined)?.on(event, listener);
}
