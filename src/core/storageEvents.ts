import type { StorageLike } from "./webStorage.js";

/**
 * Other tabs' writes to `storage`, heard through the window's `storage` event while a store has listeners: `onChange`
 * gets the key written (null when the storage was cleared). While nobody listens no event is heard, so the first
 * listener reads again (`onFirst`) what was written meanwhile.
 */
export function storageEvents<L>(
  storage: StorageLike | undefined,
  subscribe: (listener: L) => () => void,
  onChange: (key: string | null) => void,
  onFirst: () => void,
): { subscribe: (listener: L) => () => void; listening: () => boolean } {
  let listeners = 0;
  const heard = (event: Event) => {
    const { key, storageArea } = event as Partial<StorageEvent>;
    if (storage && storageArea === storage && (typeof key === "string" || key === null)) onChange(key);
  };
  return {
    subscribe(listener) {
      const unsubscribe = subscribe(listener);
      if (listeners++ === 0) {
        globalThis.addEventListener?.("storage", heard);
        onFirst();
      }
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        unsubscribe();
        if (--listeners === 0) globalThis.removeEventListener?.("storage", heard);
      };
    },
    listening: () => listeners > 0,
  };
}
