// Vitest browser-mode config for the sanitizer part of `npm run bench`: bench/browser/*.bench.ts runs in Debian's
// Chromium (never a downloaded browser; CHROMIUM_PATH overrides) and writes bench/results/sanitizer.json through
// vitest's browser `commands.writeFile`.
import { fileURLToPath } from "node:url";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { chromiumArgs, chromiumPath } from "../scripts/chromium.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  // sanitize-html's CSS parser (postcss) imports Node built-ins it does not need in a browser.
  optimizeDeps: { include: ["sanitize-html", "dompurify"] },
  test: {
    name: "bench-browser",
    include: ["bench/browser/*.bench.ts"],
    silent: "passed-only",
    provide: { sanitizerRounds: Number(process.env.BENCH_SANITIZER_ROUNDS) || 21 },
    testTimeout: 240_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
      instances: [{ browser: "chromium", name: "bench-chromium" }],
      screenshotFailures: false,
    },
  },
});
