/**
 * The dialog's sender line laid out in Chromium: under the title, in the muted secondary colour (readable in light and
 * dark), a long or misleading display name cut to one line while the Matrix ID after it shows in full, and nothing
 * wider than the dialog, left to right and right to left, on a phone's width.
 */
import "../../src/styles.css";
import { cleanup } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { page } from "vitest/browser";
import { contrastRatio } from "../support/contrast";
import { openWelcomeDialog } from "../support/welcomeDialog";

const LONG_NAME = `\u202Enimda@ ${"Official Trust & Safety Team of example.org ".repeat(4)}`;
const LONG_ID = `@${"a-very-long-localpart".repeat(6)}:${"subdomain.".repeat(8)}example.org`;
const r = (el: Element) => el.getBoundingClientRect();

afterEach(async () => {
  cleanup();
  document.documentElement.removeAttribute("dir");
  document.documentElement.removeAttribute("data-theme");
  await page.viewport(414, 896);
});

/** The open dialog's parts around the sender line. */
async function open(opts: Parameters<typeof openWelcomeDialog>[0]) {
  const dialog = await openWelcomeDialog({ text: "Please verify your account before posting.", ...opts });
  const part = (name: string) => dialog.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
  return { dialog, part };
}

/** Nothing of the line reaches past the dialog's sides, and the dialog scrolls nothing sideways. */
function expectInside(dialog: HTMLElement, ...els: HTMLElement[]) {
  const box = r(dialog);
  for (const el of els) {
    expect(r(el).left).toBeGreaterThanOrEqual(box.left);
    expect(r(el).right).toBeLessThanOrEqual(box.right);
  }
  expect(dialog.scrollWidth).toBeLessThanOrEqual(dialog.clientWidth);
}

describe.each(["ltr", "rtl"] as const)("the sender line, %s, on a 320px wide phone", (dir) => {
  it("a long, misleading name: cut to one line, the ID whole after it, all inside the dialog, under the title", async () => {
    await page.viewport(320, 640);
    document.documentElement.dir = dir;
    const { dialog, part } = await open({ senderName: LONG_NAME, dir });
    const [line, name, id] = [part("sender"), part("sender-name"), part("sender-id")];
    expect(name.scrollWidth).toBeGreaterThan(name.clientWidth);
    expect(r(name).height).toBeLessThan(2 * Number.parseFloat(getComputedStyle(line).lineHeight));
    expect(id.scrollWidth).toBeLessThanOrEqual(id.clientWidth + 1);
    expect(getComputedStyle(id).direction).toBe("ltr");
    expectInside(dialog, line, name, id);
    expect(r(line).top).toBeGreaterThanOrEqual(r(part("title")).bottom);
    expect(r(line).bottom).toBeLessThanOrEqual(r(part("scroll")).top);
  });

  it("a very long Matrix ID (no display name): it wraps within the dialog", async () => {
    await page.viewport(320, 640);
    document.documentElement.dir = dir;
    const { dialog, part } = await open({ sender: LONG_ID, dir });
    expect(part("sender").textContent).toBe(`From ${LONG_ID}`);
    expectInside(dialog, part("sender"), part("sender-id"));
    expect(r(part("sender-id")).height).toBeGreaterThan(
      Number.parseFloat(getComputedStyle(part("sender")).lineHeight),
    );
  });
});

describe.each(["light", "dark"])("the sender line's colour, %s theme", (theme) => {
  it("is the dialog's secondary text colour, readable on its surface", async () => {
    document.documentElement.setAttribute("data-theme", theme);
    const { dialog, part } = await open({ senderName: "Alice" });
    const line = part("sender");
    expect(getComputedStyle(line).color).toBe(getComputedStyle(part("close")).color);
    expect(
      contrastRatio(getComputedStyle(line).color, getComputedStyle(dialog).backgroundColor),
    ).toBeGreaterThanOrEqual(4.5);
  });

  it("follows --mnk-muted-fg", async () => {
    document.documentElement.setAttribute("data-theme", theme);
    const { part } = await open({
      senderName: "Alice",
      style: { "--mnk-muted-fg": "rgb(1, 2, 3)" } as never,
    });
    expect(getComputedStyle(part("sender")).color).toBe("rgb(1, 2, 3)");
  });
});
