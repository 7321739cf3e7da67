/**
 * One mounted WelcomeDialog whose props change while it is open, as an app's room view drives it: the room switched
 * (away and back within one task, or to another due welcome), or the portal container changed (a ref's element
 * arriving a render later, a layer moved). Radix mounts the content afresh then, and tells the old content's close a
 * moment later: focus must still go back where it came from, and a new room's welcome starts at its top.
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useRef, useState } from "react";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { mergeBatches, welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const A = "!a:example.org";
const B = "!b:example.org";
const C = "!c:example.org";

async function world() {
  return startWorld(
    ME,
    mergeBatches(
      welcomeRoom(ME, A, { prevMembership: "invite", welcome: [welcomeEvent("Rules A")], name: "Alpha" }),
      welcomeRoom(ME, B, { prevMembership: "invite", name: "Beta" }),
      welcomeRoom(ME, C, { prevMembership: "invite", welcome: [welcomeEvent("Rules C")], name: "Gamma" }),
    ),
  );
}

const composer = () => screen.getByRole("button", { name: "composer" });
const settle = () => act(() => new Promise((r) => setTimeout(r, 50)));

/** A composer and one dialog (its room and container as given), in a world of rooms A, B and C, and a user. */
async function roomView() {
  const { client } = await world();
  const seenStore = createMemorySeenStore();
  const ui = (roomId: string, container?: HTMLElement) => (
    <>
      <button type="button">composer</button>
      <WelcomeDialog client={client} roomId={roomId} options={{ seenStore }} container={container} />
    </>
  );
  return { client, seenStore, ui, user: userEvent.setup() };
}

/** Closes the open dialog with Escape, and checks focus went back to the composer once Radix is done. */
async function escapeReturnsFocus(user: ReturnType<typeof userEvent.setup>) {
  await settle();
  await user.keyboard("{Escape}");
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  await settle();
  expect(composer()).toHaveFocus();
}

describe("one dialog whose room is switched while it is open", () => {
  it("control: composer focused, switch B -> A opens, Escape: focus back on the composer", async () => {
    const { ui, user } = await roomView();
    const view = render(ui(B));
    composer().focus();
    view.rerender(ui(A));
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules A");
    await escapeReturnsFocus(user);
  });

  it("A open, switch to B (no welcome) and back to A within one task, Escape: focus back on the composer", async () => {
    const { ui, user } = await roomView();
    const view = render(ui(B));
    composer().focus();
    view.rerender(ui(A));
    await settle();
    view.rerender(ui(B));
    view.rerender(ui(A));
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules A");
    await escapeReturnsFocus(user);
  });

  it("control: A open, switch to C (due) then Got it: focus back on the composer", async () => {
    const { ui, user } = await roomView();
    const view = render(ui(B));
    composer().focus();
    view.rerender(ui(A));
    await settle();
    view.rerender(ui(C));
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules C");
    await settle();
    await user.click(screen.getByRole("button", { name: "Got it" }));
    await settle();
    expect(composer()).toHaveFocus();
  });
});

describe("one dialog whose portal container changes while it is open", () => {
  it("control: container from a ref callback (null on the first commit), welcome due at mount: Escape returns focus to the composer", async () => {
    const { client, seenStore, user } = await roomView();
    function RoomView({ roomId }: { roomId: string }) {
      const [container, setContainer] = useState<HTMLElement | null>(null);
      return (
        <>
          <div ref={setContainer} data-testid="portal-target" />
          <WelcomeDialog client={client} roomId={roomId} options={{ seenStore }} container={container} />
        </>
      );
    }
    const view = render(<button type="button">composer</button>);
    composer().focus();
    view.rerender(
      <>
        <button type="button">composer</button>
        <RoomView roomId={A} />
      </>,
    );
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules A");
    expect(screen.getByTestId("portal-target")).toContainElement(screen.getByRole("dialog"));
    await escapeReturnsFocus(user);
  });

  it("container prop changed while open (app moves the dialog into another layer): Escape returns focus to the composer", async () => {
    const { ui, user } = await roomView();
    const layer1 = document.body.appendChild(document.createElement("div"));
    const layer2 = document.body.appendChild(document.createElement("div"));
    const view = render(ui(B, layer1));
    composer().focus();
    view.rerender(ui(A, layer1));
    await settle();
    view.rerender(ui(A, layer2));
    expect(layer2).toContainElement(screen.getByRole("dialog"));
    await escapeReturnsFocus(user);
    layer1.remove();
    layer2.remove();
  });

  it("container={ref.current} (null on the first render), welcome due at mount, a later re-render moves it into the container: Escape returns focus to the composer", async () => {
    const { client, seenStore, user } = await roomView();
    function RoomView({ tick }: { tick: number }) {
      const ref = useRef<HTMLDivElement>(null);
      return (
        <>
          <div ref={ref} data-testid="portal-target" data-tick={tick} />
          <WelcomeDialog client={client} roomId={A} options={{ seenStore }} container={ref.current} />
        </>
      );
    }
    const page = (tick: number | null) => (
      <>
        <button type="button">composer</button>
        {tick === null ? null : <RoomView tick={tick} />}
      </>
    );
    const view = render(page(null));
    composer().focus();
    view.rerender(page(0));
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules A");
    await settle();
    view.rerender(page(1)); // e.g. the room's timeline updated
    expect(screen.getByTestId("portal-target")).toContainElement(screen.getByRole("dialog"));
    await escapeReturnsFocus(user);
  });
});

describe("the message view across a room switch while open", () => {
  it("A's long welcome scrolled down, roomId switched to C (due): C's welcome starts at its top", async () => {
    const long = Array.from({ length: 200 }, (_, i) => `Rule ${i}`).join("\n");
    const { client } = await startWorld(
      ME,
      mergeBatches(
        welcomeRoom(ME, A, { prevMembership: "invite", welcome: [welcomeEvent(long)], name: "Alpha" }),
        welcomeRoom(ME, C, {
          prevMembership: "invite",
          welcome: [welcomeEvent(`C: ${long}`)],
          name: "Gamma",
        }),
      ),
    );
    const seenStore = createMemorySeenStore();
    const ui = (roomId: string) => <WelcomeDialog client={client} roomId={roomId} options={{ seenStore }} />;
    const view = render(ui(A));
    const scroll = () => screen.getByRole("dialog").querySelector<HTMLElement>('[data-part="scroll"]')!;
    scroll().scrollTop = 1500;
    view.rerender(ui(C));
    expect(screen.getByRole("dialog")).toHaveAccessibleName("Welcome to Gamma");
    expect(scroll().scrollTop).toBe(0);
  });
});
