/// <reference types="vitest/config" />
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import react from "@vitejs/plugin-react";
import { playwright } from "@vitest/browser-playwright";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { chromiumArgs, chromiumPath } from "./scripts/chromium.mjs";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
/** Every dependency and peer stays external, subpaths included (`react/jsx-runtime`, `dompurify/...`). */
const externalNames = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const isExternal = (id: string) => externalNames.some((name) => id === name || id.startsWith(`${name}/`));

/**
 * Per-test limit for the jsdom tiers: generous, since a loaded 2-core CI host runs the real SDK's sync pipeline several
 * times slower; a test that hangs still fails (see also `asyncUtilTimeout` in test/support/setup-jsdom.ts).
 */
const JSDOM_TEST_TIMEOUT_MS = 20_000;

/**
 * Another React (a folder of test/ with its own lockfile) in place of the dev React 19, for a tier of its own: the
 * peer range has React 18 (`react18`) and every 19 from 19.0.0 (`react19floor`).
 */
const reactFrom = (dir: string) => (name: "react" | "react-dom") => ({
  find: new RegExp(`^${name}(/.*)?$`),
  replacement: `${fileURLToPath(new URL(`./test/${dir}/node_modules/${name}`, import.meta.url))}$1`,
});

/** A package's ESM build by path, for packages whose `main` is CommonJS (see the `react18` tier). */
const esmBuild = (name: string, file: string) => ({
  find: new RegExp(`^${name}$`),
  replacement: fileURLToPath(new URL(`./node_modules/${name}/${file}`, import.meta.url)),
});

/**
 * A jsdom tier of the component tests (`include`) on another React: `name`, from test/`dir` (see {@link reactFrom}),
 * checked by test/unit/reactVersion.test.tsx to be `version` (a major, or an exact version).
 */
const otherReact = (name: string, dir: string, version: string, include: string[]) => {
  const react = reactFrom(dir);
  return {
    extends: true as const,
    resolve: {
      alias: [
        react("react"),
        react("react-dom"),
        // Their CommonJS mains would `require()` React 19 past the aliases: their ESM builds import through them.
        esmBuild("@testing-library/react", "dist/@testing-library/react.esm.js"),
        ...[
          "react-remove-scroll",
          "react-remove-scroll-bar",
          "use-sidecar",
          "use-callback-ref",
          "react-style-singleton",
        ].map((name) => esmBuild(name, "dist/es2015/index.js")),
      ],
    },
    test: {
      name,
      env: { MNK_EXPECT_REACT: version },
      environment: "jsdom" as const,
      include,
      setupFiles: ["test/support/setup-jsdom.ts"],
      restoreMocks: true,
      testTimeout: JSDOM_TEST_TIMEOUT_MS,
      // Packages that import React are run through Vite, so that they get the aliased React too.
      server: {
        deps: {
          inline: [
            /@radix-ui/,
            /@testing-library/,
            /react-remove-scroll/,
            /use-sidecar/,
            /use-callback-ref/,
            /react-style-singleton/,
          ],
        },
      },
    },
  };
};

const browser = (name: string) => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
  instances: [{ browser: "chromium" as const, name }],
  screenshotFailures: false,
});

type EmulatedMedia = { colorScheme?: "light" | "dark" | null; forcedColors?: "active" | "none" | null };
/**
 * Commands for the `browser` tier's tests, run in Node. `lowerCss` gives `src/styles.css` (or the CSS given) as an
 * app's production build ships it: through Vite's own lightningcss, minified, for Vite's default build target, as
 * Vite's CSS minifier does (it lowers `light-dark()` there into toggles that only a literal `color-scheme` sets).
 * `emulateMedia` is Playwright's (`null` ends an emulation).
 */
