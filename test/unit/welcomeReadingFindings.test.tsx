/**
 * Welcome reading, from a review: each of these failed against the code as reviewed (a tab's unmounted dialog missing
 * another tab's confirm, the author of an earlier edition welcomed to their own room, a new `mediaUrl` ignored, a
 * broken seen store silently hiding the welcome, spoiler labels not following a language switch, an invisible room
 * name as the title).
 */
import { act, render, renderHook, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createMemorySeenStore,
  createStorageSeenStore,
  useWelcomeMessage,
  WelcomeDialog,
  type WelcomeSeenStore,
} from "../../src";
import { createEvent, memberEvent, nameEvent, stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
const HOUR = 60 * 60 * 1000;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("storage seen store across tabs", () => {
  it("given this tab's dialog was unmounted when another tab confirmed the edition, it does not show again on remount", async () => {
    localStorage.clear();
    const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Tab rules")] }));
    const thisTab = createStorageSeenStore(localStorage);
    const otherTab = createStorageSeenStore(localStorage);
    const first = render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: thisTab }} />);
    expect(screen.getByRole("dialog")).toHaveTextContent("Tab rules");
    // The user switches to another room in this tab (the dialog unmounts, neither confirmed nor dismissed)...
    first.unmount();
    // ...and confirms the welcome in another tab; the browser tells this tab (nothing here listens right now).
    const edition = client.getRoom(ROOM)!.currentState.getStateEvents("m.room.welcome", "")!.getId()!;
    otherTab.markSeen(ROOM, edition);
    const key = Object.keys(localStorage).find((k) => k.endsWith(ROOM))!;
    act(() => {
      window.dispatchEvent(
        new StorageEvent("storage", { key, storageArea: localStorage, newValue: localStorage.getItem(key) }),
      );
    });
    // Back to the room in this tab: the edition was confirmed in the other tab, so it must not pop up again.
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: thisTab }} />);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(thisTab.getSeen(ROOM)).toEqual([edition]);
  });
});

describe("editions", () => {
  it("given the user created the room and wrote edition 1, a co-moderator's edition 2 does not welcome them to their own room", async () => {
    const v1 = welcomeEvent("Rules v1", undefined, { sender: ME, ts: Date.now() - 2 * HOUR });
    const { client, script } = await startWorld(ME, {
      join: {
        [ROOM]: {
          timeline: [
            createEvent({ creator: ME, ts: Date.now() - 3 * HOUR }),
            memberEvent(ME, "join", { ts: Date.now() - 3 * HOUR }),
            nameEvent("My community", { sender: ME }),
            v1,
          ],
        },
      },
    });
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.decision.reason).toBe("own-welcome");
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: [memberEvent(MOD, "join"), welcomeEvent("Rules v2", undefined, { sender: MOD })],
          },
        },
      }),
    );
    expect(result.current.message?.text).toBe("Rules v2");
    // The author of an earlier edition has seen the welcome: a new edition must not interrupt them (README).
    expect(result.current.shouldShow).toBe(false);
    expect(result.current.decision.reason).toBe("earlier-edition-seen");
  });

  it("given a fresh client (no memory of edition 1), a co-moderator's edition that replaced the user's own (unsigned.prev_sender, as Synapse sends it) does not welcome them either", async () => {
    const previous = welcomeEvent("Rules v1", undefined, { sender: ME });
    const v2 = welcomeEvent("Rules v2", undefined, {
      sender: MOD,
      unsigned: { prev_sender: ME, prev_content: previous.content, replaces_state: previous.event_id },
    });
    const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [v2] }));
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.message?.text).toBe("Rules v2");
    expect(result.current.decision.reason).toBe("earlier-edition-seen");
  });

  it("given the edition replaced someone else's, or the user's own removal (no welcome), a new member is still welcomed", async () => {
    for (const unsigned of [
      { prev_sender: MOD, prev_content: welcomeEvent("old").content },
      { prev_sender: ME, prev_content: {} },
    ]) {
      const v2 = welcomeEvent("Rules v2", undefined, { sender: MOD, unsigned });
      const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [v2] }));
      const { result } = renderHook(() =>
        useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
      );
      expect(result.current.decision.reason, JSON.stringify(unsigned)).toBe("first-join");
    }
  });
});

