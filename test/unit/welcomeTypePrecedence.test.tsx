/**
 * Which of the two welcome types speaks: while a stable welcome event stands (not redacted) it alone decides, and one
 * without a message removes the welcome (how a stable-only client removes it), whatever the unstable type holds and whatever the
 * timestamps say (servers' clocks differ). Writers follow: the kit writes the stable type then. Through the real sync
 * pipeline.
 */
import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createMemorySeenStore, setWelcomeMessage, useWelcomeMessage, WelcomeEditor } from "../../src";
import {
  CHANGED_ELSEWHERE,
  captureStatePut,
  EDITOR_LABEL,
  pushStateEcho,
  statePuts,
} from "../support/editor";
import { redactionEvent, stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { type SyncBatch, SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const MOD = "@mod:example.org";

async function world(initial: SyncBatch, userId = ME) {
  const script = new SyncScript({ userId });
  const client = script.createClient();
  await script.start(client, initial);
  return { client, script };
}

const renderWelcome = (client: Awaited<ReturnType<typeof world>>["client"]) =>
  renderHook(() => useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }));

afterEach(() => localStorage.clear());

describe("a stable welcome event without a message", () => {
  it("given the stable welcome was emptied after the unstable one was set, a newcomer is shown nothing", async () => {
    const old = welcomeEvent("Rules from 2024 (superseded)", undefined, {
      unstable: true,
      ts: Date.now() - 5000,
    });
    const emptied = stateEvent("m.room.welcome", {}, { sender: MOD, ts: Date.now() });
    const { client } = await world(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [old, emptied] }),
    );
    const { result } = renderWelcome(client);
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
  });

  it("given the empty stable event carries an older timestamp (its server's clock runs behind), the unstable welcome still stays hidden", async () => {
    const empty = stateEvent("m.room.welcome", {}, { sender: "@x:remote.example", ts: Date.now() - 30_000 });
    const current = welcomeEvent("Superseded rules", undefined, { unstable: true, ts: Date.now() - 10_000 });
    const { client } = await world(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [current, empty] }),
    );
    const { result } = renderWelcome(client);
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
  });

  it("given the unstable welcome is showing, when a stable-only client empties the stable type, it goes away", async () => {
    const current = welcomeEvent("Current rules", undefined, { unstable: true, ts: Date.now() - 5000 });
    const { client, script } = await world(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [current] }),
    );
    const { result } = renderWelcome(client);
    expect(result.current.shouldShow).toBe(true);
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [stateEvent("m.room.welcome", {}, { sender: MOD, ts: Date.now() })] } },
      }),
    );
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
  });

  it("given the emptied stable event is redacted later, the unstable welcome comes back", async () => {
    const old = welcomeEvent("Unstable rules", undefined, { unstable: true, ts: Date.now() - 5000 });
    const emptied = stateEvent("m.room.welcome", {}, { sender: MOD, ts: Date.now() - 1000 });
    const { client, script } = await world(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [old, emptied] }),
    );
    const { result } = renderWelcome(client);
    expect(result.current.message).toBeNull();
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [redactionEvent(emptied.event_id, { sender: MOD })] } } }),
    );
    await waitFor(() => expect(result.current.message?.text).toBe("Unstable rules"));
  });

  it("given a stable event whose content the kit cannot show (HTML that sanitizes to nothing), nothing shows, not the older unstable welcome", async () => {
    const current = welcomeEvent("Readable rules", undefined, { unstable: true, ts: Date.now() - 5000 });
    const unreadable = stateEvent(
      "m.room.welcome",
      { "m.room.welcome": { "m.text": [{ mimetype: "text/html", body: "<script>alert(1)</script>" }] } },
      { sender: MOD, ts: Date.now() },
    );
    const { client } = await world(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [current, unreadable] }),
    );
    const { result } = renderWelcome(client);
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
  });
});

describe("writing the welcome after a stable-only client removed it", () => {
  const admin = MOD;
  const pl = stateEvent(
    "m.room.power_levels",
    { users: { [admin]: 100 }, users_default: 0, state_default: 50, events: {} },
    { sender: admin },
  );
  // The removal comes from a federated server whose clock runs two minutes ahead of the echo of the new edition.
  const removalAhead = () =>
    stateEvent("m.room.welcome", {}, { sender: "@x:remote.example", ts: Date.now() + 120_000 });
  const old = () => welcomeEvent("Unstable rules", undefined, { unstable: true, ts: Date.now() - 5000 });
  /** The admin's room: an unstable welcome, then that clock-ahead stable removal. */
  const removedAheadOfOld = () =>
    world(welcomeRoom(admin, ROOM, { welcome: [pl, old(), removalAhead()] }), admin);

  it("setWelcomeMessage writes the stable type, and readers show the new edition", async () => {
    const { client, script } = await removedAheadOfOld();
    const sent = captureStatePut(script, "$new:example.org");
    const reader = renderWelcome(client);
    expect(reader.result.current.message).toBeNull();
    await setWelcomeMessage(client, ROOM, { text: "New rules" });
    expect(sent.type).toBe("m.room.welcome");
    await pushStateEcho(script, sent, "$new:example.org");
    expect(reader.result.current.message?.text).toBe("New rules");
  });

  it("the editor saves to the stable type, says it is saved, and readers show it", async () => {
    const { client, script } = await removedAheadOfOld();
    const sent = captureStatePut(script, "$edited:example.org");
    const reader = renderWelcome(client);
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    expect(screen.queryByRole("button", { name: "Remove welcome message" })).toBeNull();
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "New rules" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    expect(sent.type).toBe("m.room.welcome");
    await pushStateEcho(script, sent, "$edited:example.org");
    await screen.findByText("Welcome message saved.");
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
    expect(reader.result.current.message?.text).toBe("New rules");
  });

  it("given the removal arrives while the editor is open, the save still goes to the stable type", async () => {
    const { client, script } = await world(welcomeRoom(admin, ROOM, { welcome: [pl, old()] }), admin);
    const sent = captureStatePut(script, "$late:example.org");
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "New rules" } });
    await act(() => script.push({ join: { [ROOM]: { timeline: [removalAhead()] } } }));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    expect(sent.type).toBe("m.room.welcome");
  });
});
