// npm skips `pre` hooks when `ignore-scripts` is set, so check-node.mjs never ran and the script would run on an
// unsupported Node: the entry scripts (test-all.mjs, bench/run.mjs) call this first. On an unsupported Node it
// provides Node 24 (check-node.mjs) and runs the calling script again on it. Must itself run on old Node versions.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { supported } from "./node-support.mjs";

/** Returns when this Node is supported; otherwise reruns the current script on a supported one and exits. */
export function ensureSupportedNode() {
  if (supported(process.versions.node)) return;
  const root = resolve(import.meta.dirname, "..");
  const check = spawnSync(process.execPath, [join(root, "scripts", "check-node.mjs")], { stdio: "inherit" });
  if (check.status !== 0) process.exit(1);
  const again = spawnSync(join(root, "node_modules", ".bin", "node"), process.argv.slice(1), {
    stdio: "inherit",
  });
  process.exit(again.status ?? 1);
}
