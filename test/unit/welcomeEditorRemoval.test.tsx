/**
 * Removing a welcome from the editor: Remove asks before clearing it for everyone (keyboard and Escape included), an
 * app can confirm itself instead, and Remove is offered only when the user may clear every welcome readers could see.
 */

import * as Dialog from "@radix-ui/react-dialog";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import {
  CONFIRM_REMOVE,
  captureStatePut,
  EDITOR_ROOM,
  KEEP_WELCOME,
  MODERATOR,
  REMOVE,
  REMOVE_QUESTION,
  removeWelcome,
  statePuts,
  stateTypeOf,
} from "../support/editor";
import { stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const pl = (level: number, events: Record<string, number> = {}) =>
  stateEvent(
    "m.room.power_levels",
    { users: { [MODERATOR]: level }, users_default: 0, state_default: 50, events },
    { sender: MODERATOR },
  );
const world = (state: ReturnType<typeof welcomeEvent>[]) =>
  startWorld(MODERATOR, welcomeRoom(MODERATOR, EDITOR_ROOM, { welcome: state }));
afterEach(() => localStorage.clear());

describe("Remove asks first", () => {
  it("given a welcome, when the moderator presses Remove, nothing is sent until they confirm, and the safe answer has focus", async () => {
    const { client, script } = await world([pl(100), welcomeEvent("House rules")]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    fireEvent.click(screen.getByRole("button", { name: REMOVE }));
    expect(screen.getByRole("group", { name: REMOVE_QUESTION })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: KEEP_WELCOME })).toHaveFocus();
    expect(statePuts(script)).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: CONFIRM_REMOVE }));
    expect(await screen.findByText("Welcome message removed.")).toBeInTheDocument();
    expect(statePuts(script)).toHaveLength(1);
    expect(screen.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull();
  });

  it("given the question, when the moderator keeps the welcome, nothing is sent and focus returns to Remove", async () => {
    const { client, script } = await world([pl(100), welcomeEvent("House rules")]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    fireEvent.click(screen.getByRole("button", { name: REMOVE }));
    fireEvent.click(screen.getByRole("button", { name: KEEP_WELCOME }));
    expect(screen.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull();
    expect(screen.getByRole("button", { name: REMOVE })).toHaveFocus();
    expect(statePuts(script)).toEqual([]);
    expect(screen.getByLabelText(/Message shown/)).toHaveValue("House rules");
  });

  it("given the editor inside a Radix dialog (a room settings dialog, say), Escape in the question keeps the welcome and leaves the dialog open", async () => {
    const user = userEvent.setup();
    const { client, script } = await world([pl(100), welcomeEvent("House rules")]);
    render(
      <Dialog.Root defaultOpen>
        <Dialog.Portal>
          <Dialog.Content aria-describedby={undefined}>
            <Dialog.Title>Room settings</Dialog.Title>
            <WelcomeEditor client={client} roomId={EDITOR_ROOM} />
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>,
    );
    screen.getByRole("button", { name: REMOVE }).focus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("button", { name: KEEP_WELCOME })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull();
    expect(screen.getByRole("dialog", { name: "Room settings" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: REMOVE })).toHaveFocus();
    expect(statePuts(script)).toEqual([]);
    // Outside the question, Escape is the dialog's again.
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Room settings" })).toBeNull());
  });

  it("given confirmRemoval={false} (the app asks itself), Remove removes on the first press", async () => {
    const { client, script } = await world([pl(100), welcomeEvent("House rules")]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} confirmRemoval={false} />);
    fireEvent.click(screen.getByRole("button", { name: REMOVE }));
    expect(screen.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull();
    expect(await screen.findByText("Welcome message removed.")).toBeInTheDocument();
    expect(statePuts(script)).toHaveLength(1);
  });

  it("given translated labels, the question and both answers use them", async () => {
    const { client } = await world([pl(100), welcomeEvent("House rules")]);
    render(
      <WelcomeEditor
        client={client}
        roomId={EDITOR_ROOM}
        labels={{
          remove: "Willkommensnachricht entfernen",
          removeConfirm: "Für alle entfernen?",
          removeConfirmYes: "Ja, entfernen",
          removeConfirmNo: "Behalten",
        }}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Willkommensnachricht entfernen" }));
    expect(screen.getByRole("group", { name: "Für alle entfernen?" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Ja, entfernen" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Behalten" })).toHaveFocus();
  });

  it("given the question is open, when someone else removes the welcome, the question goes with the Remove button", async () => {
    const { client, script } = await world([pl(100), welcomeEvent("House rules")]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    fireEvent.click(screen.getByRole("button", { name: REMOVE }));
    await act(() =>
      script.push({
        join: {
          [EDITOR_ROOM]: { timeline: [stateEvent("m.room.welcome", {}, { sender: "@other:example.org" })] },
        },
      }),
    );
    await waitFor(() => expect(screen.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull());
    expect(screen.queryByRole("button", { name: CONFIRM_REMOVE })).toBeNull();
    expect(statePuts(script)).toEqual([]);
  });
});

describe("Remove needs only the type readers go by", () => {
  it("given an older unstable welcome hidden behind the stable one, whose type needs more power than the user has, Remove is offered and clears the stable type alone", async () => {
    // The stable welcome shows and alone speaks while it stands: its removal is all readers need. The user may send the
    // stable type (50) but not the unstable one (100), so the hidden copy stays.
    const { client, script } = await world([
      pl(50, { "org.matrix.msc3857.welcome": 100 }),
      welcomeEvent("Current rules"),
      welcomeEvent("Old rules", undefined, { unstable: true }),
    ]);
    const sent = captureStatePut(script, "$removed:example.org");
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    expect(screen.getByLabelText(/Message shown/)).toHaveValue("Current rules");
    removeWelcome();
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    expect(sent).toEqual({ type: "m.room.welcome", body: {} });
  });

  it("given the same power levels but no older unstable welcome, Remove is offered", async () => {
    const { client } = await world([
      pl(50, { "org.matrix.msc3857.welcome": 100 }),
      welcomeEvent("Current rules"),
    ]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    expect(screen.getByRole("button", { name: REMOVE })).toBeInTheDocument();
  });

  it("given the user may send both types, Remove clears the hidden unstable copy first (clients reading only that type still show it), then the stable one", async () => {
    const { client, script } = await world([
      pl(100),
      welcomeEvent("Current rules"),
      welcomeEvent("Old rules", undefined, { unstable: true }),
    ]);
    const sentTypes: string[] = [];
    script.route({ method: "PUT", path: /\/state\// }, (req) => {
      sentTypes.push(stateTypeOf(req.path));
      return { json: { event_id: `$removed${sentTypes.length}:example.org` } };
    });
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    removeWelcome();
    await waitFor(() => expect(sentTypes).toHaveLength(2));
    expect(sentTypes).toEqual(["org.matrix.msc3857.welcome", "m.room.welcome"]);
  });

  it("given the unstable welcome shows and its type needs more power than the user has, Remove is not offered until a stable welcome the user may clear stands", async () => {
    const { client, script } = await world([
      pl(50, { "org.matrix.msc3857.welcome": 100 }),
      welcomeEvent("Old rules", undefined, { unstable: true }),
    ]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} stable />);
    expect(screen.queryByRole("button", { name: REMOVE })).toBeNull();
    await act(() => script.push({ join: { [EDITOR_ROOM]: { timeline: [welcomeEvent("Current rules")] } } }));
    expect(await screen.findByRole("button", { name: REMOVE })).toBeInTheDocument();
  });
});
