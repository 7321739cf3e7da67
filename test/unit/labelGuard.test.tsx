// The label-function guard (core/withLabelDefaults) in the dialog: what React can show passes, a throw is reported once.
import { act, render, screen } from "@testing-library/react";
import { Fragment, StrictMode, useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { CrashBoundary } from "../support/crashBoundary";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!rules:example.org";

let reported: unknown[];
beforeEach(() => {
  reported = [];
  vi.spyOn(globalThis, "reportError").mockImplementation((error) => reported.push(error));
});
afterEach(() => vi.restoreAllMocks());

const world = () =>
  startWorld(ME, welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Hello rules")] }));

describe("label functions through the guard", () => {
  it("a title label returning an array of nodes (react-intl's formatMessage with rich text) is shown", async () => {
    const { client } = await world();
    // What `intl.formatMessage({ id: "welcome.title" }, { name, b: (c) => <b>{c}</b> })` returns: an array.
    const title = (name: string) => ["Bienvenue dans ", <b key="b">{name}</b>];
    render(
      <CrashBoundary>
        <WelcomeDialog
          client={client}
          roomId={ROOM}
          labels={{ title: title as never }}
          options={{ seenStore: createMemorySeenStore() }}
        />
      </CrashBoundary>,
    );
    const dialog = await screen.findByRole("dialog");
    expect(dialog.querySelector('[data-part="title"]')?.textContent).toBe("Bienvenue dans Rules Lounge");
  });

  it("a title label returning a fragment-free iterable of strings is shown", async () => {
    const { client } = await world();
    const title = (name: string) => [`Bienvenue dans `, name];
    render(
      <CrashBoundary>
        <WelcomeDialog
          client={client}
          roomId={ROOM}
          labels={{ title: title as never }}
          options={{ seenStore: createMemorySeenStore() }}
        />
      </CrashBoundary>,
    );
    const dialog = await screen.findByRole("dialog");
    expect(dialog.querySelector('[data-part="title"]')?.textContent).toBe("Bienvenue dans Rules Lounge");
    void Fragment;
  });

  it("a title label that throws is reported once, not on every render of the dialog", async () => {
    const { client } = await world();
    const missingKey = () => {
      throw new Error("missing translation: welcome.title");
    };
    const labels = { title: missingKey };
    let bump: () => void = () => {};
    function App() {
      const [n, setN] = useState(0);
      bump = () => setN((x) => x + 1);
      return (
        <>
          <span data-n={n} />
          <WelcomeDialog
            client={client}
            roomId={ROOM}
            labels={labels}
            options={{ seenStore: createMemorySeenStore() }}
          />
        </>
      );
    }
    render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    await screen.findByRole("dialog");
    for (let i = 0; i < 5; i++) act(() => bump());
    expect(reported.length).toBeLessThanOrEqual(1);
  });
});
