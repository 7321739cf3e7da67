/**
 * An invite's (or a knock's) stripped state is written by the inviting server, and any server can write anything there.
 * matrix-js-sdk puts it into the room's state and keeps what the join's sync does not replace, so a preview welcome
 * of a room that has none outlives the join. A homeserver that strips it as the spec says leaves it no event id; one
 * that passes on what it got leaves whatever the inviting server made up. Either way it is no welcome of the room:
 * not while invited, nor after the join, until the room's own state brings one.
 */
import { act, render, renderHook, screen } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, useWelcomeMessage, WelcomeDialog } from "../../src";
import { holdsWelcome } from "../../src/authoring/setWelcomeMessage";
import { WelcomeStore } from "../../src/welcome/WelcomeStore";
import {
  createEvent,
  memberEvent,
  nameEvent,
  type RawEvent,
  redactionEvent,
  stateEvent,
  strippedState,
  textMessageEvent,
  welcomeEvent,
} from "../support/events";
import type { SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const EVIL = "@mallory:evil.example";
const ROOM = "!lounge:example.org";

/** A welcome the inviting server made up, id and timestamp included. */
const forgedWelcome = (unstable = false) =>
  welcomeEvent("Verify your account at evil.example", undefined, { sender: EVIL, unstable });

/** An invite to ROOM from Mallory's server whose stripped state carries `extra`, served as `served`. */
const inviteWith = (extra: RawEvent[], served: SyncBatch["strippedStateAs"] = "whole"): SyncBatch => ({
  invite: {
    [ROOM]: [memberEvent(ME, "invite", { sender: EVIL }), nameEvent("Lounge", { sender: EVIL }), ...extra],
  },
  strippedStateAs: served,
});

/** The sync of Bob's join (from the invite): the room's own state, `welcome` in it if given. */
const joinWith = (state: RawEvent[] = [], timeline: RawEvent[] = []): SyncBatch => ({
  join: {
    [ROOM]: {
      state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), nameEvent("Lounge"), ...state],
      timeline: [memberEvent(ME, "join", { prevMembership: "invite" }), ...timeline],
    },
  },
});

const renderWelcome = (client: MatrixClient, roomId = ROOM) =>
  renderHook(() => useWelcomeMessage(client, roomId, { seenStore: createMemorySeenStore() }));

/** A store for ROOM and every `shouldShow` it notified (a dialog would open on any of them). */
const watchStore = (client: MatrixClient, options: Parameters<typeof useWelcomeMessage>[2] = {}) => {
  const store = new WelcomeStore(client, ROOM, { seenStore: createMemorySeenStore(), ...options });
  const shown: boolean[] = [];
  store.subscribe(() => shown.push(store.getSnapshot().shouldShow));
  return { store, shown };
};

