/**
 * Other tabs' writes to a Web Storage, heard through the window's `storage` event while a store has listeners. While
 * nobody listens no event is heard, so the first listener reads again (`onFirst`) what was written meanwhile.
 */
export function storageEvents<L>(
  subscribe: (listener: L) => () => void,
  onStorage: (event: Partial<StorageEvent>) => void,
  onFirst: () => void,
): { subscribe: (listener: L) => () => void; listening: () => boolean } {
  let listeners = 0;
  const heard = (event: Event) => onStorage(event as Partial<StorageEvent>);
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
