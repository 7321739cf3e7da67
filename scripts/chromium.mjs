// The one place that says how tests and benchmarks launch a browser: Debian's Chromium (never a downloaded one;
// CHROMIUM_PATH overrides), headless-friendly flags, and no outside network (every host but loopback fails to resolve).

/** The Chromium binary. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags for running as root in CI, without background traffic. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--no-first-run",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost, EXCLUDE 127.0.0.1",
];
