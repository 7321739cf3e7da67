// Package checks on the packed tarball: build, `npm pack`, publint, Are the Types Wrong (ESM-only profile), the
// tarball's file list, what its manifest makes users install and run, and that importing NoticeBanner alone pulls
// in neither DOMPurify nor Radix.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
const bin = (name) => join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
const run = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, {
    cwd: root,
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
check("npm pack", () => {
  // Just built above: no need for the prepack hook's build.
  const out = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], {
    capture: true,
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
check("users install nothing but the runtime dependencies (no toolchain, no install scripts)", () => {
  const packed = JSON.parse(
    execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
  );
  const installed = Object.keys({ ...packed.dependencies, ...packed.optionalDependencies });
  const expected = ["@radix-ui/react-dialog", "dompurify", "micromark"];
  const unexpected = installed.filter((name) => !expected.includes(name));
  if (unexpected.length) throw new Error(`the package makes its users install ${unexpected.join(", ")}`);
  // The published engines range is the users' (a browser library, server-rendered at most): no narrower than its
  // peer matrix-js-sdk's, or Yarn classic and engine-strict installs on a Node the SDK accepts would be refused.
  // The toolchain's own needs are scripts/node-support.mjs's business, not the users'.
  const sdkNode = JSON.parse(
    readFileSync(join(root, "node_modules", "matrix-js-sdk", "package.json"), "utf8"),
  ).engines?.node;
  if (packed.engines?.node !== undefined && packed.engines.node !== sdkNode)
    throw new Error(`engines.node is "${packed.engines.node}"; matrix-js-sdk asks for "${sdkNode}"`);
  const hooks = ["preinstall", "install", "postinstall", "prepare"].filter((h) => packed.scripts?.[h]);
  if (hooks.length) throw new Error(`the package runs ${hooks.join(", ")} on its users' installs`);
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
check(
  'every module that renders or uses React (components, hooks) is a "use client" module; the entry point is not',
  () => {
    // React Server Components (Next.js App Router): a server component may render <NoticeBannerList notices={...}> or
    // call the pure helpers (parsers, sanitizer) imported from the entry point; components and hooks run on the client.
    // A hook module without the directive breaks the import there (react's server build has no useSyncExternalStore).
    const list = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
    const modules = list.filter((f) => /^package\/dist\/.*\.js$/.test(f));
    const read = (f) => execFileSync("tar", ["-xzOf", tarball, f], { encoding: "utf8" });
    const wrong = [];
    let components = 0;
    for (const file of modules) {
      const src = read(file);
      const client = /^"use client";/.test(src);
      const usesReact = /from "react(\/jsx-runtime)?"/.test(src);
      if (file === "package/dist/index.js" ? client : usesReact !== client) wrong.push(file);
      if (/from "react\/jsx-runtime"/.test(src) && client) components++;
    }
    if (wrong.length) throw new Error(`wrong "use client" directive: ${wrong.join(", ")}`);
    if (components < 5) throw new Error(`only ${components} component modules found`);
  },
);
check(
  "the entry point loads in a React Server Component (react-server condition, client modules as references)",
  () => {
    // As an RSC bundler does: a "use client" module becomes references to its exports; the rest runs on the server.
    const loader = join(tmp, "rsc-loader.mjs");
    writeFileSync(
      loader,
      `import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
export async function load(url, context, next) {
  if (!url.startsWith(${JSON.stringify(pathToFileURL(join(root, "dist")).href)})) return next(url, context);
  const src = readFileSync(fileURLToPath(url), "utf8");
  if (!src.startsWith('"use client";')) return next(url, context);
  const names = new Set();
  for (const m of src.matchAll(/export\\s*\\{([^}]*)\\}/g))
    for (const part of m[1].split(",")) names.add(part.trim().split(/\\s+as\\s+/).pop());
  for (const m of src.matchAll(/export\\s+(?:async\\s+)?(?:function\\*?|const|let|var|class)\\s+([\\w$]+)/g)) names.add(m[1]);
  names.delete("");
  const source = [...names].map((n) => "export const " + n + " = { $$typeof: Symbol.for('react.client.reference'), name: '" + n + "' };").join("\\n");
  return { format: "module", source, shortCircuit: true };
}
`,
    );
    const probe = `
import { register } from "node:module";
register(${JSON.stringify(pathToFileURL(loader).href)});
const kit = await import(${JSON.stringify(pathToFileURL(join(root, "dist", "index.js")).href)});
const React = await import("react");
if (typeof React.useSyncExternalStore === "function") throw new Error("not react's server build");
if (kit.NoticeBannerList.$$typeof !== Symbol.for("react.client.reference")) throw new Error("components are not client references");
if (kit.sanitizeMatrixHtml("<b>x</b>") !== "&lt;b&gt;x&lt;/b&gt;") throw new Error("the sanitizer does not escape on the server");
if (kit.parseWelcomeContent({ "m.text": [{ body: "Hi" }] })?.text !== "Hi") throw new Error("parseWelcomeContent");
if (kit.parseServerNotice({ msgtype: "m.server_notice", body: "b" }) === null) throw new Error("parseServerNotice");
`;
    execFileSync(process.execPath, ["--conditions=react-server", "--input-type=module", "-e", probe], {
      cwd: root,
      stdio: "pipe",
      encoding: "utf8",
    });
  },
);
check("the README's TypeScript samples type-check against the built declarations (strict)", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const samples = [...readme.matchAll(/^```tsx\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  if (samples.length === 0) throw new Error("no tsx sample found in the README");
  // Under node_modules/.cache so that react, matrix-js-sdk and their types resolve from the project.
  const dir = join(root, "node_modules", ".cache", "mnk-readme-samples");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = samples.map((code, i) => {
    const file = `sample-${i + 1}.tsx`;
    writeFileSync(join(dir, file), code);
    return file;
  });
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        skipLibCheck: true,
        jsx: "react-jsx",
        target: "ES2022",
        module: "ESNext",
        moduleResolution: "bundler",
        types: [],
        paths: {
          "matrix-notice-kit": [join(root, "dist", "index.d.ts")],
          "matrix-notice-kit/styles.css": [join(root, "dist", "styles.css.d.ts")],
        },
      },
      files,
    }),
  );
  try {
    run(bin("tsc"), ["-p", join(dir, "tsconfig.json")]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
rmSync(tmp, { recursive: true, force: true });

const failed = results.filter((r) => !r.ok).length;
console.log(`package checks: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