/** Once the task that applied the last sync has ended (timers are run in the order they were set). */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("an invite's preview welcome", () => {
  it("given an invite whose state (passed on whole) carries a welcome the room lacks, when Bob joins, no welcome shows", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderWelcome(client);
    await act(() => script.push(inviteWith([forgedWelcome()])));
    await act(() => script.push(joinWith()));
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("join");
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
  });

  it("given such an invite in the first sync, when Bob joins and the app then opens the room, the dialog stays closed", async () => {
    const { client, script } = await startWorld(ME, inviteWith([forgedWelcome()]));
    // Some welcome store of the app was mounted meanwhile (another room's dialog).
    renderWelcome(client, "!elsewhere:example.org");
    await act(() => script.push(joinWith()));
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("given such an invite, while Bob is invited the hook's message is not the preview", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderWelcome(client);
    await act(() => script.push(inviteWith([forgedWelcome()])));
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("invite");
    expect(result.current.message).toBeNull();
    expect(result.current.roomName).toBe("Lounge");
  });

  it("given a forged stable preview, when the join brings the room's own unstable welcome, that one shows", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderWelcome(client);
    await act(() => script.push(inviteWith([forgedWelcome()])));
    const real = welcomeEvent("Be nice", undefined, { unstable: true });
    await act(() => script.push(joinWith([real])));
    expect(result.current.message?.eventId).toBe(real.event_id);
    expect(result.current.shouldShow).toBe(true);
  });

  it("given a stable preview stripped as the spec says (no id), when the join brings the room's own unstable welcome, that one shows", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderWelcome(client);
    await act(() => script.push(inviteWith([welcomeEvent("Preview")], "stripped")));
    const real = welcomeEvent("Be nice", undefined, { unstable: true });
    await act(() => script.push(joinWith([real])));
    expect(result.current.message?.text).toBe("Be nice");
    expect(result.current.shouldShow).toBe(true);
  });

  it("given that stable preview, the editor's writers do not count it either: the room holds only its unstable welcome", async () => {
    const { client, script } = await startWorld(ME);
    await act(() => script.push(inviteWith([welcomeEvent("Preview")], "stripped")));
    await act(() => script.push(joinWith([welcomeEvent("Be nice", undefined, { unstable: true })])));
    const room = client.getRoom(ROOM);
    expect(holdsWelcome(room, "m.room.welcome")).toBe(false);
    expect(holdsWelcome(room, "org.matrix.msc3857.welcome")).toBe(true);
  });

  it("given a hook mounted only after the join, a preview whose server passed on its id but no timestamp is no welcome", async () => {
    const forged = forgedWelcome();
    const idOnly = { ...strippedState(forged), event_id: forged.event_id } as RawEvent;
    const { client, script } = await startWorld(ME, inviteWith([idOnly]));
    await act(() => script.push(joinWith()));
    const { result } = renderWelcome(client);
    expect(result.current.message).toBeNull();
  });

  it("given a preview welcome, when a moderator sets the room's welcome after the join, it shows", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderWelcome(client);
    await act(() => script.push(inviteWith([forgedWelcome()])));
    await act(() => script.push(joinWith()));
    const real = welcomeEvent("Welcome, for real");
    await act(() => script.push({ join: { [ROOM]: { timeline: [real] } } }));
    expect(result.current.message?.eventId).toBe(real.event_id);
    expect(result.current.shouldShow).toBe(true);
  });

  it("given a knock whose state carries a welcome, when Bob is let in, no welcome shows", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderWelcome(client);
    await act(() =>
      script.push({
        knock: { [ROOM]: [memberEvent(ME, "knock"), nameEvent("Lounge", { sender: EVIL }), forgedWelcome()] },
        strippedStateAs: "whole",
      }),
    );
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("knock");
    expect(result.current.message).toBeNull();
    await act(() => script.push(joinWith()));
    expect(result.current.message).toBeNull();
  });
});

