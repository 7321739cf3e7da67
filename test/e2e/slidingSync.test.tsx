/**
 * The kit with Simplified Sliding Sync (MSC4186) clients against a real Synapse: real matrix-js-sdk clients started
 * with `startClient({ slidingSync })` (SlidingSyncSdk), asking for the room state the README lists for sliding sync.
 */
import { render, renderHook, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type MatrixClient, Preset, SyncState } from "matrix-js-sdk";
import { type MSC3575List, SlidingSync } from "matrix-js-sdk/lib/sliding-sync.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  createMemorySeenStore,
  NoticeBanner,
  SERVER_NOTICE_TAG,
  UNSTABLE_WELCOME_EVENT_TYPE,
  useServerNoticesRoom,
  WELCOME_SEEN_ACCOUNT_DATA_TYPE,
  WelcomeDialog,
  type WelcomeMessageOptions,
  WelcomeStore,
} from "../../src";
import {
  connect,
  makeClient,
  NOTICES_USER_ID,
  type RegisteredUser,
  type Session,
  type SynapseServer,
  startServer,
  stateEvent,
  stopClients,
  until,
  untilMembership,
  waitForSyncState,
} from "./harness";

/** The required state the README lists for sliding sync. */
const REQUIRED_STATE: string[][] = [
  ["m.room.create", ""],
  ["m.room.member", "$ME"],
  ["m.room.name", ""],
  ["m.room.canonical_alias", ""],
  ["m.room.pinned_events", ""],
  ["m.room.welcome", ""],
  ["org.matrix.msc3857.welcome", ""],
  ["m.room.tombstone", ""],
  ["m.room.power_levels", ""],
];

const LIST: MSC3575List = { ranges: [[0, 49]], timeline_limit: 10, required_state: REQUIRED_STATE };

/** A started sliding-sync client that finished its first sliding sync. */
async function connectSliding(
  server: SynapseServer,
  session: Session,
  lists: Record<string, MSC3575List> = { all: LIST },
  beforeStart?: (client: MatrixClient) => void,
): Promise<{ client: MatrixClient; ss: SlidingSync }> {
  const client = makeClient(server, session);
  const ss = new SlidingSync(
    server.baseUrl,
    new Map(Object.entries(lists)),
    { timeline_limit: 10, required_state: REQUIRED_STATE },
    client,
    3000,
  );
  beforeStart?.(client);
  const prepared = waitForSyncState(client, [SyncState.Prepared, SyncState.Syncing]);
  await client.startClient({ slidingSync: ss } as never);
  await prepared;
  return { client, ss };
}

let server: SynapseServer;
let admin: RegisteredUser;
let aliceUser: RegisteredUser;
let bobUser: RegisteredUser;
let carolUser: RegisteredUser;
let alice: MatrixClient; // sync v2, the room owner
let bob: MatrixClient; // sliding sync

const enc = encodeURIComponent;

beforeAll(async () => {
  server = await startServer();
  admin = await server.registerUser("admin", { admin: true });
  aliceUser = await server.registerUser("alice", { displayName: "Alice" });
  bobUser = await server.registerUser("bob", { displayName: "Bob" });
  carolUser = await server.registerUser("carol", { displayName: "Carol" });
  alice = await connect(server, aliceUser);
  bob = (await connectSliding(server, bobUser)).client;
});

afterAll(async () => {
  stopClients();
  await server?.stop();
});

async function setState(user: RegisteredUser, roomId: string, type: string, content: unknown) {
  const path = `/_matrix/client/v3/rooms/${enc(roomId)}/state/${enc(type)}/`;
  return (await server.request<{ event_id: string }>("PUT", path, content, user.accessToken)).event_id;
}

function welcome(text: string) {
  return {
    [UNSTABLE_WELCOME_EVENT_TYPE]: {
      "org.matrix.msc1767.message": [{ mimetype: "text/plain", body: text }],
    },
  };
}

function decisionOf(client: MatrixClient, roomId: string, options: WelcomeMessageOptions = {}) {
  return new WelcomeStore(client, roomId, options).getSnapshot();
}

