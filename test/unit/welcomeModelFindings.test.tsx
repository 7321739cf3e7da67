/**
 * Discrepancies the model-based property test (welcomeModel.property.test.tsx) found between `useWelcomeMessage` and
 * its documented rules, each shrunk to a minimal deterministic scenario through the real SDK sync pipeline. Each test
 * asserts the documented behaviour.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { useWelcomeMessage, WELCOME_SEEN_ACCOUNT_DATA_TYPE, type WelcomeMessageOptions } from "../../src";
import { memberEvent, nameEvent, textMessageEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import type { SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";

const renderWelcome = (client: MatrixClient, options: WelcomeMessageOptions = {}) =>
  renderHook(() => useWelcomeMessage(client, ROOM, options));

/** Another device's write of the seen marks (room account data is last-writer-wins). */
const seenMarks = (...eventIds: string[]): SyncBatch => ({
  join: {
    [ROOM]: { accountData: [{ type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: eventIds } }] },
  },
});

describe("welcome model findings", () => {
  it("given a showing welcome then marked seen on another device, when a later write drops that mark, it does not come back as a first join", async () => {
    const welcome = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    const { result } = renderWelcome(client);
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
    await act(() => script.push(seenMarks(welcome.event_id)));
    expect(result.current.decision.reason).toBe("seen");
    // A device that never saw the mark writes its own list: this edition is no longer seen, another one is.
    await act(() => script.push(seenMarks("$elsewhere:example.org")));
    // (The edition seen anywhere stays seen on this device.)
    expect(result.current.decision).toEqual({ show: false, reason: "seen" });
    expect(result.current.shouldShow).toBe(false);
  });

  it("given the welcome is showing after a first join, when the user leaves and rejoins within one sync, with the default showOn it hides", async () => {
    const welcome = welcomeEvent("Rules");
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    const { result } = renderWelcome(client);
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
    const leave = memberEvent(ME, "leave", { prevMembership: "join" });
    const rejoin = memberEvent(ME, "join", { prevMembership: "leave" });
    await act(() => script.push({ join: { [ROOM]: { timeline: [leave, rejoin] } } }));
    expect(result.current.joinEventId).toBe(rejoin.event_id);
    // The same history over two syncs hides it (leave) and does not show it again (a rejoin under "first-join").
    expect(result.current.decision).toEqual({ show: false, reason: "not-a-qualifying-join" });
    expect(result.current.shouldShow).toBe(false);
  });

  it("given the welcome showing after a first join, when 25 h later a gappy sync brings a moderator's new edition in its state, the new edition takes its place", async () => {
    let later = 0;
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, {
        prevMembership: "invite",
        welcome: [welcomeEvent("Rules v1", undefined, { unstable: true })],
      }),
    );
    const { result } = renderWelcome(client, { now: () => Date.now() + later });
    await waitFor(() => expect(result.current.decision).toEqual({ show: true, reason: "first-join" }));
    later = 25 * 60 * 60 * 1000;
    const v2 = welcomeEvent("Rules v2", undefined, { unstable: true });
    await act(() =>
      script.push({
        join: { [ROOM]: { state: [v2], timeline: [textMessageEvent("filler")], limited: true } },
      }),
    );
    expect(result.current.message?.eventId).toBe(v2.event_id);
    expect(result.current.decision).toEqual({ show: true, reason: "first-join" });
  });

  describe("a join seen live by a mounted hook, then a profile change in a gappy sync's state section", () => {
    /** The hook is mounted; the user joins (live), renames during a gap, then a moderator sets the welcome. */
    async function joinRenameInGapThenWelcome(before: SyncBatch, prevMembership: string | undefined) {
      const { client, script } = await startWorld(ME, before);
      const { result } = renderWelcome(client);
      const join = memberEvent(ME, "join", { prevMembership });
      await act(() =>
        script.push({
          join: {
            [ROOM]: {
              state: welcomeRoom(ME, ROOM).join![ROOM]!.state!,
              timeline: [join],
            },
          },
        }),
      );
      expect(result.current.joinEventId).toBe(join.event_id);
      const rename = memberEvent(ME, "join", { prevMembership: "join", displayName: "Bobby" });
      const filler = textMessageEvent("hi", { sender: MOD });
      await act(() =>
        script.push({ join: { [ROOM]: { state: [rename], timeline: [filler], limited: true } } }),
      );
      await act(() => script.push({ join: { [ROOM]: { timeline: [welcomeEvent("Rules")] } } }));
      return { result, join };
    }

    it("given the join came from an invite the client held, the welcome set afterwards shows (control)", async () => {
      const invite = {
        invite: { [ROOM]: [memberEvent(ME, "invite", { sender: MOD }), nameEvent("Rules Lounge")] },
      };
      const { result, join } = await joinRenameInGapThenWelcome(invite, "invite");
      expect(result.current.joinEventId).toBe(join.event_id);
      expect(result.current.decision).toEqual({ show: true, reason: "first-join" });
    });

    it("given the join was into a room new to the client, the welcome set afterwards shows", async () => {
      const { result, join } = await joinRenameInGapThenWelcome({}, undefined);
      expect(result.current.joinEventId).toBe(join.event_id);
      expect(result.current.decision).toEqual({ show: true, reason: "first-join" });
    });
  });

  it("given a first join then a leave and rejoin within one sync (showOn every-join), a rename in a gap keeps it a rejoin", async () => {
    const invite = {
      invite: { [ROOM]: [memberEvent(ME, "invite", { sender: MOD }), nameEvent("Rules Lounge")] },
    };
    const { client, script } = await startWorld(ME, invite);
    const { result } = renderWelcome(client, { showOn: "every-join" });
    const state = welcomeRoom(ME, ROOM).join![ROOM]!.state!;
    await act(() =>
      script.push({
        join: { [ROOM]: { state, timeline: [memberEvent(ME, "join", { prevMembership: "invite" })] } },
      }),
    );
    const leave = memberEvent(ME, "leave", { prevMembership: "join" });
    const rejoin = memberEvent(ME, "join", { prevMembership: "leave" });
    await act(() => script.push({ join: { [ROOM]: { timeline: [leave, rejoin] } } }));
    await act(() => script.push({ join: { [ROOM]: { timeline: [welcomeEvent("Rules")] } } }));
    expect(result.current.decision).toEqual({ show: true, reason: "rejoin" });
    const rename = memberEvent(ME, "join", { prevMembership: "join", displayName: "Bobby" });
    const filler = textMessageEvent("hi", { sender: MOD });
    await act(() =>
      script.push({ join: { [ROOM]: { state: [rename], timeline: [filler], limited: true } } }),
    );
    expect(result.current.joinEventId).toBe(rejoin.event_id);
    expect(result.current.decision).toEqual({ show: true, reason: "rejoin" });
  });

  it("given an edition marked seen on another device, when the user confirms it here too and a later write drops the mark, it stays closed", async () => {
    const welcome = welcomeEvent("Rules");
    const batch = welcomeRoom(ME, ROOM, { welcome: [welcome] });
    batch.join![ROOM]!.accountData = [
      { type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: [welcome.event_id] } },
    ];
    const { client, script } = await startWorld(ME, batch);
    const { result } = renderWelcome(client);
    expect(result.current.decision.reason).toBe("seen");
    // The user confirms the edition on this device (markSeen: "marks locally at once").
    act(() => result.current.markSeen());
    // A device that never saw any mark writes an empty list.
    await act(() => script.push(seenMarks()));
    expect(result.current.decision).toEqual({ show: false, reason: "seen" });
    expect(result.current.shouldShow).toBe(false);
  });
});
