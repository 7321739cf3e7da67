/**
 * On a translated page: WelcomeDialog / WelcomeBody text that changes shape while a translator has replaced
 * the kit's text nodes with <font><font>…</font></font>.
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  createMemorySeenStore,
  WelcomeBody,
  WelcomeDialog,
  type WelcomeDialogLabels,
  type WelcomeDialogProps,
  type WelcomeMessage,
} from "../../src";
import { CrashBoundary } from "../support/crashBoundary";
import { nameEvent, redactionEvent, stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { crashed, translate, walkTranslated } from "../support/translate";
import { startWorld } from "../support/world";

const ROOM = "!lounge:example.org";
const ME = "@bob:example.org";
const settle = () => act(() => new Promise((r) => setTimeout(r, 50)));

/** The dialog open on a real client, for `ME`'s first join of `ROOM`, with rerender for new props. */
async function openDialog(
  props: Partial<WelcomeDialogProps> = {},
  room: { name?: string | null; welcome?: ReturnType<typeof welcomeEvent> } = {},
) {
  const world = await startWorld(
    ME,
    welcomeRoom(ME, ROOM, {
      prevMembership: "invite",
      welcome: [room.welcome ?? welcomeEvent("Hello")],
      name: room.name === undefined ? "Lounge" : room.name,
    }),
  );
  const seenStore = createMemorySeenStore();
  const ui = (p: Partial<WelcomeDialogProps>) => (
    <CrashBoundary>
      <WelcomeDialog client={world.client} roomId={ROOM} options={{ seenStore }} {...p} />
    </CrashBoundary>
  );
  const view = render(ui(props));
  await screen.findByRole("dialog");
  translate(document.body);
  const rerender = async (p: Partial<WelcomeDialogProps>) => {
    await act(async () => view.rerender(ui(p)));
    translate(document.body);
  };
  const sync = async (...timeline: ReturnType<typeof welcomeEvent>[]) => {
    await act(() => world.script.push({ join: { [ROOM]: { timeline } } }));
    await settle();
    translate(document.body);
  };
  return { ...world, rerender, sync };
}

describe("WelcomeDialog title", () => {
  it("room with no name gains one, is renamed, loses it (through sync)", async () => {
    const { sync } = await openDialog({}, { name: null });
    await sync(nameEvent("Lounge"));
    expect(crashed()).toBeNull();
    await sync(nameEvent("Salon"));
    expect(crashed()).toBeNull();
    await sync(nameEvent(""));
    expect(crashed()).toBeNull();
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });

  it("language switch, both sentences with text on each side of the name (en -> fr)", async () => {
    const { rerender } = await openDialog();
    await rerender({ labels: { title: (n) => `Bienvenue dans ${n} !` } });
    expect(crashed()).toBeNull();
    await rerender({ labels: {} });
    expect(crashed()).toBeNull();
  });

  it("language switch, name moves to the front of the sentence (en 'Welcome to {n}' -> ja '{n}へようこそ')", async () => {
    const { rerender } = await openDialog();
    await rerender({ labels: { title: (n) => `${n}へようこそ` } });
    expect(crashed()).toBeNull();
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });

  it("language switch, name at the end -> name in the middle -> name at the end ('{n}' only)", async () => {
    const { rerender } = await openDialog();
    await rerender({ labels: { title: (n) => `Willkommen in ${n}!` } });
    expect(crashed()).toBeNull();
    await rerender({ labels: { title: (n) => `${n}` } });
    expect(crashed()).toBeNull();
  });

  it("custom title prop: string -> default -> element -> string", async () => {
    const { rerender } = await openDialog({ title: "Hi there" });
    await rerender({});
    expect(crashed()).toBeNull();
    await rerender({ title: <b>Bold title</b> });
    expect(crashed()).toBeNull();
    await rerender({ title: "Plain again" });
    expect(crashed()).toBeNull();
  });

  it("a label that words the untitled case on its own, room gains a name (hasName false -> true)", async () => {
    const de: WelcomeDialogLabels["title"] = (n, hasName) => (hasName ? `Willkommen in ${n}` : "Willkommen!");
    const { sync } = await openDialog({ labels: { title: de } }, { name: null });
    await sync(nameEvent("Lounge"));
    expect(crashed()).toBeNull();
  });

  it("a label that returns an element for some names and a string for others, room renamed", async () => {
    const title: WelcomeDialogLabels["title"] = ((n: string) =>
      n.startsWith("L") ? ((<em>Welcome, {n}</em>) as unknown as string) : `Welcome to ${n}`) as never;
    const { sync } = await openDialog({ labels: { title } });
    await sync(nameEvent("Salon"));
    expect(crashed()).toBeNull();
    await sync(nameEvent("Lounge"));
    expect(crashed()).toBeNull();
  });

  it("other labels (confirm, description, close) switch language", async () => {
    const { rerender } = await openDialog();
    await rerender({ labels: { confirm: "Compris", description: "Un message", close: "Fermer" } });
    expect(crashed()).toBeNull();
  });
});

