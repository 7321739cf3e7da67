/**
 * MSC3857 welcome messages against a real Synapse: real state events, real membership transitions (with Synapse's
 * `unsigned.prev_content`), seen marks in real room account data shared by two devices.
 *
 * Where a check says "not shown", the rendered dialog (default options, account-data seen store) is checked, and
 * so is the decision for the same client with a fresh in-memory seen store: that shows which rule held it back
 * (a profile change, a rejoin), not merely that the edition was already seen.
 */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type MatrixClient, Preset } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMemorySeenStore,
  UNSTABLE_WELCOME_EVENT_TYPE,
  WELCOME_EVENT_TYPE,
  WELCOME_SEEN_ACCOUNT_DATA_TYPE,
  WelcomeDialog,
  type WelcomeMessageOptions,
} from "../../src";
import {
  connect,
  type RegisteredUser,
  type SynapseServer,
  setRoomState,
  startServer,
  stateEvent,
  stopClients,
  until,
  untilMembership,
  welcomeDecision,
} from "./harness";

let server: SynapseServer;
let aliceUser: RegisteredUser;
let bobUser: RegisteredUser;
let carolUser: RegisteredUser;
let alice: MatrixClient;
let bob: MatrixClient;

beforeAll(async () => {
  server = await startServer();
  aliceUser = await server.registerUser("alice", { displayName: "Alice" });
  bobUser = await server.registerUser("bob", { displayName: "Bob" });
  carolUser = await server.registerUser("carol", { displayName: "Carol" });
  alice = await connect(server, aliceUser);
  bob = await connect(server, bobUser);
});

afterAll(async () => {
  stopClients();
  await server?.stop();
});

const enc = encodeURIComponent;

/** The unstable MSC3857 shape with MSC1767 representations, as the kit documents it. */
function unstableWelcome(html: string, text: string) {
  return {
    [UNSTABLE_WELCOME_EVENT_TYPE]: {
      "org.matrix.msc1767.message": [
        { mimetype: "text/html", body: html },
        { mimetype: "text/plain", body: text },
      ],
    },
  };
}

/** The seen-mark room account data as the homeserver has it (null when unset). */
async function seenOnServer(user: RegisteredUser, roomId: string): Promise<string[] | null> {
  const path = `/_matrix/client/v3/user/${enc(user.userId)}/rooms/${enc(roomId)}/account_data/${WELCOME_SEEN_ACCOUNT_DATA_TYPE}`;
  try {
    return (await server.request<{ event_ids: string[] }>("GET", path, undefined, user.accessToken))
      .event_ids;
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw e;
  }
}

/** Waits until the client has edition `eventId` of the room's welcome. */
function untilEdition(client: MatrixClient, roomId: string, eventId: string) {
  return until(`${client.getUserId()} to have welcome ${eventId}`, () =>
    welcomeDecision(client, roomId, { seenStore: createMemorySeenStore() }).message?.eventId === eventId
      ? true
      : undefined,
  );
}

/** Renders the dialog and checks it stays closed. */
async function expectNoDialog(client: MatrixClient, roomId: string, options?: WelcomeMessageOptions) {
  const view = render(<WelcomeDialog client={client} roomId={roomId} options={options} />);
  await new Promise((r) => setTimeout(r, 150));
  expect(screen.queryByRole("dialog")).toBeNull();
  view.unmount();
}

/** Renders the dialog, expects it open with `text`, confirms with "Got it"; resolves when it closed. */
async function confirmDialog(
  client: MatrixClient,
  roomId: string,
  text: string,
  options?: WelcomeMessageOptions,
): Promise<void> {
  const view = render(<WelcomeDialog client={client} roomId={roomId} options={options} />);
  const dialog = await screen.findByRole("dialog", {}, { timeout: 15_000 });
  expect(dialog).toHaveTextContent(text);
  await userEvent.setup().click(within(dialog).getByRole("button", { name: "Got it" }));
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  view.unmount();
}

