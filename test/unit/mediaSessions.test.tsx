/**
 * Welcome images across a session's life: an access token that expires in an OAuth session (refresh tokens, as
 * Element Web with MAS), a soft logout the user signs back in from, and the app handing the dialog another account's
 * client. Images load as the SDK's own requests do; the notices' requests are the controls.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { HttpApiEvent, type MatrixClient, SyncState } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createAccountDataSeenStore,
  createAuthenticatedMediaResolver,
  createMemorySeenStore,
  useServerNotices,
  useServerNoticesRoom,
  WELCOME_SEEN_ACCOUNT_DATA_TYPE,
  WelcomeDialog,
} from "../../src";
import { serverNoticeEvent, welcomeEvent } from "../support/events";
import { SOFT_LOGOUT } from "../support/failures";
import { MEDIA_DOWNLOAD as MEDIA, stubObjectUrls, imageAnswer as svg } from "../support/media";
import { NOTICES_ROOM, NOTICES_USER, noticesInvite, noticesRoom, welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";
import { noticeBodies } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const OLD = "syt_test_token";
const NEW = "syt_refreshed";
const image = () => welcomeEvent("x", '<p><img src="mxc://example.org/abc123" alt="logo"></p>');

afterEach(() => vi.unstubAllGlobals());

/**
 * An OAuth session: the homeserver names its authorization server, whose token endpoint (global fetch, as the SDK's
 * OAuth code uses) hands out NEW for the refresh token. Once expired, OLD is refused on every request but the
 * long-polling /sync accepted before (the next one, up to 30 s later, would refresh it).
 */
function oauthWorld(softLogout: boolean) {
  const script = new SyncScript({ userId: ME, accessToken: OLD });
  let expired = false;
  vi.stubGlobal(
    "fetch",
    vi.fn(
      async () =>
        new Response(
          JSON.stringify({ access_token: NEW, refresh_token: "r2", token_type: "Bearer", expires_in: 300 }),
          { status: 200, headers: { "content-type": "application/json" } },
        ),
    ),
  );
  script.route({ path: "/_matrix/client/v1/auth_metadata" }, () => ({
    json: {
      issuer: "https://auth.example.org/",
      authorization_endpoint: "https://auth.example.org/authorize",
      token_endpoint: "https://auth.example.org/token",
      revocation_endpoint: "https://auth.example.org/revoke",
      registration_endpoint: "https://auth.example.org/register",
      response_modes_supported: ["query", "fragment"],
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      code_challenge_methods_supported: ["S256"],
    },
  }));
  script.route({ path: MEDIA }, svg);
  script.route({ path: /./ }, (req) =>
    expired && !req.path.endsWith("/sync") && req.headers.get("authorization") === `Bearer ${OLD}`
      ? { ...SOFT_LOGOUT, data: { soft_logout: softLogout } }
      : undefined,
  );
  const client = script.createClient({
    refreshToken: "r1",
    oauthClientId: "client-id",
    onTokenRefresh: () => {},
  });
  return { script, client, expire: () => (expired = true) };
}

const mediaUrl = (client: MatrixClient) =>
  `${client.getHomeserverUrl()}/_matrix/client/v1/media/download/example.org/abc`;

describe.each([
  ["as MAS answers (soft_logout false)", false],
  ["as Synapse with refresh_token_lifetime answers (soft_logout true)", true],
])("an OAuth session whose access token expired, %s", (_name, softLogout) => {
  it("a welcome image downloads with the refreshed token", async () => {
    stubObjectUrls();
    const { script, client, expire } = oauthWorld(softLogout);
    await script.start(client, {});
    expire();
    const resolve = createAuthenticatedMediaResolver(client, { retry: { baseDelayMs: 5 } });
    await expect(resolve(mediaUrl(client), new AbortController().signal)).resolves.toBe("blob:test/0");
    expect(script.requestsTo(MEDIA).map((r) => r.headers.get("authorization"))).toEqual([
      `Bearer ${OLD}`,
      `Bearer ${NEW}`,
    ]);
  });

  it("a pinned notice's fetch succeeds with the refreshed token (control)", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { script, client, expire } = oauthWorld(softLogout);
    await script.start(client, noticesRoom(ME, { pinned: [notice.event_id] }));
    script.serveEvent(NOTICES_ROOM, notice);
    expire();
    const { result } = renderHook(() => useServerNotices(client, { retry: { maxAttempts: 1 } }));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Maintenance tonight"]));
    expect(client.getAccessToken()).toBe(NEW);
  });

  it("the auto-join and a seen mark's write succeed with the refreshed token (control)", async () => {
    const { script, client, expire } = oauthWorld(softLogout);
    await script.start(client, noticesInvite(ME));
    expire();
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, {
        noticesUserIds: [NOTICES_USER],
        autoJoin: true,
        retry: { maxAttempts: 1 },
      }),
    );
    await waitFor(() =>
      expect(script.requestsTo(/\/join/, "POST").map((r) => r.headers.get("authorization"))).toContain(
        `Bearer ${NEW}`,
      ),
    );
    expect(result.current.joinError).toBeNull();
    const errors: unknown[] = [];
    const store = createAccountDataSeenStore(client, {
      retry: { maxAttempts: 1 },
      onWriteError: (e) => errors.push(e),
    });
    store.markSeen(NOTICES_ROOM, "$x");
    await waitFor(() =>
      expect(
        script.requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT").at(-1)?.headers.get("authorization"),
      ).toBe(`Bearer ${NEW}`),
    );
    expect(errors).toEqual([]);
  });
});

