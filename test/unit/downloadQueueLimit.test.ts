/**
 * The image download queue never runs more than its limit at once. (Behaviour no test pinned down before a mutation
 * hunt of the stores.)
 */
import { describe, expect, it } from "vitest";
import { downloadQueue } from "../../src/core/downloadQueue";

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("download queue", () => {
  it("given a limit of 2, when 3 downloads are asked at once, only 2 start until one finishes", async () => {
    const queue = downloadQueue(2);
    const started: number[] = [];
    const gates = [gate(), gate(), gate()];
    gates.forEach((g, i) => {
      void queue(() => {
        started.push(i);
        return g.promise;
      });
    });
    await tick();
    expect(started).toEqual([0, 1]);
    gates[0]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
  });

  it("given a limit of 1 and a waiting download that took a finished one's place, a download asked then still waits", async () => {
    const queue = downloadQueue(1);
    const started: string[] = [];
    const a = gate();
    const b = gate();
    /** Starts `name`, which runs until `until` opens. */
    const download = (name: string, until: Promise<void>) => () => {
      started.push(name);
      return until;
    };
    void queue(download("a", a.promise));
    void queue(download("b", b.promise));
    await tick();
    a.open();
    await tick();
    expect(started).toEqual(["a", "b"]);
    void queue(async () => void started.push("c"));
    await tick();
    expect(started).toEqual(["a", "b"]);
    b.open();
    await tick();
    expect(started).toEqual(["a", "b", "c"]);
  });
});
