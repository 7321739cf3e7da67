/**
 * An impatient user's second action must not land on something they never saw. A dismissed banner's place (and focus)
 * goes to the next banner's Dismiss button, a closed welcome makes way for the next one in line, and "Yes, remove it"
 * and Discard move focus to the editor's text area: the second click of a double-click, or a held key's repeats
 * (Chromium sends keydowns with `repeat` set), must not dismiss the next notice, close the next welcome unread, or
 * type empty lines into the text area.
 */
import "../../src/styles.css";
import * as Dialog from "@radix-ui/react-dialog";
import { act, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { userEvent } from "vitest/browser";
import {
  createMemoryDismissStore,
  createMemorySeenStore,
  NoticeBannerList,
  WelcomeDialog,
  WelcomeEditor,
} from "../../src";
import {
  CONFIRM_REMOVE,
  captureStatePut,
  EDITOR_LABEL,
  EDITOR_ROOM,
  KEEP_WELCOME,
  moderatorsWorld,
  OTHER_MODERATOR,
  REMOVE,
  statePuts,
} from "../support/editor";
import { welcomeEvent } from "../support/events";
import { noticeItem } from "../support/noticeItems";
import { welcomeRoom } from "../support/scenarios";
import { ME, ROOM, SPACE, spaceAndRoomDialogs } from "../support/spaceAndRoom";
import { startWorld } from "../support/world";

afterEach(() => localStorage.clear());
const settle = () => act(() => new Promise((r) => setTimeout(r, 50)));

/** Three notices, each dismissal reported to the returned mock. */
function threeNotices() {
  const onDismiss = vi.fn();
  render(
    <NoticeBannerList
      notices={[
        noticeItem("$a", "First notice"),
        noticeItem("$b", "Second notice"),
        noticeItem("$c", "Third notice"),
      ]}
      dismissStore={createMemoryDismissStore()}
      onDismiss={onDismiss}
    />,
  );
  const dismissed = () => onDismiss.mock.calls.map(([n]) => n.notice.body);
  return { dismissed };
}

describe("banners", () => {
  it("given a held Enter on the first notice's Dismiss, only that notice is dismissed", async () => {
    const { dismissed } = threeNotices();
    screen.getAllByRole("button", { name: "Dismiss notice" })[0]!.focus();
    await userEvent.keyboard("{Enter>3/}");
    await settle();
    expect(dismissed()).toEqual(["First notice"]);
    // The next notice's button has focus, and a fresh press dismisses it.
    await userEvent.keyboard("{Enter}");
    await settle();
    expect(dismissed()).toEqual(["First notice", "Second notice"]);
  });

  it("given a held Enter on the last notice's Dismiss, focus goes back to the app's button and the repeats do not press it", async () => {
    const appAction = vi.fn();
    const onDismiss = vi.fn();
    render(
      <>
        <button type="button" onClick={appAction}>
          Leave room
        </button>
        <NoticeBannerList
          notices={[noticeItem("$a", "Only notice")]}
          dismissStore={createMemoryDismissStore()}
          onDismiss={onDismiss}
        />
      </>,
    );
    screen.getByRole("button", { name: "Leave room" }).focus();
    await userEvent.keyboard("{Tab}");
    await userEvent.keyboard("{Enter>3/}");
    await settle();
    expect(onDismiss).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("button", { name: "Leave room" })).toHaveFocus();
    expect(appAction).not.toHaveBeenCalled();
    // A fresh press is the user's own.
    await userEvent.keyboard("{Enter}");
    expect(appAction).toHaveBeenCalledTimes(1);
  });

  it("given a double-click on the first notice's Dismiss, only that notice is dismissed", async () => {
    const { dismissed } = threeNotices();
    await userEvent.dblClick(screen.getAllByRole("button", { name: "Dismiss notice" })[0]!);
    await settle();
    expect(dismissed()).toEqual(["First notice"]);
  });
});

describe("welcomes in line", () => {
  it("given a held Escape on the space's welcome, the room's welcome after it opens and stays unseen", async () => {
    const { seenStore, joinBoth } = await spaceAndRoomDialogs();
    await joinBoth();
    const space = await screen.findByRole("dialog");
    expect(space).toHaveTextContent("Space rules");
    await waitFor(() => expect(space.contains(document.activeElement)).toBe(true));
    await userEvent.keyboard("{Escape>3/}");
    await settle();
    expect(seenStore.getSeen(SPACE, ME)).toHaveLength(1);
    expect(seenStore.getSeen(ROOM, ME)).toHaveLength(0);
    await waitFor(() => expect(screen.getByRole("dialog")).toHaveTextContent("Lounge rules"));
  });
});

