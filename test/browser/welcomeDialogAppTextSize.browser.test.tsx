/**
 * The welcome dialog when the app enlarges its text through the root font size (Element Web's font-size setting, an
 * app's "large text" option, a user style sheet): `html { font-size: 200% }`. A media query's `rem` is the browser's
 * default size, not the app's, so the short-viewport rule alone did not see it: the message was squeezed to nothing and
 * "Got it" fell out of the dialog, out of reach.
 */
import "../../src/styles.css";
import { render, screen, waitFor } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { cdp, page } from "vitest/browser";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { DIALOG_ROOM, DIALOG_USER, openWelcomeDialog } from "../support/welcomeDialog";
import { startWorld } from "../support/world";

let style: HTMLStyleElement | null = null;
afterEach(async () => {
  style?.remove();
  style = null;
  await cdp().send("Page.setFontSizes", { fontSizes: { standard: 16 } });
  await page.viewport(414, 896);
});

const RULES = Array.from({ length: 20 }, (_, i) => `<p>Rule ${i + 1}: be kind.</p>`).join("");

async function measure(roomName: string) {
  const dialog = await openWelcomeDialog({ roomName, text: "Rules", html: RULES });
  const message = dialog.querySelector<HTMLElement>('[data-part="scroll"]')!;
  await waitFor(() => expect(document.activeElement).toBe(message));
  const confirm = screen.getByRole("button", { name: "Got it" });
  confirm.focus();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const box = dialog.getBoundingClientRect();
  const m = message.getBoundingClientRect();
  const c = confirm.getBoundingClientRect();
  return {
    messageVisiblePx: Math.round(Math.min(m.bottom, box.bottom, innerHeight) - Math.max(m.top, box.top, 0)),
    confirmInViewport: c.top >= 0 && c.bottom <= innerHeight,
    confirmInsideDialog: c.bottom <= box.bottom + 1,
    dialogScrolls: getComputedStyle(dialog).overflowY,
  };
}

for (const [w, h, pct, name] of [
  [320, 568, 200, "Community Rules Lounge"],
  [360, 640, 200, "Community Rules Lounge"],
  [320, 640, 200, "A rather long room name that wraps over lines"],
] as const)
  it(`${w}x${h}, app root font ${pct}%, room "${name}": the message keeps 40px and Got it stays reachable`, async () => {
    await page.viewport(w, h);
    style = document.createElement("style");
    style.textContent = `html { font-size: ${pct}% }`;
    document.head.append(style);
    const r = await measure(name);
    expect(r).toMatchObject({ confirmInViewport: true, confirmInsideDialog: true });
    expect(r.messageVisiblePx).toBeGreaterThanOrEqual(40);
  });

it("control: the same with the browser's own font size setting at 32px (Page.setFontSizes) passes", async () => {
  await page.viewport(320, 640);
  await cdp().send("Page.setFontSizes", { fontSizes: { standard: 32 } });
  const r = await measure("A rather long room name that wraps over lines");
  expect(r).toMatchObject({ confirmInViewport: true, confirmInsideDialog: true });
  expect(r.messageVisiblePx).toBeGreaterThanOrEqual(40);
});

it("control: at 414x896 with the browser's default sizes, a one-line welcome's message is as tall as its text", async () => {
  await page.viewport(414, 896);
  const dialog = await openWelcomeDialog({ roomName: "Lounge", text: "Rules", html: "<p>Be kind.</p>" });
  const message = dialog.querySelector<HTMLElement>('[data-part="scroll"]')!;
  const text = message.querySelector("p")!;
  expect(message.getBoundingClientRect().height).toBeLessThan(text.getBoundingClientRect().height * 3);
  expect(dialog.scrollHeight).toBe(dialog.clientHeight);
});

/** The dialog under a large app root font, a frame after it opened: which boxes scroll, and the message's height. */
async function boxes(w: number, h: number, roomName: string, html: string) {
  await page.viewport(w, h);
  style = document.createElement("style");
  style.textContent = "html { font-size: 200% }";
  document.head.append(style);
  const dialog = await openWelcomeDialog({ roomName, text: "Rules", html });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const message = dialog.querySelector<HTMLElement>('[data-part="scroll"]')!;
  return {
    dialogScrolls: dialog.scrollHeight > dialog.clientHeight + 1,
    messageScrolls: message.scrollHeight > message.clientHeight + 1,
    messageHeight: message.getBoundingClientRect().height,
    textHeight: message.firstElementChild!.getBoundingClientRect().height,
  };
}

