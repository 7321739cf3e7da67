import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { StrictMode, useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import {
  answerStatePuts,
  EDITOR_LABEL,
  EDITOR_ROOM,
  moderatorsWorld,
  myEcho,
  REMOVE,
  removeWelcome,
  SAVED,
  saveMineHeld,
  statePuts,
  syncEditorRoom,
  typeAndSave,
} from "../support/editor";
import { welcomeEvent } from "../support/events";

afterEach(() => localStorage.clear());

const openEditor = (client: Parameters<typeof WelcomeEditor>[0]["client"]) =>
  render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
const saveButton = () => screen.getByRole("button", { name: /^Sav/ });
const textArea = () => screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement;
const settle = () => act(() => new Promise((r) => setTimeout(r, 30)));
const FORBIDDEN = { status: 403, json: { errcode: "M_FORBIDDEN", error: "no" } } as const;

describe("an editor opened again while the room's save is out", () => {
  it("given my save is out, when I close the editor and open it again, it shows the save in progress and pressing Save sends nothing more", async () => {
    const { client, script, release, unmount } = await saveMineHeld();
    unmount();
    openEditor(client);
    expect(textArea()).toHaveValue("mine");
    expect(saveButton()).toHaveTextContent("Saving…");
    expect(saveButton()).toHaveAttribute("aria-disabled", "true");
    fireEvent.click(saveButton());
    await act(async () => release());
    await settle();
    expect(statePuts(script)).toHaveLength(1);
  });

  it("given my save is out when I open the editor again, when it is answered, the new editor says it is saved and offers nothing to save", async () => {
    const { client, script, release, unmount } = await saveMineHeld();
    unmount();
    openEditor(client);
    await act(async () => release());
    expect(await screen.findByText(SAVED)).toBeInTheDocument();
    expect(saveButton()).toHaveTextContent("Save");
    expect(saveButton()).toHaveAttribute("aria-disabled", "true");
    // The echo comes later: still nothing to save, and no "someone else changed it".
    await syncEditorRoom(script, myEcho());
    expect(textArea()).toHaveValue("mine");
    expect(saveButton()).toHaveAttribute("aria-disabled", "true");
    expect(screen.queryByText(/Someone else changed/)).toBeNull();
  });

  it("given I switch to another room and back while the first room's save is out, the editor still shows it in progress", async () => {
    const world = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const { release } = answerStatePuts(world.script, [{ json: { event_id: "$mine:example.org" } }], 0);
    let switchTo!: (roomId: string) => void;
    function App() {
      const [roomId, setRoomId] = useState(EDITOR_ROOM);
      switchTo = setRoomId;
      return <WelcomeEditor client={world.client} roomId={roomId} defaultFormat="plain" />;
    }
    render(<App />);
    typeAndSave("mine");
    await waitFor(() => expect(statePuts(world.script)).toHaveLength(1));
    act(() => switchTo("!elsewhere:example.org"));
    act(() => switchTo(EDITOR_ROOM));
    expect(saveButton()).toHaveAttribute("aria-disabled", "true");
    fireEvent.click(saveButton());
    await act(async () => release());
    expect(await screen.findByText(SAVED)).toBeInTheDocument();
    expect(statePuts(world.script)).toHaveLength(1);
  });

  it("given my save is out when I open the editor again, when the server refuses it, the new editor says so and offers Save again", async () => {
    const world = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const { release } = answerStatePuts(
      world.script,
      [FORBIDDEN, { json: { event_id: "$again:example.org" } }],
      0,
    );
    const first = openEditor(world.client);
    typeAndSave("mine");
    await waitFor(() => expect(statePuts(world.script)).toHaveLength(1));
    first.unmount();
    openEditor(world.client);
    await act(async () => release());
    expect((await screen.findByRole("alert")).textContent).toMatch(/you don.t have permission/);
    expect(textArea()).toHaveValue("mine");
    expect(saveButton()).not.toHaveAttribute("aria-disabled");
    fireEvent.click(saveButton());
    expect(await screen.findByText(SAVED)).toBeInTheDocument();
    expect(statePuts(world.script)).toHaveLength(2);
  });

  it("given I typed something else in the new editor while the old save was out, when it is answered, my new text stays unsaved", async () => {
    const { client, release, unmount } = await saveMineHeld();
    unmount();
    openEditor(client);
    fireEvent.change(textArea(), { target: { value: "mine, and more" } });
    await act(async () => release());
    await settle();
    expect(textArea()).toHaveValue("mine, and more");
    expect(saveButton()).not.toHaveAttribute("aria-disabled");
  });

  it("given my removal is out when I open the editor again, when it is answered, the new editor says it was removed", async () => {
    const world = await moderatorsWorld([
      welcomeEvent("House rules", undefined, { unstable: true, eventId: "$rules:example.org" }),
    ]);
    const { release } = answerStatePuts(world.script, [{ json: { event_id: "$removal:example.org" } }], 0);
    const first = openEditor(world.client);
    removeWelcome();
    await waitFor(() => expect(statePuts(world.script)).toHaveLength(1));
    first.unmount();
    openEditor(world.client);
    expect(screen.getByRole("button", { name: REMOVE })).toHaveAttribute("aria-disabled", "true");
    await act(async () => release());
    expect(await screen.findByText("Welcome message removed.")).toBeInTheDocument();
    expect(textArea()).toHaveValue("");
    expect(statePuts(world.script)).toHaveLength(1);
  });

  it("given another editor saves other text while my save is out, the editor opened again still waits for mine and sends no second copy", async () => {
    const world = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const { release } = answerStatePuts(
      world.script,
      [{ json: { event_id: "$mine:example.org" } }, { json: { event_id: "$other:example.org" } }],
      0,
    );
    const first = openEditor(world.client);
    typeAndSave("mine");
    await waitFor(() => expect(statePuts(world.script)).toHaveLength(1));
    first.unmount();
    const reopened = openEditor(world.client).container;
    const another = openEditor(world.client).container;
    fireEvent.change(within(another).getByLabelText(EDITOR_LABEL), { target: { value: "other" } });
    fireEvent.click(within(another).getByRole("button", { name: "Save" }));
    await within(another).findByText(SAVED);
    expect(within(reopened).getByRole("button", { name: /^Sav/ })).toHaveTextContent("Saving…");
    fireEvent.click(within(reopened).getByRole("button", { name: /^Sav/ }));
    await settle();
    expect(statePuts(world.script)).toHaveLength(2);
    await act(async () => release());
    expect(await within(reopened).findByText(SAVED)).toBeInTheDocument();
  });

  it("given the app signs the same user in again (another client) while the editor opened again waits, it still waits and sends no second copy", async () => {
    const { client, script, release, unmount } = await saveMineHeld();
    unmount();
    const again = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    answerStatePuts(again.script, [{ json: { event_id: "$dup:example.org" } }]);
    const view = openEditor(client);
    view.rerender(<WelcomeEditor client={again.client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    await settle();
    expect(textArea()).toHaveValue("mine");
    expect(saveButton()).toHaveAttribute("aria-disabled", "true");
    fireEvent.click(saveButton());
    await settle();
    expect(statePuts(script).length + statePuts(again.script).length).toBe(1);
    await act(async () => release());
    expect(await screen.findByText(SAVED)).toBeInTheDocument();
  });

  it("given StrictMode (effects run twice), the editor opened again still takes the save's answer", async () => {
    const { client, release, unmount } = await saveMineHeld();
    unmount();
    render(
      <StrictMode>
        <WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />
      </StrictMode>,
    );
    expect(saveButton()).toHaveTextContent("Saving…");
    await act(async () => release());
    expect(await screen.findByText(SAVED)).toBeInTheDocument();
  });
});
