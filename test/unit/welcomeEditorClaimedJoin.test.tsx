/**
 * An invite's stripped state (passed on whole by the homeserver) may hold the user's own join after the real invite,
 * and power levels giving them any level: matrix-js-sdk then counts the user as joined. The editor's permission does
 * not: the user is only invited, and a save would only be refused by the homeserver. (Found by a review, CJ.)
 */
import { act, fireEvent, render, renderHook, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createMemorySeenStore,
  useWelcomeEditPermission,
  useWelcomeMessage,
  WelcomeEditor,
  WelcomeEditPermissionStore,
  welcomeEditPermission,
} from "../../src";
import { EDITOR_LABEL, statePuts } from "../support/editor";
import { createEvent, memberEvent, nameEvent, type RawEvent, stateEvent } from "../support/events";
import type { SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const EVIL = "@mallory:evil.example";
const ROOM = "!lounge:example.org";
const NOT_JOINED = "Join the room to edit its welcome message.";

/** Power levels giving Bob 100 (state events need 50), as `sender` wrote them. */
const levels = (sender: string) =>
  stateEvent("m.room.power_levels", { users: { [ME]: 100, [sender]: 100 }, state_default: 50 }, { sender });

/** An invite from Mallory whose state (passed on whole) gives Bob 100 and, with `claim`, says he joined. */
const invite = (claim = true): SyncBatch => ({
  invite: {
    [ROOM]: [
      createEvent({ creator: EVIL }),
      memberEvent(ME, "invite", { sender: EVIL }),
      nameEvent("Lounge", { sender: EVIL }),
      ...(claim ? [memberEvent(ME, "join", { prevMembership: "invite" })] : []),
      levels(EVIL),
    ],
  },
  strippedStateAs: "whole",
});

/** Bob's real join: the room's own state, where he has 100 too. */
const realJoin = (): SyncBatch => ({
  join: {
    [ROOM]: {
      state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), levels(MOD)],
      timeline: [memberEvent(ME, "join", { prevMembership: "invite" })],
    },
  },
});

/** Once the task that applied the last sync has ended. */
const nextTask = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

afterEach(() => {
  vi.useRealTimers();
});

describe("the welcome editor and an invite claiming the user joined", () => {
  it("given such an invite heard by a welcome hook, the editor opened after is read-only and sends nothing", async () => {
    const { client, script } = await startWorld(ME);
    renderHook(() =>
      useWelcomeMessage(client, "!elsewhere:example.org", { seenStore: createMemorySeenStore() }),
    );
    await act(() => script.push(invite()));
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("join"); // what the SDK believes
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    await nextTask();
    const source = screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement;
    expect(source.readOnly).toBe(true);
    expect(screen.getByText(NOT_JOINED)).toBeInTheDocument();
    fireEvent.change(source, { target: { value: "Hello" } });
    fireEvent.click(screen.getByRole("button", { name: /save/i }));
    await nextTask();
    expect(statePuts(script)).toHaveLength(0);
  });

  it("given only the permission hook, mounted before such an invite, it says not joined", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderHook(() => useWelcomeEditPermission(client, ROOM));
    await act(() => script.push(invite()));
    await nextTask();
    expect(result.current).toEqual({ canEdit: false, reason: "not-joined" });
  });

  for (const before of ["nothing", "a plain invite"] as const)
    it(`given the permission store subscribed and ${before}, such an invite never lets Bob edit, not even for a moment`, async () => {
      const { client, script } = await startWorld(ME);
      const store = new WelcomeEditPermissionStore(client, ROOM, null);
      const told: boolean[] = [];
      store.subscribe(() => told.push(store.getSnapshot().canEdit));
      if (before === "a plain invite") await act(() => script.push(invite(false)));
      await act(() => script.push(invite()));
      await nextTask();
      expect(told).not.toContain(true);
      expect(store.getSnapshot().reason).toBe("not-joined");
    });

  it("given such an invite, welcomeEditPermission says not joined once it was heard", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderHook(() => useWelcomeEditPermission(client, "!elsewhere:example.org"));
    await act(() => script.push(invite()));
    expect(result.current.canEdit).toBe(false);
    expect(welcomeEditPermission(client.getRoom(ROOM), ME, "m.room.welcome").reason).toBe("not-joined");
  });

  it("given such an invite, when Bob really joins, he may edit at once", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderHook(() => useWelcomeEditPermission(client, ROOM));
    await act(() => script.push(invite()));
    await act(() => script.push(realJoin()));
    expect(result.current.canEdit).toBe(true);
  });

  it("given the same invite without the claim, the permission hook says not joined; when Bob joins, he may edit", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderHook(() => useWelcomeEditPermission(client, ROOM));
    await act(() => script.push(invite(false)));
    expect(result.current.reason).toBe("not-joined");
    await act(() => script.push(realJoin()));
    expect(result.current.canEdit).toBe(true);
  });

  it("given Bob joins a room directly (his join in the sync's state section only), he may edit", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderHook(() => useWelcomeEditPermission(client, ROOM));
    const state: RawEvent[] = [
      createEvent({ creator: MOD }),
      memberEvent(MOD, "join"),
      levels(MOD),
      memberEvent(ME, "join"),
    ];
    await act(() => script.push({ join: { [ROOM]: { state } } }));
    expect(result.current.canEdit).toBe(true);
  });

  it("given an app's fake timers, when Bob joins a room directly, he may edit (nothing waits for a timer)", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderHook(() => useWelcomeEditPermission(client, ROOM));
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const state: RawEvent[] = [
      createEvent({ creator: MOD }),
      memberEvent(MOD, "join"),
      levels(MOD),
      memberEvent(ME, "join"),
    ];
    await act(() => script.push({ join: { [ROOM]: { state } } }));
    expect(result.current.canEdit).toBe(true);
  });
});
