/**
 * Removing without the editor's question (`confirmRemoval={false}`, an app that asks itself): keyboard focus stays on
 * Remove while "removed" is announced, and moves to the text area only when Remove goes with the removal's echo.
 */

import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import {
  captureStatePut,
  EDITOR_LABEL,
  EDITOR_ROOM,
  MODERATOR,
  OTHER_MODERATOR,
  pushStateEcho,
  REMOVE,
  statePuts,
  syncEditorRoom,
} from "../support/editor";
import { stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const REMOVED = "Welcome message removed.";
const levels = () =>
  stateEvent(
    "m.room.power_levels",
    { users: { [MODERATOR]: 100 }, users_default: 0, state_default: 50 },
    { sender: MODERATOR },
  );
const world = () =>
  startWorld(
    MODERATOR,
    welcomeRoom(MODERATOR, EDITOR_ROOM, {
      welcome: [levels(), welcomeEvent("House rules", undefined, { eventId: "$rules:example.org" })],
    }),
  );
afterEach(() => localStorage.clear());

/** Focuses Remove and presses Enter, as a keyboard user does. */
async function removeWithKeyboard() {
  const user = userEvent.setup();
  screen.getByRole("button", { name: REMOVE }).focus();
  await user.keyboard("{Enter}");
}

describe("removing without the editor's question, from the keyboard", () => {
  it("given the server answered, focus stays on Remove (now unavailable) while the removal is announced, and moves to the text area when Remove goes with the echo", async () => {
    const { client, script } = await world();
    const sent = captureStatePut(script, "$removal:example.org");
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} confirmRemoval={false} />);
    await removeWithKeyboard();
    expect(await screen.findByText(REMOVED)).toBeInTheDocument();
    const remove = screen.getByRole("button", { name: REMOVE });
    expect(remove).toHaveFocus();
    expect(remove).toHaveAttribute("aria-disabled", "true");

    await pushStateEcho(script, sent, "$removal:example.org");
    await waitFor(() => expect(screen.queryByRole("button", { name: REMOVE })).toBeNull());
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveFocus();
    expect(screen.getByText(REMOVED)).toBeInTheDocument();
  });

  it("given the removal was answered and its echo has not come, pressing Remove again sends nothing", async () => {
    const { client, script } = await world();
    captureStatePut(script, "$removal:example.org");
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} confirmRemoval={false} />);
    await removeWithKeyboard();
    await screen.findByText(REMOVED);
    const user = userEvent.setup();
    await user.keyboard("{Enter}");
    await user.click(screen.getByRole("button", { name: REMOVE }));
    expect(statePuts(script)).toHaveLength(1);
  });

  it("given the removal's echo came, when another moderator sets a new welcome, Remove is offered again and removes it", async () => {
    const { client, script } = await world();
    const sent = captureStatePut(script, "$removal:example.org");
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} confirmRemoval={false} />);
    await removeWithKeyboard();
    await screen.findByText(REMOVED);
    await pushStateEcho(script, sent, "$removal:example.org");
    await waitFor(() => expect(screen.queryByRole("button", { name: REMOVE })).toBeNull());

    await syncEditorRoom(
      script,
      welcomeEvent("New rules", undefined, { sender: OTHER_MODERATOR, eventId: "$new:example.org" }),
    );
    const again = await screen.findByRole("button", { name: REMOVE });
    expect(again).not.toHaveAttribute("aria-disabled");
    await userEvent.setup().click(again);
    await waitFor(() => expect(statePuts(script)).toHaveLength(2));
  });

  it("given the question (the default), confirming still moves focus to the text area at once", async () => {
    const { client, script } = await world();
    captureStatePut(script, "$removal:example.org");
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    await removeWithKeyboard();
    const user = userEvent.setup();
    await user.keyboard("{Shift>}{Tab}{/Shift}{Enter}");
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveFocus();
    expect(await screen.findByText(REMOVED)).toBeInTheDocument();
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveFocus();
  });
});
