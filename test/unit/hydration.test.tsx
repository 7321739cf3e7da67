/**
 * Hydrating server-rendered HTML in the browser: the client's first render must match what the server rendered (no
 * DOM there, so a welcome shows its plain text, and the portalled dialog nothing), then show the sanitized HTML; also
 * under StrictMode (double effects; this file runs on React 18 too).
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import { type ReactNode, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import {
  createMemorySeenStore,
  defaultWelcomeDialogLabels,
  useWelcomeMessage,
  WelcomeBody,
  WelcomeDialog,
} from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

/** A joined room with a due welcome (HTML and text), and a client synced into it. */
const dueWelcome = () =>
  startWorld(
    ME,
    welcomeRoom(ME, ROOM, {
      prevMembership: "invite",
      welcome: [welcomeEvent("Hi there", "<b>Hi</b> there")],
    }),
  );

/**
 * Renders `server` as a server would, puts its HTML in the page and hydrates it with `client`; returns the page's
 * container, what React reported, and a cleanup.
 */
async function hydrate(server: ReactNode, client: ReactNode) {
  const serverHtml = renderToString(server);
  const container = document.createElement("div");
  container.innerHTML = serverHtml;
  document.body.append(container);
  const recoverable = vi.fn();
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const root = await act(async () => hydrateRoot(container, client, { onRecoverableError: recoverable }));
  const cleanup = () => {
    act(() => root.unmount());
    container.remove();
    errors.mockRestore();
  };
  return { serverHtml, container, recoverable, errors, cleanup };
}

describe("hydration", () => {
  it("given server-rendered welcome text, hydrating reports no mismatch and then shows the sanitized HTML", async () => {
    const { client } = await dueWelcome();
    const seenStore = createMemorySeenStore();
    function Welcome() {
      const { message } = useWelcomeMessage(client, ROOM, { seenStore });
      return message ? <WelcomeBody message={message} labels={defaultWelcomeDialogLabels} /> : null;
    }
    const page = await hydrate(<Welcome />, <Welcome />);
    // What a server (which has no DOM) sends: the plain text.
    expect(page.serverHtml).toContain("Hi there");
    expect(page.serverHtml).not.toContain("<b>");
    expect(page.recoverable).not.toHaveBeenCalled();
    expect(page.errors).not.toHaveBeenCalled();
    expect(page.container.querySelector("b")?.textContent).toBe("Hi");
    expect(page.container.textContent).toContain("Hi there");
    page.cleanup();
  });

  for (const withContainer of [false, true])
    it(`given a due WelcomeDialog (${withContainer ? "with a container only the browser gives" : "portalled to the body"}), hydrating reports no mismatch and then the dialog opens`, async () => {
      const { client } = await dueWelcome();
      const seenStore = createMemorySeenStore();
      const portal = document.createElement("div");
      document.body.append(portal);
      const app = (container?: HTMLElement) => (
        <main>
          <p>page</p>
          <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} container={container} />
        </main>
      );
      // A server has no DOM: no container there.
      const page = await hydrate(app(), app(withContainer ? portal : undefined));
      await waitFor(() => expect(screen.getByRole("dialog")).toBeInTheDocument());
      expect(page.recoverable).not.toHaveBeenCalled();
      expect(page.errors.mock.calls).toEqual([]);
      expect(screen.getByRole("dialog").querySelector("b")?.textContent).toBe("Hi");
      if (withContainer) expect(portal.contains(screen.getByRole("dialog"))).toBe(true);
      page.cleanup();
      portal.remove();
    });

  it("given StrictMode, hydrating a due dialog reports no mismatch, opens it once, and confirming closes it", async () => {
    const { client } = await dueWelcome();
    const seenStore = createMemorySeenStore();
    const onConfirm = vi.fn();
    const app = (
      <StrictMode>
        <main>
          <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} onConfirm={onConfirm} />
        </main>
      </StrictMode>
    );
    const page = await hydrate(app, app);
    await waitFor(() => expect(screen.getByRole("dialog")).toBeInTheDocument());
    expect(screen.getAllByRole("dialog")).toHaveLength(1);
    expect(page.recoverable).not.toHaveBeenCalled();
    expect(page.errors.mock.calls).toEqual([]);
    await act(async () => screen.getByRole("button", { name: "Got it" }).click());
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(onConfirm).toHaveBeenCalledTimes(1);
    page.cleanup();
  });

  it("given a plain client render (no server HTML), the due dialog is open right after the first act", async () => {
    const { client } = await dueWelcome();
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });
});
