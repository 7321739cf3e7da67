import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { stopAllTestClients } from "./clients";

afterEach(async () => {
  cleanup();
  await stopAllTestClients();
});
