/**
 * One mounted WelcomeDialog whose room is switched while it stays open (the app follows a link in the welcome to
 * another room, say, whose welcome is due too): the new room's welcome is a new dialog to the user, so it takes focus
 * as an opened one does, and screen readers read it rather than nothing (the focused link gone) or a button that
 * no longer says what it is about.
 */
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { mergeBatches, welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const A = "!a:example.org";
const B = "!b:example.org";
const C = "!c:example.org";

const settle = () => act(() => new Promise((r) => setTimeout(r, 50)));
const message = () => screen.getByRole("dialog").querySelector<HTMLElement>('[data-part="scroll"]')!;

/** A composer and one dialog in a world of rooms A and C, each with a due welcome (A's has a link), and B with none. */
async function roomView() {
  const { client } = await startWorld(
    ME,
    mergeBatches(
      welcomeRoom(ME, A, {
        prevMembership: "invite",
        welcome: [
          welcomeEvent("Rules A: see #c", 'Rules A: see <a href="https://matrix.to/#/!c:example.org">#c</a>'),
        ],
        name: "Alpha",
      }),
      welcomeRoom(ME, B, { prevMembership: "invite", name: "Beta" }),
      welcomeRoom(ME, C, { prevMembership: "invite", welcome: [welcomeEvent("Rules C")], name: "Gamma" }),
    ),
  );
  const seenStore = createMemorySeenStore();
  const ui = (roomId: string, labels?: { confirm: string }) => (
    <>
      <button type="button">composer</button>
      <WelcomeDialog client={client} roomId={roomId} options={{ seenStore }} labels={labels} />
    </>
  );
  const view = render(ui(B));
  screen.getByRole("button", { name: "composer" }).focus();
  view.rerender(ui(A));
  await settle();
  return { view, ui, user: userEvent.setup() };
}

describe("a room switched while the welcome dialog stays open", () => {
  it("given focus on Got it, when the room switches to another due welcome, the new welcome's text takes focus", async () => {
    const { view, ui } = await roomView();
    screen.getByRole("button", { name: "Got it" }).focus();
    view.rerender(ui(C));
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules C");
    expect(message()).toHaveFocus();
    expect(message()).toHaveTextContent("Rules C");
  });

  it("given focus on a link in the welcome, when the room switches, focus goes to the new welcome's text, not to nowhere", async () => {
    const { view, ui } = await roomView();
    screen.getByRole("link", { name: /#c/ }).focus();
    view.rerender(ui(C));
    await settle();
    expect(message()).toHaveFocus();
    expect(message()).toHaveTextContent("Rules C");
  });

  it("control: props other than the room change while open: focus stays on the button the user is on", async () => {
    const { view, ui } = await roomView();
    screen.getByRole("button", { name: "Got it" }).focus();
    view.rerender(ui(A, { confirm: "OK" }));
    await settle();
    expect(screen.getByRole("button", { name: "OK" })).toHaveFocus();
  });

  it("after the switch, Escape still takes focus back to where it was before the first dialog opened", async () => {
    const { view, ui, user } = await roomView();
    screen.getByRole("button", { name: "Got it" }).focus();
    view.rerender(ui(C));
    await settle();
    await user.keyboard("{Escape}");
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("button", { name: "composer" })).toHaveFocus();
  });
});