describe("a welcome image refused with a hard logout", () => {
  it("is given up at once and announces no logout to the app (sync's own requests do that)", async () => {
    stubObjectUrls();
    const script = new SyncScript({ userId: ME });
    script.route({ path: MEDIA }, () => ({ ...SOFT_LOGOUT, data: { soft_logout: false } }));
    const client = script.createClient();
    await script.start(client, {});
    const loggedOut = vi.fn();
    client.on(HttpApiEvent.SessionLoggedOut, loggedOut);
    const resolve = createAuthenticatedMediaResolver(client, { retry: { baseDelayMs: 5 } });
    await expect(resolve(mediaUrl(client), new AbortController().signal)).resolves.toBeNull();
    expect(script.requestsTo(MEDIA)).toHaveLength(1);
    expect(loggedOut).not.toHaveBeenCalled();
  });
});

/** A homeserver whose media refuses every token but the one the user signs in again with (`syt_new_token`). */
function softLoggedOutMedia() {
  stubObjectUrls();
  const script = new SyncScript({ userId: ME });
  script.route({ path: MEDIA }, (req) =>
    req.headers.get("authorization") === "Bearer syt_new_token" ? svg() : SOFT_LOGOUT,
  );
  return { script, client: script.createClient() };
}

describe("a welcome image during a soft logout", () => {
  it("waits without spending its attempts, and shows once the user signed in again on the same client", async () => {
    const { script, client } = softLoggedOutMedia();
    const batch = welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [image()] });
    await script.start(client, batch);
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore: createMemorySeenStore() }}
        resolveMedia={createAuthenticatedMediaResolver(client, { retry: { baseDelayMs: 5 } })}
      />,
    );
    await waitFor(() => expect(script.requestsTo(MEDIA)).toHaveLength(1));
    // The user takes longer to sign in again than five attempts would last.
    await act(() => new Promise((r) => setTimeout(r, 300)));
    expect(script.requestsTo(MEDIA)).toHaveLength(1);
    // Signing in again on the same client (as softLogout.test.tsx does it).
    script.pushSyncFailure(SOFT_LOGOUT);
    await waitFor(() => expect(client.getSyncState()).toBe(SyncState.Error), { timeout: 15_000 });
    client.stopClient();
    client.setAccessToken("syt_new_token");
    await act(() => script.start(client, batch));
    await waitFor(() =>
      expect(screen.getByRole("img", { name: "logo" })).toHaveAttribute("src", "blob:test/0"),
    );
    expect(script.requestsTo(MEDIA)).toHaveLength(2);
  }, 30_000);

  it("given the dialog closes while the image waits for a new sign-in, nothing is downloaded afterwards", async () => {
    const { script, client } = softLoggedOutMedia();
    await script.start(client, welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [image()] }));
    const view = render(
      <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />,
    );
    await waitFor(() => expect(script.requestsTo(MEDIA)).toHaveLength(1));
    view.unmount();
    client.setAccessToken("syt_new_token");
    await new Promise((r) => setTimeout(r, 700));
    expect(script.requestsTo(MEDIA)).toHaveLength(1);
  });
});

describe("a WelcomeDialog handed another account's client while an image download of the first is out", () => {
  it("downloads the image with the new client; the old client's late refusal does not decide it", async () => {
    stubObjectUrls();
    const ALICE = "@alice:example.org";
    const seenStore = createMemorySeenStore();
    const alice = new SyncScript({ userId: ALICE, accessToken: "syt_alice" });
    const bob = new SyncScript({ userId: ME, accessToken: "syt_bob" });
    // Alice's download is held; once she has logged out her token is refused (a hard logout).
    const release = alice.hold({ path: MEDIA }, () => ({
      status: 401,
      errcode: "M_UNKNOWN_TOKEN",
      data: { soft_logout: false },
    }));
    bob.route({ path: MEDIA }, svg);
    const aliceClient = alice.createClient();
    const bobClient = bob.createClient();
    const welcome = image();
    await alice.start(
      aliceClient,
      welcomeRoom(ALICE, ROOM, { prevMembership: "invite", welcome: [welcome] }),
    );
    await bob.start(bobClient, welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcome] }));
    const view = render(<WelcomeDialog client={aliceClient} roomId={ROOM} options={{ seenStore }} />);
    await waitFor(() => expect(alice.requestsTo(MEDIA)).toHaveLength(1));
    // Logout, login as Bob: the same mounted dialog gets Bob's client.
    aliceClient.stopClient();
    view.rerender(<WelcomeDialog client={bobClient} roomId={ROOM} options={{ seenStore }} />);
    await act(async () => release());
    await waitFor(() =>
      expect(screen.getByRole("img", { name: "logo" })).toHaveAttribute("src", "blob:test/0"),
    );
    expect(bob.requestsTo(MEDIA)).toHaveLength(1);
  });
});
