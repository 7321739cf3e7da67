/**
 * The dialog's sender line with lazy-loaded members (the sync filter's `lazy_load_members`, as Element and most clients
 * sync) on a real Synapse: a join's sync brings the member events of the timeline's senders only, so a moderator who
 * set the welcome long ago and has not spoken since is not loaded. The kit fetches that one member event.
 */
import { render, screen, waitFor, within } from "@testing-library/react";
import { type MatrixClient, Preset, SyncState } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, UNSTABLE_WELCOME_EVENT_TYPE, WelcomeDialog } from "../../src";
import {
  makeClient,
  plainWelcome,
  type RegisteredUser,
  type SynapseServer,
  setRoomState,
  startServer,
  stateEvent,
  stopClients,
  untilMembership,
  waitForSyncState,
} from "./harness";

let server: SynapseServer;
let mod: RegisteredUser;
let talkers: RegisteredUser[];

beforeAll(async () => {
  server = await startServer();
  mod = await server.registerUser("mod", { displayName: "Moderator Mia" });
  talkers = [];
  for (const name of ["ann", "ben", "cat"])
    talkers.push(await server.registerUser(name, { displayName: name.toUpperCase() }));
});

afterAll(async () => {
  stopClients();
  await server?.stop();
});

const enc = encodeURIComponent;

/** A started client syncing with lazy-loaded members, as Element does. */
async function lazyClient(user: RegisteredUser): Promise<MatrixClient> {
  const client = makeClient(server, user);
  const prepared = waitForSyncState(client, [SyncState.Prepared, SyncState.Syncing]);
  await client.startClient({ lazyLoadMembers: true, initialSyncLimit: 20 });
  await prepared;
  return client;
}

/** A room whose welcome the moderator set, then 40 messages by three others (more than a sync's timeline holds). */
async function busyRoom(name: string): Promise<string> {
  const { room_id: roomId } = await server.request<{ room_id: string }>(
    "POST",
    "/_matrix/client/v3/createRoom",
    { preset: Preset.PublicChat, name },
    mod.accessToken,
  );
  await setRoomState(server, mod, roomId, UNSTABLE_WELCOME_EVENT_TYPE, plainWelcome("Be kind."));
  for (const user of talkers)
    await server.request("POST", `/_matrix/client/v3/join/${enc(roomId)}`, {}, user.accessToken);
  for (let i = 0; i < 40; i++)
    await server.request(
      "PUT",
      `/_matrix/client/v3/rooms/${enc(roomId)}/send/m.room.message/${name}-${i}`,
      { msgtype: "m.text", body: `message ${i}` },
      talkers[i % talkers.length]!.accessToken,
    );
  return roomId;
}

describe("the sender line with lazy-loaded members on Synapse", () => {
  it("a moderator not loaded by the join's sync: the line names them (their member fetched once), with the ID", async () => {
    const roomId = await busyRoom("Big Room");
    const newcomer = await server.registerUser("newcomer", { displayName: "Newcomer" });
    const client = await lazyClient(newcomer);
    const fetches = vi.spyOn(globalThis, "fetch");
    render(
      <WelcomeDialog client={client} roomId={roomId} options={{ seenStore: createMemorySeenStore() }} />,
    );
    await client.joinRoom(roomId);
    const room = await untilMembership(client, roomId, "join");

    const dialog = await screen.findByRole("dialog", {}, { timeout: 15_000 });
    // Synapse sent the welcome but not its sender's member event: the gap this covers.
    expect(stateEvent(room, UNSTABLE_WELCOME_EVENT_TYPE)?.getSender()).toBe(mod.userId);
    expect(stateEvent(room, "m.room.member", mod.userId)).toBeNull();
    const line = () => dialog.querySelector('[data-part="sender"]')?.textContent;
    await waitFor(() => expect(line()).toBe(`From Moderator Mia (${mod.userId})`), { timeout: 10_000 });
    expect(within(dialog).getByText("Moderator Mia")).toHaveAttribute("data-part", "sender-name");
    // Fetched, not loaded: the room's state still has no member event for them (the fetch names nobody else).
    expect(stateEvent(room, "m.room.member", mod.userId)).toBeNull();
    expect(room.getMember(mod.userId)).toBeNull();
    const memberFetches = fetches.mock.calls.filter(([url]) => String(url).includes("/state/m.room.member/"));
    expect(memberFetches.map(([url]) => decodeURIComponent(String(url)))).toEqual([
      expect.stringContaining(`/rooms/${roomId}/state/m.room.member/${mod.userId}`),
    ]);
    fetches.mockRestore();
  });

  it("once the moderator speaks, their member event comes by sync and its name (changed meanwhile) wins", async () => {
    const roomId = await busyRoom("Busy Room");
    const newcomer = await server.registerUser("newcomer2", { displayName: "Newcomer 2" });
    const client = await lazyClient(newcomer);
    render(
      <WelcomeDialog client={client} roomId={roomId} options={{ seenStore: createMemorySeenStore() }} />,
    );
    await client.joinRoom(roomId);
    const room = await untilMembership(client, roomId, "join");
    const dialog = await screen.findByRole("dialog", {}, { timeout: 15_000 });
    const line = () => dialog.querySelector('[data-part="sender"]')?.textContent;
    await waitFor(() => expect(line()).toBe(`From Moderator Mia (${mod.userId})`), { timeout: 10_000 });

    // A per-room name, then a message: lazy loading sends the member event with it.
    await server.request(
      "PUT",
      `/_matrix/client/v3/rooms/${enc(roomId)}/state/m.room.member/${enc(mod.userId)}`,
      { membership: "join", displayname: "Mia (mod)" },
      mod.accessToken,
    );
    await server.request(
      "PUT",
      `/_matrix/client/v3/rooms/${enc(roomId)}/send/m.room.message/mod-hello`,
      { msgtype: "m.text", body: "hello" },
      mod.accessToken,
    );
    await waitFor(() => expect(stateEvent(room, "m.room.member", mod.userId)).not.toBeNull(), {
      timeout: 15_000,
    });
    await waitFor(() => expect(line()).toBe(`From Mia (mod) (${mod.userId})`));
  });
});
