/**
 * The kit with Simplified Sliding Sync (MSC4186) clients against a real Synapse: real matrix-js-sdk clients started
 * with `startClient({ slidingSync })` (SlidingSyncSdk), asking for the room state the README lists for sliding sync.
 */
import { render, renderHook, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ClientEvent, type MatrixClient, Preset, type Room, SyncState } from "matrix-js-sdk";
import type { SlidingSync } from "matrix-js-sdk/lib/sliding-sync.js";
import { useEffect, useState } from "react";
import { flushSync } from "react-dom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  createMemorySeenStore,
  NoticeBanner,
  SERVER_NOTICE_TAG,
  UNSTABLE_WELCOME_EVENT_TYPE,
  useServerNoticesRoom,
  useWelcomeMessage,
  WELCOME_SEEN_ACCOUNT_DATA_TYPE,
  WelcomeDialog,
} from "../../src";
import {
  connect,
  connectSliding,
  NOTICES_USER_ID,
  pinServerNotices,
  plainWelcome,
  type RegisteredUser,
  type SynapseServer,
  sendServerNotice,
  setRoomState,
  slidingSyncClient,
  startServer,
  stateEvent,
  stopClients,
  until,
  untilMembership,
  waitForSyncState,
  welcomeDecision,
} from "./harness";

let server: SynapseServer;
let admin: RegisteredUser;
let aliceUser: RegisteredUser;
let bobUser: RegisteredUser;
let carolUser: RegisteredUser;
let alice: MatrixClient; // sync v2, the room owner
let bob: MatrixClient; // sliding sync

beforeAll(async () => {
  server = await startServer();
  admin = await server.registerUser("admin", { admin: true });
  aliceUser = await server.registerUser("alice", { displayName: "Alice" });
  bobUser = await server.registerUser("bob", { displayName: "Bob" });
  carolUser = await server.registerUser("carol", { displayName: "Carol" });
  alice = await connect(server, aliceUser);
  bob = await connectSliding(server, bobUser);
});

afterAll(async () => {
  stopClients();
  await server?.stop();
});

const sendNotice = (userId: string, content: Record<string, unknown>) =>
  sendServerNotice(server, admin, userId, content);
const pin = (userId: string, ids: string[]) => pinServerNotices(server, admin, userId, ids);

describe("welcome messages through sliding sync", () => {
  let roomId: string;

  it("given a first join, the welcome dialog opens, and Got it's seen mark comes back through the account_data extension", async () => {
    ({ room_id: roomId } = await alice.createRoom({ preset: Preset.PublicChat, name: "Book Club" }));
    await setRoomState(server, aliceUser, roomId, UNSTABLE_WELCOME_EVENT_TYPE, plainWelcome("Be kind."));
    render(<WelcomeDialog client={bob} roomId={roomId} />);
    await bob.joinRoom(roomId);
    const dialog = await screen.findByRole("dialog", {}, { timeout: 15_000 });
    expect(dialog).toHaveTextContent("Be kind.");
    expect(welcomeDecision(bob, roomId, { seenStore: createMemorySeenStore() }).decision.reason).toBe(
      "first-join",
    );
    await userEvent.setup().click(within(dialog).getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await until("seen mark back through the account_data extension", () =>
      bob.getRoom(roomId)?.getAccountData(WELCOME_SEEN_ACCOUNT_DATA_TYPE as never),
    );
  });

  /** A reloaded sliding-sync client for Bob's session, what its welcome said at each render, and its `Probe`. */
  function reload() {
    const { client, ss } = slidingSyncClient(server, bobUser);
    const shown: boolean[] = [];
    function Probe() {
      const { shouldShow, message } = useWelcomeMessage(client, roomId);
      if (message) shown.push(shouldShow);
      return null;
    }
    return { reloaded: client, ss, shown, Probe };
  }

  /** Starts the reloaded client, waits until the seen mark is there and a little more, and checks it never was due. */
  async function expectNeverDue(reloaded: MatrixClient, ss: SlidingSync, shown: boolean[]) {
    const prepared = waitForSyncState(reloaded, [SyncState.Prepared, SyncState.Syncing]);
    await reloaded.startClient({ slidingSync: ss } as never);
    await prepared;
    await until("seen mark on the reloaded client", () =>
      reloaded.getRoom(roomId)?.getAccountData(WELCOME_SEEN_ACCOUNT_DATA_TYPE as never),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).not.toContain(true);
    stopClients(reloaded);
  }

  // The SDK announces a room before it applies the room's account data (the account_data extension runs after the
  // room data): the seen mark arrives a few microtasks after the room.
  it("given a reload (a new sliding-sync client for the session), the welcome already seen is never due, not even for an instant", async () => {
    const { reloaded, ss, shown, Probe } = reload();
    render(<Probe />);
    await expectNeverDue(reloaded, ss, shown);
  });

  it("given a reload where the app mounts the room's view as the room arrives, the welcome already seen is never due", async () => {
    const { reloaded, ss, shown, Probe } = reload();
    function App() {
      const [arrived, setArrived] = useState(false);
      useEffect(() => {
        // At once, as an app that renders the room's view in the same task would.
        const onRoom = (room: Room) => room.roomId === roomId && flushSync(() => setArrived(true));
        reloaded.on(ClientEvent.Room, onRoom);
        return () => void reloaded.off(ClientEvent.Room, onRoom);
      }, []);
      return arrived ? <Probe /> : null;
    }
    render(<App />);
    await expectNeverDue(reloaded, ss, shown);
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
    expect(welcomeDecision(bob, roomId, { seenStore: createMemorySeenStore() }).decision.reason).toBe(
      "not-a-qualifying-join",
    );
  });

  it("given an invite then a join, the welcome dialog opens as for a first join", async () => {
    const carol = await connectSliding(server, carolUser);
    const { room_id: other } = await alice.createRoom({ preset: Preset.PrivateChat, name: "Garden" });
    await setRoomState(
      server,
      aliceUser,
      other,
      UNSTABLE_WELCOME_EVENT_TYPE,
      plainWelcome("Water the plants."),
    );
    render(<WelcomeDialog client={carol} roomId={other} />);
    await alice.invite(other, carol.getSafeUserId());
    await untilMembership(carol, other, "invite");
    await carol.joinRoom(other);
    const dialog = await screen.findByRole("dialog", {}, { timeout: 15_000 });
    expect(dialog).toHaveTextContent("Water the plants.");
    expect(welcomeDecision(carol, other, { seenStore: createMemorySeenStore() }).decision.reason).toBe(
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
