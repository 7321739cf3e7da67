/**
 * Welcome authoring against a real Synapse: the room creator writes Markdown in <WelcomeEditor>, a joining user's
 * <WelcomeDialog> shows exactly the published message; an edit publishes a new edition, which (as documented) does
 * not interrupt users who saw the old one unless `showNewEditions` is on.
 */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type MatrixClient, Preset } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMemorySeenStore,
  WelcomeDialog,
  WelcomeEditor,
  type WelcomeSeenStore,
  WelcomeStore,
} from "../../src";
import { connect, type SynapseServer, startServer, stopClients, until, untilMembership } from "./harness";

let server: SynapseServer;
let alice: MatrixClient;
let bob: MatrixClient;
let roomId: string;

beforeAll(async () => {
  server = await startServer();
  const aliceUser = await server.registerUser("author", { displayName: "Author" });
  const bobUser = await server.registerUser("reader", { displayName: "Reader" });
  alice = await connect(server, aliceUser);
  bob = await connect(server, bobUser);
  roomId = (await alice.createRoom({ preset: Preset.PublicChat, name: "Authored Room" })).room_id;
  await untilMembership(alice, roomId, "join");
});

afterAll(async () => {
  stopClients();
  await server?.stop();
});

const LABEL = "Message shown to people when they join";

async function publish(markdown: string) {
  const user = userEvent.setup();
  const { unmount } = render(<WelcomeEditor client={alice} roomId={roomId} />);
  const textarea = screen.getByLabelText(LABEL);
  await waitFor(() => expect(textarea).not.toHaveAttribute("readonly"));
  await user.clear(textarea);
  await user.type(textarea, markdown);
  await user.click(screen.getByRole("button", { name: "Save" }));
  await screen.findByText("Welcome message saved.");
  unmount();
}

function decision(client: MatrixClient, seenStore: WelcomeSeenStore, showNewEditions = false) {
  return new WelcomeStore(client, roomId, { seenStore, showNewEditions }).getSnapshot();
}

describe("welcome authoring on Synapse", () => {
  let seen: WelcomeSeenStore;

  it("the author writes Markdown with the editor; a user joining sees exactly that message", async () => {
    await publish("# Authored rules{enter}{enter}Be **kind**. See https://example.org/faq");
    await bob.joinRoom(roomId);
    await untilMembership(bob, roomId, "join");
    seen = createMemorySeenStore();
    await until("bob to receive the welcome", () => decision(bob, seen).message !== null);
    const user = userEvent.setup();
    const { unmount } = render(<WelcomeDialog client={bob} roomId={roomId} options={{ seenStore: seen }} />);
    const dialog = await screen.findByRole("dialog", { name: "Welcome to Authored Room" });
    expect(within(dialog).getByRole("heading", { name: "Authored rules", level: 1 })).toBeInTheDocument();
    expect(within(dialog).getByText("kind").tagName).toBe("STRONG");
    expect(decision(bob, seen).message?.text).toBe("Authored rules\n\nBe kind. See https://example.org/faq");
    await user.click(within(dialog).getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    unmount();
  });

  it("the author edits it: the new edition does not interrupt the reader by default, and shows once with showNewEditions", async () => {
    const before = decision(bob, seen).message?.eventId;
    await publish("# Authored rules v2{enter}{enter}No bots.");
    await until("bob to receive the new edition", () => {
      const id = decision(bob, seen).message?.eventId;
      return id !== undefined && id !== before;
    });
    expect(decision(bob, seen)).toMatchObject({
      shouldShow: false,
      decision: { reason: "earlier-edition-seen" },
    });
    const withNew = decision(bob, seen, true);
    expect(withNew).toMatchObject({ shouldShow: true, decision: { reason: "new-edition" } });
    expect(withNew.message?.html).toContain("<h1>Authored rules v2</h1>");
  });
});
