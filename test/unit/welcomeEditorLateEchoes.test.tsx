/**
 * A save's echo when it comes late (the two-sync rule across a client restart, the editor closed before the answer, an
 * echo after the rule gave up), and the editor embedded in a shadow root (a web component).
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { ClientEvent } from "matrix-js-sdk";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import {
  EDITOR_LABEL,
  EDITOR_ROOM,
  holdStatePuts,
  MODERATOR,
  moderatorsWorld,
  REMOVE,
  statePuts,
  typeAndSave,
} from "../support/editor";
import { textMessageEvent, welcomeEvent } from "../support/events";

const ROOM = EDITOR_ROOM;
const SAVED = "Welcome message saved.";
const KEEP = "Keep it";
const QUESTION = "Remove the welcome message for everyone who joins this room?";

afterEach(() => localStorage.clear());

const chat = { join: { [ROOM]: { timeline: [textMessageEvent("hi", { sender: "@other:example.org" })] } } };
const storedDrafts = () => Object.keys(localStorage).filter((k) => localStorage.getItem(k)?.includes("mine"));

describe("awaitEcho counts syncs, not sync state events", () => {
  it("given my save is out and the app restarts the client, when the first sync after the restart (sent before my save's answer) brings nothing and the next brings my echo, then the editor shows my text as saved", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const release = holdStatePuts(script, { json: { event_id: "$mine:example.org" } });
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    typeAndSave("mine");
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    // The app restarts the client (a reconnect, a token refresh): its first /sync is under way before the answer.
    const syncsBefore = script.requestsTo("/sync").length;
    await act(async () => {
      client.stopClient();
      await client.startClient({ initialSyncLimit: 50 });
    });
    await waitFor(() => expect(script.requestsTo("/sync").length).toBeGreaterThan(syncsBefore));
    await act(async () => release());
    await screen.findByText(SAVED);
    // That sync, begun before the answer, comes back without my edition: one response, but the SDK reports it as
    // PREPARED and then SYNCING (the first since start), which awaitEcho counts as two syncs.
    await act(() => script.push(chat));
    // The next sync, begun after the answer, brings my echo: readers see my text.
    const mine = welcomeEvent("mine", undefined, {
      unstable: true,
      sender: MODERATOR,
      eventId: "$mine:example.org",
    });
    await act(() => script.push({ join: { [ROOM]: { timeline: [mine] } } }));
    expect(client.getRoom(ROOM)!.currentState.getStateEvents("org.matrix.msc3857.welcome", "")!.getId()).toBe(
      "$mine:example.org",
    );
    // Before a fix: Save enabled and "mine" kept as an unsaved draft in storage, for good (the echo never undoes it).
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("mine");
    expect(screen.getByRole("button", { name: "Save" })).toBeDisabled();
    expect(storedDrafts()).toEqual([]);
  });
});

describe("awaitEcho's watch and the editor's life", () => {
  it("given my save is out, when the editor closes before its answer and the answer comes without the echo in sight, then no sync listener is left behind", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const release = holdStatePuts(script, { json: { event_id: "$mine:example.org" } });
    const { unmount } = render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    typeAndSave("mine");
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    unmount();
    const before = client.listenerCount(ClientEvent.Sync);
    await act(async () => release());
    await waitFor(() => expect(storedDrafts()).toEqual([])); // the save finished (its stored draft dropped)
    // Before a fix: one more (the save's end starts awaitEcho on the editor already gone, after its cleanup ran).
    expect(client.listenerCount(ClientEvent.Sync)).toBe(before);
  });

  it("given two syncs after my save's answer brought no echo (the draft is unsaved again), when my echo then arrives and readers see my text, then the editor shows it as saved", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const release = holdStatePuts(script, { json: { event_id: "$mine:example.org" } });
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    typeAndSave("mine");
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    await act(async () => release());
    await screen.findByText(SAVED);
    // A sync worker behind the one that took the save (Synapse with workers): two syncs come back without it.
    await act(() => script.push(chat));
    await act(() => script.push(chat));
    await waitFor(() => expect(screen.getByRole("button", { name: "Save" })).toBeEnabled());
    const mine = welcomeEvent("mine", undefined, {
      unstable: true,
      sender: MODERATOR,
      eventId: "$mine:example.org",
    });
    await act(() => script.push({ join: { [ROOM]: { timeline: [mine] } } }));
    // Before a fix: Save stays enabled and "mine" stays a stored draft for good, though readers see exactly it.
    expect(screen.getByRole("button", { name: "Save" })).toBeDisabled();
    expect(storedDrafts()).toEqual([]);
  });
});

describe("the Remove question in a shadow root", () => {
  it.each(["open", "closed"] as const)(
    "given the editor rendered inside a(n) %s shadow root (a web component), when Escape is pressed in the Remove question, then the question closes and focus returns to Remove",
    async (mode) => {
      const { client } = await moderatorsWorld([welcomeEvent("House rules")]);
      const host = document.createElement("div");
      document.body.append(host);
      const shadow = host.attachShadow({ mode });
      const container = document.createElement("div");
      shadow.append(container);
      render(<WelcomeEditor client={client} roomId={ROOM} />, { container });
      const editor = within(container);
      fireEvent.click(editor.getByRole("button", { name: REMOVE }));
      const keep = editor.getByRole("button", { name: KEEP });
      expect(shadow.activeElement).toBe(keep);
      // At the window, the event's target is the shadow host: `group.contains(e.target)` is false.
      fireEvent.keyDown(keep, { key: "Escape", composed: true });
      // Before a fix: the question stays open (and a dialog around the editor would take the Escape and close).
      expect(editor.queryByRole("group", { name: QUESTION })).toBeNull();
      expect(shadow.activeElement).toBe(editor.getByRole("button", { name: REMOVE }));
      host.remove();
    },
  );
});