describe("welcome messages on Synapse", () => {
  let roomId: string;
  let edition1: string;
  let edition2: string;
  let bob2: MatrixClient;

  it("opens once for a joining member; Got it stores the seen mark in room account data", async () => {
    ({ room_id: roomId } = await alice.createRoom({ preset: Preset.PublicChat, name: "Book Club" }));
    edition1 = await setRoomState(
      server,
      aliceUser,
      roomId,
      UNSTABLE_WELCOME_EVENT_TYPE,
      unstableWelcome(
        '<h2>House rules</h2><ul><li>Be kind</li><li>No spoilers</li></ul><p>See <a href="https://example.org/rules">the rules</a>.</p>',
        "House rules: be kind, no spoilers. See https://example.org/rules",
      ),
    );

    render(<WelcomeDialog client={bob} roomId={roomId} />);
    expect(screen.queryByRole("dialog")).toBeNull();
    await bob.joinRoom(roomId);

    const dialog = await screen.findByRole("dialog", {}, { timeout: 15_000 });
    expect(within(dialog).getByRole("heading", { name: "Welcome to Book Club" })).toBeInTheDocument();
    expect(within(dialog).getByRole("heading", { name: "House rules" })).toBeInTheDocument();
    expect(dialog).toHaveTextContent("Be kind");
    const link = within(dialog).getByRole("link", { name: /the rules/ });
    expect(link).toHaveAttribute("href", "https://example.org/rules");
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
    const member = stateEvent(bob.getRoom(roomId)!, "m.room.member", bob.getSafeUserId())!;
    expect(member.getPrevContent().membership).toBeUndefined(); // a first join: no previous membership

    await userEvent.setup().click(within(dialog).getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await until("the seen mark on the server", async () =>
      (await seenOnServer(bobUser, roomId))?.includes(edition1),
    );
    expect(await seenOnServer(bobUser, roomId)).toEqual([edition1]);
    // ...and it comes back through sync as room account data.
    await until("the seen mark through sync", () =>
      bob.getRoom(roomId)?.getAccountData(WELCOME_SEEN_ACCOUNT_DATA_TYPE as never),
    );
    await expectNoDialog(bob, roomId); // once
  });

  it("does not show on the user's second device", async () => {
    const session = await server.login(bobUser.userId, bobUser.password, "second device");
    expect(session.deviceId).not.toBe(bobUser.deviceId);
    bob2 = await connect(server, session);
    await untilEdition(bob2, roomId, edition1);
    expect(welcomeDecision(bob2, roomId).decision).toEqual({ show: false, reason: "seen" });
    await expectNoDialog(bob2, roomId);
    // Without the shared mark this fresh join would show there: the mark is what holds it back.
    expect(welcomeDecision(bob2, roomId, { seenStore: createMemorySeenStore() }).decision.show).toBe(true);
  });

  it("a display name change is no join: it shows nothing, and the decision still rests on the first join", async () => {
    await bob.setDisplayName("Bobby");
    await until(
      "bob's new member event",
      () =>
        stateEvent(bob.getRoom(roomId)!, "m.room.member", bob.getSafeUserId())?.getContent().displayname ===
        "Bobby",
    );
    const member = stateEvent(bob.getRoom(roomId)!, "m.room.member", bob.getSafeUserId())!;
    expect(member.getPrevContent().membership).toBe("join");
    await expectNoDialog(bob, roomId);
    // Looked at without the shared mark, the welcome is still due for Bob's recent first join (a profile change
    // does not cancel it), and once that join is old the profile change does not bring it back.
    expect(welcomeDecision(bob, roomId, { seenStore: createMemorySeenStore() }).decision).toEqual({
      show: true,
      reason: "first-join",
    });
    expect(
      welcomeDecision(bob, roomId, { seenStore: createMemorySeenStore(), maxJoinAgeMs: 0 }).decision.show,
    ).toBe(false);
  });

  it("does not show after leaving and rejoining (unless showOn is every-join)", async () => {
    await bob.leave(roomId);
    await untilMembership(bob, roomId, "leave");
    await bob.joinRoom(roomId);
    const room = await untilMembership(bob, roomId, "join");
    await until(
      "bob's rejoin member event",
      () => stateEvent(room, "m.room.member", bob.getSafeUserId())?.getPrevContent().membership === "leave",
    );
    await untilEdition(bob, roomId, edition1);

    await expectNoDialog(bob, roomId);
    expect(welcomeDecision(bob, roomId, { seenStore: createMemorySeenStore() }).decision).toEqual({
      show: false,
      reason: "not-a-qualifying-join",
    });
    expect(
      welcomeDecision(bob, roomId, { seenStore: createMemorySeenStore(), showOn: "every-join" }).decision,
    ).toEqual({ show: true, reason: "rejoin" });
  });

  // Bob saw edition 1, so by default edition 2 does not interrupt him (whatever his join); with showNewEditions he
  // gets it once.
  it("a new edition: not shown to existing members by default; once with showNewEditions", async () => {
    edition2 = await setRoomState(
      server,
      aliceUser,
      roomId,
      UNSTABLE_WELCOME_EVENT_TYPE,
      unstableWelcome("<p>New rules: <strong>no bots</strong>.</p>", "New rules: no bots."),
    );
    await untilEdition(bob, roomId, edition2);
    await untilEdition(bob2, roomId, edition2);

    await expectNoDialog(bob, roomId);
    expect(welcomeDecision(bob, roomId).decision).toEqual({ show: false, reason: "earlier-edition-seen" });
    await expectNoDialog(bob2, roomId);

    const opts: WelcomeMessageOptions = { showNewEditions: true };
    expect(welcomeDecision(bob, roomId, opts).decision).toEqual({ show: true, reason: "new-edition" });
    await confirmDialog(bob, roomId, "New rules: no bots.", opts);
    await until("both editions marked seen on the server", async () =>
      (await seenOnServer(bobUser, roomId))?.includes(edition2),
    );
    expect(await seenOnServer(bobUser, roomId)).toEqual([edition1, edition2]);
    await expectNoDialog(bob, roomId, opts); // once

    // The other device learns it through sync.
    await until(
      "the second device to see the new mark",
      () => welcomeDecision(bob2, roomId, opts).decision.reason === "seen",
    );
    await expectNoDialog(bob2, roomId, opts);
  });

  it("shows to a user who was invited and then joins", async () => {
    const carol = await connect(server, carolUser);
    await alice.invite(roomId, carol.getSafeUserId());
    await untilMembership(carol, roomId, "invite");

    render(<WelcomeDialog client={carol} roomId={roomId} />);
    // The invite's stripped state has no welcome (it is not in Synapse's default room_prejoin_state).
    expect(welcomeDecision(carol, roomId).message).toBeNull();
    expect(screen.queryByRole("dialog")).toBeNull();

    await carol.joinRoom(roomId);
    const dialog = await screen.findByRole("dialog", {}, { timeout: 15_000 });
    expect(dialog).toHaveTextContent("New rules: no bots.");
    const member = stateEvent(carol.getRoom(roomId)!, "m.room.member", carol.getSafeUserId())!;
    expect(member.getPrevContent().membership).toBe("invite");
    expect(welcomeDecision(carol, roomId).decision).toEqual({ show: true, reason: "first-join" });
  });

  it("a welcome redacted while showing disappears, also when the client knew it only from the join's state", async () => {
    const { room_id: other } = await alice.createRoom({ preset: Preset.PublicChat, name: "Typo Corner" });
    const welcomeId = await setRoomState(
      server,
      aliceUser,
      other,
      UNSTABLE_WELCOME_EVENT_TYPE,
      unstableWelcome("", "Posted by mistak"),
    );
    // Enough later messages that the welcome falls out of the timeline Bob's join sync carries: he gets it as state.
    for (let i = 0; i < 30; i++) await alice.sendTextMessage(other, `chatter ${i}`);
    render(<WelcomeDialog client={bob} roomId={other} />);
    await bob.joinRoom(other);
    const dialog = await screen.findByRole("dialog", {}, { timeout: 15_000 });
    expect(dialog).toHaveTextContent("Posted by mistak");
    const room = bob.getRoom(other)!;
    expect(room.findEventById(welcomeId)).toBeUndefined(); // state only: matrix-js-sdk cannot redact it itself

    await alice.redactEvent(other, welcomeId);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull(), { timeout: 15_000 });
    expect(welcomeDecision(bob, other).message).toBeNull();
  });

  it("reads the stable m.room.welcome type (current MSC1767 m.text array)", async () => {
    const { room_id: other } = await alice.createRoom({ preset: Preset.PublicChat, name: "Garden" });
    const eventId = await setRoomState(server, aliceUser, other, WELCOME_EVENT_TYPE, {
      [WELCOME_EVENT_TYPE]: {
        "m.text": [
          { mimetype: "text/html", body: "<p>Welcome to the <em>garden</em>. Water the plants.</p>" },
          { body: "Welcome to the garden. Water the plants." },
        ],
      },
    });
    render(<WelcomeDialog client={bob} roomId={other} />);
    await bob.joinRoom(other);
    const dialog = await screen.findByRole("dialog", {}, { timeout: 15_000 });
    expect(within(dialog).getByRole("heading", { name: "Welcome to Garden" })).toBeInTheDocument();
    expect(dialog).toHaveTextContent("Welcome to the garden. Water the plants.");
    expect(dialog.querySelector("em")).toHaveTextContent("garden");
    expect(welcomeDecision(bob, other).message?.eventId).toBe(eventId);
  });
});
