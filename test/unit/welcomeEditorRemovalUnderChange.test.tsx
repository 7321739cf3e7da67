/**
 * Removing a welcome while the room changes: Remove's offer follows the type readers go by, and the question closes
 * with what it asked about (a new edition, the welcome gone, the permission lost, a save) without stranding focus.
 */
import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useWelcomeRemovePermission, WelcomeEditor } from "../../src";
import {
  CONFIRM_REMOVE,
  EDITOR_ROOM,
  KEEP_WELCOME,
  MODERATOR,
  OTHER_MODERATOR,
  REMOVE,
  REMOVE_QUESTION,
  statePuts,
} from "../support/editor";
import { redactionEvent, stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const SOURCE = /Message shown/;
const UNSTABLE = "org.matrix.msc3857.welcome";
const pl = (level: number, events: Record<string, number> = {}) =>
  stateEvent(
    "m.room.power_levels",
    { users: { [MODERATOR]: level, [OTHER_MODERATOR]: 100 }, users_default: 0, state_default: 50, events },
    { sender: OTHER_MODERATOR },
  );
const world = (state: ReturnType<typeof welcomeEvent>[]) =>
  startWorld(MODERATOR, welcomeRoom(MODERATOR, EDITOR_ROOM, { welcome: state }));
const sync = (
  script: Awaited<ReturnType<typeof world>>["script"],
  ...timeline: ReturnType<typeof stateEvent>[]
) => act(() => script.push({ join: { [EDITOR_ROOM]: { timeline } } }));
afterEach(() => localStorage.clear());

describe("Remove follows the type readers go by, as the room changes", () => {
  it("given Remove is offered, when someone else sets a hidden unstable welcome the moderator may not clear, Remove stays offered", async () => {
    const { client, script } = await world([pl(50, { [UNSTABLE]: 100 }), welcomeEvent("Current rules")]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    expect(screen.getByRole("button", { name: REMOVE })).toBeInTheDocument();
    await sync(script, welcomeEvent("Old rules", undefined, { unstable: true, sender: OTHER_MODERATOR }));
    expect(screen.getByLabelText(SOURCE)).toHaveValue("Current rules");
    expect(screen.getByRole("button", { name: REMOVE })).toBeInTheDocument();
  });

  it("given Remove is offered over a stable welcome, when someone else's stable welcome is redacted so the unstable one the moderator may not clear shows, Remove is no longer offered", async () => {
    const { client, script } = await world([
      pl(50, { [UNSTABLE]: 100 }),
      welcomeEvent("Old rules", undefined, { unstable: true }),
      welcomeEvent("Current rules", undefined, { eventId: "$current:example.org" }),
    ]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} stable />);
    expect(screen.getByRole("button", { name: REMOVE })).toBeInTheDocument();
    await sync(script, redactionEvent("$current:example.org", { sender: OTHER_MODERATOR }));
    await waitFor(() => expect(screen.getByLabelText(SOURCE)).toHaveValue("Old rules"));
    expect(screen.queryByRole("button", { name: REMOVE })).toBeNull();
  });
});

describe("useWelcomeRemovePermission, for apps with their own editor", () => {
  it("given the unstable welcome shows and the moderator may not send its type, the hook says no and why, and yes once a stable welcome stands", async () => {
    const { client, script } = await world([
      pl(50, { [UNSTABLE]: 100 }),
      welcomeEvent("Old rules", undefined, { unstable: true }),
    ]);
    const { result } = renderHook(() => useWelcomeRemovePermission(client, EDITOR_ROOM));
    expect(result.current).toMatchObject({
      canEdit: false,
      reason: "power-level",
      requiredLevel: 100,
      userLevel: 50,
    });
    await sync(script, welcomeEvent("Current rules", undefined, { sender: OTHER_MODERATOR }));
    await waitFor(() => expect(result.current.canEdit).toBe(true));
  });

  it("given a room the client does not hold, the hook says so rather than throwing", async () => {
    const { client } = await world([pl(100), welcomeEvent("House rules")]);
    const { result } = renderHook(() => useWelcomeRemovePermission(client, "!elsewhere:example.org"));
    expect(result.current).toMatchObject({ canEdit: false, reason: "unknown-room" });
  });
});

describe("The Remove question never strands keyboard focus or outlives what it asked about", () => {
  it("given the question is open with focus on Keep it, when someone else removes the welcome, then focus goes to the text area, not the page body", async () => {
    const { client, script } = await world([pl(100), welcomeEvent("House rules")]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    fireEvent.click(screen.getByRole("button", { name: REMOVE }));
    expect(screen.getByRole("button", { name: KEEP_WELCOME })).toHaveFocus();
    await sync(script, stateEvent("m.room.welcome", {}, { sender: OTHER_MODERATOR }));
    await waitFor(() => expect(screen.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull());
    expect(screen.getByLabelText(SOURCE)).toHaveFocus();
  });

  it("given the question is open with focus on Keep it, when the moderator loses the power to edit, then focus goes to the text area, not the page body", async () => {
    const { client, script } = await world([pl(100), welcomeEvent("House rules")]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    fireEvent.click(screen.getByRole("button", { name: REMOVE }));
    await sync(script, pl(0));
    await waitFor(() => expect(screen.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull());
    expect(screen.getByLabelText(SOURCE)).toHaveFocus();
  });

  it("given the question is open, when someone else replaces the welcome, then the question closes (Yes would remove text the moderator never saw) and focus returns to Remove", async () => {
    const { client, script } = await world([pl(100), welcomeEvent("House rules")]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    fireEvent.click(screen.getByRole("button", { name: REMOVE }));
    await sync(script, welcomeEvent("New rules", undefined, { sender: OTHER_MODERATOR }));
    await waitFor(() => expect(screen.getByLabelText(SOURCE)).toHaveValue("New rules"));
    expect(screen.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull();
    expect(screen.getByRole("button", { name: REMOVE })).toHaveFocus();
    expect(statePuts(script)).toEqual([]);
  });

  it("given the question is open, when the moderator saves new text instead, then the question does not stay open over the welcome just saved", async () => {
    const { client } = await world([pl(100), welcomeEvent("House rules")]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    fireEvent.change(screen.getByLabelText(SOURCE), { target: { value: "New text" } });
    fireEvent.click(screen.getByRole("button", { name: REMOVE }));
    const save = screen.getByRole("button", { name: "Save" });
    await waitFor(() => expect(save).not.toHaveAttribute("aria-disabled"));
    fireEvent.click(save);
    expect(await screen.findByText("Welcome message saved.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull());
    expect(screen.queryByRole("button", { name: CONFIRM_REMOVE })).toBeNull();
  });
});
