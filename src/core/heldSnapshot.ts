import { sameFields } from "./sameFields.js";

/**
 * A store's snapshot, held strongly while the store runs and weakly once it stops (`release`): the rooms and events
 * it names can then be collected, and a reader that still has it gets the same object back while nothing changed.
 */
export class HeldSnapshot<T extends object> {
  #value: T | WeakRef<T> | undefined;

  constructor(initial?: T) {
    this.#value = initial;
  }

  /** The snapshot, or undefined when there is none (never made, or released and collected). */
  get current(): T | undefined {
    const value = this.#value;
    return value instanceof WeakRef ? value.deref() : value;
  }

  /** Keeps `next`, or the current snapshot where it has the same fields (by identity); whether the snapshot changed. */
  offer(next: T): boolean {
    const prev = this.current;
    this.#value = prev && sameFields(prev, next) ? prev : next;
    return this.#value !== prev;
  }

  /** Holds the snapshot weakly until the next `offer`. */
  release(): void {
    const value = this.current;
    this.#value = value && new WeakRef(value);
  }
}
