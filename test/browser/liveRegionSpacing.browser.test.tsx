/**
 * The live regions kept in the page while empty (the banner list's ordinary notices, the editor's "too large" note,
 * "changed elsewhere" and status, and its empty hint) take no room then, whatever gap the app sets (the kit's rules are under :where(), so an app's gap wins). A fixed
 * negative margin got this right only for the kit's own gap: with an app's gap of 0 the alert hung out of the list,
 * with 1rem there was extra space, and notices among themselves kept 0.5rem (a review's probes, which failed before).
 */
import "../../src/styles.css";
import { render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBannerList, WelcomeEditor } from "../../src";
import { EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { welcomeEvent } from "../support/events";
import { noticeItem, usageLimitItem } from "../support/noticeItems";

const maintenance = noticeItem("$maintenance", "Maintenance tonight at 22:00");
const migration = noticeItem("$migration", "We move on Monday");

let style: HTMLStyleElement | undefined;
afterEach(() => style?.remove());
/** The app's own stylesheet: its gap on the kit's root (none: the kit's default, 8px). */
function appGap(className: string, gap: number | undefined) {
  if (gap === undefined) return;
  style = document.createElement("style");
  style.textContent = `.${className} { gap: ${gap}px; }`;
  document.head.append(style);
}
const top = (e: Element) => e.getBoundingClientRect().top;
const bottom = (e: Element) => e.getBoundingClientRect().bottom;

for (const gap of [undefined, 0, 16]) {
  const spacing = gap ?? 8;
  describe(`given ${gap === undefined ? "the kit's own gap" : `an app's gap of ${gap}px`}`, () => {
    it("a usage limit alone: the list ends at the alert, and what follows the list starts below it", () => {
      appGap("app-banners", gap);
      render(
        <div>
          <NoticeBannerList
            className="app-banners"
            notices={[usageLimitItem]}
            dismissStore={createMemoryDismissStore()}
          />
          <p data-testid="after">Next app content</p>
        </div>,
      );
      const section = document.querySelector('[data-part="root"]')!;
      const alert = screen.getByRole("alert");
      expect(Math.abs(bottom(section) - bottom(alert))).toBeLessThan(0.5);
      expect(top(screen.getByTestId("after"))).toBeGreaterThanOrEqual(bottom(alert) - 0.5);
    });

    it("a usage limit and two notices are spaced alike by the gap", () => {
      appGap("app-banners", gap);
      render(
        <NoticeBannerList
          className="app-banners"
          notices={[usageLimitItem, maintenance, migration]}
          dismissStore={createMemoryDismissStore()}
        />,
      );
      const [limit, first, second] = document.querySelectorAll('[data-part="banner"]');
      expect(top(first!) - bottom(limit!)).toBeCloseTo(spacing, 0);
      expect(top(second!) - bottom(first!)).toBeCloseTo(spacing, 0);
    });

    it("the editor with no size problem: the preview heading sits the gap (and its own 0.5rem margin) below the size line", async () => {
      appGap("app-editor", gap);
      const { client } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
      render(
        <WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" className="app-editor" />,
      );
      await screen.findByRole("textbox");
      const size = document.querySelector('[data-part="size"]')!;
      const heading = document.querySelector('[data-part="preview-heading"]')!;
      expect(top(heading) - bottom(size)).toBeCloseTo(spacing + 8, 0);
    });

    it("the editor in plain text, nothing changed elsewhere, nothing saved: one gap from the text area to the size line, and one from the preview to the buttons", async () => {
      appGap("app-editor", gap);
      const { client } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
      render(
        <WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" className="app-editor" />,
      );
      const source = await screen.findByRole("textbox");
      expect(top(document.querySelector('[data-part="size"]')!) - bottom(source)).toBeCloseTo(spacing, 0);
      const preview = document.querySelector('[data-part="preview"]')!;
      expect(top(document.querySelector('[data-part="actions"]')!) - bottom(preview)).toBeCloseTo(spacing, 0);
    });
  });
}
