/**
 * A reload as Element Web does it: the SDK's `IndexedDBStore` (here over fake-indexeddb) hands the new client the sync
 * it saved (at most every five minutes) before any request, offline too; then the first live response comes. A welcome
 * must neither come back because the saved sync predates its seen mark, nor greet a long-standing member because the
 * store kept a member event's first age.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { type IndexedDBStore, type MatrixClient, SyncState } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, useWelcomeMessage } from "../../src";
import { memberEvent, type RawEvent, textMessageEvent, welcomeEvent } from "../support/events";
import { clientOn, newProfile, type Profile, reload, unreachable } from "../support/savedSync";
import { welcomeRoom } from "../support/scenarios";
import { seenMarksSync, seenMarkWrites } from "../support/seenMarks";
import { type SyncBatch, SyncScript, waitForSyncState } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

afterEach(() => {
  vi.useRealTimers();
});

/** A new script of the user's homeserver. */
const homeserver = () => new SyncScript({ userId: ME });

/** The first session: a fresh login whose first sync is `initial` (the store saves it). */
async function firstSession(profile: Profile, initial: SyncBatch) {
  const script = homeserver();
  const { client, store } = await clientOn(script, profile);
  await script.start(client, initial);
  return { script, client, store };
}

/** Closing the page after the store saved what it holds (`save` forced, as a save at most five minutes on would). */
async function closeSaved(client: MatrixClient, store: IndexedDBStore) {
  client.stopClient();
  await store.save(true);
}

/** The room joined, with `welcome`. */
const joined = (welcome: RawEvent) => welcomeRoom(ME, ROOM, { welcome: [welcome], prevMembership: "invite" });

/** A sync bringing the room's seen marks. */
const marks = (eventIds: string[]) => seenMarksSync(ROOM, eventIds);

/**
 * A first session whose saved sync has the join, and then (within five minutes of that save, so not in it) the seen
 * mark another device of the user wrote.
 */
async function seenElsewhereAfterTheSave(profile: Profile) {
  const welcome = welcomeEvent("Rules");
  const first = await firstSession(profile, joined(welcome));
  await first.script.push(marks([welcome.event_id]));
  first.client.stopClient();
  return welcome;
}

/** The welcome hook of `client`, with every `shouldShow` it rendered. */
function welcomeRenders(client: MatrixClient) {
  const renders: boolean[] = [];
  const hook = renderHook(() => {
    const state = useWelcomeMessage(client, ROOM);
    renders.push(state.shouldShow);
    return state;
  });
  return { ...hook, renders };
}

