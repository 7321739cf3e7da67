// Part 1: sync overhead. An initial sync of 5,000 joined rooms (the notices room with 20 pins, 200 rooms with
// welcome state) and 20,000 timeline events runs through the real SDK pipeline (the sync script's fetchFn), with
// <NoticeBanner> and <WelcomeDialog> mounted against the fresh client before it starts, versus without them.
// Measured: the process's CPU time (and wall time) from startClient() until `Prepared`, plus one macrotask so that
// renders React scheduled during the sync count. React is its production build here (this project runs with
// NODE_ENV=production, see vitest.bench.config.ts), and the kit is its built dist/. "With" and "without" rounds alternate in pairs, each pair in
// the other order than the previous one (ABBA); the ratio of the two arms' medians is recorded, not asserted
// (bench/run.mjs reports it against the 1.03 target). One more "with" round runs under V8's sampling profiler, to attribute CPU
// to the kit directly (a figure the machine's load cannot blur).
// A/B mode (BENCH_SYNC_COMPARE_DIST=<another build's dist/>, as `npm run bench:sync-ab -- <rev>` sets it): a third
// arm, "withB", mounts the same components imported from that build, in the same rounds as the other two (their
// order rotating, see support/armOrder.ts); with over withB is recorded with the same statistics, under `compare`.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { getHeapSpaceStatistics } from "node:v8";
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { expect, it } from "vitest";
import { armOrder } from "./support/armOrder";
import { collectGarbage, envInt, median, RESULTS_DIR, round3, writeResult } from "./support/results";
import { buildWorld, FULL_WORLD, settle, startAndPrepare, type World, worldClient } from "./support/world";

/**
 * The kit as an app ships it: its built ESM (dist/, built by bench/run.mjs first) loaded natively, not src/ through
 * vitest's module transform, whose import getters and wrappers would be counted as the kit's time (about 3x its own
 * cost in the profile). Typed from src/, which dist/ is built from.
 */
const DIST_DIR = `${resolve(dirname(fileURLToPath(import.meta.url)), "../dist")}/`;
type Kit = typeof import("../src");
const loadKit = async (dir: string) =>
  (await import(/* @vite-ignore */ pathToFileURL(`${dir}index.js`).href)) as Kit;
const KIT = await loadKit(DIST_DIR);

/**
 * The A/B mode's other build (BENCH_SYNC_COMPARE_DIST, a path to its dist/ directory; relative to the repository's
 * root), loaded natively as dist/ is: null when unset. Its path must hold a `/dist/` segment, which is what
 * vitest.bench.config.ts leaves to Node (any other path would be run through vitest's transform, about 3x slower).
 */
const COMPARE_DIST_DIR = process.env.BENCH_SYNC_COMPARE_DIST
  ? `${resolve(process.env.BENCH_SYNC_COMPARE_DIST)}/`
  : null;
