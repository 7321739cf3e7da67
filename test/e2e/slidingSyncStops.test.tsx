/**
 * The sliding-sync wait of the welcome (a welcome becomes due once the response that made it due is applied whole)
 * against a real Synapse: clients stopped and started again, StrictMode, a mount between long-polls, and the
 * "once shown, stays shown" memory while a decision waits. Each sliding-sync case has its sync v2 twin.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { ClientEvent, type MatrixClient, Preset, SyncState } from "matrix-js-sdk";
import { StrictMode } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  UNSTABLE_WELCOME_EVENT_TYPE,
  useWelcomeMessage,
  WelcomeDialog,
  type WelcomeSeenStore,
} from "../../src";
import {
  connect,
  connectSliding,
  plainWelcome,
  type RegisteredUser,
  type SynapseServer,
  setRoomState,
  slidingSyncFor,
  startServer,
  stateEvent,
  stopClients,
  until,
  untilMembership,
  waitForSyncState,
  welcomeDecision,
} from "./harness";

let server: SynapseServer;
let aliceUser: RegisteredUser;
let alice: MatrixClient;
const users: Record<string, RegisteredUser> = {};

beforeAll(async () => {
  server = await startServer();
  aliceUser = await server.registerUser("alice", { displayName: "Alice" });
  for (const name of ["dave", "erin", "frank", "gina", "hank", "ivan", "jill", "kim"])
    users[name] = await server.registerUser(name, { displayName: name });
  alice = await connect(server, aliceUser);
});

afterAll(async () => {
  stopClients();
  await server?.stop();
});

/** Alice sets the room's welcome to a plain-text one; its event id. */
const setWelcome = (roomId: string, text: string) =>
  setRoomState(server, aliceUser, roomId, UNSTABLE_WELCOME_EVENT_TYPE, plainWelcome(text));

async function roomWithWelcome(text: string): Promise<string> {
  const { room_id } = await alice.createRoom({ preset: Preset.PublicChat, name: text });
  await setWelcome(room_id, text);
  return room_id;
}

