// The end-to-end tier: the kit against a real Synapse (PyPI, project-local venv `.venv-synapse/`).
// `npx vitest run -c vitest.e2e.config.ts`. globalSetup installs Synapse once; each test file starts its own server.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  resolve: { dedupe: ["matrix-js-sdk", "react", "react-dom"] },
  test: {
    name: "e2e",
    environment: "jsdom",
    include: ["test/e2e/**/*.test.{ts,tsx}"],
    setupFiles: ["test/support/setup-jsdom.ts"],
    globalSetup: ["test/e2e/globalSetup.ts"],
    silent: "passed-only",
    // One homeserver at a time: the machine has 2 cores and Synapse's start-up is CPU-bound.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
  },
});