describe("hook options", () => {
  it("given the app passes a new mediaUrl, the welcome's images follow it (functions are read live)", async () => {
    const html = '<p>Hi <img src="mxc://example.org/logo" alt="logo"></p>';
    const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Hi", html)] }));
    const seenStore = createMemorySeenStore();
    type Props = { mediaUrl: (mxc: string) => string | null };
    const noProxy: Props["mediaUrl"] = () => null;
    const { result, rerender } = renderHook(
      ({ mediaUrl }: Props) => useWelcomeMessage(client, ROOM, { seenStore, mediaUrl }),
      { initialProps: { mediaUrl: noProxy } },
    );
    expect(result.current.message?.html).not.toContain("<img");
    // E.g. the app's media proxy became available.
    rerender({ mediaUrl: () => "https://media.example.org/example.org/logo" });
    expect(result.current.message?.html).toContain('src="https://media.example.org/example.org/logo"');
  });

  it("given the app passes a new mediaUrl function on every render that gives the same URLs, the welcome is not sanitized again (the same message object)", async () => {
    const html = '<p>Hi <img src="mxc://example.org/logo" alt="logo"></p>';
    const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Hi", html)] }));
    const seenStore = createMemorySeenStore();
    const calls: string[] = [];
    const { result, rerender } = renderHook(() =>
      useWelcomeMessage(client, ROOM, {
        seenStore,
        mediaUrl: (mxc) => {
          calls.push(mxc);
          return "https://media.example.org/example.org/logo";
        },
      }),
    );
    const first = result.current.message;
    expect(first?.html).toContain("https://media.example.org/example.org/logo");
    for (let i = 0; i < 5; i++) rerender();
    expect(result.current.message).toBe(first);
    // Each render asks the new function once per image, to compare; sanitizing would ask again (twice per pass).
    expect(calls.length).toBeLessThanOrEqual(2 + 5);
  });

  it("given a seen store whose getSeen throws, the error is reported rather than silently dropping the welcome", async () => {
    const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
    const broken = new Error("seen store broken");
    const seenStore: WelcomeSeenStore = {
      getSeen: () => {
        throw broken;
      },
      markSeen: () => {},
      subscribe: () => () => {},
    };
    const reported = vi.fn();
    vi.stubGlobal("reportError", reported);
    const { result, rerender } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    expect(reported).toHaveBeenCalledWith(broken);
    expect(result.current.message).toBeNull(); // no welcome it cannot tell was seen
    // Once per outage, not on every render.
    for (let i = 0; i < 3; i++) rerender();
    expect(reported).toHaveBeenCalledTimes(1);
  });
});

describe("a failing custom seen store in the dialog", () => {
  it("given a seen store whose markSeen throws, Got it still closes the dialog, and the app hears of the error", async () => {
    const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
    const broken = new Error("quota exceeded");
    const inner = createMemorySeenStore();
    const seenStore: WelcomeSeenStore = {
      getSeen: inner.getSeen,
      subscribe: inner.subscribe,
      markSeen: () => {
        throw broken;
      },
    };
    const reported = vi.fn();
    vi.stubGlobal("reportError", reported);
    const onConfirm = vi.fn();
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} onConfirm={onConfirm} />);
    // Before: the click threw inside the handler, and the modal dialog stayed open.
    await userEvent.click(screen.getByRole("button", { name: "Got it" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(reported).toHaveBeenCalledWith(broken);
  });
});

describe("dialog labels", () => {
  it("given the app switches language while the dialog is open, a hidden spoiler's name follows (as the new-tab hint does)", async () => {
    const html = '<p>Ending: <span data-mx-spoiler="">the butler</span></p>';
    const { client } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Ending", html)] }),
    );
    const seenStore = createMemorySeenStore();
    const view = render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />);
    expect(screen.getByRole("button", { name: "Spoiler" })).toBeInTheDocument();
    view.rerender(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore }}
        labels={{ spoiler: "Divulgâchis", revealSpoiler: () => "Divulgâchis : activer pour révéler" }}
      />,
    );
    expect(screen.getByRole("button", { name: "Divulgâchis" })).toBeInTheDocument();
  });
});

describe("room name", () => {
  it("given an m.room.name of only invisible characters, the title falls back to the canonical alias", async () => {
    const { client } = await startWorld(ME, {
      join: {
        [ROOM]: {
          state: [
            createEvent({ creator: MOD }),
            memberEvent(MOD, "join"),
            nameEvent("\u200b\u200b"),
            stateEvent("m.room.canonical_alias", { alias: "#rules:example.org" }, { sender: MOD }),
            welcomeEvent("Rules"),
          ],
          timeline: [memberEvent(ME, "join")],
        },
      },
    });
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    expect(screen.getByRole("dialog")).toHaveAccessibleName("Welcome to #rules:example.org");
  });
});
