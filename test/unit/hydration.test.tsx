/**
 * Hydrating server-rendered HTML in the browser: the client's first render must match what the server rendered (no
 * DOM there, so a welcome shows its plain text), then show the sanitized HTML.
 */
import { act } from "@testing-library/react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, defaultWelcomeDialogLabels, useWelcomeMessage, WelcomeBody } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

describe("hydration", () => {
  it("given server-rendered welcome text, hydrating reports no mismatch and then shows the sanitized HTML", async () => {
    const { client } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, {
        prevMembership: "invite",
        welcome: [welcomeEvent("Hi there", "<b>Hi</b> there")],
      }),
    );
    const seenStore = createMemorySeenStore();
    function Welcome() {
      const { message } = useWelcomeMessage(client, ROOM, { seenStore });
      return message ? <WelcomeBody message={message} labels={defaultWelcomeDialogLabels} /> : null;
    }
    // What a server (which has no DOM) sends: the plain text.
    const serverHtml = renderToString(<Welcome />);
    expect(serverHtml).toContain("Hi there");
    expect(serverHtml).not.toContain("<b>");
    const container = document.createElement("div");
    container.innerHTML = serverHtml;
    document.body.append(container);
    const recoverable = vi.fn();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const root = await act(async () =>
      hydrateRoot(container, <Welcome />, { onRecoverableError: recoverable }),
    );
    expect(recoverable).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    expect(container.querySelector("b")?.textContent).toBe("Hi");
    expect(container.textContent).toContain("Hi there");
    act(() => root.unmount());
    container.remove();
    errors.mockRestore();
  });
});
