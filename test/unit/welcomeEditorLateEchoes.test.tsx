/**
 * A save's echo when it comes late: the two-sync rule across a client restart, the editor closed before the answer,
 * hidden meanwhile (<Activity>) or under StrictMode, and an echo after the rule gave up (also in an editor opened again).
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import { ClientEvent, SyncState } from "matrix-js-sdk";
import * as React from "react";
import { type ComponentType, type ReactNode, StrictMode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import {
  EDITOR_LABEL,
  EDITOR_ROOM,
  holdStatePuts,
  moderatorsWorld,
  myEcho,
  SAVED,
  saveMineHeld,
  statePuts,
  typeAndSave,
} from "../support/editor";
import { textMessageEvent, welcomeEvent } from "../support/events";

const ROOM = EDITOR_ROOM;

afterEach(() => localStorage.clear());

const chat = { join: { [ROOM]: { timeline: [textMessageEvent("hi", { sender: "@other:example.org" })] } } };
const storedDrafts = () => Object.keys(localStorage).filter((k) => localStorage.getItem(k)?.includes("mine"));

/** React 19's `<Activity>` (absent in React 18). */
const Activity = (
  React as unknown as { Activity?: ComponentType<{ mode: "visible" | "hidden"; children: ReactNode }> }
).Activity;

/** Two syncs without my echo (a sync worker behind the one that took the save): the draft is unsaved again. */
async function twoSyncsWithoutEcho(script: Awaited<ReturnType<typeof moderatorsWorld>>["script"]) {
  await act(() => script.push(chat));
  await act(() => script.push(chat));
  await waitFor(() =>
    expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled"),
  );
}

describe("awaitEcho counts syncs, not sync state events", () => {
  it("given my save is out and the app restarts the client, when the first sync after the restart (sent before my save's answer) brings nothing and the next brings my echo, then the editor shows my text as saved", async () => {
    const { client, script, release } = await saveMineHeld();
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
    const mine = myEcho();
    await act(() => script.push({ join: { [ROOM]: { timeline: [mine] } } }));
    expect(client.getRoom(ROOM)!.currentState.getStateEvents("org.matrix.msc3857.welcome", "")!.getId()).toBe(
      "$mine:example.org",
    );
    // Before a fix: Save enabled and "mine" kept as an unsaved draft in storage, for good (the echo never undoes it).
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("mine");
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    expect(storedDrafts()).toEqual([]);
  });
});

describe("awaitEcho and widget clients", () => {
  it("given my save was answered, when the client reports SYNCING for events it was handed (as a widget client does, with no sync response), then the editor keeps my text as saved, and shows it saved on its echo", async () => {
    const { client, script, release } = await saveMineHeld();
    await act(async () => release());
    await screen.findByText(SAVED);
    // matrix-js-sdk's RoomWidgetClient reports SYNCING (no sync token) for every event and to-device message the
    // host hands it; there are no sync responses and no gaps.
    act(() => {
      for (let i = 0; i < 3; i++) client.emit(ClientEvent.Sync, SyncState.Syncing, SyncState.Syncing);
    });
    // Before a fix: after two of them, "changed elsewhere" and the draft unsaved again (until the echo came).
    expect(screen.queryByText(/changed/i)).toBeNull();
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    await act(() => script.push({ join: { [ROOM]: { timeline: [myEcho()] } } }));
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("mine");
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    expect(storedDrafts()).toEqual([]);
  });
});

describe("awaitEcho's watch and the editor's life", () => {
  it("given my save is out, when the editor closes before its answer and the answer comes without the echo in sight, then no sync listener is left behind", async () => {
    const { client, release, unmount } = await saveMineHeld();
    unmount();
    const before = client.listenerCount(ClientEvent.Sync);
    await act(async () => release());
    await waitFor(() => expect(storedDrafts()).toEqual([])); // the save finished (its stored draft dropped)
    // Before a fix: one more (the save's end starts awaitEcho on the editor already gone, after its cleanup ran).
    expect(client.listenerCount(ClientEvent.Sync)).toBe(before);
  });

  it("given two syncs after my save's answer brought no echo (the draft is unsaved again), when my echo then arrives and readers see my text, then the editor shows it as saved", async () => {
    const { script, release } = await saveMineHeld();
    await act(async () => release());
    await screen.findByText(SAVED);
    // A sync worker behind the one that took the save (Synapse with workers): two syncs come back without it.
    await twoSyncsWithoutEcho(script);
    const mine = myEcho();
    await act(() => script.push({ join: { [ROOM]: { timeline: [mine] } } }));
    // Before a fix: Save stays enabled and "mine" stays a stored draft for good, though readers see exactly it.
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    expect(storedDrafts()).toEqual([]);
  });
});

describe("a save the watch gave up on, when its echo comes later", () => {
  it("given two syncs after my save's answer brought no echo and the editor was closed and opened again, when my echo then arrives and readers see my text, then the editor shows it as saved", async () => {
    const { client, script, release, unmount } = await saveMineHeld();
    await act(async () => release());
    await screen.findByText(SAVED);
    await twoSyncsWithoutEcho(script);
    // The author closes the editor (a dialog) and opens it again: the stored draft "mine" opens, unsaved.
    unmount();
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled");
    await act(() => script.push({ join: { [ROOM]: { timeline: [myEcho()] } } }));
    // Bug: the `rewound` mark lived in the closed editor only; "mine" stays an unsaved stored draft for good.
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    expect(storedDrafts()).toEqual([]);
  });

  // <Activity> is React 19's (the react18 tier skips this).
  it.skipIf(!Activity)(
    "given the editor is hidden (<Activity mode=hidden>) while my save is out, when its answer comes, the editor shows again and two syncs bring no echo, then the draft is unsaved again",
    async () => {
      const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
      const release = holdStatePuts(script, { json: { event_id: "$mine:example.org" } });
      const Hideable = Activity!;
      const ui = (mode: "visible" | "hidden") => (
        <Hideable mode={mode}>
          <WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />
        </Hideable>
      );
      const { rerender } = render(ui("visible"));
      typeAndSave("mine");
      await waitFor(() => expect(statePuts(script)).toHaveLength(1));
      rerender(ui("hidden"));
      await act(async () => release());
      await waitFor(() => expect(storedDrafts()).toEqual([]));
      rerender(ui("visible"));
      await screen.findByText(SAVED);
      await act(() => script.push(chat));
      await act(() => script.push(chat));
      // Bug: the effect's cleanup (hidden) set `watching` false, so the answer started no watch, and showing again
      // starts none: the save stays "saved" though two syncs tell a gap hid it.
      await waitFor(() =>
        expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled"),
      );
    },
  );

  it("given React StrictMode, when two syncs after my save's answer bring no echo, then the draft is unsaved again, and my late echo makes it saved", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const release = holdStatePuts(script, { json: { event_id: "$mine:example.org" } });
    render(
      <StrictMode>
        <WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />
      </StrictMode>,
    );
    typeAndSave("mine");
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    await act(async () => release());
    await screen.findByText(SAVED);
    await twoSyncsWithoutEcho(script);
    await act(() => script.push({ join: { [ROOM]: { timeline: [myEcho()] } } }));
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    expect(storedDrafts()).toEqual([]);
  });
});
