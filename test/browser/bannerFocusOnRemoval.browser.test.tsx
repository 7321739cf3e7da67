/**
 * In Chromium: a banner that goes while it holds keyboard focus (dismissed in another tab, unpinned, redacted, a
 * usage limit lifted) hands focus to the nearest banner still shown, else back to where focus came from, instead of
 * letting it fall to <body>. Focus moves only when it was in the banner that went.
 */
import "../../src/styles.css";
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { createMemoryDismissStore, NoticeBannerList, type ServerNoticeItem } from "../../src";
import { noticeItem, usageLimitItem } from "../support/noticeItems";

const first = noticeItem("$first", "Maintenance tonight at 22:00");
const second = noticeItem("$second", "We move on Monday");
const store = () => createMemoryDismissStore();

/** The app's button, then the banners; returns a way to change the notices shown. */
function page(notices: ServerNoticeItem[]) {
  const dismissStore = store();
  const ui = (shown: ServerNoticeItem[]) => (
    <>
      <button type="button">Open settings</button>
      <NoticeBannerList notices={shown} dismissStore={dismissStore} />
    </>
  );
  const { rerender } = render(ui(notices));
  return (shown: ServerNoticeItem[]) => act(async () => rerender(ui(shown)));
}

const dismissButtons = () => screen.getAllByRole("button", { name: "Dismiss notice" });

describe("a banner that goes while it has focus, in Chromium", () => {
  it("given focus on the first notice's dismiss button, when that notice goes, the next banner's dismiss button has it", async () => {
    const show = page([first, second]);
    await userEvent.tab();
    await userEvent.tab();
    expect(dismissButtons()[0]).toHaveFocus();
    await show([second]);
    expect(dismissButtons()[0]).toHaveFocus();
  });

  it("given focus on the last notice's dismiss button, when it goes, the one before it has focus; when that goes too, focus is back on the app's button", async () => {
    const show = page([usageLimitItem, first]);
    await userEvent.tab();
    dismissButtons()[1]!.focus(); // from the app's button
    await show([usageLimitItem]);
    expect(dismissButtons()[0]).toHaveFocus();
    await show([]);
    expect(screen.getByRole("button", { name: "Open settings" })).toHaveFocus();
  });

  it("given focus on the first of two banners, when the app removes the whole list, focus is back on the app's button", async () => {
    const dismissStore = store();
    const ui = (shown: boolean) => (
      <>
        <button type="button">Open settings</button>
        {shown ? <NoticeBannerList notices={[first, second]} dismissStore={dismissStore} /> : null}
      </>
    );
    const { rerender } = render(ui(true));
    await userEvent.tab();
    await userEvent.tab();
    expect(dismissButtons()[0]).toHaveFocus();
    await act(async () => rerender(ui(false)));
    expect(screen.getByRole("button", { name: "Open settings" })).toHaveFocus();
  });

  it("given focus on the only notice's dismiss button, when a new notice replaces it in the same change, the new banner's dismiss button has it", async () => {
    const show = page([first]);
    await userEvent.tab();
    await userEvent.tab();
    expect(dismissButtons()[0]).toHaveFocus();
    await show([second]);
    expect(screen.getByText("We move on Monday")).toBeVisible();
    expect(dismissButtons()[0]).toHaveFocus();
  });

  it("given focus on the only banner, when it is dismissed and nothing replaces it, focus is back on the app's button", async () => {
    page([first]);
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.keyboard("{Enter}");
    expect(screen.queryByText("Maintenance tonight at 22:00")).toBeNull();
    expect(screen.getByRole("button", { name: "Open settings" })).toHaveFocus();
  });

  it("given focus outside the banners, a notice that goes moves no focus", async () => {
    const show = page([first, second]);
    await userEvent.tab();
    await show([second]);
    expect(screen.getByRole("button", { name: "Open settings" })).toHaveFocus();
  });
});
