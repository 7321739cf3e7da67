/**
 * Seeded hostile JSON for the sync fuzz tests: a generator of hostile values (prototype names, lone surrogates,
 * huge and deep values, script URLs, numbers JSON cannot write), a client whose /sync text carries them, and a
 * driver that mounts a world, pushes hostile syncs through the real SDK and collects what the oracle objects to:
 * throws, console errors and warnings, "[object Object]" / "undefined" / "NaN" on screen, script and data URLs.
 */
import { act, cleanup, fireEvent, render } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { createElement, Fragment, type ReactElement } from "react";
import { expect, it, vi } from "vitest";
import { stopAllTestClients } from "./clients";
import { type SyncBatch, SyncScript } from "./syncScript";

/** The timeout of each fuzz test: generous, as a hanging step must fail through it (no step is timed). */
const TEST_TIMEOUT_MS = 120_000;

/** A seeded pseudo-random source (mulberry32) giving numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Markers rewritten in the raw JSON text the client receives (values JSON.stringify cannot write). */
const RAW_MARKERS: Record<string, string> = {
  '"@@INF@@"': "1e400",
  '"@@NEGINF@@"': "-1e400",
  '"@@NEGZERO@@"': "-0",
  '"@@BIGNUM@@"': "123456789012345678901234567890123",
};

