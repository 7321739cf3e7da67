// Two welcomes due at once (a space's and one of its rooms', joined in one sync): one dialog at a time, each in turn,
// so a screen reader always finds the open one (two modal dialogs each hide the other from assistive technology).
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { redactionEvent, welcomeEvent } from "../support/events";
import { mergeBatches, welcomeRoom } from "../support/scenarios";
import { ME, ROOM, SPACE, spaceAndRoomDialogs } from "../support/spaceAndRoom";
import { startWorld } from "../support/world";

const INFO = "!info:example.org";

/** Both dialogs mounted, then the user joins the space and its room in one sync. */
async function joinSpaceAndRoom() {
  const { seenStore, joinBoth } = await spaceAndRoomDialogs();
  await joinBoth();
  return seenStore;
}

describe("two welcomes due in one sync", () => {
  it("one dialog is open and a screen reader finds it; Got it opens the other; then the page is usable again", async () => {
    const user = userEvent.setup();
    const seenStore = await joinSpaceAndRoom();
    expect(screen.getAllByRole("dialog", { hidden: true })).toHaveLength(1);
    expect(screen.getByRole("dialog")).toHaveTextContent("Space rules");
    await user.click(screen.getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.getByRole("dialog")).toHaveTextContent("Lounge rules"));
    expect(screen.getAllByRole("dialog", { hidden: true })).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    expect(seenStore.getSeen(SPACE, ME)).toHaveLength(1);
    expect(seenStore.getSeen(ROOM, ME)).toHaveLength(1);
    expect(document.body.style.pointerEvents).not.toBe("none");
    expect(screen.getByRole("button", { name: "composer" }).closest("[aria-hidden=true]")).toBeNull();
  });

  it("given a second dialog for the space too, focus is back on the composer after both welcomes", async () => {
    const user = userEvent.setup();
    const { joinBoth } = await spaceAndRoomDialogs({ duplicateSpace: true });
    const composer = screen.getByRole("button", { name: "composer" });
    composer.focus();
    await joinBoth();
    expect(screen.getAllByRole("dialog", { hidden: true })).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.getByRole("dialog")).toHaveTextContent("Lounge rules"));
    await user.click(screen.getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    await waitFor(() => expect(composer).toHaveFocus());
  });

  it("closing the first with Escape opens the other too", async () => {
    const user = userEvent.setup();
    await joinSpaceAndRoom();
    expect(screen.getByRole("dialog")).toHaveTextContent("Space rules");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.getByRole("dialog")).toHaveTextContent("Lounge rules"));
  });
});

describe("a welcome dialog the app opens itself (controlled)", () => {
  it("given the app showing the space's rules, the room's welcome due meanwhile waits until the app closes them", async () => {
    const user = userEvent.setup();
    const options = { seenStore: createMemorySeenStore() };
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, SPACE, { roomType: "m.space", name: "Space", welcome: [welcomeEvent("Space rules")] }),
    );
    function App() {
      const [rulesOpen, setRulesOpen] = useState(true);
      return (
        <>
          <WelcomeDialog
            client={client}
            roomId={SPACE}
            options={options}
            open={rulesOpen}
            onOpenChange={setRulesOpen}
          />
          <WelcomeDialog client={client} roomId={ROOM} options={options} />
        </>
      );
    }
    render(<App />);
    expect(screen.getByRole("dialog")).toHaveTextContent("Space rules");
    await act(() =>
      script.push(
        welcomeRoom(ME, ROOM, {
          prevMembership: "invite",
          name: "Lounge",
          welcome: [welcomeEvent("Lounge rules")],
        }),
      ),
    );
    expect(screen.getAllByRole("dialog", { hidden: true })).toHaveLength(1);
    expect(screen.getByRole("dialog")).toHaveTextContent("Space rules");
    await user.click(screen.getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.getByRole("dialog")).toHaveTextContent("Lounge rules"));
    expect(screen.getAllByRole("dialog", { hidden: true })).toHaveLength(1);
  });

  it("given two welcomes in line and then the app opening its own, the first closing does not open the waiting one alongside the app's", async () => {
    const options = { seenStore: createMemorySeenStore() };
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, INFO, { name: "Info", welcome: [welcomeEvent("Info rules")] }),
    );
    let openInfo = () => {};
    function App() {
      const [infoOpen, setInfoOpen] = useState(false);
      openInfo = () => setInfoOpen(true);
      return (
        <>
          <WelcomeDialog client={client} roomId={SPACE} options={options} />
          <WelcomeDialog client={client} roomId={ROOM} options={options} />
          <WelcomeDialog
            client={client}
            roomId={INFO}
            options={options}
            open={infoOpen}
            onOpenChange={setInfoOpen}
          />
        </>
      );
    }
    render(<App />);
    const spaceWelcome = welcomeEvent("Space rules");
    await act(() =>
      script.push(
        mergeBatches(
          welcomeRoom(ME, SPACE, {
            prevMembership: "invite",
            roomType: "m.space",
            name: "Space",
            welcome: [spaceWelcome],
          }),
          welcomeRoom(ME, ROOM, {
            prevMembership: "invite",
            name: "Lounge",
            welcome: [welcomeEvent("Lounge rules")],
          }),
        ),
      ),
    );
    expect(screen.getByRole("dialog")).toHaveTextContent("Space rules");
    // The app opens its own (from a menu): it opens at once, over the space's.
    await act(() => openInfo());
    expect(screen.getAllByRole("dialog", { hidden: true })).toHaveLength(2);
    // The space's moderator takes its welcome down: that dialog closes, and the lounge's waits for the app's.
    await act(() =>
      script.push({ join: { [SPACE]: { timeline: [redactionEvent(spaceWelcome.event_id as string)] } } }),
    );
    const open = () =>
      screen.queryAllByRole("dialog", { hidden: true }).map((d) => d.getAttribute("data-room-id"));
    await waitFor(() => expect(open()).toEqual([INFO]));
    await userEvent.setup().click(screen.getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(open()).toEqual([ROOM]));
  });
});