for (const [w, h, name] of [
  [320, 640, "A rather long room name that wraps over lines"],
  [360, 740, "A rather long room name that wraps over several lines of the dialog title"],
  [414, 896, "A rather long room name that wraps over several lines of the dialog title, and more"],
] as const)
  it(`${w}x${h}, app root font 200%, a long title and a long welcome: one box scrolls, not the dialog and the message inside it`, async () => {
    const r = await boxes(w, h, name, RULES);
    expect(r.dialogScrolls || r.messageScrolls).toBe(true);
    expect(r.dialogScrolls && r.messageScrolls).toBe(false);
  });

it("414x896, app root font 200%, a one-line welcome: its message is as tall as its text (no blank band below it)", async () => {
  const r = await boxes(414, 896, "Lounge", "<p>Be kind.</p>");
  expect(r.messageHeight).toBeLessThan(r.textHeight * 3);
});

it("control: 414x896, app root font 200%, a short title and a long welcome: the message scrolls, the dialog does not", async () => {
  const r = await boxes(414, 896, "Lounge", RULES);
  expect(r).toMatchObject({ messageScrolls: true, dialogScrolls: false });
});

it("an app's padding on the dialog (style): at every viewport height from 900 to 490 px (app root font 150%), the message has four lines or the whole dialog scrolls", async () => {
  await page.viewport(360, 900);
  style = document.createElement("style");
  style.textContent = "html { font-size: 150% }";
  document.head.append(style);
  const { client } = await startWorld(
    DIALOG_USER,
    welcomeRoom(DIALOG_USER, DIALOG_ROOM, {
      prevMembership: "invite",
      welcome: [welcomeEvent("Rules", RULES)],
      name: "A rather long room name that wraps over several lines of the dialog title",
    }),
  );
  render(
    <WelcomeDialog
      client={client}
      roomId={DIALOG_ROOM}
      options={{ seenStore: createMemorySeenStore() }}
      style={{ padding: "24px" }}
    />,
  );
  const dialog = await screen.findByRole("dialog");
  const message = dialog.querySelector<HTMLElement>('[data-part="scroll"]')!;
  const squeezedBelowFourLines: number[] = [];
  for (let height = 900; height >= 490; height -= 20) {
    await page.viewport(360, height);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const line = Number.parseFloat(getComputedStyle(message).lineHeight);
    if (!dialog.hasAttribute("data-squeezed") && message.clientHeight < 4 * line)
      squeezedBelowFourLines.push(height);
  }
  expect(squeezedBelowFourLines).toEqual([]);
});

const SIXTY = `<ol>${Array.from({ length: 60 }, (_, i) => `<li>Rule ${i + 1}: be patient with newcomers.</li>`).join("")}</ol><p>Full text: <a href="https://example.org/rules">example.org/rules</a></p>`;

/** How often `data-squeezed` changes over ten frames after the dialog opened. */
async function squeezeToggles(dialog: HTMLElement): Promise<number> {
  let toggles = 0;
  const observer = new MutationObserver((records) => {
    toggles += records.length;
  });
  observer.observe(dialog, { attributes: true, attributeFilter: ["data-squeezed"] });
  for (let i = 0; i < 10; i++) await new Promise((r) => requestAnimationFrame(r));
  observer.disconnect();
  return toggles;
}

it("a long welcome ending in a link (its new-tab hint positioned off the message's end): the message scrolls, the dialog neither scrolls nor flips between layouts", async () => {
  const dialog = await openWelcomeDialog({ text: "Rules", html: SIXTY });
  expect(await squeezeToggles(dialog)).toBe(0);
  const message = dialog.querySelector<HTMLElement>('[data-part="scroll"]')!;
  expect(dialog).not.toHaveAttribute("data-squeezed");
  expect(message.scrollHeight).toBeGreaterThan(message.clientHeight);
  expect(dialog.scrollHeight).toBe(dialog.clientHeight);
});

it("content the measure cannot see (an app's style moves the hint's containing block): the dialog settles on scrolling whole, no endless flips", async () => {
  style = document.createElement("style");
  style.textContent = '.mnk-welcome-dialog [data-part="scroll"] { position: static !important; }';
  document.head.append(style);
  const dialog = await openWelcomeDialog({ text: "Rules", html: SIXTY });
  await new Promise((r) => requestAnimationFrame(r));
  expect(await squeezeToggles(dialog)).toBeLessThanOrEqual(2);
  expect(dialog).toHaveAttribute("data-squeezed");
  const confirm = screen.getByRole("button", { name: "Got it" });
  confirm.scrollIntoView({ block: "nearest" });
  expect(confirm.getBoundingClientRect().bottom).toBeLessThanOrEqual(
    dialog.getBoundingClientRect().bottom + 1,
  );
});
