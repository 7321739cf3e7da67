/**
 * The seen store's read of a room's marks (see welcomeSeenAfterRejoin) at its edges: it starts only once a store is
 * subscribed (never from a render, nor a server render), is made once per client and room however many stores there
 * are (also a store made anew on every render), and a read a logout cut short is no error for the app.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { createAccountDataSeenStore, useWelcomeMessage, WelcomeStore } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { SEEN_MARKS_PATH, seenMarkReads } from "../support/seenMarks";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const sleep = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)));

/** Bob invited again and joined live (after the client's first sync); the room's account data holds no marks. */
async function rejoinedLive() {
  const { client, script } = await startWorld(ME, {});
  await act(() =>
    script.push(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", name: "Lounge", welcome: [welcomeEvent("Rules")] }),
    ),
  );
  return { client, script };
}

describe("the seen-marks read at its edges", () => {
  it("given a store's snapshot taken by a render alone (no subscriber), nothing is read", async () => {
    const { client, script } = await rejoinedLive();
    const store = new WelcomeStore(client, ROOM, {
      seenStore: createAccountDataSeenStore(client, { deviceMarks: null }),
    });
    expect(store.getSnapshot().decision.reason).toBe("awaiting-sync");
    await sleep(30);
    expect(seenMarkReads(script)).toHaveLength(0);
  });

  it("given a server render, nothing is read", async () => {
    const { client, script } = await rejoinedLive();
    const seenStore = createAccountDataSeenStore(client, { deviceMarks: null });
    const Probe = () => {
      useWelcomeMessage(client, ROOM, { seenStore });
      return null;
    };
    renderToString(createElement(Probe));
    await sleep(30);
    expect(seenMarkReads(script)).toHaveLength(0);
  });

  it("given a seen store made anew on every render (against the README's advice), the marks are still read once", async () => {
    const { client, script } = await rejoinedLive();
    script.route({ method: "GET", path: SEEN_MARKS_PATH }, async () => {
      await new Promise((r) => setTimeout(r, 20));
      return { status: 404, json: { errcode: "M_NOT_FOUND", error: "none" } };
    });
    const hook = renderHook(() =>
      useWelcomeMessage(client, ROOM, {
        seenStore: createAccountDataSeenStore(client, { deviceMarks: null }),
      }),
    );
    await sleep(300);
    expect(seenMarkReads(script)).toHaveLength(1);
    expect(hook.result.current.shouldShow).toBe(true);
  });

  it("given a read refused by a soft logout, the welcome shows, no read error is reported, and it is not asked again at once", async () => {
    const { client, script } = await rejoinedLive();
    script.route({ method: "GET", path: SEEN_MARKS_PATH }, () => ({
      status: 401,
      json: { errcode: "M_UNKNOWN_TOKEN", error: "Token expired", soft_logout: true },
    }));
    const onReadError = vi.fn();
    const seenStore = createAccountDataSeenStore(client, { deviceMarks: null, onReadError });
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
    await sleep(200);
    expect(seenMarkReads(script)).toHaveLength(1);
    expect(onReadError).not.toHaveBeenCalled();
  });

  it("given a read out when the app logs out (the client stopped, its requests aborted), no read error is reported", async () => {
    const { client, script } = await rejoinedLive();
    script.hold({ method: "GET", path: SEEN_MARKS_PATH }, () => ({ json: { event_ids: [] } }));
    const onReadError = vi.fn();
    const seenStore = createAccountDataSeenStore(client, { deviceMarks: null, onReadError });
    renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    await waitFor(() => expect(seenMarkReads(script)).toHaveLength(1));
    // What `client.logout(true)` does before its own request.
    client.stopClient();
    client.http.abort();
    await sleep(30);
    expect(onReadError).not.toHaveBeenCalled();
  });
});
