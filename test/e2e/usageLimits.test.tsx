/**
 * Monthly-active-user limits on a real Synapse (limit_usage_by_mau, max_mau_value 1, no trial days).
 *
 * What Synapse 1.163 does (synapse/api/auth_blocking.py, synapse/server_notices/resource_limits_server_notices.py,
 * synapse/storage/databases/main/{client_ips,monthly_active_users}.py):
 * - A user joins the MAU cohort on their first authenticated request while the cohort has room (count < max).
 *   Registration through the shared-secret admin API neither checks the limit nor joins the cohort, so all users are
 *   registered up front and nobody is "active" yet. (No admin user here: its API calls would take the only slot.)
 * - On every /sync of a user IN the cohort, Synapse checks the limit for "a new user" (count >= max). With
 *   max_mau_value 1 the first active user alone reaches it: no second active user is needed. It then sends that
 *   user a `m.server_notice.usage_limit_reached` notice (limit_type monthly_active_user, admin_contact from the
 *   config) and pins it, once (the pin marks the room as "currently blocked").
 * - Users outside the cohort get 403 M_RESOURCE_LIMIT_EXCEEDED on /sync, room creation, sending and /login, and
 *   never get a notices room (notices go only to users in the cohort).
 * - When the limit no longer holds (here: a restart with a larger max_mau_value), the next /sync of a cohort user
 *   re-sends the pins without the pinned server notices.
 */
import { render, screen, waitFor, within } from "@testing-library/react";
import { type MatrixClient, Preset, SyncState } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  describeServerNoticeError,
  NoticeBanner,
  SERVER_NOTICE_TAG,
} from "../../src";
import {
  connect,
  makeClient,
  NOTICES_USER_ID,
  oneMonthlyActiveUser,
  type RegisteredUser,
  rejectionOf,
  type SynapseServer,
  startServer,
  stateEvent,
  stopClients,
  until,
  waitForSyncState,
} from "./harness";

const ADMIN_CONTACT = "mailto:admin@localhost";
const MAU_TEXT = "This homeserver has hit its monthly active user limit.";
const bannerOptions = { noticesUserIds: [NOTICES_USER_ID], autoJoin: true };

let server: SynapseServer;
let aliceUser: RegisteredUser;
let bobUser: RegisteredUser;
let alice: MatrixClient;
let bob: MatrixClient;

beforeAll(async () => {
  server = await startServer(oneMonthlyActiveUser(ADMIN_CONTACT));
  // Register everyone before anyone is active (Synapse blocks /login, /sync and more for users over the limit).
  aliceUser = await server.registerUser("alice");
  bobUser = await server.registerUser("bob");
});

afterAll(async () => {
  stopClients();
  await server?.stop();
});

describe("monthly active user limit on Synapse", () => {
  it("the active user gets Synapse's pinned usage-limit notice as an alert with the contact link", async () => {
    alice = await connect(server, aliceUser); // alice's first requests take the only MAU slot
    render(<NoticeBanner client={alice} options={bannerOptions} dismissStore={createMemoryDismissStore()} />);

    const alert = await screen.findByRole("alert", {}, { timeout: 20_000 });
    expect(alert).toHaveTextContent(MAU_TEXT);
    expect(alert).toHaveAttribute("data-source", "pinned");
    const link = within(alert).getByRole("link", { name: /Contact your server administrator/ });
    expect(link).toHaveAttribute("href", ADMIN_CONTACT);
    expect(screen.getAllByRole("alert")).toHaveLength(1);

    // What Synapse really sent: the notices room (joined by autoJoin, tagged) pins its usage-limit notice.
    const room = alice.getRooms().find((r) => r.tags[SERVER_NOTICE_TAG] && r.getMyMembership() === "join");
    expect(room).toBeDefined();
    const pinned = stateEvent(room!, "m.room.pinned_events")?.getContent().pinned as string[];
    expect(pinned).toHaveLength(1);
    const raw = await alice.fetchRoomEvent(room!.roomId, pinned[0]!);
    expect(raw.sender).toBe(NOTICES_USER_ID);
    expect(raw.content).toMatchObject({
      msgtype: "m.server_notice",
      server_notice_type: "m.server_notice.usage_limit_reached",
      limit_type: "monthly_active_user",
      admin_contact: ADMIN_CONTACT,
    });
  });

  it("a user outside the active count gets M_RESOURCE_LIMIT_EXCEEDED on sync, and the banner says so", async () => {
    bob = makeClient(server, bobUser);
    // The SDK reports a failed /sync as Reconnecting (Error only after 3 failures); the error rides along either way.
    const failed = waitForSyncState(bob, [SyncState.Reconnecting, SyncState.Error]);
    await bob.startClient({ initialSyncLimit: 20 });
    const { error } = await failed;
    expect(error).toMatchObject({
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      data: { limit_type: "monthly_active_user", admin_contact: ADMIN_CONTACT },
    });

    render(<NoticeBanner client={bob} options={bannerOptions} dismissStore={createMemoryDismissStore()} />);
    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent(MAU_TEXT);
    expect(alert).toHaveAttribute("data-source", "resource-limit-error");
    expect(within(alert).getByRole("link", { name: /Contact your server administrator/ })).toHaveAttribute(
      "href",
      ADMIN_CONTACT,
    );

    // Bob never gets a notices room: Synapse only notifies users inside the active count.
    expect(bob.getRooms()).toHaveLength(0);

    // Other blocked calls give the same error, which the kit describes by its limit type, with the admin contact.
    const createError = await rejectionOf(bob.createRoom({ preset: Preset.PrivateChat }));
    const created = describeServerNoticeError(createError);
    expect(created?.title).toBe("This homeserver has hit its monthly active user limit.");
    expect(created?.notice?.adminContact).toBe(ADMIN_CONTACT);
    const loginError = await rejectionOf(server.login(bobUser.userId, bobUser.password));
    expect((loginError as { errcode?: string }).errcode).toBe("M_RESOURCE_LIMIT_EXCEEDED");
    // Synapse's refused login names no limit type: a login form gets the generic title.
    expect(describeServerNoticeError(loginError)?.title).toBe("Your homeserver has reached a limit");

    // The active user is not blocked.
    const { room_id } = await alice.createRoom({ preset: Preset.PrivateChat, name: "still works" });
    expect(room_id).toMatch(/^!/);
  });

  it("when the limit clears, Synapse unpins the notice and the blocked user syncs again: both banners go", async () => {
    render(<NoticeBanner client={alice} options={bannerOptions} dismissStore={createMemoryDismissStore()} />);
    const aliceBanner = await screen.findByRole("alert", {}, { timeout: 10_000 });
    render(<NoticeBanner client={bob} options={bannerOptions} dismissStore={createMemoryDismissStore()} />);
    await waitFor(() => expect(screen.getAllByRole("alert")).toHaveLength(2));

    await server.restart({ max_mau_value: 10 });
    alice.retryImmediately();
    bob.retryImmediately();

    await waitFor(() => expect(aliceBanner).not.toBeInTheDocument(), { timeout: 30_000 });
    await waitFor(() => expect(screen.queryAllByRole("alert")).toHaveLength(0), { timeout: 30_000 });
    await until("bob to sync", () => bob.getSyncState() === SyncState.Syncing, 30_000);

    const room = alice.getRooms().find((r) => r.tags[SERVER_NOTICE_TAG] && r.getMyMembership() === "join");
    expect(stateEvent(room!, "m.room.pinned_events")?.getContent().pinned).toEqual([]);
  });
});