async function sendNotice(userId: string, content: Record<string, unknown>, state?: object) {
  const res = await server.adminRequest<{ event_id: string }>(
    "POST",
    "/_synapse/admin/v1/send_server_notice",
    { user_id: userId, content, ...state },
    admin.accessToken,
  );
  return res.event_id;
}
const pin = (userId: string, ids: string[]) =>
  sendNotice(userId, { pinned: ids }, { type: "m.room.pinned_events", state_key: "" });

describe("welcome messages through sliding sync", () => {
  let roomId: string;
  let _edition: string;

  it("given a first join, the welcome dialog opens, and Got it's seen mark comes back through the account_data extension", async () => {
    ({ room_id: roomId } = await alice.createRoom({ preset: Preset.PublicChat, name: "Book Club" }));
    _edition = await setState(aliceUser, roomId, UNSTABLE_WELCOME_EVENT_TYPE, welcome("Be kind."));
    render(<WelcomeDialog client={bob} roomId={roomId} />);
    await bob.joinRoom(roomId);
    const dialog = await screen.findByRole("dialog", {}, { timeout: 15_000 });
    expect(dialog).toHaveTextContent("Be kind.");
    expect(decisionOf(bob, roomId, { seenStore: createMemorySeenStore() }).decision.reason).toBe(
      "first-join",
    );
    await userEvent.setup().click(within(dialog).getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await until("seen mark back through the account_data extension", () =>
      bob.getRoom(roomId)?.getAccountData(WELCOME_SEEN_ACCOUNT_DATA_TYPE as never),
    );
  });

  it("given a leave and a rejoin, the welcome is not due (the membership's prev_content comes through)", async () => {
    await bob.leave(roomId);
    await untilMembership(bob, roomId, "leave");
    await bob.joinRoom(roomId);
    const room = await untilMembership(bob, roomId, "join");
    await until(
      "rejoin member event",
      () => stateEvent(room, "m.room.member", bob.getSafeUserId())?.getPrevContent().membership === "leave",
    );
    expect(decisionOf(bob, roomId, { seenStore: createMemorySeenStore() }).decision.reason).toBe(
      "not-a-qualifying-join",
    );
  });

  it("given an invite then a join, the welcome dialog opens as for a first join", async () => {
    const { client: carol } = await connectSliding(server, carolUser);
    const { room_id: other } = await alice.createRoom({ preset: Preset.PrivateChat, name: "Garden" });
    await setState(aliceUser, other, UNSTABLE_WELCOME_EVENT_TYPE, welcome("Water the plants."));
    render(<WelcomeDialog client={carol} roomId={other} />);
    await alice.invite(other, carol.getSafeUserId());
    await untilMembership(carol, other, "invite");
    await carol.joinRoom(other);
    const dialog = await screen.findByRole("dialog", {}, { timeout: 15_000 });
    expect(dialog).toHaveTextContent("Water the plants.");
    expect(decisionOf(carol, other, { seenStore: createMemorySeenStore() }).decision.reason).toBe(
      "first-join",
    );
  });
});

describe("server notices through sliding sync", () => {
  it("given the notices invite, it is recognised and auto-joined, the room is tagged, and the banner shows a pinned notice and hides it when unpinned", async () => {
    const hook = renderHook(() =>
      useServerNoticesRoom(bob, { noticesUserIds: [NOTICES_USER_ID], autoJoin: true }),
    );
    render(<NoticeBanner client={bob} dismissStore={createMemoryDismissStore()} />);
    const id = await sendNotice(bob.getSafeUserId(), {
      msgtype: "m.server_notice",
      body: "Maintenance tonight.",
    });
    await waitFor(() => expect(hook.result.current.room).not.toBeNull(), { timeout: 15_000 });
    const room = hook.result.current.room!;
    expect(room.tags[SERVER_NOTICE_TAG]).toBeDefined();
    await pin(bob.getSafeUserId(), [id]);
    const banner = await screen.findByRole("group", {}, { timeout: 15_000 });
    expect(banner).toHaveTextContent("Maintenance tonight.");
    await pin(bob.getSafeUserId(), []);
    await waitFor(() => expect(screen.queryByRole("group")).toBeNull(), { timeout: 15_000 });
  });
});
