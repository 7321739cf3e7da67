/**
 * Dismiss stores' listener bookkeeping. (Behaviour no test pinned down before a mutation hunt of the stores.)
 */
import { describe, expect, it, vi } from "vitest";
import { createMemoryDismissStore, createStorageDismissStore } from "../../src";

describe("dismiss store listeners", () => {
  it("given a banner unmounted (its listener unsubscribed), when a notice is dismissed later, its listener is not called", () => {
    const store = createMemoryDismissStore();
    const listener = vi.fn();
    const off = store.subscribe(listener);
    off();
    store.dismiss("$notice");
    expect(listener).not.toHaveBeenCalled();
  });

  it("given a notice already dismissed, when it is dismissed again, listeners hear nothing and the version stays", () => {
    const store = createMemoryDismissStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.dismiss("$notice");
    const version = store.getVersion();
    store.dismiss("$notice");
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getVersion()).toBe(version);
  });

  it("given a storage store at its cap, when this session dismisses more than the cap, storage holds at most the cap", () => {
    const data = new Map<string, string>();
    const storage = () =>
      ({
        getItem: (k: string) => data.get(k) ?? null,
        setItem: (k: string, v: string) => void data.set(k, v),
        removeItem: (k: string) => void data.delete(k),
      }) as unknown as Storage;
    const store = createStorageDismissStore(storage, "k", 3);
    for (const id of ["$1", "$2", "$3", "$4", "$5"]) store.dismiss(id);
    expect(JSON.parse(data.get("k") ?? "")).toEqual(["$3", "$4", "$5"]);
  });
});
