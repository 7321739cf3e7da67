import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_PINNED_EVENTS, parsePinnedEventIds } from "../../src/notices/parsePinnedEventIds";

describe("parsePinnedEventIds", () => {
  it("returns the pinned ids in pin order", () => {
    expect(parsePinnedEventIds({ pinned: ["$b:hs", "$a:hs", "$c"] })).toEqual(["$b:hs", "$a:hs", "$c"]);
  });

  it.each<[string, unknown, string[]]>([
    ["null content", null, []],
    ["a string", "$a", []],
    ["an array as content", ["$a"], []],
    ["no pinned key", {}, []],
    ["pinned as a string", { pinned: "$a" }, []],
    ["pinned as an object", { pinned: { 0: "$a", length: 1 } }, []],
    ["an empty list", { pinned: [] }, []],
  ])("returns [] for %s", (_name, content, expected) => {
    expect(parsePinnedEventIds(content)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ["a non-string", 42],
    ["null", null],
    ["an object", { event_id: "$a" }],
    ["a string without $", "a:hs"],
    ["a lone $", "$"],
    ["an id with a space", "$a b"],
    ["an id with a newline", "$a\n"],
    ["an id with a NUL", "$a\u0000"],
    ["an id with a non-breaking space", "$a\u00a0b"],
    ["an id longer than 255 characters", `$${"x".repeat(255)}`],
    // JSON may escape half a surrogate pair: no text, and encodeURIComponent throws on it when the event is fetched.
    ["an id with a lone high surrogate", "$\ud800:example.org"],
    ["an id with a lone low surrogate", "$\udc00:example.org"],
    ["an id ending in a high surrogate", "$abc\ud83d"],
    ["an id with a reversed pair", "$\ude00\ud83d"],
  ])("skips %s", (_name, entry) => {
    expect(parsePinnedEventIds({ pinned: ["$first", entry, "$last"] })).toEqual(["$first", "$last"]);
  });

  it("keeps an id with a whole surrogate pair (an emoji)", () => {
    expect(parsePinnedEventIds({ pinned: ["$a\ud83d\ude00b"] })).toEqual(["$a😀b"]);
  });

  it("keeps an id of exactly 255 characters", () => {
    const id = `$${"x".repeat(254)}`;
    expect(parsePinnedEventIds({ pinned: [id] })).toEqual([id]);
  });

  it("dedupes, keeping the first occurrence", () => {
    expect(parsePinnedEventIds({ pinned: ["$a", "$b", "$a", "$c", "$b"] })).toEqual(["$a", "$b", "$c"]);
  });

  it("keeps the last max ids (the most recently pinned), in pin order", () => {
    expect(parsePinnedEventIds({ pinned: ["$1", "$2", "$3", "$4"] }, 2)).toEqual(["$3", "$4"]);
  });

  it("returns at most MAX_PINNED_EVENTS of 10,000 ids by default", () => {
    const pinned = Array.from({ length: 10_000 }, (_, i) => `$event${i}`);
    const ids = parsePinnedEventIds({ pinned });
    expect(MAX_PINNED_EVENTS).toBe(100);
    expect(ids).toHaveLength(MAX_PINNED_EVENTS);
    expect(ids[0]).toBe("$event9900");
    expect(ids[99]).toBe("$event9999");
  });

  it("bounds the scan to the last 10 entries per id asked for", () => {
    const junk = Array.from({ length: 10_000 }, () => "not an id");
    expect(parsePinnedEventIds({ pinned: ["$early", ...junk] })).toEqual([]);
    expect(parsePinnedEventIds({ pinned: ["$early", ...junk.slice(0, 999)] })).toEqual(["$early"]);
  });

  it("bounds the scan even when one id is repeated 10,000 times", () => {
    const pinned = ["$other", ...Array.from({ length: 10_000 }, () => "$same")];
    expect(parsePinnedEventIds({ pinned }, 2)).toEqual(["$same"]);
  });

  it("returns [] for max 0", () => {
    expect(parsePinnedEventIds({ pinned: ["$a"] }, 0)).toEqual([]);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, "5" as unknown as number])(
    "falls back to MAX_PINNED_EVENTS for max %s",
    (max) => {
      const pinned = Array.from({ length: 150 }, (_, i) => `$e${i}`);
      expect(parsePinnedEventIds({ pinned }, max)).toHaveLength(MAX_PINNED_EVENTS);
    },
  );

  it("floors a fractional max", () => {
    expect(parsePinnedEventIds({ pinned: ["$a", "$b", "$c"] }, 2.9)).toEqual(["$b", "$c"]);
  });

  it("skips holes and never invokes getters on entries", () => {
    const pinned: unknown[] = ["$a"];
    pinned[3] = "$d";
    Object.defineProperty(pinned, 1, {
      get() {
        throw new Error("boom");
      },
      enumerable: true,
    });
    expect(parsePinnedEventIds({ pinned })).toEqual(["$a", "$d"]);
  });

  it("ignores an inherited or getter-backed pinned list", () => {
    expect(parsePinnedEventIds(Object.create({ pinned: ["$a"] }))).toEqual([]);
    const content = {
      get pinned(): string[] {
        throw new Error("boom");
      },
    };
    expect(parsePinnedEventIds(content)).toEqual([]);
  });

  it("returns what it found before a hostile Proxy list fails", () => {
    const pinned = new Proxy(["$a", "$b", "$c"], {
      getOwnPropertyDescriptor(target, key) {
        if (key === "1") throw new Error("trap");
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
    // Read from the end: "$c" is found before entry 1 fails.
    expect(parsePinnedEventIds({ pinned })).toEqual(["$c"]);
  });

  it("stays bounded for a Proxy list claiming a huge length", () => {
    const pinned = new Proxy([] as string[], {
      get(target, key, receiver) {
        return key === "length" ? Number.MAX_SAFE_INTEGER : Reflect.get(target, key, receiver);
      },
    });
    expect(parsePinnedEventIds({ pinned })).toEqual([]);
  });

  it("stays bounded for a Proxy whose length grows on each read and whose entries change between reads", () => {
    let reads = 0;
    let lengthReads = 0;
    const seen = new Map<PropertyKey, number>();
    const pinned = new Proxy([] as unknown[], {
      get(target, key, receiver) {
        if (key === "length") return 10 + lengthReads++;
        return Reflect.get(target, key, receiver);
      },
      getOwnPropertyDescriptor(target, key) {
        if (key === "length") return Reflect.getOwnPropertyDescriptor(target, key);
        reads += 1;
        if (reads > 200_000) throw new Error("runaway");
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        // First read: an id; any later read: junk.
        return {
          value: n === 1 ? `$id${String(key)}` : "junk",
          writable: true,
          enumerable: true,
          configurable: true,
        };
      },
    });
    parsePinnedEventIds({ pinned });
    // 10 * MAX_PINNED_EVENTS per pass at most.
    expect(reads).toBeLessThanOrEqual(2000);
  });

  it("lists a repeated id where it first appears among the entries looked at", () => {
    expect(parsePinnedEventIds({ pinned: ["$a", "$b", "$a", "$c", "$b"] }, 2)).toEqual(["$c", "$b"]);
    expect(parsePinnedEventIds({ pinned: ["$b", "$a", "$c", "$a"] }, 2)).toEqual(["$c", "$a"]);
  });

  it("never throws, and returns unique $-ids within max", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.record({ pinned: fc.array(fc.oneof(fc.string(), fc.anything())) })),
        fc.nat(20),
        (content, max) => {
          const ids = parsePinnedEventIds(content, max);
          expect(ids.length).toBeLessThanOrEqual(max);
          expect(new Set(ids).size).toBe(ids.length);
          for (const id of ids) expect(id.startsWith("$")).toBe(true);
        },
      ),
    );
  });
});

describe("parsePinnedEventIds: control characters", () => {
  it("given ids carrying a C1 control character (NEL, CSI), they are skipped and the good id kept", () => {
    expect(parsePinnedEventIds({ pinned: ["$a\u0085b", "$a\u009bb", "$ok"] })).toEqual(["$ok"]);
  });
});
