// An access token the homeserver no longer takes (401 M_UNKNOWN_TOKEN, a soft logout) is no refusal: the app signs in
// again on the same client (a new token, the client started again), and what failed meanwhile is done then.
import { act, renderHook, waitFor } from "@testing-library/react";
import { type MatrixClient, MatrixError, SyncState } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import {
  createAccountDataSeenStore,
  isPermanentFailure,
  useServerNotices,
  useServerNoticesRoom,
  useWelcomeMessage,
} from "../../src";
import { serverNoticeEvent, welcomeEvent } from "../support/events";
import { SOFT_LOGOUT } from "../support/failures";
import { NOTICES_ROOM, NOTICES_USER, noticesInvite, noticesRoom, welcomeRoom } from "../support/scenarios";
import type { SyncBatch, SyncScript } from "../support/syncScript";
import { dropSyncOnce, noticeBodies, startPinningWorld, startWorld } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!lounge:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The token expires (sync is refused too); the user signs in again and the app restarts the client on `initial`. */
async function softLogoutAndBack(client: MatrixClient, script: SyncScript, initial: SyncBatch) {
  script.pushSyncFailure(SOFT_LOGOUT);
  await waitFor(() => expect(client.getSyncState()).toBe(SyncState.Error), { timeout: 15_000 });
  client.stopClient();
  client.setAccessToken("syt_new_token");
  await act(() => script.start(client, initial));
  await act(() => script.push({}));
}

const inviteBatch = noticesInvite(ME);
const autoJoin = {
  noticesUserIds: [NOTICES_USER],
  autoJoin: true,
  retry: { maxAttempts: 2, baseDelayMs: 1 },
};

describe("a soft logout", () => {
  it("is not a failure a retry cannot change, as a logout (no soft_logout) is", () => {
    expect(isPermanentFailure(new MatrixError({ errcode: "M_UNKNOWN_TOKEN", soft_logout: true }, 401))).toBe(
      false,
    );
    expect(isPermanentFailure(new MatrixError({ errcode: "M_UNKNOWN_TOKEN", soft_logout: false }, 401))).toBe(
      true,
    );
    expect(isPermanentFailure(new MatrixError({ errcode: "M_MISSING_TOKEN" }, 401))).toBe(true);
  });

  it("given a pinned notice whose fetch met the expired token, it shows once the user signed in again", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    script.fail({ path: /\/event\// }, SOFT_LOGOUT, 1);
    const { result } = renderHook(() => useServerNotices(client, { retry: { maxAttempts: 1 } }));
    await waitFor(() => expect(result.current.failedEventIds).toEqual([notice.event_id]));
    await softLogoutAndBack(client, script, noticesRoom(ME, { pinned: [notice.event_id] }));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Maintenance tonight"]));
  }, 30_000);

  it("given the notices invite's join met the expired token until its retries ran out, it is joined once the user signed in again", async () => {
    const { client, script } = await startWorld(ME, inviteBatch);
    script.fail({ method: "POST", path: /\/join/ }, SOFT_LOGOUT, 2);
    const { result } = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await waitFor(() => expect(script.requestsTo(/\/join/, "POST")).toHaveLength(2));
    await waitFor(() => expect(result.current.joinError).toMatchObject({ errcode: "M_UNKNOWN_TOKEN" }));
    await softLogoutAndBack(client, script, inviteBatch);
    await waitFor(() => expect(script.requestsTo(/\/join/, "POST")).toHaveLength(3));
    await waitFor(() => expect(result.current.joinError).toBeNull());
  }, 30_000);

  it("given a seen mark whose write met the expired token, it is written again, not given up as refused", async () => {
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Rules")] }),
    );
    script.fail({ method: "PUT", path: /\/account_data\// }, SOFT_LOGOUT, 1);
    const seenStore = createAccountDataSeenStore(client, { retry: { baseDelayMs: 1 } });
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    act(() => result.current.markSeen());
    await waitFor(() => expect(script.requestsTo(/\/account_data\//, "PUT")).toHaveLength(2));
  });
});

/** Sync drops and comes back: the join sent once before is not sent again. */
async function expectNoJoinWhenSyncIsBack(client: MatrixClient, script: SyncScript) {
  await dropSyncOnce(client, script);
  await waitFor(() => expect(client.getSyncState()).toBe(SyncState.Syncing), { timeout: 15_000 });
  await act(() => sleep(50));
  expect(script.requestsTo(/\/join/, "POST")).toHaveLength(1);
}

describe("an auto-join whose retries ran out on network failures", () => {
  it("is sent again when sync comes back", async () => {
    const { client, script } = await startWorld(ME, inviteBatch);
    script.fail({ method: "POST", path: /\/join/ }, "network", 2);
    const { result } = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await waitFor(() => expect(script.requestsTo(/\/join/, "POST")).toHaveLength(2));
    await act(() => sleep(20));
    expect(script.requestsTo(/\/join/, "POST")).toHaveLength(2);
    await dropSyncOnce(client, script);
    await waitFor(() => expect(script.requestsTo(/\/join/, "POST")).toHaveLength(3), { timeout: 15_000 });
    await waitFor(() => expect(result.current.joinError).toBeNull());
  }, 30_000);

  it("given its last attempt rate-limited for a minute, sync coming back sends nothing before the server's wait ends", async () => {
    const { client, script } = await startWorld(ME, inviteBatch);
    script.fail(
      { method: "POST", path: /\/join/ },
      { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 60_000 } },
    );
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, { ...autoJoin, retry: { maxAttempts: 1 } }),
    );
    await waitFor(() => expect(result.current.joinError).not.toBeNull());
    await expectNoJoinWhenSyncIsBack(client, script);
  }, 30_000);

  it("given the server refused it (403), sync coming back sends nothing", async () => {
    const { client, script } = await startWorld(ME, inviteBatch);
    script.fail({ method: "POST", path: /\/join/ }, { status: 403, errcode: "M_FORBIDDEN" });
    const { result } = renderHook(() => useServerNoticesRoom(client, autoJoin));
    await waitFor(() => expect(result.current.joinError).not.toBeNull());
    await expectNoJoinWhenSyncIsBack(client, script);
  }, 30_000);
});