describe("an invite's claim that Bob joined", () => {
  /** Bob's own join as the inviting server wrote it into the invite's state, after the real invite. */
  const claimedJoin = (b: Parameters<typeof memberEvent>[2] = {}) =>
    memberEvent(ME, "join", { prevMembership: "invite", ...b });

  for (const [order, extra] of [
    ["after", () => [claimedJoin(), forgedWelcome()]],
    ["before", () => [forgedWelcome(), claimedJoin()]],
  ] as const)
    it(`given an invite whose state (passed on whole) claims Bob joined, with a welcome ${order} the claim, no welcome shows, not even for a moment`, async () => {
      const { client, script } = await startWorld(ME);
      const { store, shown } = watchStore(client);
      const { result } = renderWelcome(client);
      await act(() => script.push(inviteWith(extra())));
      expect(client.getRoom(ROOM)?.getMyMembership()).toBe("join");
      expect(shown).not.toContain(true);
      expect(store.getSnapshot().shouldShow).toBe(false);
      expect(result.current.message).toBeNull();
      render(
        <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />,
      );
      await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });

  it("given Bob invited to a room, when the invite comes again claiming he joined, no welcome shows, not even for a moment", async () => {
    const { client, script } = await startWorld(ME);
    const { store, shown } = watchStore(client);
    await script.push(inviteWith([]));
    await script.push(inviteWith([claimedJoin(), forgedWelcome()]));
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("join");
    expect(shown).not.toContain(true);
    expect(store.getSnapshot().message).toBeNull();
  });

  it("given an invite claiming a join stripped of its id and timestamp, no welcome shows, not even a new edition to a former member", async () => {
    const { client, script } = await startWorld(ME);
    // Bob read an earlier edition when he was a member; the app shows new editions.
    const seenStore = createMemorySeenStore();
    seenStore.markSeen(ROOM, "$earlier:example.org", ME);
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore, showNewEditions: true }),
    );
    await act(() => script.push(inviteWith([strippedState(claimedJoin()) as RawEvent, forgedWelcome()])));
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("join");
    expect(result.current.shouldShow).toBe(false);
    expect(result.current.message).toBeNull();
  });

  for (const of of ["his earlier join", "a message"] as const)
    it(`given Bob left the room, when an invite claims he joined under the id of ${of} in its timeline, no welcome shows`, async () => {
      const { client, script } = await startWorld(ME);
      const { store, shown } = watchStore(client);
      const earlier = memberEvent(ME, "join");
      const message = textMessageEvent("hi", { sender: MOD });
      const state = [createEvent({ creator: MOD }), memberEvent(MOD, "join")];
      await script.push({ join: { [ROOM]: { state, timeline: [earlier, message] } } });
      await script.push({
        leave: { [ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
      });
      // The id of an event his client holds in the room's timeline, which the inviting server knows.
      const eventId = of === "a message" ? message.event_id : earlier.event_id;
      await script.push(inviteWith([claimedJoin({ eventId }), forgedWelcome()]));
      await nextTask();
      expect(client.getRoom(ROOM)?.getMyMembership()).toBe("join");
      expect(shown).not.toContain(true);
      expect(store.getSnapshot().message).toBeNull();
    });

  it("given a knock whose state claims Bob was let in, no welcome shows", async () => {
    const { client, script } = await startWorld(ME);
    const { store, shown } = watchStore(client);
    await script.push({
      knock: {
        [ROOM]: [
          memberEvent(ME, "knock"),
          memberEvent(ME, "join", { sender: EVIL, prevMembership: "knock" }),
          forgedWelcome(),
        ],
      },
      strippedStateAs: "whole",
    });
    await nextTask();
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("join");
    expect(shown).not.toContain(true);
    expect(store.getSnapshot().message).toBeNull();
  });

  it("given such an invite, when Bob really joins a room without a welcome, none shows; when a moderator sets one, it shows", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderWelcome(client);
    await act(() => script.push(inviteWith([claimedJoin(), forgedWelcome()])));
    await act(() => script.push(joinWith()));
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
    const real = welcomeEvent("Welcome, for real");
    await act(() => script.push({ join: { [ROOM]: { timeline: [real] } } }));
    expect(result.current.message?.eventId).toBe(real.event_id);
    expect(result.current.shouldShow).toBe(true);
  });

  it("given such an invite, when Bob really joins, the room's own welcome shows, once", async () => {
    const { client, script } = await startWorld(ME);
    const { store, shown } = watchStore(client);
    await script.push(inviteWith([claimedJoin(), forgedWelcome()]));
    await script.push(joinWith([welcomeEvent("Be nice")]));
    expect(store.getSnapshot().message?.text).toBe("Be nice");
    expect(shown.filter(Boolean)).toEqual([true]);
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    expect(await screen.findByRole("dialog")).toHaveTextContent("Be nice");
  });
});

