/**
 * The seen store's read of a room's marks (see welcomeSeenAfterRejoin) failed while the homeserver was out of reach,
 * and the welcome showed: once sync comes back, the read is made again, once, so that a welcome the user saw on
 * another device goes. Nothing more is read when nothing failed, and a read made on a recovery that fails again is not
 * made on later ones.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { type MatrixClient, SyncState } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import { createAccountDataSeenStore, useWelcomeMessage } from "../../src";
import { createEvent, memberEvent, type RawEvent, welcomeEvent } from "../support/events";
import { SOFT_LOGOUT } from "../support/failures";
import { mergeBatches, welcomeRoom } from "../support/scenarios";
import { SEEN_MARKS_PATH, seenMarkReads } from "../support/seenMarks";
import type { RouteResult, SyncScript } from "../support/syncScript";
import { dropSyncOnce, startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
const sleep = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)));

/**
 * Bob joined the lounge again live (no marks event in its sync) and a welcome hook is mounted; reads of the marks are
 * answered by `answer` (given the read's number, from 1), and Bob's phone marked the welcome seen.
 */
async function rejoined(answer: (n: number, welcome: RawEvent) => RouteResult | Promise<RouteResult>) {
  const welcome = welcomeEvent("House rules");
  const { client, script } = await startWorld(ME, {});
  let n = 0;
  script.route({ method: "GET", path: SEEN_MARKS_PATH }, () => answer(++n, welcome));
  await act(() =>
    script.push(welcomeRoom(ME, ROOM, { prevMembership: "invite", name: "Lounge", welcome: [welcome] })),
  );
  const onReadError = vi.fn();
  const seenStore = createAccountDataSeenStore(client, { deviceMarks: null, onReadError });
  const hook = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
  return { client, script, hook, onReadError, welcome };
}

/** The connection drops and comes back. */
async function outage(client: MatrixClient, script: SyncScript) {
  await act(() => dropSyncOnce(client, script));
  await waitFor(() => expect(client.getSyncState()).toBe(SyncState.Syncing), { timeout: 15_000 });
}

const seenThere = (welcome: RawEvent): RouteResult => ({ json: { event_ids: [welcome.event_id] } });