const browserCommands = {
  lowerCss: async (_context: unknown, code?: string) => {
    const vite = await import("vite");
    const { browserslistToTargets, transform } = createRequire(import.meta.resolve("vite"))(
      "lightningcss",
    ) as typeof import("lightningcss");
    // Vite's default target (`baseline-widely-available`: chrome111, edge111, firefox114, safari16.4, ios16.4 in
    // Vite 8), asked of Vite itself, in browserslist's spelling.
    const config = await vite.resolveConfig({ configFile: false, logLevel: "silent" }, "build", "production");
    const cssTarget = [config.build.cssTarget].flat().filter((t): t is string => typeof t === "string");
    const targets = cssTarget.map((t) => t.replace(/^ios/, "ios_saf").replace(/^([a-z_]+)(\d)/, "$1 $2"));
    const result = transform({
      filename: "styles.css",
      code: code === undefined ? readFileSync("src/styles.css") : Buffer.from(code),
      minify: true,
      targets: browserslistToTargets(targets),
    });
    return { css: result.code.toString(), targets };
  },
  // Typed here rather than through vitest/node's BrowserCommand, whose types would change the test files' matchers.
  emulateMedia: async (
    { page }: { page: { emulateMedia(media: EmulatedMedia): Promise<void> } },
    media: EmulatedMedia,
  ) => {
    await page.emulateMedia(media);
  },
};

/** Ships `src/styles.css` as `dist/styles.css` (with empty types), an opt-in import (no JS module imports it). */
const stylesheet = (): Plugin => ({
  name: "mnk-stylesheet",
  apply: "build",
  generateBundle() {
    this.emitFile({ type: "asset", fileName: "styles.css", source: readFileSync("src/styles.css", "utf8") });
    // Types for `import "matrix-notice-kit/styles.css"` (TypeScript checks side-effect imports by default now).
    this.emitFile({ type: "asset", fileName: "styles.css.d.ts", source: "export {};\n" });
  },
});

export default defineConfig({
  plugins: [react(), stylesheet()],
  resolve: { dedupe: ["matrix-js-sdk", "react", "react-dom"] },
  // Pre-bundled for the browser tiers, so Vite never re-optimises (and reloads) in the middle of a run.
  optimizeDeps: { include: ["fast-check", "dompurify", "@radix-ui/react-dialog", "micromark", "get-nonce"] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    cssCodeSplit: false,
    lib: {
      entry: fileURLToPath(new URL("./src/index.ts", import.meta.url)),
      formats: ["es"],
    },
    rolldownOptions: {
      external: isExternal,
      output: {
        preserveModules: true,
        preserveModulesRoot: "src",
        entryFileNames: "[name].js",
      },
    },
  },
  test: {
    silent: "passed-only",
    // matrix-js-sdk leaves the AbortError of a request it started after its client was stopped unhandled (its own
    // promise, no kit code on the stack: seen once in CI after a test that stops a client with fake timers just
    // restored). Only that is ignored; any other unhandled error still fails the run.
    onUnhandledError: (error) =>
      !(
        error?.name === "AbortError" &&
        /matrix-js-sdk\/lib\/http-api\//.test(error.stack ?? "") &&
        !/\/src\/(notices|welcome|core|authoring)\//.test(error.stack ?? "")
      ),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "jsdom",
          include: ["test/unit/**/*.test.{ts,tsx}"],
          setupFiles: ["test/support/setup-jsdom.ts"],
          restoreMocks: true,
          testTimeout: JSDOM_TEST_TIMEOUT_MS,
        },
      },
      otherReact("react18", "react18", "18", ["test/unit/**/*.test.tsx"]),
      // React before 19.3 sets dangerouslySetInnerHTML again whenever its object is new: the components that render
      // HTML (the dialog, the editor's preview), hydration, page translation and the banners, on the floor of ^19.
      otherReact("react19floor", "react19-floor", "19.0.0", [
        "test/unit/reactVersion.test.tsx",
        "test/unit/WelcomeDialog.test.tsx",
        "test/unit/welcomeBody*.test.tsx",
        "test/unit/welcomeDialog*.test.tsx",
        "test/unit/welcomeHostRerender.test.tsx",
        "test/unit/welcomeEditor*.test.tsx",
        "test/unit/*ydration*.test.tsx",
        "test/unit/pageTranslation*.test.tsx",
        "test/unit/NoticeBanner*.test.tsx",
      ]),
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.{ts,tsx}"],
          setupFiles: ["test/support/setup-browser.ts"],
          browser: { ...browser("browser-chromium"), commands: browserCommands },
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: fileURLToPath(new URL("./.storybook", import.meta.url)) })],
        test: {
          name: "storybook",
          browser: browser("storybook-chromium"),
          setupFiles: [".storybook/vitest.setup.ts"],
        },
      },
    ],
  },
});