/** `client` joins `roomId` and waits until its sync has the join (no store of the kit mounted meanwhile). */
async function join(client: MatrixClient, roomId: string) {
  await client.joinRoom(roomId);
  const room = await untilMembership(client, roomId, "join");
  await until("welcome state", () => stateEvent(room, UNSTABLE_WELCOME_EVENT_TYPE));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client of `user` (sync v2 or sliding) that joined a new room with a welcome, then was stopped. */
async function joinedThenStopped(user: RegisteredUser, sync: "v2" | "sliding") {
  const client = await (sync === "v2" ? connect : connectSliding)(server, user);
  const roomId = await roomWithWelcome(`${user.userId}'s room`);
  await join(client, roomId);
  client.stopClient();
  return { client, roomId };
}

describe("a client stopped, and started again", () => {
  it("control (sync v2): a view mounted while the client is stopped shows the due welcome at once", async () => {
    const { client: dave, roomId } = await joinedThenStopped(users.dave!, "v2");
    const hook = renderHook(() => useWelcomeMessage(dave, roomId));
    expect(hook.result.current.shouldShow).toBe(true);
    hook.unmount();
  });

  it("a view mounted while a sliding-sync client is stopped shows the due welcome (as under sync v2)", async () => {
    const { client: erin, roomId } = await joinedThenStopped(users.erin!, "sliding");
    expect(erin.getSyncState()).toBeNull(); // as before the first response: the client must say it is stopped
    const hook = renderHook(() => useWelcomeMessage(erin, roomId));
    await sleep(2000);
    expect(hook.result.current.shouldShow).toBe(true);
  });

  it("a one-off read of a stopped sliding-sync client gives the decision (welcomeDecision)", async () => {
    const { client: gina, roomId } = await joinedThenStopped(users.gina!, "sliding");
    const state = welcomeDecision(gina, roomId);
    expect({ show: state.shouldShow, reason: state.decision.reason, message: !!state.message }).toEqual({
      show: true,
      reason: "first-join",
      message: true,
    });
  });

  it("a view mounted while the client is stopped shows the welcome once the client is started again with a new SlidingSync", async () => {
    const { client: frank, roomId } = await joinedThenStopped(users.frank!, "sliding");
    const stuck = renderHook(() => useWelcomeMessage(frank, roomId));
    await sleep(200);
    const syncing = waitForSyncState(frank, [SyncState.Syncing]);
    await act(async () => {
      await frank.startClient({ slidingSync: slidingSyncFor(server, frank) } as never);
      await syncing;
    });
    // Two more long-poll rounds (3 s each) of the new SlidingSync.
    await act(() => sleep(7000));
    // A store mounted now shows it: the welcome is due.
    const fresh = renderHook(() => useWelcomeMessage(frank, roomId));
    await waitFor(() => expect(fresh.result.current.shouldShow).toBe(true), { timeout: 3000 });
    expect(stuck.result.current.shouldShow).toBe(true);
  });

  it("same, restarted with sync v2 (a fallback from sliding sync)", async () => {
    const { client: ivan, roomId } = await joinedThenStopped(users.ivan!, "sliding");
    const stuck = renderHook(() => useWelcomeMessage(ivan, roomId));
    await sleep(200);
    const syncing = waitForSyncState(ivan, [SyncState.Prepared, SyncState.Syncing]);
    await act(async () => {
      await ivan.startClient({ initialSyncLimit: 20 });
      await syncing;
    });
    await act(() => sleep(3000));
    const fresh = renderHook(() => useWelcomeMessage(ivan, roomId));
    expect(fresh.result.current.shouldShow).toBe(true);
    expect(stuck.result.current.shouldShow).toBe(true);
  });
});

describe("a running sliding-sync client", () => {
  it("StrictMode: a live first join opens the welcome dialog", async () => {
    const hank = await connectSliding(server, users.hank!);
    const roomId = await roomWithWelcome("Hank's room");
    render(
      <StrictMode>
        <WelcomeDialog client={hank} roomId={roomId} />
      </StrictMode>,
    );
    await hank.joinRoom(roomId);
    const dialog = await screen.findByRole("dialog", {}, { timeout: 15_000 });
    expect(dialog).toHaveTextContent("Hank's room");
  });

  it("a view mounted while a running sliding-sync client idles between long-polls shows the welcome before the next response", async () => {
    const dave2 = await connectSliding(server, users.dave!);
    const roomId = await roomWithWelcome("Dave's second room");
    await join(dave2, roomId);
    await sleep(500);
    let responses = 0;
    const counted = () => responses++;
    dave2.on(ClientEvent.Sync, counted);
    const hook = renderHook(() => useWelcomeMessage(dave2, roomId), { wrapper: StrictMode });
    await waitFor(() => expect(hook.result.current.shouldShow).toBe(true), { timeout: 3000 });
    dave2.off(ClientEvent.Sync, counted);
    expect(responses).toBe(0);
  });
});

describe("a decision that waits, and the once-shown memory", () => {
  /** A seen store that can fail for a while (getSeen throws), and that recomputes the store on demand. */
  function flakySeenStore() {
    let failing = false;
    const listeners = new Set<(roomId: string) => void>();
    const store: WelcomeSeenStore = {
      getSeen: () => {
        if (failing) throw new Error("storage unavailable");
        return [];
      },
      markSeen: () => {},
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    return {
      store,
      setFailing: (v: boolean) => (failing = v),
      poke: (roomId: string) =>
        act(() => {
          for (const listener of listeners) listener(roomId);
        }),
    };
  }

  async function scenario(client: MatrixClient) {
    vi.spyOn(globalThis, "reportError").mockImplementation(() => {});
    const { room_id: roomId } = await alice.createRoom({ preset: Preset.PublicChat, name: "Edits" });
    await setWelcome(roomId, "one");
    await join(client, roomId);
    const flaky = flakySeenStore();
    let offset = 0;
    const options = { seenStore: flaky.store, now: () => Date.now() + offset };
    const hook = renderHook(() => useWelcomeMessage(client, roomId, options));
    await waitFor(() => expect(hook.result.current.shouldShow).toBe(true), { timeout: 5000 });
    // The join ages past maxJoinAgeMs: the shown welcome stays.
    offset = 2 * 24 * 3600_000;
    await flaky.poke(roomId);
    await act(() => sleep(50));
    expect(hook.result.current.shouldShow).toBe(true);
    // A moderator's fix takes its place, still shown.
    const two = await setWelcome(roomId, "two");
    await waitFor(() => expect(hook.result.current.message?.eventId).toBe(two), { timeout: 10_000 });
    expect(hook.result.current.shouldShow).toBe(true);
    // The seen store fails for a while; meanwhile another fix (under sliding sync its decision waits, then is taken
    // again: the memory of the shown welcome must be as it was).
    flaky.setFailing(true);
    await flaky.poke(roomId);
    expect(hook.result.current.shouldShow).toBe(false);
    const three = await setWelcome(roomId, "three");
    await until(
      "third edition",
      () => stateEvent(client.getRoom(roomId)!, UNSTABLE_WELCOME_EVENT_TYPE)?.getId() === three,
    );
    // It recovers.
    flaky.setFailing(false);
    await flaky.poke(roomId);
    await act(() => sleep(300));
    return {
      shouldShow: hook.result.current.shouldShow,
      edition: hook.result.current.message?.eventId === three,
    };
  }

  it("control (sync v2): after the seen store recovers, the welcome shown for this join is shown again (the latest fix)", async () => {
    const kim = await connect(server, users.kim!);
    expect(await scenario(kim)).toEqual({ shouldShow: true, edition: true });
  });

  it("sliding sync: the same sequence gives the same answer as sync v2", async () => {
    const jill = await connectSliding(server, users.jill!);
    expect(await scenario(jill)).toEqual({ shouldShow: true, edition: true });
  });
});
