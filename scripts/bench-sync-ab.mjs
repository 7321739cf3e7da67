// `npm run bench:sync-ab -- <git rev>`: the sync part of the bench as an A/B of two builds in the same process and
// rounds, to tell what a change costs where separate runs cannot (the with/without ratio of unchanged code has swung
// 0.98x-1.11x between runs on a 2-core host). A is this working tree's dist/, built fresh by bench/run.mjs as for
// `npm run bench -- sync`; B is <rev>'s: its tree exported with `git archive` into a temporary directory, this
// checkout's node_modules linked in, and built as bench/run.mjs builds dist/ (vite build with that tree's own
// vite.config.ts, on this Node). Then `bench/run.mjs sync` runs with BENCH_SYNC_COMPARE_DIST set to B's dist/ (see
// bench/sync.bench.tsx), prints its table with the A/B rows, and this script repeats those rows. Writes only
// bench/results/ (never bench/baseline.json or README). The sizes' environment variables (BENCH_SYNC_ROOMS,
// BENCH_SYNC_ROUNDS, ...) apply as in `npm run bench`; `--keep` keeps the temporary tree.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { ensureSupportedNode } from "./ensure-node.mjs";

ensureSupportedNode();

const root = resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const keep = argv.includes("--keep");
const revs = argv.filter((a) => !a.startsWith("--"));
if (revs.length !== 1 || revs[0].startsWith("-")) {
  console.error("usage: npm run bench:sync-ab -- <git rev> [--keep]");
  process.exit(2);
}
const [rev] = revs;

/** Runs a command to its end, its output shown; throws when it fails. */
function mustRun(label, cmd, args, options = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: "inherit", ...options });
  if (r.status !== 0) throw new Error(`${label} failed (${r.error?.message ?? `exit status ${r.status}`})`);
}

const parsed = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], {
  cwd: root,
  encoding: "utf8",
});
const commit = parsed.stdout?.trim();
if (parsed.status !== 0 || !commit) {
  console.error(`bench:sync-ab: "${rev}" is not a commit of this repository`);
  process.exit(2);
}

const tree = mkdtempSync(join(os.tmpdir(), "mnk-bench-ab-"));
let status = 1;
try {
  const archive = join(tree, "tree.tar");
  mustRun(`export ${rev} (${commit.slice(0, 12)})`, "git", ["archive", "--output", archive, commit], {
    cwd: root,
  });
  mustRun("unpack", "tar", ["-x", "-f", archive, "-C", tree]);
  rmSync(archive);
  symlinkSync(join(root, "node_modules"), join(tree, "node_modules"), "dir");
  // As bench/run.mjs builds dist/ for the sync part (the emitted types are not needed to run it).
  mustRun(
    `build ${rev}'s dist/`,
    process.execPath,
    [join(tree, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"],
    { cwd: tree },
  );
  const dist = join(tree, "dist");
  if (!existsSync(join(dist, "index.js"))) throw new Error(`the build of ${rev} made no dist/index.js`);
  const started = new Date();
  const bench = spawnSync(process.execPath, [join(root, "bench", "run.mjs"), "sync"], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      BENCH_SYNC_COMPARE_DIST: dist,
      BENCH_SYNC_COMPARE_LABEL: `${rev === commit.slice(0, rev.length) ? "" : `${rev} = `}${commit.slice(0, 12)}`,
    },
  });
  status = bench.status ?? 1;
  // The table run.mjs just wrote (not an older run's, left there if it wrote none).
  const latestFile = join(root, "bench", "results", "latest.json");
  const latest = existsSync(latestFile) ? JSON.parse(readFileSync(latestFile, "utf8")) : null;
  const rows =
    latest && new Date(latest.date) >= started ? latest.rows.filter((r) => r.part === "sync A/B") : [];
  if (rows.length === 0) {
    console.error("\nbench:sync-ab: the sync part recorded no A/B result (see its output above).");
    status = status || 1;
  } else {
    console.log(`\n=== sync A/B: this working tree (A) against ${rev} (B, ${commit.slice(0, 12)}) ===\n`);
    for (const r of rows) console.log(`- ${r.metric}: ${r.value}`);
    console.log(
      "\nA ratio above 1 means A's components cost more CPU than B's; read it through its interval.",
    );
  }
} catch (e) {
  console.error(`bench:sync-ab: ${e.message}`);
  status = 1;
} finally {
  if (keep) console.log(`\nKept ${tree}.`);
  else rmSync(tree, { recursive: true, force: true });
}
process.exit(status);