/** Rewrites the words the oracle forbids on screen, so that generated input never carries them itself. */
export function scrub(s: string): string {
  return s
    .replace(/undefined/gi, "undef1ned")
    .replace(/NaN/g, "NaM")
    .replace(/\[object /gi, "[obj3ct ");
}

/** An object with the entries as own enumerable properties, "__proto__" too (so that JSON.stringify writes it). */
export function objOf(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** Keys that are names on Object.prototype, Array or thenables. */
const PROTO_KEYS = [
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "prototype",
  "then",
  "toJSON",
  "length",
  "0",
];

/** Hostile URLs: script and data schemes in disguise, odd, huge and broken URLs, and a few harmless ones. */
export const HOSTILE_URLS: readonly string[] = [
  "javascript:alert(1)",
  " JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "\u0000javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "vbscript:msgbox(1)",
  "mailto:admin@example.org",
  `mailto:${"a".repeat(70000)}@example.org`,
  `mailto:a@example.org?subject=${"%00".repeat(1000)}`,
  "mailto:",
  "https://",
  "http://[",
  "https://[::1]/x",
  "https://example.org/\u202egpj.exe",
  `https://example.org/${"a".repeat(60000)}`,
  "https://例え.jp/パス",
  "https://xn--80ak6aa92e.com/",
  "www.example.org",
  "www.",
  "https://example.org/javascript:alert(1)",
  "//evil.example/x",
  "mxc://example.org/abc",
  "file:///etc/passwd",
  "blob:https://example.org/123",
  "https://user:pass@example.org:99999/",
];

/** Hostile strings: invisible, bidi, surrogate and combining characters, markup, huge runs, the kit's own words. */
const SPECIAL = [
  "",
  " ",
  "\u200b",
  "\u200b\u200c\u200d\ufeff",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfff",
  "\udbff\udbff",
  "\udc00\ud800",
  "\u202eevil\u202c",
  "\u2066\u2067\u2068",
  "\u061c",
  "\u202e".repeat(5000),
  `a${"\u0301".repeat(10000)}`,
  "\uE000",
  "\uE000\uE000x",
  "%s %d %o %c",
  "{}",
  "[]",
  "\r\n\u2028\u2029\u0085",
  "😀\u{10FFFF}",
  "$event:example.org",
  `$${"a".repeat(300)}`,
  "@room",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  "<b>".repeat(3000),
  "<ul><li>".repeat(1000),
  "<table><tr><td>".repeat(500),
  "<p>".repeat(5000),
  "A".repeat(200000),
  "https://".repeat(5000),
  "www.a".repeat(10000),
  "(https://a.b/)".repeat(3000),
  "`a".repeat(20000),
  "> ".repeat(5000),
  "# a\n".repeat(3000),
  "monthly active user limit exceeded",
  "Monthly Active User Limit Exceeded!!!",
  "m.server_notice",
  "m.server_notice.usage_limit_reached",
  "monthly_active_user",
  "hs_disabled",
  "hs_blocked",
  "text/html",
  "text/plain",
  "text/markdown",
  "TEXT/HTML; charset=utf-8",
  ...PROTO_KEYS,
];

/** Hostile numbers, and markers for those JSON.stringify cannot write (see RAW_MARKERS). */
const NUMBERS: unknown[] = [
  0,
  -1,
  1,
  1.5,
  50,
  100,
  -100,
  1e308,
  -1e308,
  5e-324,
  2 ** 53 + 2,
  9007199254740991,
  1e21,
  "@@INF@@",
  "@@NEGINF@@",
  "@@NEGZERO@@",
  "@@BIGNUM@@",
];

/** Keys the kit reads somewhere, for hostile records to carry in the wrong place. */
const KIT_KEYS = [
  "body",
  "mimetype",
  "m.text",
  "m.html",
  "msgtype",
  "format",
  "formatted_body",
  "m.new_content",
  "m.relates_to",
  "pinned",
  "name",
  "displayname",
  "users",
  "events",
  "tags",
];

/** A seeded generator of hostile values; the same seed draws the same values in the same order. */
export class Gen {
  /** The seeded source every draw comes from. */
  readonly r: () => number;
  #ids = 0;

  constructor(seed: number) {
    this.r = prng(seed);
  }

  /** A fresh event id (`$<hint><n>:example.org`), the same for the same seed whatever ran before. */
  eventId(hint: string): string {
    this.#ids += 1;
    return `$${hint}${this.#ids}:example.org`;
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return Math.floor(this.r() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.r() < p;
  }

  /** One of the items. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  /** Up to `max` characters drawn from markup, quotes, escapes, RTL, bidi and astral characters. */
  randomString(max = 24): string {
    const alphabet = "abcAZ09 <>&\"'/:.?#=-_*`[]()!\\\n\t$@%\u00e9\u05d0\u0627\u4e2d\u200f\u202e\ud83d\ude00";
    let s = "";
    const n = this.int(max + 1);
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)]!;
    return s;
  }

  /** A hostile string: a special one, a URL, random characters, or a mix of those (always scrubbed). */
  string(): string {
    const k = this.int(10);
    let s: string;
    if (k < 3) s = this.pick(SPECIAL);
    else if (k < 5) s = this.pick(HOSTILE_URLS);
    else if (k < 7) s = this.randomString();
    else {
      const parts: string[] = [];
      const n = 2 + this.int(3);
      for (let i = 0; i < n; i++)
        parts.push(
          this.chance(0.5)
            ? this.pick(SPECIAL)
            : this.chance(0.5)
              ? this.pick(HOSTILE_URLS)
              : this.randomString(8),
        );
      s = parts.join(this.pick(["", " ", "\n"]));
    }
    return scrub(s);
  }

  /** A hostile number, or a marker for Infinity, -Infinity, -0 or a number too big for a double. */
  number(): unknown {
    return this.pick(NUMBERS);
  }

  /** A hostile key: a prototype name, a key the kit reads, or random characters. */
  key(): string {
    const k = this.int(6);
    if (k < 2) return this.pick(PROTO_KEYS);
    if (k < 4) return this.pick(KIT_KEYS);
    return scrub(this.randomString(10));
  }

  /** `leaf` nested `depth` deep in arrays or objects. */
  deep(depth: number, leaf: unknown): unknown {
    let v = leaf;
    const asArray = this.chance(0.5);
    for (let i = 0; i < depth; i++) v = asArray ? [v] : objOf([[this.chance(0.5) ? "__proto__" : "a", v]]);
    return v;
  }

  /** Any hostile JSON value: strings, numbers, empties, arrays, records, very deep or very large values. */
  value(depth = 0): unknown {
    const k = this.int(depth > 2 ? 6 : 12);
    switch (k) {
      case 0:
      case 1:
      case 2:
        return this.string();
      case 3:
        return this.number();
      case 4:
        return this.pick([true, false, null]);
      case 5:
        return this.pick([
          [],
          {},
          objOf([["__proto__", {}]]),
          objOf([["__proto__", null]]),
          [null],
          [[]],
          "",
        ]);
      case 6:
      case 7: {
        const n = this.int(5);
        return Array.from({ length: n }, () => this.value(depth + 1));
      }
      case 8:
      case 9: {
        const n = this.int(5);
        return objOf(
          Array.from({ length: n }, () => [this.key(), this.value(depth + 1)] as [string, unknown]),
        );
      }
      case 10:
        return this.deep(100 + this.int(1400), this.chance(0.5) ? this.string() : null);
      default:
        return this.chance(0.5)
          ? Array.from({ length: 10000 }, (_, i) => (i % 3 === 0 ? i : this.pick(SPECIAL.slice(0, 20))))
          : objOf(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i] as [string, unknown]));
    }
  }

  /** `good()` with probability p, else a hostile value. */
  maybe<T>(good: () => T, p = 0.6): unknown {
    return this.chance(p) ? good() : this.value();
  }

  /** A record with the given fields (each absent with probability pAbsent), hostile extras, in shuffled order. */
  record(fields: Record<string, () => unknown>, pAbsent = 0.15): Record<string, unknown> {
    const entries: [string, unknown][] = [];
    for (const [k, f] of Object.entries(fields)) if (!this.chance(pAbsent)) entries.push([k, f()]);
    const extra = this.int(3);
    for (let i = 0; i < extra; i++) entries.push([this.key(), this.value(1)]);
    // Shuffled, so that "__proto__" may come before or after the real keys.
    for (let i = entries.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    return objOf(entries);
  }
}

