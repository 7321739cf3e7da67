import { afterEach, beforeEach, vi } from "vitest";

/**
 * What the kit reports through `reportError` during each test of the file (the returned array is refilled per test):
 * call once at the top level of a test file.
 */
export function collectReports(): unknown[] {
  const reported: unknown[] = [];
  beforeEach(() => {
    reported.length = 0;
    vi.spyOn(globalThis, "reportError").mockImplementation((error) => {
      reported.push(error);
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return reported;
}
