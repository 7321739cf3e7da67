// One seen store serving several accounts (created once at module level, as the README suggests): a logout and another
// user's login on the same page, or a multi-account app. Each user's marks stay theirs.
import { act, render, renderHook, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import {
  createMemorySeenStore,
  createStorageSeenStore,
  useWelcomeMessage,
  WelcomeDialog,
  type WelcomeSeenStore,
} from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ALICE = "@alice:example.org";
const BOB = "@bob:example.org";
const ROOM = "!lounge:example.org";

afterEach(() => localStorage.clear());

/** `userId`'s client, just joined `ROOM` from an invite, with `welcome` set. */
const justJoined = (userId: string, welcome = welcomeEvent("Rules")) =>
  startWorld(userId, welcomeRoom(userId, ROOM, { prevMembership: "invite", welcome: [welcome] }));

const stores: [string, () => WelcomeSeenStore][] = [
  ["memory", () => createMemorySeenStore()],
  ["Web Storage", () => createStorageSeenStore(() => localStorage)],
];

describe.each(stores)("a %s seen store shared by accounts", (_name, createStore) => {
  it("given Alice confirmed a room's welcome and logged out, Bob logging in on the same page, just joined, is shown it", async () => {
    const seenStore = createStore();
    const welcome = welcomeEvent("Rules");
    const alice = await justJoined(ALICE, welcome);
    const view = render(<WelcomeDialog client={alice.client} roomId={ROOM} options={{ seenStore }} />);
    await userEvent.click(await screen.findByRole("button", { name: "Got it" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    view.unmount();
    alice.client.stopClient();

    const bob = await justJoined(BOB, welcome);
    render(<WelcomeDialog client={bob.client} roomId={ROOM} options={{ seenStore }} />);
    expect(await screen.findByRole("dialog")).toHaveTextContent("Rules");
  });

  it("given two accounts open at once, Alice confirming the welcome leaves it due for Bob", async () => {
    const seenStore = createStore();
    const welcome = welcomeEvent("Rules");
    const alice = await justJoined(ALICE, welcome);
    const bob = await justJoined(BOB, welcome);
    const a = renderHook(() => useWelcomeMessage(alice.client, ROOM, { seenStore }));
    const b = renderHook(() => useWelcomeMessage(bob.client, ROOM, { seenStore }));
    expect(b.result.current.shouldShow).toBe(true);
    act(() => a.result.current.markSeen());
    expect(a.result.current.shouldShow).toBe(false);
    expect(b.result.current.shouldShow).toBe(true);
  });

  it("a mark the app gives without a user counts for every user, and a read without a user gives every user's marks", () => {
    const seenStore = createStore();
    seenStore.markSeen(ROOM, "$everyone");
    seenStore.markSeen(ROOM, "$alice", ALICE);
    expect(seenStore.getSeen(ROOM, ALICE)).toEqual(["$everyone", "$alice"]);
    expect(seenStore.getSeen(ROOM, BOB)).toEqual(["$everyone"]);
    expect(seenStore.getSeen(ROOM)).toEqual(["$everyone", "$alice"]);
    // The same array until it changes.
    expect(seenStore.getSeen(ROOM, ALICE)).toBe(seenStore.getSeen(ROOM, ALICE));
  });
});

describe("a Web Storage seen store across tabs and reloads", () => {
  it("keeps each user's marks under a key of their own, read again after a reload", () => {
    createStorageSeenStore(() => localStorage).markSeen(ROOM, "$welcome", ALICE);
    expect(
      JSON.parse(localStorage.getItem(`matrix-notice-kit:welcome-seen:${ALICE} ${ROOM}`) ?? "null"),
    ).toEqual(["$welcome"]);
    const reloaded = createStorageSeenStore(() => localStorage);
    expect(reloaded.getSeen(ROOM, ALICE)).toEqual(["$welcome"]);
    expect(reloaded.getSeen(ROOM, BOB)).toEqual([]);
  });

  it("after a reload, a read without a user gives every user's marks in the room", () => {
    const store = createStorageSeenStore(() => localStorage);
    store.markSeen(ROOM, "$alice", ALICE);
    store.markSeen(ROOM, "$bob", BOB);
    store.markSeen("!other:example.org", "$elsewhere", ALICE);
    const reloaded = createStorageSeenStore(() => localStorage);
    expect([...reloaded.getSeen(ROOM)].sort()).toEqual(["$alice", "$bob"]);
  });

  it("given Alice's dialog open in this tab, her mark from another tab closes it; Bob's mark there does not", async () => {
    const seenStore = createStorageSeenStore(() => localStorage);
    const welcome = welcomeEvent("Rules");
    const alice = await justJoined(ALICE, welcome);
    render(<WelcomeDialog client={alice.client} roomId={ROOM} options={{ seenStore }} />);
    await screen.findByRole("dialog");
    const otherTab = (key: string) => {
      localStorage.setItem(key, JSON.stringify([welcome.event_id]));
      window.dispatchEvent(new StorageEvent("storage", { key, storageArea: localStorage }));
    };
    act(() => otherTab(`matrix-notice-kit:welcome-seen:${BOB} ${ROOM}`));
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    act(() => otherTab(`matrix-notice-kit:welcome-seen:${ALICE} ${ROOM}`));
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