describe("WelcomeDialog body, welcome changing while open", () => {
  const html1 =
    '<p>Read <a href="https://example.org">the rules</a>. Ending: <span data-mx-spoiler="plot">they win</span></p>';

  it("text -> html -> text -> html edits (through sync)", async () => {
    const { sync } = await openDialog({}, { welcome: welcomeEvent("Hello https://example.org") });
    await sync(welcomeEvent("Read the rules", html1));
    expect(crashed()).toBeNull();
    await sync(welcomeEvent("Plain https://example.com again"));
    expect(crashed()).toBeNull();
    await sync(welcomeEvent("Bold", "<p><strong>Bold</strong></p>"));
    expect(crashed()).toBeNull();
    expect(screen.getByRole("dialog")).toHaveTextContent("Bold");
  });

  it("spoiler revealed on a translated body, then the welcome edited", async () => {
    const { sync } = await openDialog({}, { welcome: welcomeEvent("Read the rules", html1) });
    const spoiler = document.querySelector<HTMLElement>("span[data-mx-spoiler]")!;
    fireEvent.click(spoiler.querySelector("font") ?? spoiler);
    expect(spoiler.getAttribute("data-revealed")).toBe("true");
    await sync(welcomeEvent("Now plain"));
    expect(crashed()).toBeNull();
  });

  it("image fails (alt text shown), then welcome edited to text and to another image", async () => {
    const html = '<p>Look: <img src="mxc://example.org/abc" alt="A map"> ok</p>';
    const { sync } = await openDialog(
      { resolveMedia: async () => null },
      { welcome: welcomeEvent("Look", html) },
    );
    await settle();
    translate(document.body);
    await sync(welcomeEvent("Look again", '<p><img src="mxc://example.org/def"></p>'));
    await settle();
    translate(document.body);
    await sync(welcomeEvent("Text now"));
    expect(crashed()).toBeNull();
  });

  it("welcome removed while open (redaction, then an emptied state event)", async () => {
    const { sync, script } = await openDialog();
    const v2 = welcomeEvent("Second edition");
    await sync(v2);
    await sync(redactionEvent(v2.event_id!));
    expect(crashed()).toBeNull();
    expect(screen.queryByRole("dialog")).toBeNull();
    void script;
  });

  it("welcome emptied while open (state event with {} content)", async () => {
    const { sync } = await openDialog();
    await sync(stateEvent("m.room.welcome", {}, { sender: "@mod:example.org" }));
    expect(crashed()).toBeNull();
  });
});

describe("WelcomeBody (exported) driven by props", () => {
  const msg = (text: string, html?: string): WelcomeMessage => ({
    eventId: `$${text}`,
    eventType: "m.room.welcome",
    sender: "@mod:example.org",
    ts: 0,
    text,
    ...(html ? { html } : {}),
  });
  const walk = async (steps: { message: WelcomeMessage; labels?: Partial<WelcomeDialogLabels> }[]) => {
    const ui = (s: (typeof steps)[number]) => (
      <CrashBoundary>
        <WelcomeBody
          message={s.message}
          labels={{ ...defaults, ...(s.labels ?? {}) } as WelcomeDialogLabels}
          resolveMedia={async (u) => u}
        />
      </CrashBoundary>
    );
    return walkTranslated(ui, steps, settle);
  };
  const defaults = {};

  it("html <-> text <-> html, links in both, label language switch", async () => {
    expect(
      await walk([
        { message: msg("a", '<p>Hi <a href="https://example.org">rules</a></p>') },
        { message: msg("Hi https://example.org") },
        { message: msg("b", "<p>Again</p>") },
        { message: msg("b", "<p>Again</p>"), labels: { opensInNewTab: "(nouvel onglet)" } },
        { message: msg("Hi") },
      ]),
    ).toBeNull();
  });
});

describe("text that changes under translation follows the change", () => {
  it("when the title switches language with text on both sides of the name (en -> fr), the new sentence shows", async () => {
    const { rerender } = await openDialog();
    await rerender({ labels: { title: (n) => `Bienvenue dans ${n} !` } });
    expect(crashed()).toBeNull();
    expect(document.querySelector('[data-part="title"]')!.textContent).toContain("Bienvenue");
  });

  it("when a text welcome's link is edited to another URL, the link shows the new URL", async () => {
    const { sync } = await openDialog({}, { welcome: welcomeEvent("Rules: https://old.example.org") });
    await sync(welcomeEvent("Rules: https://new.example.org"));
    expect(crashed()).toBeNull();
    const link = document.querySelector<HTMLAnchorElement>('[data-part="body"] a')!;
    expect(link.getAttribute("href")).toBe("https://new.example.org");
    expect(link.textContent).toContain("new.example.org");
  });
});