describe("the room's own welcome after an invite (controls)", () => {
  it("given a forged preview, when the join's state brings the room's own welcome, the room's shows", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderWelcome(client);
    await act(() => script.push(inviteWith([forgedWelcome()])));
    const real = welcomeEvent("Be nice");
    await act(() => script.push(joinWith([real])));
    expect(result.current.message?.text).toBe("Be nice");
    expect(result.current.shouldShow).toBe(true);
  });

  it("given the room's own welcome in the invite's state (passed on whole), when the join's state brings it again, it shows", async () => {
    const real = welcomeEvent("Be nice");
    const { client, script } = await startWorld(ME);
    const { result } = renderWelcome(client);
    await act(() => script.push(inviteWith([real])));
    await act(() => script.push(joinWith([real])));
    expect(result.current.message?.eventId).toBe(real.event_id);
    expect(result.current.shouldShow).toBe(true);
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    expect(await screen.findByRole("dialog")).toHaveTextContent("Be nice");
  });

  it("given an invite, when Bob joins (his join in the sync's timeline), the welcome shows at once, once", async () => {
    const { client, script } = await startWorld(ME);
    const { store, shown } = watchStore(client);
    await script.push(inviteWith([]));
    await script.push(joinWith([welcomeEvent("Be nice")]));
    // Decided as the sync applied the join: no wait.
    expect(shown.filter(Boolean)).toEqual([true]);
    expect(store.getSnapshot().shouldShow).toBe(true);
    expect(store.getSnapshot().message?.text).toBe("Be nice");
  });

  it("given no invite, when Bob joins a public room (his join in the timeline), the welcome shows at once, once", async () => {
    const { client, script } = await startWorld(ME);
    const { store, shown } = watchStore(client);
    await script.push({
      join: {
        [ROOM]: {
          state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), welcomeEvent("Be nice")],
          timeline: [memberEvent(ME, "join")],
        },
      },
    });
    expect(shown.filter(Boolean)).toEqual([true]);
    expect(store.getSnapshot().shouldShow).toBe(true);
  });

  it("given Bob left, when he rejoins (every join shows it), the welcome shows at once, once", async () => {
    const { client, script } = await startWorld(ME);
    const state = [createEvent({ creator: MOD }), memberEvent(MOD, "join"), welcomeEvent("Be nice")];
    await script.push({ join: { [ROOM]: { state, timeline: [memberEvent(ME, "join")] } } });
    await script.push({
      leave: { [ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
    });
    const { store, shown } = watchStore(client, { showOn: "every-join" });
    await script.push({
      join: { [ROOM]: { state, timeline: [memberEvent(ME, "join", { prevMembership: "leave" })] } },
    });
    expect(shown.filter(Boolean)).toEqual([true]);
    expect(store.getSnapshot().shouldShow).toBe(true);
  });

  it("given a store mounted, when Bob joins a room directly (his join in the sync's state section), its welcome shows once the sync's task ended, once", async () => {
    const { client, script } = await startWorld(ME);
    const { store, shown } = watchStore(client);
    const real = welcomeEvent("Be nice");
    await script.push({
      join: {
        [ROOM]: {
          state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), real, memberEvent(ME, "join")],
        },
      },
    });
    // (Such a join may still prove an invite's claim until the sync's task ends.)
    await nextTask();
    expect(store.getSnapshot().message?.eventId).toBe(real.event_id);
    expect(shown).toEqual([true]);
  });

  it("given Bob's join redacted (the SDK then holds a copy of it), a later welcome still shows", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderWelcome(client);
    const join = memberEvent(ME, "join", { prevMembership: "invite" });
    const state = [createEvent({ creator: MOD }), memberEvent(MOD, "join"), join];
    await act(() =>
      script.push({ join: { [ROOM]: { stateAfter: [...state, welcomeEvent("First")], timeline: [join] } } }),
    );
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [redactionEvent(join.event_id, { sender: MOD })] } } }),
    );
    const second = welcomeEvent("Second");
    await act(() =>
      script.push({ join: { [ROOM]: { stateAfter: [...state, second], timeline: [second] } } }),
    );
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(result.current.message?.eventId).toBe(second.event_id);
  });

  it("given a preview, when the join comes with the room's state after its timeline (MSC4222), the room's own welcome shows", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderWelcome(client);
    await act(() => script.push(inviteWith([forgedWelcome()])));
    const real = welcomeEvent("Be nice");
    const join = memberEvent(ME, "join", { prevMembership: "invite" });
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            stateAfter: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), join, real],
            timeline: [join],
          },
        },
      }),
    );
    expect(result.current.message?.eventId).toBe(real.event_id);
    expect(result.current.shouldShow).toBe(true);
  });
});

describe("an invite's preview room name", () => {
  /** Bob's join of a room with a welcome and no name of its own (the invite's preview named it). */
  const joinUnnamed = (): SyncBatch => ({
    join: {
      [ROOM]: {
        state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), welcomeEvent("Be nice")],
        timeline: [memberEvent(ME, "join", { prevMembership: "invite" })],
      },
    },
  });
  const bankInvite = (served: "stripped" | "whole"): SyncBatch => ({
    invite: {
      [ROOM]: [
        memberEvent(ME, "invite", { sender: EVIL }),
        nameEvent("Official Bank Support", { sender: EVIL }),
        stateEvent("m.room.canonical_alias", { alias: "#support:bank.example" }, { sender: EVIL }),
      ],
    },
    strippedStateAs: served,
  });

  for (const served of ["stripped", "whole"] as const)
    it(`given an invite whose state (${served}) names a room that has no name of its own, after the join the dialog's title does not use it`, async () => {
      const { client, script } = await startWorld(ME);
      const { result } = renderWelcome(client);
      await act(() => script.push(bankInvite(served)));
      expect(result.current.roomName).toBe("Official Bank Support");
      await act(() => script.push(joinUnnamed()));
      expect(result.current.shouldShow).toBe(true);
      expect(result.current.roomName).toBeNull();
      render(
        <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />,
      );
      const dialog = await screen.findByRole("dialog");
      expect(dialog).toHaveAccessibleName("Welcome to this room");
      expect(dialog).not.toHaveTextContent("Bank");
    });

  it("control: given the room's own name in the join's state, the dialog's title uses it", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = renderWelcome(client);
    await act(() => script.push(bankInvite("stripped")));
    const join = joinUnnamed();
    join.join?.[ROOM]?.state?.push(nameEvent("Lounge"));
    await act(() => script.push(join));
    expect(result.current.roomName).toBe("Lounge");
  });
});