/** A short JSON rendering of a value, long strings and arrays cut, for failure messages. */
export function preview(v: unknown, max = 400): string {
  let s: string;
  try {
    s =
      JSON.stringify(v, (_k, x) =>
        typeof x === "string" && x.length > 60
          ? `${x.slice(0, 40)}…(${x.length} chars)`
          : Array.isArray(x) && x.length > 12
            ? [...x.slice(0, 12), `…(${x.length} items)`]
            : x,
      ) ?? String(v);
  } catch (e) {
    s = `<unserialisable: ${e}>`;
  }
  return s.length > max ? `${s.slice(0, max)}…(${s.length} chars)` : s;
}

/** Wraps a script's fetchFn: RAW_MARKERS become raw JSON number literals (Infinity, -0, huge) in what the SDK parses. */
function markerFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    const type = res.headers.get("content-type") ?? "";
    if (!type.includes("json")) return res;
    let text = await res.text();
    if (text.includes("@@"))
      for (const [m, raw] of Object.entries(RAW_MARKERS)) text = text.split(m).join(raw);
    return new Response(text, { status: res.status, headers: res.headers });
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// Oracle
// ---------------------------------------------------------------------------------------------------------------

/** Text that means a raw value reached the screen. */
const BAD_TEXT = ["[object Object]", "undefined", "NaN"];
/** Attributes whose value is loaded or followed as a URL. */
const URL_ATTR = /^(href|src|srcset|action|formaction|xlink:href|data|poster|background|cite|data-mnk-src)$/;

/** What the page shows that it must not: raw values in text or attributes, event handlers, script or data URLs. */
function domProblems(root: ParentNode = document.body): string[] {
  const out: string[] = [];
  const text = (root as Node).textContent ?? "";
  for (const bad of BAD_TEXT)
    if (text.includes(bad))
      out.push(
        `text contains ${JSON.stringify(bad)}: …${text.slice(Math.max(0, text.indexOf(bad) - 80), text.indexOf(bad) + 40)}…`,
      );
  for (const el of Array.from(root.querySelectorAll("*"))) {
    for (const attr of Array.from(el.attributes)) {
      for (const bad of BAD_TEXT)
        if (attr.value.includes(bad))
          out.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 120)}"> contains ${bad}`);
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) out.push(`<${el.localName} ${attr.name}>`);
      if (URL_ATTR.test(name)) {
        const raw = Array.from(attr.value)
          .filter((c) => c.charCodeAt(0) > 0x20)
          .join("")
          .toLowerCase();
        let scheme = "";
        try {
          scheme = new URL(attr.value, "https://base.example/").protocol;
        } catch {
          // Not a URL: nothing to follow.
        }
        if (
          /^(javascript|vbscript|data):/.test(raw) ||
          ["javascript:", "data:", "vbscript:"].includes(scheme)
        )
          out.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 120)}">`);
      }
    }
  }
  return out;
}

/** The SDK's own start-up noise (push rules, RTC transports), unrelated to content. */
const BENIGN = /push rule|RTCTransports|PollingCachedValue/;

