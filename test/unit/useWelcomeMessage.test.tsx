import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  createAccountDataSeenStore,
  createMemorySeenStore,
  useWelcomeMessage,
  WELCOME_SEEN_ACCOUNT_DATA_TYPE,
} from "../../src";
import { memberEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const DAY = 24 * 60 * 60 * 1000;

async function world(initial = {}) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, initial);
  return { script, client };
}

describe("useWelcomeMessage", () => {
  it("given a first join in the initial sync (prev invite), the sanitized welcome should show", async () => {
    const welcome = welcomeEvent("Be nice", "<h1>Be nice</h1><script>alert(1)</script>");
    const { client } = await world(welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcome] }));
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
    expect(result.current.message).toMatchObject({
      eventId: welcome.event_id,
      text: "Be nice",
      html: "<h1>Be nice</h1>",
    });
  });

  it("given an old join on a fresh login, nothing shows", async () => {
    const welcome = welcomeEvent("Be nice");
    const { client } = await world(
      welcomeRoom(ME, ROOM, { joinTs: Date.now() - 30 * DAY, welcome: [welcome] }),
    );
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    expect(result.current.message?.text).toBe("Be nice");
    expect(result.current.shouldShow).toBe(false);
  });

  it("when the user joins live, the dialog should show; a profile change afterwards does not count again", async () => {
    const welcome = welcomeEvent("Hello newcomer");
    const { client, script } = await world();
    const seenStore = createMemorySeenStore();
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    expect(result.current.shouldShow).toBe(false);
    await act(() => script.push(welcomeRoom(ME, ROOM, { welcome: [welcome] })));
    expect(result.current.shouldShow).toBe(true);
    act(() => result.current.markSeen());
    expect(result.current.shouldShow).toBe(false);
    await act(() =>
      script.push({
        join: {
          [ROOM]: { timeline: [memberEvent(ME, "join", { prevMembership: "join", displayName: "Bobby" })] },
        },
      }),
    );
    expect(result.current.shouldShow).toBe(false);
  });

  it("when the welcome state arrives after the join, it shows", async () => {
    const { client, script } = await world(welcomeRoom(ME, ROOM));
    const seenStore = createMemorySeenStore();
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    expect(result.current.message).toBeNull();
    await act(() => script.push({ join: { [ROOM]: { timeline: [welcomeEvent("Late rules")] } } }));
    expect(result.current.message?.text).toBe("Late rules");
    expect(result.current.shouldShow).toBe(true);
  });

  it("the stable event type wins over the unstable one", async () => {
    const { client } = await world(
      welcomeRoom(ME, ROOM, {
        welcome: [welcomeEvent("unstable text", undefined, { unstable: true }), welcomeEvent("stable text")],
      }),
    );
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    expect(result.current.message).toMatchObject({ text: "stable text", eventType: "m.room.welcome" });
  });

  it("marking seen writes room account data, and a seen mark from another device hides the welcome", async () => {
    const welcome = welcomeEvent("Rules");
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
    act(() => result.current.markSeen());
    expect(result.current.shouldShow).toBe(false);
    await waitFor(() => expect(script.requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT")).toHaveLength(1));
    expect(script.requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT")[0]?.body).toEqual({
      event_ids: [welcome.event_id],
    });

    // A second device of the same user (its own storage: this one's device marks are not there) receives the mark
    // through sync.
    const other = new SyncScript({ userId: ME, deviceId: "PHONE" });
    const phone = other.createClient();
    await other.start(phone, welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    const phoneStore = createAccountDataSeenStore(phone, { deviceMarks: null });
    const { result: onPhone } = renderHook(() => useWelcomeMessage(phone, ROOM, { seenStore: phoneStore }));
    await waitFor(() => expect(onPhone.current.shouldShow).toBe(true));
    await act(() =>
      other.push({
        join: {
          [ROOM]: {
            accountData: [
              { type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: [welcome.event_id] } },
            ],
          },
        },
      }),
    );
    expect(onPhone.current.shouldShow).toBe(false);
  });

  it("a failed account-data write is retried and the mark holds locally meanwhile", async () => {
    const welcome = welcomeEvent("Rules");
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    script.fail({ method: "PUT", path: /account_data/ }, { status: 500 }, 1);
    script.fail({ method: "PUT", path: /account_data/ }, "network", 1);
    const { createAccountDataSeenStore } = await import("../../src");
    const seenStore = createAccountDataSeenStore(client, { retry: { baseDelayMs: 5 } });
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    act(() => result.current.markSeen());
    expect(result.current.shouldShow).toBe(false);
    await waitFor(() => expect(script.requestsTo(/account_data/, "PUT")).toHaveLength(3));
    expect(result.current.shouldShow).toBe(false);
  });
});
