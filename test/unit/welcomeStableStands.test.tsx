/**
 * While a stable welcome event stands it alone speaks, for every reader (with or without a DOM, whatever its
 * mediaUrl), and the kit's permission checks follow the type readers go by, live on redactions too. Through the real
 * sync pipeline.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  clearWelcomeMessage,
  createMemorySeenStore,
  hasStableWelcome,
  setWelcomeMessage,
  useWelcomeEditPermission,
  useWelcomeMessage,
  WelcomeEditor,
  WelcomeStore,
  welcomeEditPermission,
  welcomeEventType,
  welcomeRemovePermission,
} from "../../src";
import {
  captureStatePut,
  EDITOR_LABEL,
  EDITOR_ROOM,
  MODERATOR,
  pushStateEcho,
  stateTypeOf,
} from "../support/editor";
import { redactionEvent, stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import type { SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

/** Bob reads; the moderator writes, in the editor tests' room. */
const [ME, MOD, ROOM] = ["@bob:example.org", MODERATOR, EDITOR_ROOM];
const world = (initial: SyncBatch, userId = ME) => startWorld(userId, initial);

const html = (body: string) => ({ mimetype: "text/html", body });
const pl = (events: Record<string, number> = {}, users: Record<string, number> = { [MOD]: 100 }) =>
  stateEvent("m.room.power_levels", { users, users_default: 0, state_default: 50, events }, { sender: MOD });

afterEach(() => {
  localStorage.clear();
  vi.unstubAllGlobals();
});

/**
 * A room with an older unstable welcome and a stable one, where the moderator saves an image-only welcome (no text:
 * readers without the image, or without a DOM, have nothing to show), echoed as `eventId`.
 */
async function imageOnlyStableSave(eventId: string) {
  const oldUnstable = welcomeEvent("Old unstable rules", undefined, {
    unstable: true,
    ts: Date.now() - 60_000,
  });
  const stable = welcomeEvent("Stable rules", undefined, { ts: Date.now() - 30_000 });
  const { client, script } = await world(
    welcomeRoom(MOD, ROOM, { welcome: [pl(), oldUnstable, stable] }),
    MOD,
  );
  const sent = captureStatePut(script, eventId);
  await setWelcomeMessage(client, ROOM, { text: "", html: '<img src="mxc://example.org/rules">' });
  expect(sent.type).toBe("m.room.welcome");
  await pushStateEcho(script, sent, eventId);
  return { client, oldUnstable };
}

describe("a stable edition some readers cannot render", () => {
  it("given the kit's image-only stable save, a reader whose mediaUrl resolves nothing shows nothing, not the older unstable text", async () => {
    const { client } = await imageOnlyStableSave("$img:example.org");
    const own = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }));
    expect(own.result.current.message?.eventId).toBe("$img:example.org");
    const noMedia = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore(), mediaUrl: () => null }),
    );
    // The stable event stands and carries a message: the superseded unstable one must not come back.
    expect(noMedia.result.current.message).toBeNull();
  });

  it("given the kit's image-only stable save, a server render (no DOM) never picks the older unstable edition", async () => {
    const { client, oldUnstable } = await imageOnlyStableSave("$img2:example.org");
    // A fresh store on a client that never rendered this edition with a DOM (the message cache is per event).
    vi.stubGlobal("document", undefined);
    const server = new WelcomeStore(client, ROOM, { seenStore: createMemorySeenStore() }).getSnapshot()
      .message;
    vi.unstubAllGlobals();
    // The kit's own save stands (stable, not redacted, with a message): a server render must not pick the superseded
    // unstable edition (hydration would then swap editions).
    expect(server?.eventId ?? null).not.toBe(oldUnstable.event_id);
    expect(server).toBeNull();
  });
});