/** One line for a console argument: an error with its first frames, a string, or a preview. */
function describeArg(a: unknown): string {
  if (a instanceof Error) {
    const frames = (a.stack ?? "")
      .split("\n")
      .slice(1, 7)
      .map((l) => l.trim());
    return `${a.name}: ${a.message} {${frames.join(" | ")}}`;
  }
  return typeof a === "string" ? a : preview(a, 200);
}

/**
 * Records console.error / console.warn calls and uncaught errors. What the SDK logs of its own (through its logger,
 * about an error the kit did not throw) is the SDK's business and left out.
 */
function watchConsole() {
  const calls: string[] = [];
  const record =
    (kind: string) =>
    (...args: unknown[]) => {
      const msg = args.map(describeArg).join(" ");
      if (BENIGN.test(msg)) return;
      const frames = (new Error().stack ?? "")
        .split("\n")
        .slice(2)
        .map((l) => l.trim());
      // An error the SDK caught and logged that the kit's code threw is the kit's.
      const kitThrew = args.some(
        (a) => a instanceof Error && /\/src\/(notices|welcome|authoring|core)\//.test(a.stack ?? ""),
      );
      if (!kitThrew && frames.some((f) => f.includes("matrix-js-sdk/lib/logger"))) return;
      const stack = frames
        .filter((f) => !f.includes("vitest/dist") && !f.includes("logger.js"))
        .slice(0, 6)
        .join(" | ");
      calls.push(`console.${kind}: ${msg.slice(0, 600)}\n    at ${stack.slice(0, 600)}`);
    };
  const error = vi.spyOn(console, "error").mockImplementation(record("error"));
  const warn = vi.spyOn(console, "warn").mockImplementation(record("warn"));
  const onError = (e: ErrorEvent) =>
    calls.push(`window error: ${e.message} ${e.error?.stack?.split("\n").slice(0, 6).join(" | ")}`);
  const onRejection = (e: PromiseRejectionEvent) => calls.push(`unhandled rejection: ${String(e.reason)}`);
  const onProcess = (e: unknown) =>
    calls.push(`process: ${String(e)} ${(e as Error)?.stack?.split("\n").slice(0, 6).join(" | ")}`);
  window.addEventListener("error", onError);
  window.addEventListener("unhandledrejection", onRejection);
  process.on("unhandledRejection", onProcess);
  return {
    /** The problems recorded since the last take. */
    take: (): string[] => calls.splice(0),
    stop() {
      window.removeEventListener("error", onError);
      window.removeEventListener("unhandledrejection", onRejection);
      process.off("unhandledRejection", onProcess);
      error.mockRestore();
      warn.mockRestore();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Worlds
// ---------------------------------------------------------------------------------------------------------------

/** The first line of an error's stack (or the thrown value), for a failure message. */
function describeThrow(e: unknown): string {
  return `threw: ${e instanceof Error ? e.stack?.split("\n").slice(0, 8).join(" | ") : String(e)}`;
}

/** A whole number from the environment variable `name`, else `fallback`. */
function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not ${raw}`);
  return n;
}

/** A fuzz file's default sizes: base seed, worlds after mount, syncs per world, fresh mounts. */
export interface FuzzDefaults {
  seed: number;
  worlds: number;
  steps: number;
  fresh: number;
}

/** The seeds and sizes of a fuzz file: its defaults, overridden by MNK_FUZZ_SEED, _WORLDS, _STEPS and _FRESH. */
function fuzzSizes(defaults: FuzzDefaults): {
  steps: number;
  afterMountSeeds: number[];
  freshSeeds: number[];
} {
  const seed = envCount("MNK_FUZZ_SEED", defaults.seed);
  const worlds = envCount("MNK_FUZZ_WORLDS", defaults.worlds);
  const fresh = envCount("MNK_FUZZ_FRESH", defaults.fresh);
  return {
    steps: envCount("MNK_FUZZ_STEPS", defaults.steps),
    afterMountSeeds: Array.from({ length: worlds }, (_, w) => seed * 1000 + w),
    freshSeeds: Array.from({ length: fresh }, (_, c) => seed * 100000 + 500 + c),
  };
}

/** A mounted world: its script, and what the test does and checks between hostile syncs. */
export interface HostileWorld {
  /** The script serving the world's client. */
  script: SyncScript;
  /** The next hostile sync batch (drawn from the world's generator). */
  nextSync(): SyncBatch;
  /** What the app does after a sync (say, report an error), drawn from the generator; before the user's click. */
  interact?(): void;
  /** The elements the user may click after a sync, now and then (a selector). */
  clickable: string;
  /** Problems in the hooks' latest values. */
  check(): string[];
}

/**
 * Starts a client (its /sync text carrying RAW_MARKERS' raw numbers) on `initial`, renders `useHooks` and `ui` and
 * lets them settle; `latest()` is what `useHooks` returned last.
 */
export async function mountHostile<T>(
  userId: string,
  initial: SyncBatch,
  useHooks: (client: MatrixClient) => T,
  ui: (client: MatrixClient) => ReactElement,
): Promise<{ client: MatrixClient; script: SyncScript; latest: () => T | undefined }> {
  const script = new SyncScript({ userId });
  const client = script.createClient({ fetchFn: markerFetch(script.fetchFn) });
  await script.start(client, initial);
  let latest: T | undefined;
  function Hooks() {
    latest = useHooks(client);
    return null;
  }
  render(createElement(Fragment, null, createElement(Hooks), ui(client)));
  await act(() => sleep(20));
  return { client, script, latest: () => latest };
}

/** Now and then (15 %), clicks one of the elements `selector` finds, as a user would. */
function maybeClick(g: Gen, selector: string): void {
  if (!g.chance(0.15)) return;
  const targets = document.querySelectorAll<HTMLElement>(selector);
  if (targets.length) act(() => fireEvent.click(targets[g.int(targets.length)]!));
}

/** How many problems a run collects before it stops (the first ones tell the story). */
const MAX_FAILURES = 12;

/** One world: mount, then `steps` hostile syncs, each followed by the oracle's checks. */
async function runWorld(
  seed: number,
  steps: number,
  open: (g: Gen) => Promise<HostileWorld>,
  failures: string[],
): Promise<void> {
  const g = new Gen(seed);
  const watch = watchConsole();
  const report = (label: string, problems: string[]) => {
    if (problems.length) failures.push(`[seed ${seed} ${label}]\n  ${problems.join("\n  ")}`);
  };
  try {
    const world = await open(g);
    report("mount", [...watch.take(), ...domProblems(), ...world.check()]);
    for (let s = 0; s < steps && failures.length < MAX_FAILURES; s++) {
      const batch = world.nextSync();
      const note = `batch: ${preview(batch, 1500)}`;
      try {
        await act(async () => {
          await world.script.push(batch);
          await sleep(5);
        });
        await act(() => sleep(5));
        world.interact?.();
        maybeClick(g, world.clickable);
      } catch (e) {
        report(`step ${s}`, [describeThrow(e), note]);
        return;
      }
      const problems = [...watch.take(), ...domProblems(), ...world.check()];
      if (problems.length) report(`step ${s}`, [...problems, note]);
    }
  } finally {
    watch.stop();
    cleanup();
    await stopAllTestClients();
  }
}

/**
 * Runs a world for each seed (`open` mounts it with the seed's generator) and returns the problems found, the first
 * few, as one text: "" when there were none.
 */
async function runHostileWorlds(
  seeds: readonly number[],
  steps: number,
  open: (g: Gen) => Promise<HostileWorld>,
): Promise<string> {
  const failures: string[] = [];
  for (const seed of seeds) {
    if (failures.length >= MAX_FAILURES) break;
    await runWorld(seed, steps, open, failures);
  }
  return failures.slice(0, MAX_FAILURES).join("\n\n");
}

/**
 * Registers a file's two fuzz tests of `subject` (say "the banner"): seeded worlds that take hostile syncs after
 * mount, and fresh mounts on a hostile initial sync followed by one more. Sizes: `defaults`, or the environment.
 */
export function hostileSyncTests(
  subject: string,
  defaults: FuzzDefaults,
  open: (g: Gen) => Promise<HostileWorld>,
): void {
  const sizes = fuzzSizes(defaults);
  const outcome = `${subject} never throws, logs nothing and shows no raw values`;
  it(
    `given seeded hostile syncs after mount, ${outcome}`,
    async () => {
      expect(await runHostileWorlds(sizes.afterMountSeeds, sizes.steps, open)).toBe("");
    },
    TEST_TIMEOUT_MS,
  );
  it(
    `given a seeded hostile initial sync and one more, ${outcome}`,
    async () => {
      expect(await runHostileWorlds(sizes.freshSeeds, 1, open)).toBe("");
    },
    TEST_TIMEOUT_MS,
  );
}
