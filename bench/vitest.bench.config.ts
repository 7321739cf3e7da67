// Vitest config for the jsdom/node parts of `npm run bench` (bench/*.bench.tsx). These are measurement scripts
// written as tests: each records its numbers to bench/results/<part>.json. Exact counts (renders, fetches,
// listeners) are asserted; timing ratios are only recorded, and bench/run.mjs reports them against their targets.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
/** Timed parts run React's production build, as an app would ship it (no act(), no Profiler counts). */
const PRODUCTION = ["bench/sync.bench.tsx"];

export default defineConfig({
  root,
  plugins: [react()],
  resolve: { dedupe: ["matrix-js-sdk", "react", "react-dom"] },
  test: {
    environment: "jsdom",
    // The SDK logs every sync; only a failing part's output is worth reading.
    silent: "passed-only",
    // One file at a time: parts must not compete for the cores while they time things.
    fileParallelism: false,
    pool: "forks",
    execArgv: [
      "--expose-gc",
      // Extra V8 flags for experiments (e.g. BENCH_V8_FLAGS="--single-threaded-gc"); none by default.
      ...(process.env.BENCH_V8_FLAGS?.split(" ").filter(Boolean) ?? []),
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir=bench/results/prof"] : []),
    ],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "bench",
          include: ["bench/*.bench.tsx"],
          exclude: PRODUCTION,
          setupFiles: ["test/support/setup-jsdom.ts"],
        },
      },
      {
        extends: true,
        // Production JSX (react/jsx-runtime) to go with React's production build.
        oxc: { jsx: { runtime: "automatic", development: false } },
        test: {
          name: "bench-prod",
          include: PRODUCTION,
          env: { NODE_ENV: "production" },
          // The kit's built dist/ runs natively, like matrix-js-sdk and React (see bench/sync.bench.tsx).
          server: { deps: { external: [/\/dist\//] } },
        },
      },
    ],
  },
});
