/** The part of a Web Storage the kit's stores use (listing its keys only where a store says so). */
export type StorageLike = Pick<Storage, "getItem" | "setItem"> & Partial<Pick<Storage, "length" | "key">>;

/**
 * A Web Storage, or a function that returns one: `() => localStorage` defers the property read, which itself throws
 * in a sandboxed iframe or with site data blocked.
 */
export type StorageSource = StorageLike | (() => StorageLike | null | undefined) | null | undefined;

/** The storage a source gives, or undefined when it gives none or throws getting it (then the stores use memory). */
export function storageOf<S extends object = StorageLike>(
  source: S | (() => S | null | undefined) | null | undefined,
): S | undefined {
  try {
    return (typeof source === "function" ? (source as () => S | null | undefined)() : source) ?? undefined;
  } catch {
    return undefined;
  }
}
