/**
 * A custom seen store that is down is reported once per outage, as README promises: not once per hook, per mount, or
 * per StrictMode double render (a host app's error tracker would get the same outage many times), and again once it
 * has worked in between.
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { describe, expect, it } from "vitest";
import { useWelcomeMessage, WelcomeDialog, type WelcomeSeenStore } from "../../src";
import { welcomeEvent } from "../support/events";
import { collectReports } from "../support/reports";
import { mergeBatches, welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const reported = collectReports();
const settle = () => act(() => new Promise((r) => setTimeout(r, 30)));
const firstJoin = () =>
  welcomeRoom(ME, ROOM, {
    prevMembership: "invite",
    welcome: [welcomeEvent("Rules", "<p>Read <b>rules</b></p>")],
  });
/** A seen store whose reads fail while `down.now` is true. */
const flaky = (down = { now: true }): WelcomeSeenStore & { down: { now: boolean } } => ({
  down,
  getSeen: () => {
    if (down.now) throw new Error("seen store down");
    return [];
  },
  markSeen: () => {},
  subscribe: () => () => {},
});

function Hook({
  client,
  seenStore,
}: {
  client: Parameters<typeof useWelcomeMessage>[0];
  seenStore: WelcomeSeenStore;
}) {
  useWelcomeMessage(client, ROOM, { seenStore });
  return null;
}

describe("a custom seen store that throws", () => {
  it("given a hook and a dialog reading the same store, the outage is reported once", async () => {
    const { client } = await startWorld(ME, firstJoin());
    const seenStore = flaky();
    render(
      <>
        <Hook client={client} seenStore={seenStore} />
        <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />
      </>,
    );
    await settle();
    expect(reported.map(String)).toEqual(["Error: seen store down"]);
  });

  it("given a dialog mounted three times (rooms switched and back) while the store stays down, reported once", async () => {
    const { client } = await startWorld(ME, firstJoin());
    const seenStore = flaky();
    for (let i = 0; i < 3; i++) {
      const view = render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />);
      await settle();
      view.unmount();
    }
    expect(reported.map(String)).toEqual(["Error: seen store down"]);
  });

  it("given one hook in StrictMode, reported once", async () => {
    const { client } = await startWorld(ME, firstJoin());
    render(
      <StrictMode>
        <Hook client={client} seenStore={flaky()} />
      </StrictMode>,
    );
    await settle();
    expect(reported.map(String)).toEqual(["Error: seen store down"]);
  });

  it("given the store recovers and fails again, the second outage is reported too", async () => {
    const { client } = await startWorld(ME, firstJoin());
    const seenStore = flaky();
    const ui = (n: number) => (
      <>
        <span>{n}</span>
        <WelcomeDialog key={n} client={client} roomId={ROOM} options={{ seenStore }} />
      </>
    );
    const view = render(ui(0));
    await settle();
    seenStore.down.now = false;
    view.rerender(ui(1));
    await settle();
    expect(screen.getByRole("dialog")).toHaveTextContent("Read rules");
    seenStore.down.now = true;
    view.rerender(ui(2));
    await settle();
    expect(reported.map(String)).toEqual(["Error: seen store down", "Error: seen store down"]);
  });

  it("given a store that fails for one room only, that room's outage is reported once, whatever the other room does", async () => {
    const other = "!other:example.org";
    const { client } = await startWorld(
      ME,
      mergeBatches(
        firstJoin(),
        welcomeRoom(ME, other, { prevMembership: "invite", welcome: [welcomeEvent("Other", "<p>x</p>")] }),
      ),
    );
    const listeners = new Set<(roomId: string) => void>();
    const seenStore: WelcomeSeenStore = {
      getSeen: (roomId) => {
        if (roomId === ROOM) throw new Error("corrupt entry");
        return [];
      },
      markSeen: () => {},
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    function Both() {
      useWelcomeMessage(client, other, { seenStore });
      useWelcomeMessage(client, ROOM, { seenStore });
      return null;
    }
    render(<Both />);
    await settle();
    // Another tab marks things in both rooms, three times over (the store says so for each room).
    for (let i = 0; i < 3; i++)
      act(() => {
        for (const listener of listeners) listener(other);
        for (const listener of listeners) listener(ROOM);
      });
    await settle();
    expect(reported.map(String)).toEqual(["Error: corrupt entry"]);
  });

  for (const strict of [false, true])
    it(`given a store whose subscribe throws, one dialog${strict ? " in StrictMode" : ""}: reported once, and the welcome shows`, async () => {
      const { client } = await startWorld(ME, firstJoin());
      const seenStore: WelcomeSeenStore = {
        getSeen: () => [],
        markSeen() {},
        subscribe: () => {
          throw new Error("subscribe down");
        },
      };
      const ui = <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />;
      render(strict ? <StrictMode>{ui}</StrictMode> : ui);
      await settle();
      expect(reported.map(String)).toEqual(["Error: subscribe down"]);
      expect(screen.getByRole("dialog")).toHaveTextContent("Read rules");
    });

  it("control: Got it with a markSeen that throws and an onConfirm that throws: each reported once, the dialog closes", async () => {
    const { client } = await startWorld(ME, firstJoin());
    const seenStore: WelcomeSeenStore = {
      getSeen: () => [],
      markSeen: () => {
        throw new Error("markSeen down");
      },
      subscribe: () => () => {},
    };
    render(
      <StrictMode>
        <WelcomeDialog
          client={client}
          roomId={ROOM}
          options={{ seenStore }}
          onConfirm={() => {
            throw new Error("onConfirm bug");
          }}
        />
      </StrictMode>,
    );
    fireEvent.click(await screen.findByRole("button", { name: "Got it" }));
    await settle();
    expect(reported.map(String).sort()).toEqual(["Error: markSeen down", "Error: onConfirm bug"]);
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
