/**
 * A user who saw a welcome on one device, left the room and later joined it again from a device that was not in the
 * room meanwhile: Synapse's sync gives a room joined after the client's first sync only the account data changed
 * since, so the seen marks made before the user left never arrive. The account-data seen store reads them from the
 * server once before a due welcome shows.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import {
  createAccountDataSeenStore,
  useWelcomeMessage,
  WELCOME_SEEN_ACCOUNT_DATA_TYPE,
  type WelcomeSeenStore,
} from "../../src";
import { accountDataEvent, createEvent, memberEvent, nameEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { SEEN_MARKS_PATH, seenMarkReads } from "../support/seenMarks";
import type { SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";

/** The laptop: signed in while Bob was not in the room; he is invited again and joins, the welcome in the room's state. */
async function rejoinOnLaptop(serve: (script: SyncScript) => void, welcome = welcomeEvent("House rules")) {
  const { client, script } = await startWorld(ME, {});
  serve(script);
  const onReadError = vi.fn();
  const seenStore = createAccountDataSeenStore(client, { deviceMarks: null, onReadError });
  const invite = memberEvent(ME, "invite", { sender: MOD });
  await act(() => script.push({ invite: { [ROOM]: [invite, nameEvent("Lounge")] } }));
  const hook = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
  await act(() =>
    script.push(welcomeRoom(ME, ROOM, { prevMembership: "invite", name: "Lounge", welcome: [welcome] })),
  );
  return { client, script, hook, welcome, onReadError };
}

const settle = () => act(() => new Promise((r) => setTimeout(r, 50)));

