import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { MatrixClient } from "matrix-js-sdk";
import { StrictMode, useEffect, useRef, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

async function world(initial = {}) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, initial);
  return { script, client };
}

/** An app with a "Room rules" button that opens the welcome (controlled), and a composer it may focus on close. */
function RulesOnDemand({
  client,
  focusComposerOnClose = false,
}: {
  client: MatrixClient;
  focusComposerOnClose?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const composer = useRef<HTMLTextAreaElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (focusComposerOnClose && !open && wasOpen.current) composer.current?.focus();
    wasOpen.current = open;
  }, [open, focusComposerOnClose]);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Room rules
      </button>
      <textarea ref={composer} aria-label="composer" />
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        open={open}
        onOpenChange={setOpen}
        options={{ seenStore: createMemorySeenStore() }}
      />
    </>
  );
}

describe("<WelcomeDialog>", () => {
  it("on a first join it opens with the room name, the sanitized HTML, and confirming marks the edition seen", async () => {
    const user = userEvent.setup();
    const { client } = await world(
      welcomeRoom(ME, ROOM, {
        prevMembership: "invite",
        welcome: [
          welcomeEvent(
            "Rules",
            '<p>Read <a href="https://example.org/rules">the rules</a></p><img src=x onerror=alert(1)>',
          ),
        ],
      }),
    );
    const seenStore = createMemorySeenStore();
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />);
    const dialog = screen.getByRole("dialog", { name: "Welcome to Rules Lounge" });
    // Like plain-text links, HTML links say (to screen readers) that they open in a new tab.
    const link = screen.getByRole("link", { name: /^the rules ?\(opens in a new tab\)$/ });
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
    expect(link).toHaveAttribute("target", "_blank");
    expect(dialog.querySelector("img")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Got it" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(seenStore.getSeen(ROOM)).toHaveLength(1);
  });

  it("Escape closes it and marks it seen by default; focus moves into the dialog", async () => {
    const user = userEvent.setup();
    const { client } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Plain\nrules")] }));
    const seenStore = createMemorySeenStore();
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />);
    const dialog = screen.getByRole("dialog");
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(seenStore.getSeen(ROOM)).toHaveLength(1);
  });

  it("when it opens, the message has focus, so an Enter straight away neither closes it nor marks it seen", async () => {
    const user = userEvent.setup();
    const { client } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Read me first")] }));
    const seenStore = createMemorySeenStore();
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />);
    expect(document.activeElement).toHaveTextContent("Read me first");
    expect(document.activeElement).toHaveAttribute("tabindex", "-1");
    await user.keyboard("{Enter}");
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    expect(seenStore.getSeen(ROOM)).toEqual([]);
    await user.tab();
    expect(screen.getByRole("button", { name: "Got it" })).toHaveFocus();
  });

  it("given an HTML welcome, only real links get the new-tab hint, in the app's wording, once", async () => {
    const { client } = await world(
      welcomeRoom(ME, ROOM, {
        welcome: [
          welcomeEvent(
            "Rules",
            '<p><a href="https://example.org/rules">the rules</a> and <a href="javascript:alert(1)">no link</a></p>',
          ),
        ],
      }),
    );
    const labels = { opensInNewTab: "(öffnet in neuem Tab)" };
    render(
      <StrictMode>
        <WelcomeDialog
          client={client}
          roomId={ROOM}
          options={{ seenStore: createMemorySeenStore() }}
          labels={labels}
        />
      </StrictMode>,
    );
    // (jsdom's name computation drops the hint's leading space, which browsers keep: the story checks the name.)
    const link = screen.getByRole("link", { name: /^the rules ?\(öffnet in neuem Tab\)$/ });
    expect(link).toHaveTextContent("the rules (öffnet in neuem Tab)", { normalizeWhitespace: false });
    expect(screen.getAllByRole("link")).toHaveLength(1);
    expect(screen.getByText("no link").textContent).toBe("no link");
  });

  it("given the app switches language, the new-tab hint of HTML links follows the label", async () => {
    const html = '<p><a href="https://example.org/rules">the rules</a></p>';
    const { client } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules", html)] }));
    const options = { seenStore: createMemorySeenStore() };
    const view = render(<WelcomeDialog client={client} roomId={ROOM} options={options} />);
    expect(screen.getByRole("link")).toHaveTextContent("the rules (opens in a new tab)", {
      normalizeWhitespace: false,
    });
    view.rerender(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={options}
        labels={{ opensInNewTab: "(neuer Tab)" }}
      />,
    );
    expect(screen.getByRole("link")).toHaveTextContent("the rules (neuer Tab)", {
      normalizeWhitespace: false,
    });
  });

  it("given a link whose only content is an image without alt text, it gets no hint (nothing would name it)", async () => {
    const html =
      '<p><a href="https://example.org/rules">the rules</a> <a href="https://example.org/logo"><img src="mxc://example.org/abc"></a></p>';
    const { client } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules", html)] }));
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    const hints = screen.getByRole("dialog").querySelectorAll("[data-mnk-new-tab-hint]");
    expect(hints).toHaveLength(1);
    expect(hints[0]?.closest("a")).toHaveTextContent("the rules");
  });

  it("with markSeenOnDismiss=false, Escape does not mark it seen", async () => {
    const user = userEvent.setup();
    const { client } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
    const seenStore = createMemorySeenStore();
    const onOpenChange = vi.fn();
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore }}
        markSeenOnDismiss={false}
        onOpenChange={onOpenChange}
      />,
    );
    await user.keyboard("{Escape}");
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(seenStore.getSeen(ROOM)).toHaveLength(0);
  });

  it("given markSeenOnDismiss={false}, a welcome dismissed in one room stays closed when the user goes to another room and back", async () => {
    const user = userEvent.setup();
    const OTHER = "!other:example.org";
    const { client, script } = await world(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Rules A")] }),
    );
    await act(() =>
      script.push(welcomeRoom(ME, OTHER, { prevMembership: "invite", welcome: [welcomeEvent("Rules B")] })),
    );
    const options = { seenStore: createMemorySeenStore() };
    const ui = (roomId: string) => (
      <WelcomeDialog client={client} roomId={roomId} options={options} markSeenOnDismiss={false} />
    );
    const view = render(ui(ROOM));
    expect(await screen.findByRole("dialog")).toHaveTextContent("Rules A");
    await user.keyboard("{Escape}");
    view.rerender(ui(OTHER));
    expect(await screen.findByRole("dialog")).toHaveTextContent("Rules B");
    await user.keyboard("{Escape}");
    view.rerender(ui(ROOM));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(options.seenStore.getSeen(ROOM)).toHaveLength(0);
  });

  it("given showNewEditions and Got it on the first edition, a moderator's new edition in the same join opens the dialog again", async () => {
    const user = userEvent.setup();
    const { client, script } = await world(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Rules v1")] }),
    );
    const options = { seenStore: createMemorySeenStore(), showNewEditions: true };
    render(<WelcomeDialog client={client} roomId={ROOM} options={options} />);
    await user.click(await screen.findByRole("button", { name: "Got it" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    await act(() => script.push({ join: { [ROOM]: { timeline: [welcomeEvent("Rules v2")] } } }));
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules v2");
  });

  it("given focus was on the composer when a welcome arrived, closing the dialog returns focus to the composer", async () => {
    const user = userEvent.setup();
    const { client, script } = await world(welcomeRoom(ME, ROOM));
    render(
      <>
        <button type="button">composer</button>
        <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />
      </>,
    );
    screen.getByRole("button", { name: "composer" }).focus();
    await act(() => script.push({ join: { [ROOM]: { timeline: [welcomeEvent("Late rules")] } } }));
    expect(screen.getByRole("dialog")).toHaveTextContent("Late rules");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "composer" })).toHaveFocus());
  });

  it("given the app opens it from a button (controlled), confirming returns focus to that button", async () => {
    const user = userEvent.setup();
    const { client } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules on demand")] }));
    render(<RulesOnDemand client={client} />);
    await user.click(screen.getByRole("button", { name: "Room rules" }));
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules on demand");
    await user.click(screen.getByRole("button", { name: "Got it" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Room rules" })).toHaveFocus());
  });

  it("given the app moves focus to its composer as the dialog closes, the dialog does not pull it back", async () => {
    const user = userEvent.setup();
    const { client } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules on demand")] }));
    render(<RulesOnDemand client={client} focusComposerOnClose />);
    await user.click(screen.getByRole("button", { name: "Room rules" }));
    await user.click(screen.getByRole("button", { name: "Got it" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(screen.getByRole("textbox", { name: "composer" })).toHaveFocus();
  });

  it.for(["removed", "disabled"] as const)(
    "given the element focus came from was %s while the dialog was open, closing moves focus to fallbackFocus",
    async (change) => {
      const user = userEvent.setup();
      const { client, script } = await world(welcomeRoom(ME, ROOM));
      const composer = () => screen.getByRole("textbox", { name: "composer" });
      const app = (origin: "shown" | "removed" | "disabled") => (
        <>
          {origin !== "removed" ? (
            <button type="button" disabled={origin === "disabled"}>
              Send
            </button>
          ) : null}
          <textarea aria-label="composer" />
          <WelcomeDialog
            client={client}
            roomId={ROOM}
            fallbackFocus={composer}
            options={{ seenStore: createMemorySeenStore() }}
          />
        </>
      );
      const { rerender } = render(app("shown"));
      screen.getByRole("button", { name: "Send" }).focus();
      await act(() => script.push({ join: { [ROOM]: { timeline: [welcomeEvent("Late rules")] } } }));
      expect(await screen.findByRole("dialog")).toBeInTheDocument();
      rerender(app(change));
      await user.keyboard("{Escape}");
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
      await waitFor(() => expect(composer()).toHaveFocus());
    },
  );

  it("given the element focus came from is gone when the dialog closes, closing still works and nothing throws", async () => {
    const user = userEvent.setup();
    const { client, script } = await world(welcomeRoom(ME, ROOM));
    const { rerender } = render(
      <>
        <button type="button">composer</button>
        <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />
      </>,
    );
    screen.getByRole("button", { name: "composer" }).focus();
    await act(() => script.push({ join: { [ROOM]: { timeline: [welcomeEvent("Late rules")] } } }));
    rerender(
      <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />,
    );
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "composer" })).not.toBeInTheDocument();
  });

  it("in controlled mode it opens when told to, even for an edition already seen", async () => {
    const { client } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules again")] }));
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        open={true}
        options={{ seenStore: createMemorySeenStore() }}
      />,
    );
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules again");
  });

  it("plain text keeps line breaks and links its URLs safely", async () => {
    const { client } = await world(
      welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Line one\nSee https://example.org/faq")] }),
    );
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    expect(screen.getByRole("link", { name: /^https:\/\/example\.org\/faq/ })).toHaveAttribute(
      "rel",
      "noopener noreferrer",
    );
  });

  it("a spoiler stays hidden until activated", async () => {
    const user = userEvent.setup();
    const { client } = await world(
      welcomeRoom(ME, ROOM, {
        welcome: [welcomeEvent("x", '<p>Ending: <span data-mx-spoiler="plot">they win</span></p>')],
      }),
    );
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    const spoiler = await screen.findByRole("button", { name: "Spoiler" });
    await user.click(spoiler);
    await waitFor(() => expect(spoiler).toHaveAttribute("data-revealed", "true"));
    expect(spoiler).toHaveTextContent("they win");
  });

  it("images are loaded through the resolver (authenticated media), never straight from the sanitized URL", async () => {
    const { client } = await world(
      welcomeRoom(ME, ROOM, {
        welcome: [welcomeEvent("x", '<p><img src="mxc://example.org/abc123" alt="logo"></p>')],
      }),
    );
    const resolveMedia = vi.fn(async (url: string) => `${url}#resolved`);
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        resolveMedia={resolveMedia}
        options={{ seenStore: createMemorySeenStore() }}
      />,
    );
    const img = await screen.findByRole("img", { name: "logo" });
    await waitFor(() =>
      expect(img.getAttribute("src")).toMatch(
        /_matrix\/client\/v1\/media\/download\/example.org\/abc123.*#resolved$/,
      ),
    );
    expect(resolveMedia).toHaveBeenCalledTimes(1);
  });

  it("a welcome arriving for a room that is a space behaves the same", async () => {
    const { client, script } = await world();
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await act(() =>
      script.push(
        welcomeRoom(ME, ROOM, { roomType: "m.space", name: "Space", welcome: [welcomeEvent("Space rules")] }),
      ),
    );
    expect(screen.getByRole("dialog", { name: "Welcome to Space" })).toHaveTextContent("Space rules");
  });
});
