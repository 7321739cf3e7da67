/**
 * The welcome dialog's closing paths among an app's own UI: a click outside, Escape with the app's own Radix dialog
 * underneath, a confirm callback that throws; and its listeners across room switches (from a review, which found no
 * bug in these).
 */
import * as Dialog from "@radix-ui/react-dialog";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { listenerTotal } from "../support/listeners";
import { mergeBatches, welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const ROOM2 = "!other:example.org";
const ROOM3 = "!third:example.org";

describe("the welcome dialog among the app's own dialogs", () => {
  it("a click on the overlay closes the welcome and marks it seen (README: a click outside marks it seen)", async () => {
    const user = userEvent.setup();
    const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
    const seenStore = createMemorySeenStore();
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />);
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    const overlay = document.querySelector(".mnk-welcome-overlay") as HTMLElement;
    expect(overlay).not.toBeNull();
    await user.click(overlay);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(seenStore.getSeen(ROOM)).toHaveLength(1);
  });

  it("given the app's onConfirm throws, the welcome still closes, is marked seen, the app is told it closed, and the error is reported as uncaught", async () => {
    const user = userEvent.setup();
    const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
    const seenStore = createMemorySeenStore();
    const reported: unknown[] = [];
    const reportError = vi.spyOn(globalThis, "reportError").mockImplementation((e) => reported.push(e));
    const onOpenChange = vi.fn();
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore }}
        onOpenChange={onOpenChange}
        onConfirm={() => {
          throw new Error("analytics broke");
        }}
      />,
    );
    await user.click(screen.getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(seenStore.getSeen(ROOM)).toHaveLength(1);
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(reported).toEqual([new Error("analytics broke")]);
    reportError.mockRestore();
  });

  it("given the app's own Radix dialog is open when the welcome opens, Escape closes only the welcome and focus goes back into the app's dialog", async () => {
    const user = userEvent.setup();
    const { client, script } = await startWorld(ME);
    const seenStore = createMemorySeenStore();
    function App() {
      const [open, setOpen] = useState(true);
      return (
        <>
          <Dialog.Root open={open} onOpenChange={setOpen}>
            <Dialog.Portal>
              <Dialog.Content aria-describedby={undefined}>
                <Dialog.Title>Join a room</Dialog.Title>
                <input aria-label="address" />
              </Dialog.Content>
            </Dialog.Portal>
          </Dialog.Root>
          <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />
        </>
      );
    }
    render(<App />);
    const address = screen.getByRole("textbox", { name: "address" });
    address.focus();
    await act(() => script.push(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] })));
    await screen.findByRole("dialog", { name: /Welcome to/ });
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: /Welcome to/ })).not.toBeInTheDocument());
    expect(screen.getByRole("dialog", { name: "Join a room" })).toBeInTheDocument();
    await waitFor(() => expect(address).toHaveFocus());
  });

  it("switching roomId across rooms and unmounting leaves the client's and rooms' listener counts unchanged (StrictMode)", async () => {
    const { client } = await startWorld(
      ME,
      mergeBatches(
        welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("One")] }),
        welcomeRoom(ME, ROOM2, { welcome: [welcomeEvent("Two")] }),
        welcomeRoom(ME, ROOM3),
      ),
    );
    const rooms = [ROOM, ROOM2, ROOM3].map((id) => client.getRoom(id)!);
    const seenStore = createMemorySeenStore();
    const before = listenerTotal(client as never, ...(rooms as never[]));
    const { rerender, unmount } = render(
      <StrictMode>
        <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />
      </StrictMode>,
    );
    for (const id of [ROOM2, ROOM3, ROOM, ROOM2, ROOM])
      rerender(
        <StrictMode>
          <WelcomeDialog client={client} roomId={id} options={{ seenStore }} />
        </StrictMode>,
      );
    unmount();
    expect(listenerTotal(client as never, ...(rooms as never[]))).toBe(before);
  });

  it("default seen store: mounting and unmounting leaves the client's listeners as they were", async () => {
    const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("One")] }));
    const room = client.getRoom(ROOM)!;
    const before = listenerTotal(client as never, room as never);
    const { unmount, rerender } = render(<WelcomeDialog client={client} roomId={ROOM} />);
    rerender(<WelcomeDialog client={client} roomId={ROOM2} />);
    unmount();
    expect(listenerTotal(client as never, room as never)).toBe(before);
  });
});