describe("a welcome across a reload from the SDK's saved sync", () => {
  it("given a welcome another device marked seen after the last save, the reloaded page does not show it, before or after the first live response", async () => {
    const profile = newProfile();
    const welcome = await seenElsewhereAfterTheSave(profile);
    const { script, client } = await reload(profile, homeserver());
    const { result, renders } = welcomeRenders(client);
    expect(result.current.shouldShow).toBe(false);
    // The first live response brings what changed since the saved sync: the mark.
    await act(() => script.push(marks([welcome.event_id])));
    expect(result.current.message?.eventId).toBe(welcome.event_id);
    expect(result.current.decision.reason).toBe("seen");
    expect(renders).not.toContain(true);
  });

  it("while it waits for the live response, the welcome's message and the room's name show, and the decision says so", async () => {
    const profile = newProfile();
    await seenElsewhereAfterTheSave(profile);
    const { script, client } = await reload(profile, homeserver());
    const { result } = welcomeRenders(client);
    expect(result.current.message?.text).toBe("Rules");
    expect(result.current.roomName).toBe("Rules Lounge");
    expect(result.current.decision).toEqual({ show: false, reason: "awaiting-sync" });
    // The test ends (and the client stops) with its first live /sync out: stopped a tick before the SDK starts that
    // request, the SDK starts it on the aborted client and leaves its rejection unhandled.
    await waitFor(() => expect(script.requestsTo(/\/sync$/).length).toBeGreaterThan(0));
  });

  it("given a welcome another device marked seen after the last save, a reload while offline does not show it while sync fails", async () => {
    const profile = newProfile();
    const welcome = await seenElsewhereAfterTheSave(profile);
    const script = unreachable(homeserver(), 1);
    const { client } = await reload(profile, script);
    const { result, renders } = welcomeRenders(client);
    await waitFor(() => expect(client.getSyncState()).toBe(SyncState.Error), { timeout: 15_000 });
    expect(renders).not.toContain(true);
    // Back online: the live response brings the mark (and the client ends with its long poll out, as it stops).
    await act(() => script.push(marks([welcome.event_id])));
    expect(result.current.decision.reason).toBe("seen");
    expect(renders).not.toContain(true);
  });

  it("given the app stops the client before its first live response, the welcome still waits", async () => {
    const profile = newProfile();
    await seenElsewhereAfterTheSave(profile);
    const { script, client } = await reload(profile, homeserver());
    const { result, renders } = welcomeRenders(client);
    // Stopped while its first live /sync is out (stopped a tick earlier, the SDK starts that request on the aborted
    // client and leaves its rejection unhandled).
    await waitFor(() => expect(script.requestsTo(/\/sync$/).length).toBeGreaterThan(0));
    act(() => client.stopClient());
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(result.current.decision.reason).toBe("awaiting-sync");
    expect(renders).not.toContain(true);
  });

  it("given a welcome mounted before the client starts, it waits for the live response rather than the saved sync", async () => {
    const profile = newProfile();
    const welcome = await seenElsewhereAfterTheSave(profile);
    const script = homeserver();
    const { client } = await clientOn(script, profile);
    const { result, renders } = welcomeRenders(client);
    const prepared = waitForSyncState(client, SyncState.Prepared);
    void client.startClient({ initialSyncLimit: 50 });
    await prepared;
    await act(() => script.push(marks([welcome.event_id])));
    expect(result.current.decision.reason).toBe("seen");
    expect(renders).not.toContain(true);
  });

  it("given a welcome this device marked seen, a reload while offline keeps it seen, also mounted after sync failed", async () => {
    const profile = newProfile();
    const welcome = welcomeEvent("Rules");
    const first = await firstSession(profile, joined(welcome));
    const hook = renderHook(() => useWelcomeMessage(first.client, ROOM));
    act(() => hook.result.current.markSeen());
    await waitFor(() => expect(seenMarkWrites(first.script)).toHaveLength(1));
    hook.unmount();
    first.client.stopClient();
    const { client } = await reload(profile, unreachable(homeserver(), 1000));
    await waitFor(() => expect(client.getSyncState()).toBe(SyncState.Error), { timeout: 15_000 });
    const { result, renders } = welcomeRenders(client);
    expect(result.current.decision.reason).toBe("seen");
    expect(renders).not.toContain(true);
  });

  it("given a join the user never saw the welcome for (control), the welcome shows once the live response arrives", async () => {
    const profile = newProfile();
    const welcome = welcomeEvent("Rules");
    const first = await firstSession(profile, joined(welcome));
    await closeSaved(first.client, first.store);
    const { script, client } = await reload(profile, homeserver());
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    expect(result.current.shouldShow).toBe(false);
    await act(() => script.push({}));
    expect(result.current.shouldShow).toBe(true);
    expect(result.current.decision.reason).toBe("first-join");
  });

  it("given the user joined while the page was closed (control), the welcome shows when the join arrives", async () => {
    const profile = newProfile();
    const first = await firstSession(profile, {});
    await closeSaved(first.client, first.store);
    const { script, client } = await reload(profile, homeserver());
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    await act(() =>
      script.push(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")], prevMembership: "invite" })),
    );
    expect(result.current.shouldShow).toBe(true);
  });
});

/** Runs `during` with the device clock at `at`, moving on in real time (the SDK stamps arrivals with it). */
async function atTime<T>(at: number, during: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(at);
  try {
    return await during();
  } finally {
    vi.useRealTimers();
  }
}

/** `event` as its homeserver sends it at `serverNow`: its age counted from its own timestamp. */
const aged = <T extends RawEvent>(event: T, serverNow: number): T => ({
  ...event,
  unsigned: { ...(event.unsigned ?? {}), age: serverNow - event.origin_server_ts },
});

describe("a join's age across a reload (the saved sync keeps a state event's first age)", () => {
  it("given a quiet room whose last event is a join three days old, the reloaded page does not greet the member", async () => {
    const profile = newProfile();
    const now = Date.now();
    const joinAt = now - 3 * DAY;
    await atTime(joinAt + 1000, async () => {
      const batch = welcomeRoom(ME, ROOM, {
        welcome: [welcomeEvent("Rules", undefined, { ts: joinAt - DAY })],
      });
      batch.join![ROOM]!.timeline = [
        aged(memberEvent(ME, "join", { prevMembership: "invite", ts: joinAt }), joinAt + 1000),
      ];
      const first = await firstSession(profile, batch);
      await closeSaved(first.client, first.store);
    });
    const { script, client } = await reload(profile, homeserver());
    await act(() => script.push({}));
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.message?.text).toBe("Rules");
    expect(result.current.decision.reason).toBe("join-too-old");
  });

  it("given a join three days old out of the saved timeline and only other homeservers' users speaking since, the reloaded page does not greet the member", async () => {
    const profile = newProfile();
    const now = Date.now();
    const joinAt = now - 3 * DAY;
    const room = "!big:matrix.org";
    const first = await atTime(joinAt + 500, () =>
      firstSession(profile, {
        join: {
          [room]: {
            state: welcomeRoom(ME, room).join![room]!.state!.map((event) => aged(event, joinAt + 500)),
            timeline: [aged(memberEvent(ME, "join", { prevMembership: "invite", ts: joinAt }), joinAt + 500)],
          },
        },
      }),
    );
    // Three hours ago a moderator of another homeserver sets a welcome; then an hour of chat from that homeserver,
    // more than the saved timeline keeps (50 events).
    await atTime(now - 3 * HOUR + 200, () =>
      first.script.push({
        join: {
          [room]: {
            timeline: [
              aged(
                welcomeEvent("Rules", undefined, { sender: "@mod:matrix.org", ts: now - 3 * HOUR }),
                now - 3 * HOUR + 200,
              ),
            ],
          },
        },
      }),
    );
    for (let batch = 0; batch < 6; batch++) {
      const arrival = now - HOUR + (batch + 1) * 10 * 60_000;
      const chat = Array.from({ length: 10 }, (_, i) =>
        aged(
          textMessageEvent(`message ${batch * 10 + i}`, {
            sender: "@eve:matrix.org",
            ts: arrival - (10 - i) * 60_000,
          }),
          arrival,
        ),
      );
      await atTime(arrival, () => first.script.push({ join: { [room]: { timeline: chat } } }));
    }
    const live = renderHook(() =>
      useWelcomeMessage(first.client, room, { seenStore: createMemorySeenStore() }),
    );
    expect(live.result.current.decision.reason).toBe("join-too-old");
    live.unmount();
    await closeSaved(first.client, first.store);
    const { script, client } = await reload(profile, homeserver());
    await act(() => script.push({}));
    const saved = client.getRoom(room)!;
    // What the saved sync gives back: the member event with its first age, out of the timeline.
    expect(saved.currentState.getStateEvents("m.room.member", ME)?.getAge()).toBe(500);
    expect(
      saved
        .getLiveTimeline()
        .getEvents()
        .some((event) => event.getType() === "m.room.member"),
    ).toBe(false);
    const { result } = renderHook(() =>
      useWelcomeMessage(client, room, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.message?.text).toBe("Rules");
    expect(result.current.decision.reason).toBe("join-too-old");
  });
});