if (COMPARE_DIST_DIR && (!/\/dist\//.test(COMPARE_DIST_DIR) || !existsSync(`${COMPARE_DIST_DIR}index.js`)))
  throw new Error(
    `BENCH_SYNC_COMPARE_DIST: no built dist/ (a directory named dist with index.js) at ${COMPARE_DIST_DIR}`,
  );
const KIT_B = COMPARE_DIST_DIR ? await loadKit(COMPARE_DIST_DIR) : null;

const size = {
  rooms: envInt("BENCH_SYNC_ROOMS", FULL_WORLD.rooms),
  welcomeRooms: envInt("BENCH_SYNC_WELCOME_ROOMS", FULL_WORLD.welcomeRooms),
  timelineEvents: envInt("BENCH_SYNC_EVENTS", FULL_WORLD.timelineEvents),
  pins: FULL_WORLD.pins,
};
/**
 * Pairs of rounds; even, so that each arm runs first in half of them (ABBA order cancels position effects). In the A/B
 * mode, rounds of three arms: a multiple of 6 puts each arm in each position, and after each other arm, equally often.
 */
const ROUNDS = envInt("BENCH_SYNC_ROUNDS", 20);
/**
 * What the "with" arm mounts (a study knob, BENCH_SYNC_MOUNT): both components (the default, what the task measures),
 * or only the banner or only the dialog, to see how the overhead splits.
 */
const MOUNT = (process.env.BENCH_SYNC_MOUNT ?? "both") as "both" | "banner" | "dialog";

/** Code a profile sample counts for the kit with: its own sources, and what renders its components. */
const SRC_DIR = `${resolve(dirname(fileURLToPath(import.meta.url)), "../src")}/`;
const RENDERING = /node_modules\/(react-dom|scheduler|@radix-ui|react-remove-scroll|aria-hidden|dompurify)\//;
const isKitUrl = (url: string) =>
  url.includes(SRC_DIR) ||
  url.includes(DIST_DIR) ||
  (COMPARE_DIST_DIR !== null && url.includes(COMPARE_DIST_DIR)) ||
  RENDERING.test(url);

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}

/**
 * Runs one "with" round (or, in the A/B mode, "withB") under V8's sampling profiler and attributes its samples: those
 * with a kit, React or Radix frame anywhere on the stack (listeners, stores, renders, and the SDK calls they make)
 * against all the others. A share of samples within one round, it is hardly blurred by the machine's load (unlike
 * the A/B ratio), but it leaves out indirect costs such as the garbage the kit makes.
 */
async function attributeKitSamples(
  world: World,
  arm: "with" | "withB" = "with",
): Promise<{ kitSamples: number; busySamples: number }> {
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  let profile: { nodes: ProfileNode[]; samples: number[] } | undefined;
  await round(world, arm, {
    before: async () => {
      await session.post("Profiler.start");
    },
    after: async () => {
      ({ profile } = (await session.post("Profiler.stop")) as unknown as {
        profile: NonNullable<typeof profile>;
      });
    },
  });
  session.disconnect();
  if (!profile) throw new Error("no profile");
  // Kept for inspection (open it in Chrome DevTools or speedscope): bench/results/sync-with.cpuprofile.
  // (Run alone, not through run.mjs, the results directory may not exist yet.)
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(resolve(RESULTS_DIR, `sync-${arm}.cpuprofile`), JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isKit = new Map<number, boolean>();
  const kitOnStack = (id: number): boolean => {
    const known = isKit.get(id);
    if (known !== undefined) return known;
    const url = byId.get(id)!.callFrame.url;
    const up = parent.get(id);
    const result = isKitUrl(url) || (up !== undefined && kitOnStack(up));
    isKit.set(id, result);
    return result;
  };
  let kitSamples = 0;
  let busySamples = 0;
  for (const id of profile.samples) {
    const name = byId.get(id)!.callFrame.functionName;
    if (name === "(idle)" || name === "(program)") continue;
    busySamples += 1;
    if (kitOnStack(id)) kitSamples += 1;
  }
  return { kitSamples, busySamples };
}

/** "withB" runs only in the A/B mode: the components from BENCH_SYNC_COMPARE_DIST's build. */
type Arm = "with" | "without" | "withB";
type Key = "ms" | "cpuMs" | "mainThreadCpuMs" | "gcMs";

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Student's t, two-sided 95%, by degrees of freedom (1-10; 2.0 beyond). */
const T95 = [Number.NaN, 12.71, 4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23];

/** 95% confidence interval of exp(mean) for log ratios. */
function confidenceInterval(logs: readonly number[]): [number, number] {
  const n = logs.length;
  if (n < 2) return [Number.NaN, Number.NaN];
  const m = mean(logs);
  const sd = Math.sqrt(logs.reduce((sum, v) => sum + (v - m) ** 2, 0) / (n - 1));
  const half = (T95[n - 1] ?? 2) * (sd / Math.sqrt(n));
  return [Math.exp(m - half), Math.exp(m + half)];
}

/**
 * The median of per-pair ratios and its distribution-free 95% interval (sign test: order statistics of the sorted
 * ratios, from the binomial distribution). Robust to the one-sided slowdowns a shared host adds to single rounds.
 */
function medianWithInterval(ratios: readonly number[]): { median: number; low: number; high: number } {
  const sorted = [...ratios].sort((a, b) => a - b);
  const n = sorted.length;
  // P(X <= k) for X ~ Binomial(n, 1/2).
  const cdf = (k: number) => {
    let sum = 0;
    let term = 0.5 ** n;
    for (let i = 0; i <= k; i++) {
      sum += term;
      term = (term * (n - i)) / (i + 1);
    }
    return sum;
  };
  // The interval [x(k), x(n + 1 - k)] (1-based) covers the median with 1 - 2 P(X <= k - 1): the largest k with
  // P(X <= k - 1) <= 2.5% (k = 6 of 20). With fewer than 6 pairs no k qualifies: no interval.
  let k = 0;
  while (k < n && cdf(k) <= 0.025) k += 1;
  if (k === 0) return { median: median(sorted), low: Number.NaN, high: Number.NaN };
  return { median: median(sorted), low: sorted[k - 1]!, high: sorted[n - k]! };
}

/** Interquartile range over the median. */
function spread(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))]!;
  return (at(0.75) - at(0.25)) / median(values);
}