describe("a welcome seen on another device before the user left, after a rejoin", () => {
  it("given Bob's phone marked the welcome seen before he left, when he rejoins on the laptop, it does not show again", async () => {
    const welcome = welcomeEvent("House rules");
    const { script, hook } = await rejoinOnLaptop(
      (s) =>
        s.route({ method: "GET", path: SEEN_MARKS_PATH }, () => ({
          json: { event_ids: [welcome.event_id] },
        })),
      welcome,
    );
    await waitFor(() => expect(seenMarkReads(script)).toHaveLength(1));
    await settle();
    expect(hook.result.current.shouldShow).toBe(false);
    expect(hook.result.current.decision.reason).toBe("seen");
  });

  it("given the server holds no marks for the room (404), the welcome shows once the answer came, after one read", async () => {
    const { script, hook, onReadError } = await rejoinOnLaptop(() => {});
    await waitFor(() => expect(hook.result.current.shouldShow).toBe(true));
    expect(hook.result.current.decision.reason).toBe("first-join");
    await settle();
    expect(seenMarkReads(script)).toHaveLength(1);
    expect(onReadError).not.toHaveBeenCalled();
  });

  it("given the read fails (500), the welcome shows rather than waiting, and the app hears of the failure", async () => {
    const { script, hook, onReadError } = await rejoinOnLaptop((s) =>
      s.fail({ method: "GET", path: SEEN_MARKS_PATH }, { status: 500, errcode: "M_UNKNOWN" }),
    );
    await waitFor(() => expect(hook.result.current.shouldShow).toBe(true));
    expect(seenMarkReads(script)).toHaveLength(1);
    expect(onReadError).toHaveBeenCalledTimes(1);
    expect(onReadError.mock.calls[0]![1]).toBe(ROOM);
  });

  it("given the server holds an earlier edition's mark, the new edition does not show, and a later mark keeps the earlier one", async () => {
    const { script, hook } = await rejoinOnLaptop((s) =>
      s.route({ method: "GET", path: SEEN_MARKS_PATH }, () => ({
        json: { event_ids: ["$earlier-edition"] },
      })),
    );
    await waitFor(() => expect(hook.result.current.decision.reason).toBe("earlier-edition-seen"));
    expect(hook.result.current.shouldShow).toBe(false);
    act(() => hook.result.current.markSeen());
    await waitFor(() => expect(script.requestsTo(SEEN_MARKS_PATH, "PUT")).toHaveLength(1));
    expect(script.requestsTo(SEEN_MARKS_PATH, "PUT")[0]!.body).toEqual({
      event_ids: ["$earlier-edition", hook.result.current.message!.eventId],
    });
  });

  it("given a failed read, marking the welcome seen reads again first and keeps the server's marks", async () => {
    const { script, hook } = await rejoinOnLaptop((s) => {
      s.fail({ method: "GET", path: SEEN_MARKS_PATH }, { status: 500, errcode: "M_UNKNOWN" });
      s.route({ method: "GET", path: SEEN_MARKS_PATH }, () => ({
        json: { event_ids: ["$earlier-edition"] },
      }));
    });
    await waitFor(() => expect(hook.result.current.shouldShow).toBe(true));
    act(() => hook.result.current.markSeen());
    await waitFor(() => expect(script.requestsTo(SEEN_MARKS_PATH, "PUT")).toHaveLength(1));
    expect(seenMarkReads(script)).toHaveLength(2);
    expect(script.requestsTo(SEEN_MARKS_PATH, "PUT")[0]!.body).toEqual({
      event_ids: ["$earlier-edition", hook.result.current.message!.eventId],
    });
  });

  it("given a mark made while the first read is out, and that read fails, the write reads again first and keeps the server's marks", async () => {
    let answered = 0;
    const { script, hook } = await rejoinOnLaptop((s) =>
      s.route({ method: "GET", path: SEEN_MARKS_PATH }, async () => {
        answered += 1;
        if (answered > 1) return { json: { event_ids: ["$earlier-edition"] } };
        await new Promise((r) => setTimeout(r, 100));
        return { status: 500, json: { errcode: "M_UNKNOWN", error: "down" } };
      }),
    );
    await waitFor(() => expect(seenMarkReads(script)).toHaveLength(1));
    act(() => hook.result.current.markSeen());
    await waitFor(() => expect(script.requestsTo(SEEN_MARKS_PATH, "PUT")).toHaveLength(1));
    expect(seenMarkReads(script)).toHaveLength(2);
    expect(script.requestsTo(SEEN_MARKS_PATH, "PUT")[0]!.body).toEqual({
      event_ids: ["$earlier-edition", hook.result.current.message!.eventId],
    });
  });

  it("given two seen stores of one client, the room's marks are read once", async () => {
    const welcome = welcomeEvent("House rules");
    const { client, script, hook } = await rejoinOnLaptop(
      (s) =>
        s.route({ method: "GET", path: SEEN_MARKS_PATH }, () => ({
          json: { event_ids: [welcome.event_id] },
        })),
      welcome,
    );
    const other = renderHook(() =>
      useWelcomeMessage(client, ROOM, {
        seenStore: createAccountDataSeenStore(client, { deviceMarks: null }),
      }),
    );
    await waitFor(() => expect(other.result.current.decision.reason).toBe("seen"));
    expect(hook.result.current.decision.reason).toBe("seen");
    expect(seenMarkReads(script)).toHaveLength(1);
  });

  it("given a first membership (a public room joined for the first time), nothing is read: no earlier join, no marks", async () => {
    const { client, script } = await startWorld(ME, {});
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), welcomeEvent("Rules")],
            timeline: [memberEvent(ME, "join")],
          },
        },
      }),
    );
    expect(result.current.shouldShow).toBe(true);
    await settle();
    expect(seenMarkReads(script)).toHaveLength(0);
  });

  it("given a room whose sync brought a seen-marks event (an empty one here), nothing is read from the server (control)", async () => {
    const welcome = welcomeEvent("House rules");
    const { client, script } = await startWorld(ME, {
      join: {
        [ROOM]: {
          state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), welcome],
          timeline: [memberEvent(ME, "join", { prevMembership: "invite" })],
          accountData: [accountDataEvent(WELCOME_SEEN_ACCOUNT_DATA_TYPE, { event_ids: [] })],
        },
      },
    });
    const { result } = renderHook(() => useWelcomeMessage(client as MatrixClient, ROOM));
    expect(result.current.shouldShow).toBe(true);
    await settle();
    expect(seenMarkReads(script)).toHaveLength(0);
  });

  it("given a seen store of the app's own without `loading`, the welcome shows at once (control)", async () => {
    const marks = new Map<string, string[]>();
    const own: WelcomeSeenStore = {
      getSeen: (roomId) => marks.get(roomId) ?? [],
      markSeen: (roomId, id) => void marks.set(roomId, [...(marks.get(roomId) ?? []), id]),
      subscribe: () => () => {},
    };
    const { client, script } = await startWorld(ME, {});
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), welcomeEvent("Rules")],
            timeline: [memberEvent(ME, "join", { prevMembership: "invite" })],
          },
        },
      }),
    );
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore: own }));
    expect(result.current.shouldShow).toBe(true);
    expect(seenMarkReads(script)).toHaveLength(0);
  });
});
