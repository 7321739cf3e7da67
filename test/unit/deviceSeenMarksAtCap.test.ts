/**
 * The device's seen marks keep unconfirmed marks over confirmed ones at the room cap. (Behaviour no test pinned down
 * before a mutation hunt of the stores.)
 */
import { describe, expect, it } from "vitest";
import { deviceSeenMarks } from "../../src/welcome/deviceSeenMarks";

function memoryStorage() {
  const data = new Map<string, string>();
  return () =>
    ({
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
      get length() {
        return data.size;
      },
      key: (i: number) => [...data.keys()][i] ?? null,
    }) as unknown as Storage;
}

describe("device seen marks at the room cap", () => {
  it("given an unconfirmed mark in the oldest room, when 100 more rooms get confirmed marks, the unconfirmed one is kept", () => {
    const marks = deviceSeenMarks(memoryStorage(), "@me:example.org");
    marks.add("!r0:x", "$w0");
    for (let i = 1; i <= 100; i++) {
      marks.add(`!r${i}:x`, `$w${i}`);
      marks.confirm(`!r${i}:x`, [`$w${i}`]);
    }
    const rooms = new Map(marks.entries());
    expect(rooms.size).toBe(100);
    expect(rooms.get("!r0:x")?.unconfirmed).toEqual(["$w0"]);
    expect(rooms.has("!r1:x")).toBe(false);
  });
});
