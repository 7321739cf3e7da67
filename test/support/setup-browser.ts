import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach } from "vitest";
import { stopAllTestClients } from "./clients";

// Each test starts with empty storage: the page's origin (and so its localStorage: editor drafts, seen marks) is
// shared by every browser test file and story, in whatever order a run puts them.
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(async () => {
  cleanup();
  await stopAllTestClients();
});
