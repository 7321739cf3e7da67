/**
 * MSC1767 lists a message's representations in the sender's order of preference, and a client uses the first one it
 * understands (matrix-facts: "use the first representation you understand"). Through the real sync pipeline.
 */
import { render, renderHook, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  createMemorySeenStore,
  MARKDOWN_HTML_DIGEST_KEY,
  markdownSourceOf,
  useWelcomeMessage,
  WelcomeDialog,
  WelcomeEditor,
} from "../../src";
import { htmlDigest } from "../../src/authoring/htmlDigest";
import { EDITOR_LABEL } from "../support/editor";
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

describe("a first choice that sanitizes to nothing", () => {
  const remoteImage = html('<img src="https://evil.example/x.png">');

  it("given HTML that sanitizes to nothing visible, the plain alternative after it in the same array shows", async () => {
    const client = await world(
      welcomeRoom(ME, ROOM, {
        prevMembership: "invite",
        welcome: [welcomeOf([remoteImage, plain("Plain alternative")])],
      }),
    );
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.message?.html).toBeUndefined();
    expect(result.current.message?.text).toBe("Plain alternative");
  });

  it("given an m.text array whose only HTML sanitizes to nothing and a readable m.message array, no dialog opens (the first array decides, for readers and the editor alike)", async () => {
    const welcome = stateEvent(
      "m.room.welcome",
      { "m.room.welcome": { "m.text": [remoteImage], "m.message": [plain("Readable older shape")] } },
      { sender: MOD },
    );
    const client = await world(welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcome] }));
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("given that stable welcome beside an unstable one, readers show nothing: the stable event stands", async () => {
    const older = welcomeEvent("Old rules", undefined, { unstable: true, ts: Date.now() - 5000 });
    const welcome = stateEvent(
      "m.room.welcome",
      { "m.room.welcome": { "m.text": [remoteImage], "m.message": [plain("New rules (stable)")] } },
      { sender: MOD, ts: Date.now() },
    );
    const client = await world(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [older, welcome] }),
    );
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.message).toBeNull();
  });
});

describe("the editor opens what readers see", () => {
  it("given another app's plain-first welcome with HTML and a Markdown source after it, the editor opens the plain text as plain text", async () => {
    const admin = "@mod:example.org";
    const rich = "<p><strong>Hello</strong></p>";
    const welcome = welcomeOf([
      plain("Hello plain"),
      html(rich),
      { mimetype: "text/markdown", body: "**Hello**", [MARKDOWN_HTML_DIGEST_KEY]: htmlDigest(rich) },
    ]);
    const powerLevels = stateEvent(
      "m.room.power_levels",
      { users: { [admin]: 100 }, users_default: 0, state_default: 50, events: {} },
      { sender: admin },
    );
    expect(markdownSourceOf(welcome.content)).toBeUndefined();
    const script = new SyncScript({ userId: admin });
    const client = script.createClient();
    await script.start(client, welcomeRoom(admin, ROOM, { welcome: [powerLevels, welcome] }));
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("Hello plain");
    expect(screen.getByRole("radio", { name: /plain/i })).toBeChecked();
  });
});
