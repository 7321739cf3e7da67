/**
 * Base for the kit's `useSyncExternalStore` stores: it attaches its SDK listeners on the first React subscriber and
 * removes them with the last, so an unmounted component leaves nothing on the client.
 */
export abstract class ExternalStore<Snapshot> {
  readonly #listeners = new Set<() => void>();

  /** The current snapshot; its identity changes only when its content does. */
  abstract getSnapshot: () => Snapshot;

  /** Attaches SDK listeners; called when the first subscriber arrives. */
  protected abstract start(): void;

  /** Detaches everything `start` attached; called when the last subscriber leaves. */
  protected abstract stop(): void;

  /** Subscribes a listener (stable function identity, for `useSyncExternalStore`). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.start();
    return () => {
      if (!this.#listeners.delete(listener)) return;
      if (this.#listeners.size === 0) this.stop();
    };
  };

  /** Whether any subscriber is attached. */
  protected get active(): boolean {
    return this.#listeners.size > 0;
  }

  /** Notifies subscribers; call only after the snapshot changed. */
  protected notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