interface RoundResult {
  /** Wall-clock time. */
  ms: number;
  /**
   * CPU time of this process (all its threads) over the same span. Waiting for a core does not count, but other
   * processes still slow it (shared caches and cores): rounds of one arm vary by several percent on a busy machine.
   */
  cpuMs: number;
  /**
   * CPU time of the main thread alone (where the app's UI runs): without the garbage collector's and other helper
   * threads, so nearer to what a user could notice, and less blurred by them.
   */
  mainThreadCpuMs: number;
  /** Garbage-collection pauses over the same span (all collections, on any thread, as Node reports them). */
  gcMs: number;
  /** Pinned-event fetches the round's sync caused. */
  eventFetches: number;
  /** The round's client, stopped: the next round waits until it is collected (see `released`). */
  client: WeakRef<object>;
}

/** Called right around the measured span (the profiler starts and stops there). */
interface Around {
  before(): Promise<void>;
  after(): Promise<void>;
}

async function round(world: World, arm: Arm, around?: Around): Promise<RoundResult> {
  const { client, script, dispose } = worldClient(world);
  let root: Root | null = null;
  let container: HTMLElement | null = null;
  if (arm !== "without") {
    const { createMemoryDismissStore, createMemorySeenStore, NoticeBanner, WelcomeDialog } =
      arm === "withB" ? KIT_B! : KIT;
    container = document.createElement("div");
    document.body.append(container);
    root = createRoot(container);
    const r = root;
    flushSync(() =>
      r.render(
        <div>
          {MOUNT !== "dialog" ? (
            <div data-bench="banner">
              <NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />
            </div>
          ) : null}
          {MOUNT !== "banner" ? (
            <WelcomeDialog
              client={client}
              roomId={world.welcomeRoomId}
              options={{ seenStore: createMemorySeenStore() }}
            />
          ) : null}
        </div>,
      ),
    );
  }
  collectGarbage();
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gcObserver.observe({ entryTypes: ["gc"] });
  await around?.before();
  const cpu0 = process.cpuUsage();
  const main0 = process.threadCpuUsage();
  const t0 = performance.now();
  await startAndPrepare(client);
  await settle();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const main = process.threadCpuUsage(main0);
  await around?.after();
  // GC entries are delivered asynchronously: take those of the span, then stop listening.
  for (const entry of gcObserver.takeRecords()) gcMs += entry.duration;
  gcObserver.disconnect();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const mainThreadCpuMs = (main.user + main.system) / 1000;
  expect(client.getRooms()).toHaveLength(world.size.rooms);
  if (root && container) {
    // The components did their work during the sync: every pinned notice is shown, and the welcome is open.
    if (MOUNT !== "dialog")
      expect(container.querySelectorAll("[data-part=banner]")).toHaveLength(world.size.pins);
    if (MOUNT !== "banner") expect(document.querySelector(".mnk-welcome-dialog")).not.toBeNull();
    root.unmount();
    container.remove();
  }
  const eventFetches = script.requestsTo(/\/rooms\/[^/]+\/event\//).length;
  dispose();
  return {
    ms,
    cpuMs,
    mainThreadCpuMs,
    gcMs,
    eventFetches,
    client: new WeakRef(client),
  };
}

/**
 * Waits until a finished round's client has been collected, so that the next round is timed with one client in
 * memory, as an app has. A stopped client stays reachable for a few macrotasks while its sync loop unwinds (its
 * aborted request settles through the SDK's promise chain); timed straight away, the next round ran with both in
 * memory, and every major collection marked the dead one's 5,000 rooms too (about 220 MB). Returns how many
 * macrotasks that took, or -1 if the client was still alive after 50 (then it is reported).
 */
async function released(client: WeakRef<object>): Promise<number> {
  for (let waited = 0; waited <= 50; waited++) {
    collectGarbage();
    if (client.deref() === undefined) return waited;
    await settle();
  }
  return -1;
}

/** V8's code spaces (machine code, bytecode and their metadata in the trusted spaces), in use: bytes. */
const CODE_SPACES = /^(code|trusted)(_large_object)?_space$/;
function compiledCodeBytes(): number {
  return getHeapSpaceStatistics()
    .filter((space) => CODE_SPACES.test(space.space_name))
    .reduce((sum, space) => sum + space.space_used_size, 0);
}

it(`sync overhead: ${size.rooms} rooms, ${size.timelineEvents} timeline events, ${ROUNDS} rounds per arm`, async () => {
  const world = buildWorld(size);
  // The world is the size the task names: its rooms and, in all their timelines, exactly this many events.
  const joined = Object.values(world.batch.join ?? {});
  expect(joined).toHaveLength(size.rooms);
  expect(joined.reduce((n, room) => n + (room.timeline?.length ?? 0), 0)).toBe(size.timelineEvents);
  // Warm-up (JIT, module initialisation): one round of each arm, not counted.
  let unreleased = 0;
  /** Heap in use once each timed round's client was released (MB): growth here would slow later rounds. */
  const heapMbAfter: number[] = [];
  /**
   * Of that, V8's compiled code (MB): its code and trusted spaces (machine code and bytecode). It grows over the
   * rounds as V8 compiles and re-optimises more of the SDK, React and the kit (more in the arms that mount the
   * components, and twice the kit's code in the A/B mode), and the heap grows with it; what the rounds' own objects
   * keep is the difference. (The feedback and inline caches of that code are in the old space, so even the difference
   * still grows by some tens of KB per round: a heap snapshot's diff tells them apart.)
   */
  const codeMbAfter: number[] = [];
  const timed = async (arm: Arm, around?: Around): Promise<RoundResult> => {
    const result = await round(world, arm, around);
    if ((await released(result.client)) < 0) unreleased += 1;
    heapMbAfter.push(process.memoryUsage().heapUsed / 2 ** 20);
    codeMbAfter.push(compiledCodeBytes() / 2 ** 20);
    return result;
  };
  const arms: Arm[] = KIT_B ? ["without", "with", "withB"] : ["without", "with"];
  for (const arm of arms) await timed(arm);
  const results: Record<Arm, RoundResult[]> = { with: [], without: [], withB: [] };
  for (let i = 0; i < ROUNDS; i++) {
    for (const arm of armOrder(arms, i)) results[arm].push(await timed(arm));
  }
  // One collection of all that V8 can free, before the profiled round: a plain gc() leaves about 0.3 MB a round
  // (mostly large strings of the console output the SDK logs every sync, on their way out of the worker), which
  // heapMbAfterRounds counts; set beside its first figures, this one is what the rounds kept. (Only here, not after each round: it also drops compiled code, which would slow the next round.)
  (globalThis as { gc?: (options: object) => void }).gc?.({
    type: "major",
    execution: "sync",
    flavor: "last-resort",
  });
  const heapMbAfterLastResortGc = process.memoryUsage().heapUsed / 2 ** 20;
  const pick = (arm: Arm, key: Key) => results[arm].map((r) => r[key]);
  const ratioOf = (key: Key) => median(pick("with", key)) / median(pick("without", key));
  const logRatios = (key: Key) => results.with.map((r, i) => Math.log(r[key] / results.without[i]![key]));
  const pairRatio = (key: Key) => Math.exp(mean(logRatios(key)));
  const ci = confidenceInterval(logRatios("cpuMs"));
  const pairMedian = medianWithInterval(results.with.map((r, i) => r.cpuMs / results.without[i]!.cpuMs));
  const mainCi = confidenceInterval(logRatios("mainThreadCpuMs"));
  const last = results.with.at(-1);
  const attribution = await attributeKitSamples(world);
  const kitShare = attribution.kitSamples / attribution.busySamples;
  const attributionB = KIT_B ? await attributeKitSamples(world, "withB") : null;
  /** The A/B mode's figures: this build's "with" over the other's, by the same statistics as with over without. */
  const compareArms = (a: Arm, b: Arm) => {
    const logs = (key: Key) => results[a].map((r, i) => Math.log(r[key] / results[b][i]![key]));
    const ratioOfMedians = (key: Key) => median(pick(a, key)) / median(pick(b, key));
    const cpuCi = confidenceInterval(logs("cpuMs"));
    const pairs = medianWithInterval(results[a].map((r, i) => r.cpuMs / results[b][i]!.cpuMs));
    const mainThreadCi = confidenceInterval(logs("mainThreadCpuMs"));
    return {
      ratio: round3(ratioOfMedians("cpuMs")),
      geometricMeanPairRatio: round3(Math.exp(mean(logs("cpuMs")))),
      pairRatio95: [round3(cpuCi[0]), round3(cpuCi[1])],
      medianPairRatio: round3(pairs.median),
      medianPairRatio95: [round3(pairs.low), round3(pairs.high)],
      mainThreadRatio: round3(ratioOfMedians("mainThreadCpuMs")),
      mainThreadPairRatio95: [round3(mainThreadCi[0]), round3(mainThreadCi[1])],
      wallRatio: round3(ratioOfMedians("ms")),
    };
  };
  const compare =
    COMPARE_DIST_DIR && attributionB
      ? {
          compare: {
            dist: COMPARE_DIST_DIR,
            // What the other build is (the script sets the revision); null when run by hand without it.
            label: process.env.BENCH_SYNC_COMPARE_LABEL || null,
            // This build's components over the other build's, pair by pair within the same rounds.
            withVsWithB: compareArms("with", "withB"),
            // The other build's own overhead in this run, to set beside with over without.
            withBVsWithout: compareArms("withB", "without"),
            profiledKitShareB: round3(attributionB.kitSamples / attributionB.busySamples),
            profiledSamplesB: attributionB,
            medianCpuMsWithB: round3(median(pick("withB", "cpuMs"))),
            medianGcMsWithB: round3(median(pick("withB", "gcMs"))),
            medianMsWithB: round3(median(pick("withB", "ms"))),
            cpuMsWithB: pick("withB", "cpuMs").map(round3),
            mainThreadCpuMsWithB: pick("withB", "mainThreadCpuMs").map(round3),
            gcMsWithB: pick("withB", "gcMs").map(round3),
            msWithB: pick("withB", "ms").map(round3),
            orders: Array.from({ length: ROUNDS }, (_, i) => armOrder(arms, i).join(" ")),
          },
        }
      : {};
  writeResult("sync", {
    size,
    mounted: MOUNT,
    rounds: ROUNDS,
    react: "production",
    // The headline: CPU time, with over without, the ratio of the two arms' medians (each arm ran first in half
    // of the pairs). The geometric mean of the per-pair ratios is recorded too, and wall time, which on a loaded
    // machine mostly measures the wait for a free core.
    ratio: round3(ratioOf("cpuMs")),
    geometricMeanPairRatio: round3(pairRatio("cpuMs")),
    // The resolution of this run: the 95% confidence interval of the per-pair ratios' geometric mean. When it
    // spans 1.03 on both sides, the A/B comparison cannot tell a 3% overhead from none on this machine.
    pairRatio95: [round3(ci[0]), round3(ci[1])],
    // Robust to single slowed rounds: the median of the per-pair ratios, with its sign-test 95% interval.
    medianPairRatio: round3(pairMedian.median),
    medianPairRatio95: [round3(pairMedian.low), round3(pairMedian.high)],
    withoutSpread: round3(spread(pick("without", "cpuMs"))),
    // The same for the main thread's CPU time alone (no GC helper threads): what could hold up the app's UI.
    mainThreadRatio: round3(ratioOf("mainThreadCpuMs")),
    mainThreadPairRatio95: [round3(mainCi[0]), round3(mainCi[1])],
    mainThreadWithoutSpread: round3(spread(pick("without", "mainThreadCpuMs"))),
    // Profile attribution in one more "with" round: the share of busy CPU samples with kit/React/Radix code on
    // the stack, and the ratio it implies (busy / (busy - kit)).
    profiledKitShare: round3(kitShare),
    profiledRatio: round3(1 / (1 - kitShare)),
    profiledSamples: attribution,
    wallRatio: round3(ratioOf("ms")),
    medianCpuMsWith: round3(median(pick("with", "cpuMs"))),
    medianCpuMsWithout: round3(median(pick("without", "cpuMs"))),
    // Garbage-collection pauses per sync: where the garbage the kit and React make would show.
    medianGcMsWith: round3(median(pick("with", "gcMs"))),
    medianGcMsWithout: round3(median(pick("without", "gcMs"))),
    // Rounds whose stopped client was still alive 50 macrotasks later (then the next round ran with two).
    unreleasedClients: unreleased,
    medianMsWith: round3(median(pick("with", "ms"))),
    medianMsWithout: round3(median(pick("without", "ms"))),
    cpuMsWith: pick("with", "cpuMs").map(round3),
    cpuMsWithout: pick("without", "cpuMs").map(round3),
    mainThreadCpuMsWith: pick("with", "mainThreadCpuMs").map(round3),
    mainThreadCpuMsWithout: pick("without", "mainThreadCpuMs").map(round3),
    gcMsWith: pick("with", "gcMs").map(round3),
    gcMsWithout: pick("without", "gcMs").map(round3),
    msWith: pick("with", "ms").map(round3),
    msWithout: pick("without", "ms").map(round3),
    heapMbAfterRounds: heapMbAfter.map(round3),
    codeMbAfterRounds: codeMbAfter.map(round3),
    heapMbAfterLastResortGc: round3(heapMbAfterLastResortGc),
    eventFetchesDuringSync: last?.eventFetches ?? null,
    ...compare,
  });
});
