// Installs Synapse into `.venv-synapse/` once per run (reused when the pinned version is already there), before
// any test file starts a server of its own.
import { ensureSynapse, SYNAPSE_VERSION } from "../../scripts/synapse/synapse.mjs";

export default function setup(): void {
  const t0 = Date.now();
  ensureSynapse();
  const ms = Date.now() - t0;
  console.log(`[e2e] matrix-synapse ${SYNAPSE_VERSION} ready (${(ms / 1000).toFixed(1)} s)`);
}
