// Which Node versions the toolchain supports (jsdom 31 needs ^22.22.2 || ^24.15 || >= 26; matrix-js-sdk 43 and
// vitest 5 need >= 22). Must itself run on old Node versions.

/** Whether the toolchain supports this Node version (`process.versions.node` form). */
export function supported(version) {
  const [major, minor] = version.split(".").map(Number);
  return (major === 22 && minor >= 22) || (major === 24 && minor >= 15) || major >= 26;
}
