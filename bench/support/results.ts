// Where the bench parts record their numbers: bench/results/<part>.json (git-ignored), read by bench/run.mjs.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// (A string, not `new URL(...)`: under jsdom the global URL is jsdom's, which node:url does not accept.)
export const RESULTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../results");

export function writeResult(part: string, data: Record<string, unknown>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(resolve(RESULTS_DIR, `${part}.json`), `${JSON.stringify({ part, ...data }, null, 2)}\n`);
}

/** An integer from the environment (to run a part at a smaller size while developing), else the default. */
export function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs a full garbage collection when the process was started with --expose-gc. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const round3 = (x: number) => Math.round(x * 1000) / 1000;
