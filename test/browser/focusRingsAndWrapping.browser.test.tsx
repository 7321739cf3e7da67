/**
 * Two edges a WCAG 2.2 review found in Chromium: a link's focus ring at the edge of a banner's scrolling body (2.4.7,
 * 2.4.13), and the editor's preview at 320 CSS px with a long URL (1.4.10 Reflow).
 */
import "../../src/styles.css";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { page, userEvent } from "vitest/browser";
import { createMemoryDismissStore, NoticeBannerList, WelcomeEditor } from "../../src";
import { EDITOR_LABEL, EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { noticeItem } from "../support/noticeItems";
import { paintedAt } from "../support/pixels";

const RING = [4, 103, 221]; // --mnk-focus-color (light)
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** A banner list with one notice saying `text`. */
const oneNotice = (text: string) =>
  render(<NoticeBannerList notices={[noticeItem("$l", text)]} dismissStore={createMemoryDismissStore()} />);

describe("a link at the start of a notice's line", () => {
  it("when focused from the keyboard, its ring shows on both sides and above (not clipped by the scrolling body)", async () => {
    const { container } = oneNotice("https://status.example.org has the details of tonight's maintenance.");
    const banner = container.querySelector<HTMLElement>('[data-part="banner"]')!;
    const link = container.querySelector<HTMLElement>('[data-part="link"]')!;
    await userEvent.keyboard("{Tab}");
    expect(link).toHaveFocus();
    const b = banner.getBoundingClientRect();
    const l = link.getClientRects()[0]!;
    const y = (l.top + l.bottom) / 2 - b.top;
    // The ring spans 2-4px outside the link: 3px out on each side.
    expect(await paintedAt(banner, l.right + 3 - b.left, y)).toEqual(RING);
    expect(await paintedAt(banner, l.left - 3 - b.left, y)).toEqual(RING);
    expect(await paintedAt(banner, (l.left + l.right) / 2 - b.left, l.top - 3 - b.top)).toEqual(RING);
  });

  it("control: the notice's text starts where its title's does, and nothing in the banner overflows", async () => {
    const { container } = oneNotice("https://status.example.org has the details.");
    const start = (part: string) => {
      const range = document.createRange();
      range.selectNodeContents(container.querySelector(`[data-part="${part}"]`)!);
      return range.getClientRects()[0]!.left;
    };
    expect(Math.abs(start("body") - start("title"))).toBeLessThan(1);
    for (const el of container.querySelectorAll<HTMLElement>('[data-part="banner"], [data-part="banner"] *'))
      if (el.clientWidth > 0 && !el.closest(".mnk-visually-hidden"))
        expect(el.scrollWidth).toBeLessThanOrEqual(el.clientWidth + 1);
  });
});

describe("the editor's preview at 320 CSS px", () => {
  afterEach(async () => {
    document.body.style.margin = "";
    await page.viewport(414, 896);
  });

  for (const format of ["plain", "markdown"] as const)
    it(`a long URL in a ${format} draft wraps: the preview does not scroll sideways`, async () => {
      document.body.style.margin = "0";
      await page.viewport(320, 640);
      const { client } = await moderatorsWorld();
      render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat={format} />);
      const url = "https://example.org/community/guidelines/code-of-conduct/moderation-policy.html";
      fireEvent.change(screen.getByLabelText(EDITOR_LABEL), {
        target: { value: `Please read ${url} first.` },
      });
      const preview = await screen.findByRole("region", { name: "Preview" });
      // A Markdown preview comes once its parser has loaded.
      const link = await waitFor(
        () => preview.querySelector("a") ?? Promise.reject(new Error("no link yet")),
      );
      await frames();
      expect(link.getBoundingClientRect().right).toBeLessThanOrEqual(320);
      expect(preview.scrollWidth).toBeLessThanOrEqual(preview.clientWidth + 1);
    });
});
