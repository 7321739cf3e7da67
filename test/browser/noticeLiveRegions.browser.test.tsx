/**
 * What Chromium gives a screen reader for the banner list (its accessibility tree, through CDP). Chromium tells a
 * change only to the nearest live region root: a banner that is a live region of its own inside the list's region
 * makes the list's region say nothing, and an ordinary notice go unannounced in VoiceOver and Narrator (a review's
 * finding; the first test failed before).
 */
import "../../src/styles.css";
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBannerList } from "../../src";
import { axTree, liveRegionId, liveRegions } from "../support/axTree";
import { noticeItem, usageLimitItem } from "../support/noticeItems";

const maintenance = noticeItem("$maintenance", "Maintenance tonight at 22:00");
const migration = noticeItem("$migration", "We move on Monday");

describe("given the banner list in Chromium", () => {
  it("with a usage limit and two notices, no live region sits inside another: the limit is an alert, the notices share one polite region", async () => {
    const store = createMemoryDismissStore();
    const { rerender } = render(<NoticeBannerList notices={[]} dismissStore={store} />);
    await act(async () =>
      rerender(<NoticeBannerList notices={[usageLimitItem, maintenance, migration]} dismissStore={store} />),
    );
    expect(await liveRegions()).toEqual(["alert(assertive)", "generic(polite)"]);
  });

  it("when the first notice arrives, it lands in the live region that was there while the list was empty (so it is announced)", async () => {
    const store = createMemoryDismissStore();
    const { rerender } = render(<NoticeBannerList notices={[]} dismissStore={store} />);
    const before = await liveRegionId("polite");
    expect(before).toBeDefined();
    await act(async () => rerender(<NoticeBannerList notices={[maintenance]} dismissStore={store} />));
    expect(await liveRegionId("polite")).toBe(before);
  });

  it("each dismiss button tells which notice it dismisses (the buttons share one name)", async () => {
    render(<NoticeBannerList notices={[maintenance, migration]} dismissStore={createMemoryDismissStore()} />);
    const { nodes } = await axTree();
    const buttons = nodes.filter((n) => n.role?.value === "button" && n.name?.value === "Dismiss notice");
    expect(buttons.map((b) => b.description?.value)).toEqual([
      "Notice from your homeserver Maintenance tonight at 22:00",
      "Notice from your homeserver We move on Monday",
    ]);
  });

  it("an ordinary notice is a group named by its title, and a usage limit comes first whatever the order given", async () => {
    render(
      <NoticeBannerList notices={[maintenance, usageLimitItem]} dismissStore={createMemoryDismissStore()} />,
    );
    const banners = document.querySelectorAll('[data-part="banner"]');
    expect([...banners].map((b) => b.getAttribute("data-kind"))).toEqual(["usage-limit", "notice"]);
    expect(screen.getByRole("group", { name: "Notice from your homeserver" })).toHaveTextContent(
      "Maintenance tonight at 22:00",
    );
  });

  it("with a usage limit and no other notice, the empty notices region adds no space below the alert", async () => {
    render(<NoticeBannerList notices={[usageLimitItem]} dismissStore={createMemoryDismissStore()} />);
    const section = document.querySelector<HTMLElement>('[data-part="root"]')!;
    const alert = screen.getByRole("alert");
    expect(section.getBoundingClientRect().bottom - alert.getBoundingClientRect().bottom).toBeLessThan(0.5);
  });
});