describe("the app's element focus goes back to", () => {
  it("given a held Enter on the last welcome's Got it, focus goes back to the app's button and the repeats do not press it", async () => {
    const appAction = vi.fn();
    const { client, script } = await startWorld(ME, {});
    render(
      <>
        <button type="button" onClick={appAction}>
          Leave room
        </button>
        <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />
      </>,
    );
    const app = screen.getByRole("button", { name: "Leave room" });
    app.focus();
    await act(() =>
      script.push(
        welcomeRoom(ME, ROOM, { prevMembership: "invite", name: "Lounge", welcome: [welcomeEvent("Rules")] }),
      ),
    );
    const dialog = await screen.findByRole("dialog");
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    screen.getByRole("button", { name: "Got it" }).focus();
    await userEvent.keyboard("{Enter>3/}");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await settle();
    expect(app).toHaveFocus();
    expect(appAction).not.toHaveBeenCalled();
  });

  it("given a held Escape in the editor's Remove question, inside the app's dialog, the welcome is kept and the app's dialog stays open", async () => {
    const { client } = await moderatorsWorld([welcomeEvent("House rules", undefined, { unstable: true })]);
    const onOpenChange = vi.fn();
    render(
      <Dialog.Root open onOpenChange={onOpenChange}>
        <Dialog.Portal>
          <Dialog.Content aria-describedby={undefined}>
            <Dialog.Title>Room settings</Dialog.Title>
            <WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>,
    );
    (await screen.findByRole("button", { name: REMOVE })).focus();
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByRole("button", { name: KEEP_WELCOME })).toHaveFocus();
    await userEvent.keyboard("{Escape>3/}");
    await settle();
    expect(screen.getByRole("button", { name: REMOVE })).toHaveFocus();
    expect(onOpenChange).not.toHaveBeenCalled();
  });
});

describe("the editor's text area after a confirmation moved focus there", () => {
  it("given a held Enter on 'Yes, remove it', the welcome is removed and the text area stays empty", async () => {
    const { client, script } = await moderatorsWorld([
      welcomeEvent("House rules", undefined, { unstable: true, eventId: "$rules:example.org" }),
    ]);
    captureStatePut(script, "$removal:example.org");
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    screen.getByRole("button", { name: REMOVE }).focus();
    await userEvent.keyboard("{Enter}");
    const confirm = await screen.findByRole("button", { name: CONFIRM_REMOVE });
    confirm.focus();
    await userEvent.keyboard("{Enter>3/}");
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    await settle();
    const box = screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement;
    expect(box.value).toBe("");
    expect(screen.getByRole("status")).toHaveTextContent("Welcome message removed.");
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    // Typing afterwards, a held key included, works as ever.
    await userEvent.keyboard("{a>3/}");
    expect(box.value).toBe("aaa");
  });

  it("given a held Enter on 'Discard my draft and load theirs', their text loads unchanged", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    const box = screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement;
    await userEvent.click(box);
    await userEvent.keyboard("{Control>}a{/Control}my v2");
    await act(() =>
      script.push({
        join: {
          [EDITOR_ROOM]: {
            timeline: [welcomeEvent("their v2", undefined, { unstable: true, sender: OTHER_MODERATOR })],
          },
        },
      }),
    );
    (await screen.findByRole("button", { name: "Discard my draft and load theirs" })).focus();
    await userEvent.keyboard("{Enter>3/}");
    await settle();
    expect(box.value).toBe("their v2");
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
  });
});

describe("held keys that are no presses", () => {
  it("given a held Tab, focus moves past the editor's text area as past every other control", async () => {
    const { client } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    const box = screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement;
    box.focus();
    await userEvent.keyboard("{Shift>}{Tab}{/Shift}");
    const before = document.activeElement;
    await userEvent.keyboard("{Tab>3/}");
    await settle();
    expect(document.activeElement).not.toBe(before);
    expect(document.activeElement).not.toBe(box);
    expect(box.value).toBe("v1");
  });
});
