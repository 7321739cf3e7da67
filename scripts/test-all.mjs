// `npm test`: every check and test tier in order, none skipped. Prints a plain `N passed, M failed` line at the end
// (tests counted from vitest's JSON reports, each other check counted as one) and writes it to
// test-results/summary.txt for CI. Exits non-zero when anything failed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ensureSupportedNode } from "./ensure-node.mjs";

ensureSupportedNode();

const root = resolve(import.meta.dirname, "..");
const out = join(root, "test-results");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bin = (name) => join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
const only = process.argv.slice(2); // e.g. `npm test -- unit lint` runs just those steps

const steps = [
  { id: "typecheck", name: "typecheck (tsc strict)", cmd: [bin("tsc"), "-p", "tsconfig.json", "--noEmit"] },
  { id: "lint", name: "lint and format (biome)", cmd: [bin("biome"), "ci", "."] },
  { id: "unit", name: "unit and component tests (jsdom)", vitest: ["unit"] },
  {
    id: "react18-install",
    group: "react18",
    name: "React 18 for the react18 tier (npm ci in test/react18)",
    cmd: ["npm", "ci", "--prefix", "test/react18", "--no-audit", "--no-fund", "--loglevel=error"],
  },
  {
    id: "react18",
    name: "component tests on React 18 (jsdom; the peer range has ^18.3 and ^19)",
    vitest: ["react18"],
    needs: "react18-install",
  },
  {
    id: "react19floor-install",
    group: "react19floor",
    name: "React 19.0.0 for the react19floor tier (npm ci in test/react19-floor)",
    cmd: ["npm", "ci", "--prefix", "test/react19-floor", "--no-audit", "--no-fund", "--loglevel=error"],
  },
  {
    id: "react19floor",
    name: "the welcome's, editor's and banners' component tests on React 19.0.0 (jsdom; the floor of ^19)",
    vitest: ["react19floor"],
    needs: "react19floor-install",
  },
  {
    id: "chromium",
    name: "Chromium for the browser tiers",
    cmd: [process.execPath, "scripts/ensure-chromium.mjs"],
  },
  {
    id: "browser",
    name: "browser tests and stories as tests (Chromium, a11y)",
    vitest: ["browser", "storybook"],
    needs: "chromium",
  },
  {
    id: "package",
    name: "package checks (build, publint, attw, imports)",
    cmd: [process.execPath, "scripts/check-package.mjs"],
  },
  {
    id: "size",
    name: "bundle size ceilings (min+gzip, scripts/size-check.mjs)",
    cmd: [process.execPath, "scripts/size-check.mjs"],
  },
  {
    id: "synapse",
    name: "Synapse for the e2e tier (PyPI, .venv-synapse/)",
    cmd: [process.execPath, "scripts/synapse/synapse.mjs", "install"],
  },
  {
    id: "e2e",
    name: "end-to-end against a real Synapse on loopback (jsdom)",
    vitest: ["e2e"],
    config: "vitest.e2e.config.ts",
    needs: "synapse",
  },
];

/** `file > describe > test` of each failed test (or failed file) in a vitest JSON report. */
function failedTestNames(json) {
  const names = [];
  for (const file of json.testResults ?? []) {
    const path = file.name ? file.name.replace(`${root}/`, "") : "?";
    const tests = (file.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const t of tests) names.push(`${path} > ${t.fullName ?? t.title}`);
    if (!tests.length && file.status === "failed")
      names.push(`${path} (${(file.message ?? "failed").split("\n")[0]})`);
  }
  return names;
}

let passed = 0;
let failed = 0;
const lines = [];
const failures = [];
const failedIds = new Set();
const started = Date.now();
for (const step of steps) {
  if (only.length && !only.includes(step.id) && !only.includes(step.group)) continue;
  const t0 = Date.now();
  console.log(`\n=== ${step.name} ===`);
  if (step.needs && failedIds.has(step.needs)) {
    failed += 1;
    failedIds.add(step.id);
    lines.push(`FAIL ${step.name}: not run because "${step.needs}" failed`);
    continue;
  }
  if (step.vitest) {
    const report = join(out, `${step.id}.json`);
    const args = [
      "run",
      ...(step.config ? ["--config", step.config] : []),
      ...step.vitest.flatMap((p) => ["--project", p]),
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ];
    const r = spawnSync(bin("vitest"), args, {
      cwd: root,
      stdio: "inherit",
      shell: process.platform === "win32",
    });
    let p = 0;
    let f = 0;
    if (existsSync(report)) {
      const json = JSON.parse(readFileSync(report, "utf8"));
      p = json.numPassedTests ?? 0;
      // Failed tests; a suite counts only when it failed with no failed test of its own (e.g. an import error), so one
      // failing test is not reported as three (its describe blocks and file fail with it).
      f = json.numFailedTests || json.numFailedTestSuites || 0;
      if (json.numTotalTests === 0) f += 1; // a tier that ran nothing is a failure, never a silent skip
      failures.push(...failedTestNames(json));
    }
    if (r.status !== 0 && f === 0) f = 1;
    passed += p;
    failed += f;
    if (f) failedIds.add(step.id);
    lines.push(
      `${f ? "FAIL" : "PASS"} ${step.name}: ${p} passed, ${f} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
  } else {
    const [cmd, ...args] = step.cmd;
    const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
    const ok = r.status === 0;
    if (ok) passed += 1;
    else {
      failed += 1;
      failedIds.add(step.id);
    }
    lines.push(`${ok ? "PASS" : "FAIL"} ${step.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
}
const summary = `${passed} passed, ${failed} failed`;
// The failed tests by name, close to the end, where a log cut to its last lines still shows them.
const failedList = failures.length ? `\nfailed tests:\n${failures.map((n) => `  ${n}`).join("\n")}` : "";
console.log(
  `\n=== summary (${((Date.now() - started) / 1000).toFixed(0)} s) ===\n${lines.join("\n")}${failedList}\n${summary}`,
);
writeFileSync(join(out, "summary.txt"), `${summary}\n`);
process.exit(failed ? 1 : 0);