describe("permission for the default type follows redactions", () => {
  it("given a state-section stable removal, when it is redacted in the timeline, useWelcomeEditPermission answers for the unstable type writes now go to", async () => {
    // Stable type needs 100, unstable 50; I have 50.
    const levels = pl({ "m.room.welcome": 100, "org.matrix.msc3857.welcome": 50 }, { [MOD]: 100, [ME]: 50 });
    const old = welcomeEvent("Unstable rules", undefined, { unstable: true });
    const removal = stateEvent("m.room.welcome", {}, { sender: MOD, eventId: "$removal:example.org" });
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [levels, old, removal] }));
    const perm = renderHook(() => useWelcomeEditPermission(client, ROOM));
    const reader = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }));
    expect(perm.result.current.canEdit).toBe(false);
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [redactionEvent("$removal:example.org", { sender: MOD })] } },
      }),
    );
    await waitFor(() => expect(reader.result.current.message?.text).toBe("Unstable rules"));
    const room = client.getRoom(ROOM);
    expect(hasStableWelcome(room)).toBe(false);
    const truth = welcomeEditPermission(room, ME, welcomeEventType({ stable: hasStableWelcome(room) }));
    expect(truth.canEdit).toBe(true);
    expect(perm.result.current.canEdit).toBe(truth.canEdit);
  });

  it("given that redaction, the editor opens the unstable welcome for editing (its save goes to the type I may send)", async () => {
    const levels = pl({ "m.room.welcome": 100, "org.matrix.msc3857.welcome": 50 }, { [MOD]: 100, [ME]: 50 });
    const old = welcomeEvent("Unstable rules", undefined, { unstable: true });
    const removal = stateEvent("m.room.welcome", {}, { sender: MOD, eventId: "$removal2:example.org" });
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [levels, old, removal] }));
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [redactionEvent("$removal2:example.org", { sender: MOD })] } },
      }),
    );
    await waitFor(() => expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("Unstable rules"));
    expect(screen.getByLabelText(EDITOR_LABEL)).not.toHaveAttribute("readonly");
  });
});

describe("removal checks the types readers go by", () => {
  it("given a state-section stable welcome redacted in the timeline, readers show the unstable one and removing it needs only that type's level", async () => {
    const levels = pl({ "m.room.welcome": 100, "org.matrix.msc3857.welcome": 50 }, { [MOD]: 100, [ME]: 50 });
    const unstable = welcomeEvent("Unstable rules", undefined, { unstable: true });
    const stable = welcomeEvent("Stable rules", undefined, { eventId: "$stable:example.org" });
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [levels, unstable, stable] }));
    const reader = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }));
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [redactionEvent("$stable:example.org", { sender: MOD })] } },
      }),
    );
    await waitFor(() => expect(reader.result.current.message?.text).toBe("Unstable rules"));
    expect(welcomeRemovePermission(client.getRoom(ROOM), ME).canEdit).toBe(true);
  });
});

describe("removal", () => {
  it("given a stable event nobody can show beside an unstable welcome, readers show nothing, and clearWelcomeMessage clears both", async () => {
    const unstable = welcomeEvent("Unstable rules", undefined, { unstable: true });
    const stable = stateEvent(
      "m.room.welcome",
      { "m.room.welcome": { "m.text": [html("<script>x</script>")] } },
      { sender: MOD },
    );
    const { client, script } = await world(
      welcomeRoom(MOD, ROOM, { welcome: [pl(), unstable, stable] }),
      MOD,
    );
    const reader = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }));
    expect(reader.result.current.message).toBeNull();
    const types: string[] = [];
    let n = 0;
    script.route({ method: "PUT", path: /\/state\// }, (req) => {
      types.push(stateTypeOf(req.path));
      return { json: { event_id: `$clear${n++}:example.org` } };
    });
    await clearWelcomeMessage(client, ROOM);
    expect(types).toEqual(["org.matrix.msc3857.welcome", "m.room.welcome"]);
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: types.map((t, i) =>
              stateEvent(t, {}, { sender: MOD, eventId: `$clear${i}:example.org` }),
            ),
          },
        },
      }),
    );
    expect(reader.result.current.message).toBeNull();
  });
});
