// @vitest-environment node
/**
 * On a server (Node has no `reportError`), what the kit reports of the app's own failures (a label function that
 * throws, a custom seen store that is down) is logged, not thrown from a timer: an uncaught exception ends a Node
 * process that has no handler for it, and the render would have taken the server down.
 */
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { memberEvent, welcomeEvent } from "../support/events";
import { offlineClient, offlineRoom } from "../support/offline";

const ROOM = "!lounge:example.org";
afterEach(() => vi.restoreAllMocks());

/** Runs `render` with Node's uncaught-exception handlers swapped for a recorder, and what it recorded after a moment. */
async function uncaughtDuring(render: () => void): Promise<unknown[]> {
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);
  // Ahead of vitest's own handler, which would otherwise fail the run with an "Unhandled error".
  const saved = process.listeners("uncaughtException");
  process.removeAllListeners("uncaughtException");
  process.on("uncaughtException", record);
  try {
    render();
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    process.off("uncaughtException", record);
    for (const listener of saved) process.on("uncaughtException", listener);
  }
  return uncaught;
}

function joinedWelcomeClient() {
  const client = offlineClient("@bob:example.org");
  offlineRoom(client, ROOM, {
    state: [memberEvent(client.getSafeUserId(), "join", { prevMembership: "invite" }), welcomeEvent("Hi")],
  });
  return client;
}

describe("the app's failures reported during a server render", () => {
  it("a label function that throws (a strict i18n library's missing key): logged, no uncaught exception, English used", async () => {
    const { WelcomeEditor } = await import("../../src");
    expect(typeof (globalThis as { reportError?: unknown }).reportError).toBe("undefined");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const client = joinedWelcomeClient();
    let html = "";
    const uncaught = await uncaughtDuring(() => {
      html = renderToString(
        <WelcomeEditor
          client={client}
          roomId={ROOM}
          labels={{
            size: () => {
              throw new Error("i18n: missing key editor.size");
            },
          }}
        />,
      );
    });
    expect(uncaught).toEqual([]);
    expect(html).toContain("bytes");
    expect(logged.mock.calls.map(([error]) => String(error))).toContain(
      "Error: i18n: missing key editor.size",
    );
  });

  it("a custom seen store that is down: logged once, no uncaught exception", async () => {
    const { useWelcomeMessage } = await import("../../src");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const client = joinedWelcomeClient();
    const seenStore = {
      getSeen: () => {
        throw new Error("seen store down");
      },
      markSeen() {},
      subscribe: () => () => {},
    };
    function Welcome() {
      useWelcomeMessage(client, ROOM, { seenStore });
      return <p>x</p>;
    }
    const uncaught = await uncaughtDuring(() => renderToString(<Welcome />));
    expect(uncaught).toEqual([]);
    expect(logged.mock.calls.map(([error]) => String(error))).toEqual(["Error: seen store down"]);
  });
});
