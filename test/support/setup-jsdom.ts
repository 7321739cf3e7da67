import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import { stopAllTestClients } from "./clients";

// waitFor/findBy wait up to 4 s rather than 1 s: on a loaded CI host a few sync round trips through the real SDK, a
// lazy import or a deferred render can take longer than 1 s. Only a failing wait gets slower.
configure({ asyncUtilTimeout: 4000 });

afterEach(async () => {
  cleanup();
  await stopAllTestClients();
});
