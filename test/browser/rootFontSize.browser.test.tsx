/**
 * In Chromium: the kit's stylesheet in an app on the 62.5% root font size (`html { font-size: 62.5% }`, so 1rem is
 * 10px, and its text set in rem: 1.6rem). The kit's text sizes follow the app's text, not the root's, and its icon
 * buttons keep WCAG's 24px target.
 */
import "../../src/styles.css";
import { render, screen } from "@testing-library/react";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBannerList, WelcomeEditor } from "../../src";
import { EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { welcomeEvent } from "../support/events";
import { noticeItem } from "../support/noticeItems";
import { openWelcomeDialog } from "../support/welcomeDialog";

let appCss: HTMLStyleElement;
beforeEach(() => {
  appCss = document.createElement("style");
  appCss.textContent = "html { font-size: 62.5%; } body { font-size: 1.6rem; }";
  document.head.append(appCss);
});
afterEach(() => appCss.remove());

const fontPx = (el: Element) => Number.parseFloat(getComputedStyle(el).fontSize);

it("the dialog's title is not set smaller than the message it heads, and its close button is a 24px target", async () => {
  const dialog = await openWelcomeDialog({ text: "Hello and welcome" });
  const title = dialog.querySelector('[data-part="title"]')!;
  const body = dialog.querySelector('[data-part="body"]')!;
  expect(fontPx(title)).toBeGreaterThan(fontPx(body));
  const close = dialog.querySelector('[data-part="close"]')!.getBoundingClientRect();
  expect(Math.min(close.width, close.height)).toBeGreaterThanOrEqual(24);
});

it("the editor's size text stays readable (at least 12px when the app's text is 16px)", async () => {
  const world = await moderatorsWorld([welcomeEvent("House rules", undefined, { unstable: true })]);
  render(<WelcomeEditor client={world.client} roomId={EDITOR_ROOM} />);
  const size = await screen.findByText((_, el) => el?.getAttribute("data-part") === "size");
  expect(fontPx(size)).toBeGreaterThanOrEqual(12);
});

it("a banner's dismiss button keeps a 24px target", () => {
  render(
    <NoticeBannerList
      notices={[noticeItem("$n", "Maintenance tonight")]}
      dismissStore={createMemoryDismissStore()}
    />,
  );
  const dismiss = document.querySelector('[data-part="dismiss"]')!.getBoundingClientRect();
  expect(Math.min(dismiss.width, dismiss.height)).toBeGreaterThanOrEqual(24);
});