describe("a failed seen-marks read, when sync comes back", () => {
  it("given the read failed offline and the welcome showed, when sync comes back, it is read once more and the welcome seen on the phone goes", async () => {
    const { client, script, hook, onReadError } = await rejoined((n, w) =>
      n === 1 ? "network" : seenThere(w),
    );
    await waitFor(() => expect(hook.result.current.shouldShow).toBe(true));
    expect(onReadError).toHaveBeenCalledTimes(1);
    await outage(client, script);
    await waitFor(() => expect(hook.result.current.decision.reason).toBe("seen"));
    expect(hook.result.current.shouldShow).toBe(false);
    await sleep(100);
    expect(seenMarkReads(script)).toHaveLength(2);
  }, 30_000);

  it("given a read still out when sync drops and comes back, and failing after, it is made again once", async () => {
    let endHang!: () => void;
    const hang = new Promise<void>((resolve) => {
      endHang = resolve;
    });
    const { client, script, hook } = await rejoined(async (n, w) => {
      if (n > 1) return seenThere(w);
      await hang;
      return { status: 502, errcode: "M_UNKNOWN", error: "Bad Gateway" };
    });
    await waitFor(() => expect(seenMarkReads(script)).toHaveLength(1));
    await outage(client, script);
    act(() => endHang());
    await waitFor(() => expect(hook.result.current.decision.reason).toBe("seen"));
    await sleep(100);
    expect(seenMarkReads(script)).toHaveLength(2);
  }, 30_000);

  it("given the read made again fails too, it is not made again at later recoveries (no loop, nor one read per outage), and each failure is reported", async () => {
    const { client, script, hook, onReadError } = await rejoined(() => ({
      status: 500,
      errcode: "M_UNKNOWN",
      error: "down",
    }));
    await waitFor(() => expect(hook.result.current.shouldShow).toBe(true));
    await outage(client, script);
    await waitFor(() => expect(seenMarkReads(script)).toHaveLength(2));
    await sleep(300);
    expect(seenMarkReads(script)).toHaveLength(2);
    expect(onReadError).toHaveBeenCalledTimes(2);
    expect(hook.result.current.shouldShow).toBe(true);
    await outage(client, script);
    await sleep(300);
    expect(seenMarkReads(script)).toHaveLength(2);
    expect(onReadError).toHaveBeenCalledTimes(2);
    expect(hook.result.current.shouldShow).toBe(true);
  }, 45_000);

  it("given a read the expired token refused (a soft logout), when the user signs in again, it is read once more, never reported", async () => {
    const { client, script, hook, onReadError } = await rejoined((n, w) =>
      n === 1 ? { ...SOFT_LOGOUT } : seenThere(w),
    );
    await waitFor(() => expect(hook.result.current.shouldShow).toBe(true));
    script.pushSyncFailure(SOFT_LOGOUT);
    await waitFor(() => expect(client.getSyncState()).toBe(SyncState.Error), { timeout: 15_000 });
    await sleep(200);
    expect(seenMarkReads(script)).toHaveLength(1);
    client.stopClient();
    client.setAccessToken("syt_new_token");
    await act(() => script.start(client, {}));
    await waitFor(() => expect(hook.result.current.decision.reason).toBe("seen"));
    await sleep(100);
    expect(seenMarkReads(script)).toHaveLength(2);
    expect(onReadError).not.toHaveBeenCalled();
  }, 30_000);

  it("given a read the app's stop cut short (no error reported), when it starts the client again, it is read once more", async () => {
    let endHang!: () => void;
    const hang = new Promise<void>((resolve) => {
      endHang = resolve;
    });
    const { client, script, hook, onReadError } = await rejoined(async (n, w) => {
      if (n === 1) await hang;
      return seenThere(w);
    });
    await waitFor(() => expect(seenMarkReads(script)).toHaveLength(1));
    client.stopClient();
    client.http.abort();
    endHang();
    await sleep(100);
    expect(seenMarkReads(script)).toHaveLength(1);
    await act(() => script.start(client, {}));
    await waitFor(() => expect(hook.result.current.decision.reason).toBe("seen"));
    await sleep(100);
    expect(seenMarkReads(script)).toHaveLength(2);
    expect(onReadError).not.toHaveBeenCalled();
  }, 30_000);

  it("given the read was answered, sync dropping and coming back reads nothing more (control)", async () => {
    const { client, script, hook } = await rejoined(() => ({
      status: 404,
      errcode: "M_NOT_FOUND",
      error: "none",
    }));
    await waitFor(() => expect(hook.result.current.shouldShow).toBe(true));
    await outage(client, script);
    await sleep(200);
    expect(seenMarkReads(script)).toHaveLength(1);
    expect(hook.result.current.shouldShow).toBe(true);
  }, 30_000);

  it("given a read still out when sync drops and comes back, and answered after, nothing more is read (control)", async () => {
    let endHang!: () => void;
    const hang = new Promise<void>((resolve) => {
      endHang = resolve;
    });
    const { client, script, hook } = await rejoined(async (_n, w) => {
      await hang;
      return seenThere(w);
    });
    await waitFor(() => expect(seenMarkReads(script)).toHaveLength(1));
    await outage(client, script);
    act(() => endHang());
    await waitFor(() => expect(hook.result.current.decision.reason).toBe("seen"));
    await sleep(200);
    expect(seenMarkReads(script)).toHaveLength(1);
  }, 30_000);

  it("given the welcome was marked seen here after a failed read, sync coming back reads no more than the write did (control)", async () => {
    const { client, script, hook } = await rejoined((n) =>
      n === 1 ? "network" : { status: 404, errcode: "M_NOT_FOUND", error: "none" },
    );
    await waitFor(() => expect(hook.result.current.shouldShow).toBe(true));
    act(() => hook.result.current.markSeen());
    await waitFor(() => expect(script.requestsTo(SEEN_MARKS_PATH, "PUT")).toHaveLength(1));
    expect(seenMarkReads(script)).toHaveLength(2);
    await outage(client, script);
    await sleep(200);
    expect(seenMarkReads(script)).toHaveLength(2);
  }, 30_000);

  it("given a seen store made anew on every render, a read failed offline is made again once when sync comes back", async () => {
    const welcome = welcomeEvent("House rules");
    const { client, script } = await startWorld(ME, {});
    let n = 0;
    script.route({ method: "GET", path: SEEN_MARKS_PATH }, () =>
      ++n === 1 ? "network" : seenThere(welcome),
    );
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), welcome],
            timeline: [memberEvent(ME, "join", { prevMembership: "invite" })],
          },
        },
      }),
    );
    const hook = renderHook(() =>
      useWelcomeMessage(client, ROOM, {
        seenStore: createAccountDataSeenStore(client, { deviceMarks: null }),
      }),
    );
    await waitFor(() => expect(hook.result.current.shouldShow).toBe(true));
    hook.rerender();
    await outage(client, script);
    await waitFor(() => expect(hook.result.current.decision.reason).toBe("seen"));
    hook.rerender();
    await sleep(300);
    expect(seenMarkReads(script)).toHaveLength(2);
  }, 30_000);

  it("given a room whose read failed and whose hook is gone (another room's hook keeps the store subscribed), three recoveries read it once more in all, not once each", async () => {
    const OTHER = "!other:example.org";
    const { client, script } = await startWorld(ME, {});
    script.route({ method: "GET", path: SEEN_MARKS_PATH }, () => ({
      status: 500,
      errcode: "M_UNKNOWN",
      error: "down",
    }));
    const room = (id: string) =>
      welcomeRoom(ME, id, { prevMembership: "invite", name: id, welcome: [welcomeEvent(`Rules of ${id}`)] });
    await act(() => script.push(mergeBatches(room(ROOM), room(OTHER))));
    const onReadError = vi.fn();
    const seenStore = createAccountDataSeenStore(client, { deviceMarks: null, onReadError });
    const lounge = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    await waitFor(() => expect(lounge.result.current.shouldShow).toBe(true));
    const other = renderHook(() => useWelcomeMessage(client, OTHER, { seenStore }));
    await waitFor(() => expect(other.result.current.shouldShow).toBe(true));
    lounge.unmount();
    const loungeReads = () => seenMarkReads(script).filter((r) => r.path.includes(ROOM)).length;
    expect(loungeReads()).toBe(1);
    for (let i = 0; i < 3; i++) await outage(client, script);
    await sleep(300);
    expect(loungeReads()).toBe(2);
    expect(onReadError.mock.calls.filter(([, roomId]) => roomId === ROOM)).toHaveLength(2);
    other.unmount();
  }, 60_000);
});
