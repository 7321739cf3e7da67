/**
 * Seen stores keep the newest MAX_SEEN_EDITIONS marks of a room. (Behaviour no test pinned down before a mutation hunt
 * of the stores.)
 */
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, createStorageSeenStore } from "../../src";

const ids = Array.from({ length: 25 }, (_, i) => `$edition${i}`);

describe("seen marks cap", () => {
  it("given 25 editions marked seen in one room, the memory store keeps the newest 20", () => {
    const store = createMemorySeenStore();
    for (const id of ids) store.markSeen("!room:x", id);
    expect(store.getSeen("!room:x")).toEqual(ids.slice(-20));
  });

  it("given 25 editions marked seen in one room, localStorage holds the newest 20", () => {
    const store = createStorageSeenStore(() => localStorage, "test-seen:");
    for (const id of ids) store.markSeen("!room:x", id);
    expect(JSON.parse(localStorage.getItem("test-seen:!room:x") ?? "[]")).toEqual(ids.slice(-20));
    localStorage.clear();
  });
});
