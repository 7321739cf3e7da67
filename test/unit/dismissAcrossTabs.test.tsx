/**
 * Dismissals kept in `localStorage` apply live in the app's other tabs: a notice dismissed in one tab leaves the
 * others' banners too, without a reload. Another tab's write reaches this one as a `storage` event, simulated here.
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { createStorageDismissStore, NoticeBanner } from "../../src";
import { serverNoticeEvent } from "../support/events";
import { noticesRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";
const KEY = "matrix-notice-kit:dismissed-notices";
const notice = serverNoticeEvent("Maintenance on Sunday at 22:00.");

async function banner(
  dismissStore = createStorageDismissStore(() => localStorage),
  notices = [notice],
  afterButton = false,
) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, noticesRoom(ME, { pinned: notices.map((n) => n.event_id), timeline: notices }));
  render(
    <>
      {afterButton ? <button type="button">Open settings</button> : null}
      <NoticeBanner client={client} dismissStore={dismissStore} />
    </>,
  );
  return dismissStore;
}

/** What another tab's store does when its user dismisses `id`: writes the key, and this tab hears a `storage` event. */
function dismissInAnotherTab(id: string) {
  const before = localStorage.getItem(KEY);
  createStorageDismissStore(() => localStorage).dismiss(id);
  act(() => {
    window.dispatchEvent(
      new StorageEvent("storage", {
        key: KEY,
        oldValue: before,
        newValue: localStorage.getItem(KEY),
        storageArea: localStorage,
      }),
    );
  });
}

afterEach(() => localStorage.clear());

describe("dismissals across tabs", () => {
  it("given a notice shown here, when the user dismisses it in another tab, the banner here goes too", async () => {
    await banner();
    expect(await screen.findByText("Maintenance on Sunday at 22:00.")).toBeInTheDocument();
    dismissInAnotherTab(notice.event_id);
    await waitFor(() => expect(screen.queryByText("Maintenance on Sunday at 22:00.")).toBeNull());
  });

  it("given focus on a notice's dismiss button, when another tab dismisses that notice, focus moves to the next banner's", async () => {
    const other = serverNoticeEvent("Backups run nightly.");
    await banner(undefined, [notice, other]);
    await screen.findByText("Backups run nightly.");
    const [first, second] = screen.getAllByRole("button", { name: "Dismiss notice" });
    first!.focus();
    dismissInAnotherTab(notice.event_id);
    await waitFor(() => expect(screen.queryByText("Maintenance on Sunday at 22:00.")).toBeNull());
    expect(second).toHaveFocus();
  });

  it("given focus came from the app's button, when another tab dismisses the focused notice while this tab is away, dismissing the last one on return sends focus back to that button", async () => {
    const other = serverNoticeEvent("Backups run nightly.");
    const user = userEvent.setup();
    await banner(undefined, [notice, other], true);
    await screen.findByText("Backups run nightly.");
    await user.tab(); // Open settings
    await user.tab(); // the first notice's dismiss button
    const [first] = screen.getAllByRole("button", { name: "Dismiss notice" });
    fireEvent.blur(first!, { relatedTarget: null }); // this tab goes to the background
    dismissInAnotherTab(notice.event_id);
    const [second] = screen.getAllByRole("button", { name: "Dismiss notice" });
    expect(second).toHaveFocus();
    fireEvent.focus(second!, { relatedTarget: null }); // the user comes back to this tab
    await user.keyboard("{Enter}");
    expect(screen.queryByRole("group")).toBeNull();
    expect(screen.getByRole("button", { name: "Open settings" })).toHaveFocus();
  });

  it("given a store made before another tab's dismissal (at module level), a banner mounted after it does not show the notice", async () => {
    const early = createStorageDismissStore(() => localStorage);
    createStorageDismissStore(() => localStorage).dismiss(notice.event_id);
    await banner(early);
    await act(() => Promise.resolve());
    expect(screen.queryByText("Maintenance on Sunday at 22:00.")).toBeNull();
  });

  it("given another key's or another storage's event, nothing here changes", async () => {
    await banner();
    expect(await screen.findByText("Maintenance on Sunday at 22:00.")).toBeInTheDocument();
    localStorage.setItem(KEY, JSON.stringify([notice.event_id]));
    act(() => {
      window.dispatchEvent(new StorageEvent("storage", { key: "other", storageArea: localStorage }));
      window.dispatchEvent(new StorageEvent("storage", { key: KEY, storageArea: sessionStorage }));
    });
    expect(screen.getByText("Maintenance on Sunday at 22:00.")).toBeInTheDocument();
  });
});
