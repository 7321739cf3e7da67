/**
 * A guest (a `can_join` room's visitor without an account): Synapse refuses guests room account data
 * (`M_GUEST_ACCESS_FORBIDDEN`), so the account-data seen store keeps a guest's marks on this device only, with no
 * request bound to fail and no write error for the app to show.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { createAccountDataSeenStore, useWelcomeMessage } from "../../src";
import { createEvent, memberEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const GUEST = "@123456:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
const settle = () => act(() => new Promise((r) => setTimeout(r, 50)));

describe("a guest's seen marks", () => {
  it("given a guest who saw the welcome, marking it seen sends no write and reports no error, and a new store keeps it seen", async () => {
    const { client, script } = await startWorld(
      GUEST,
      welcomeRoom(GUEST, ROOM, { welcome: [welcomeEvent("Hi")] }),
    );
    client.setGuest(true);
    const onWriteError = vi.fn();
    const seenStore = createAccountDataSeenStore(client, { onWriteError });
    const first = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    await waitFor(() => expect(first.result.current.shouldShow).toBe(true));
    act(() => first.result.current.markSeen());
    await settle();

    expect(first.result.current.shouldShow).toBe(false);
    expect(script.requestsTo(/account_data/)).toHaveLength(0);
    expect(onWriteError).not.toHaveBeenCalled();
    first.unmount();
    const again = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createAccountDataSeenStore(client) }),
    );
    expect(again.result.current.decision.reason).toBe("seen");
  });

  it("given a guest joining a room live, no marks are read from the server before the welcome shows", async () => {
    const { client, script } = await startWorld(GUEST, {});
    client.setGuest(true);
    const onReadError = vi.fn();
    const seenStore = createAccountDataSeenStore(client, { onReadError, deviceMarks: null });
    const hook = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), welcomeEvent("Hi")],
            timeline: [memberEvent(GUEST, "join", { prevMembership: "invite" })],
          },
        },
      }),
    );
    expect(hook.result.current.shouldShow).toBe(true);
    await settle();
    expect(script.requestsTo(/account_data/)).toHaveLength(0);
    expect(onReadError).not.toHaveBeenCalled();
  });
});
