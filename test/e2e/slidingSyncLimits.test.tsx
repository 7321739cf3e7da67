/**
 * Monthly-active-user limits with a Simplified Sliding Sync client on a real Synapse: the refused sync's notice keeps
 * the limit's wording and the admin contact (the SDK's sliding sync wraps the server's error in another). Single-
 * process Synapse sends sliding-sync users no pinned usage-limit notice (README), so the refusal is what they see.
 */
import { render, screen, within } from "@testing-library/react";
import { SyncState } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner } from "../../src";
import {
  connect,
  NOTICES_USER_ID,
  oneMonthlyActiveUser,
  type RegisteredUser,
  type SynapseServer,
  slidingSyncClient,
  startServer,
  stopClients,
  waitForSyncState,
} from "./harness";

const ADMIN_CONTACT = "mailto:admin@localhost";
const MAU_TEXT = "This homeserver has hit its monthly active user limit.";
const bannerOptions = { noticesUserIds: [NOTICES_USER_ID], autoJoin: true };
let server: SynapseServer;
let aliceUser: RegisteredUser;
let bobUser: RegisteredUser;

beforeAll(async () => {
  server = await startServer(oneMonthlyActiveUser(ADMIN_CONTACT));
  aliceUser = await server.registerUser("alice");
  bobUser = await server.registerUser("bob");
});

afterAll(async () => {
  stopClients();
  await server?.stop();
});

describe("usage limits through sliding sync", () => {
  it("given a sliding-sync user over the limit, the banner's usage-limit notice says which limit and links the admin contact", async () => {
    // Alice uses the server first: she is its one monthly active user.
    await connect(server, aliceUser);
    const { client: bob, ss } = slidingSyncClient(server, bobUser);
    const failed = waitForSyncState(bob, [SyncState.Reconnecting, SyncState.Error]);
    await bob.startClient({ slidingSync: ss } as never);
    const { error } = await failed;
    expect(error).toMatchObject({ errcode: "M_RESOURCE_LIMIT_EXCEEDED" });
    render(<NoticeBanner client={bob} options={bannerOptions} dismissStore={createMemoryDismissStore()} />);
    const alerts = await screen.findAllByRole("alert", {}, { timeout: 10_000 });
    const alert = alerts.find((a) => a.getAttribute("data-source") === "resource-limit-error")!;
    expect(alert).toBeDefined();
    expect(alert).toHaveTextContent(MAU_TEXT);
    expect(within(alert).getByRole("link", { name: /Contact your server administrator/ })).toHaveAttribute(
      "href",
      ADMIN_CONTACT,
    );
  });
});
