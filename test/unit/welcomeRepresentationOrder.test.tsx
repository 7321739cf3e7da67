/**
 * MSC1767 lists a message's representations in the sender's order of preference, and a client uses the first one it
 * understands (matrix-facts: "use the first representation you understand"). Through the real sync pipeline.
 */
import { render, renderHook, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, useWelcomeMessage, WelcomeDialog } from "../../src";
import { stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { type SyncBatch, SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const MOD = "@mod:example.org";

async function world(initial: SyncBatch) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, initial);
  return client;
}

const plain = (body: string) => ({ mimetype: "text/plain", body });
const html = (body: string) => ({ mimetype: "text/html", body });
const welcomeOf = (representations: unknown[]) =>
  stateEvent("m.room.welcome", { "m.room.welcome": { "m.text": representations } }, { sender: MOD });

describe("a welcome's representations are taken in the sender's order of preference", () => {
  it("given plain text listed before HTML, the dialog shows the plain text, not the HTML", async () => {
    const welcome = welcomeOf([plain("Plain text first"), html("<p><strong>HTML second</strong></p>")]);
    const client = await world(welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcome] }));
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    const dialog = screen.getByRole("dialog");
    expect(dialog).toHaveTextContent("Plain text first");
    expect(dialog).not.toHaveTextContent("HTML second");
    expect(dialog.querySelector("strong")).toBeNull();
  });

  it("given Markdown, then plain text, then HTML, the hook offers the plain text (the first it understands)", async () => {
    const welcome = welcomeOf([
      { mimetype: "text/markdown", body: "**md**" },
      plain("Plain is the first understood"),
      html("<em>html last</em>"),
    ]);
    const client = await world(welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcome] }));
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.shouldShow).toBe(true);
    expect(result.current.message?.html).toBeUndefined();
    expect(result.current.message?.text).toBe("Plain is the first understood");
  });

  it("given HTML listed first (MSC3857's order, and the kit's own), the HTML shows", async () => {
    const client = await world(
      welcomeRoom(ME, ROOM, {
        prevMembership: "invite",
        welcome: [welcomeEvent("Plain", "<p><strong>Rich</strong></p>")],
      }),
    );
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    expect(screen.getByRole("dialog").querySelector("strong")).toHaveTextContent("Rich");
  });
});
