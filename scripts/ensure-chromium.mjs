// Makes sure a system Chromium exists for the browser test tiers (no browser is ever downloaded by npm).
// Uses CHROMIUM_PATH or /usr/bin/chromium; when missing and running as root on Debian/Ubuntu, installs it with apt;
// otherwise fails with instructions. The browser tiers are never skipped silently.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath } from "./chromium.mjs";

const path = chromiumPath;
if (existsSync(path)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isRoot && existsSync("/usr/bin/apt-get")) {
  console.error(
    `Chromium not found at ${path}: installing Debian's chromium with apt-get (running as root)...`,
  );
  try {
    execFileSync("apt-get", ["update"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  } catch {
    // Reported below.
  }
  if (existsSync(path)) process.exit(0);
}
console.error(
  [
    `The browser test tiers need Chromium at ${path}, and it is not there.`,
    "Install it, then run the tests again:",
    "  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium",
    "  macOS:          brew install --cask chromium   (then CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium)",
    "  Windows:        set CHROMIUM_PATH to chrome.exe of an installed Chrome or Chromium",
    "Or point CHROMIUM_PATH at any Chromium/Chrome binary.",
  ].join("\n"),
);
process.exit(1);
