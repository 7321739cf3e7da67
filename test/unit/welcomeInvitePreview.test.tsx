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
import {
  createEvent,
  memberEvent,
  nameEvent,
  type RawEvent,
  stateEvent,
  strippedState,
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
