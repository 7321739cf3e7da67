/** What the model-based property tests share: run counts and seeds from the environment, and step logs on failure. */
import { cleanup } from "@testing-library/react";
import { stopAllTestClients } from "./clients";

/**
 * fast-check parameters: `MNK_PROPERTY_RUNS` runs (else `defaultRuns`; raise it for a longer hunt), and the seed
 * `MNK_PROPERTY_SEED` when set (to replay a failure).
 */
export function propertyParameters(defaultRuns: number): { numRuns: number; seed?: number } {
  const runs = Number(process.env.MNK_PROPERTY_RUNS) || defaultRuns;
  const seed = process.env.MNK_PROPERTY_SEED ? Number(process.env.MNK_PROPERTY_SEED) : undefined;
  return { numRuns: runs, ...(seed !== undefined ? { seed } : {}) };
}

/**
 * Runs one sequence; a failure's message gets the steps logged so far and the model's state (`describeModel`). The
 * rendered hooks and the test clients are cleaned up either way.
 */
export async function withStepLog(
  log: readonly string[],
  describeModel: () => string,
  sequence: () => Promise<void>,
): Promise<void> {
  try {
    await sequence();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    err.message = `${err.message}\n--- steps ---\n${log.join("\n")}\n--- model: ${describeModel()}`;
    throw err;
  } finally {
    cleanup();
    await stopAllTestClients();
  }
}
