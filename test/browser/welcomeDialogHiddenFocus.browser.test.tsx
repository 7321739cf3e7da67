/**
 * In Chromium: welcome dialogs in line when the app hides and shows one with <Activity> (a tab). The hidden dialog
 * keeps the focus it had until the next one takes it; that focus is not where the next one's should go back to.
 */
import "../../src/styles.css";
import { act, render, screen, waitFor } from "@testing-library/react";
import { Activity, type ReactNode, useState } from "react";
import { expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { ME, ROOM, SPACE, spaceAndRoomJoin } from "../support/spaceAndRoom";
import { startWorld } from "../support/world";

/** The space's welcome in a tab the app hides and shows with <Activity>, the room's beside it; both join in one sync. */
async function spaceInTab() {
  const options = { seenStore: createMemorySeenStore() };
  const { client, script } = await startWorld(ME, {});
  let setMode: (m: "hidden" | "visible") => void = () => {};
  function Tab({ children }: { children: ReactNode }) {
    const [mode, set] = useState<"hidden" | "visible">("visible");
    setMode = set;
    return <Activity mode={mode}>{children}</Activity>;
  }
  function App() {
    return (
      <>
        <button type="button">composer</button>
        <Tab>
          <WelcomeDialog client={client} roomId={SPACE} options={options} />
        </Tab>
        <WelcomeDialog client={client} roomId={ROOM} options={options} />
      </>
    );
  }
  render(<App />);
  const composer = screen.getByRole("button", { name: "composer" });
  composer.focus();
  await act(() => script.push(spaceAndRoomJoin()));
  return {
    composer,
    hide: () => act(async () => setMode("hidden")),
    show: () => act(async () => setMode("visible")),
  };
}

const dialogWith = async (text: string) => {
  await waitFor(() => expect(screen.getByRole("dialog")).toHaveTextContent(text));
  const d = screen.getByRole("dialog");
  await waitFor(() => expect(d.contains(document.activeElement)).toBe(true));
  return d;
};

it("given the composer focused, the space's tab hidden while its welcome is open: focus goes to the room's welcome, then back to the composer; shown again, the space's takes it and gives it back", async () => {
  const { composer, hide, show } = await spaceInTab();
  await dialogWith("Space rules");
  await hide();
  await dialogWith("Lounge rules");
  await userEvent.click(screen.getByRole("button", { name: "Got it" }));
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  await waitFor(() => expect(composer).toHaveFocus());
  await show();
  await dialogWith("Space rules");
  await userEvent.click(screen.getByRole("button", { name: "Got it" }));
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  await waitFor(() => expect(composer).toHaveFocus());
});

it("the space's tab hidden and shown again while the room's welcome is open: focus stays in the room's welcome, one dialog, and the composer has it at the end", async () => {
  const { composer, hide, show } = await spaceInTab();
  await dialogWith("Space rules");
  await hide();
  const lounge = await dialogWith("Lounge rules");
  await show();
  await new Promise((r) => setTimeout(r, 100));
  expect(screen.getAllByRole("dialog")).toHaveLength(1);
  expect(lounge.contains(document.activeElement)).toBe(true);
  await userEvent.click(screen.getByRole("button", { name: "Got it" }));
  await dialogWith("Space rules");
  await userEvent.click(screen.getByRole("button", { name: "Got it" }));
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  await waitFor(() => expect(composer).toHaveFocus());
});
