/**
 * What the sender's-colours pass costs a busy host app (Element Web changes its title on every unread count; CSS-in-JS
 * adds `<style>` elements; focus managers toggle ARIA and `tabindex`): changes that cannot touch a theme cost no pass,
 * and those that may cost at most two per frame (one at once, and one for all that follow, just before the next frame
 * paints, where the browser computes styles anyway).
 * Passes are counted through `getComputedStyle` on the welcome's body, which each pass reads (the text it colours)
 * and nothing else here does meanwhile (the dialog's own layout checks read only the boxes around it).
 */
import "../../src/styles.css";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { page } from "vitest/browser";
import { contrastRatio } from "../support/contrast";
import { openWelcomeDialog } from "../support/welcomeDialog";

const WELCOME =
  '<p><font color="#000080">Rules</font> and <span data-mx-color="#ffff00">news</span> and ' +
  '<font color="#c62828">red</font></p>';
const DARK_SURFACE = "rgb(29, 34, 40)";

const realGetComputedStyle = window.getComputedStyle;
let calls = 0;
beforeEach(() => {
  calls = 0;
  window.getComputedStyle = ((...args: Parameters<typeof realGetComputedStyle>) => {
    if (args[0].closest('[data-part="body"]')) calls += 1;
    return realGetComputedStyle.apply(window, args);
  }) as typeof realGetComputedStyle;
});
const added: Element[] = [];
const title = document.title;
afterEach(() => {
  window.getComputedStyle = realGetComputedStyle;
  for (const el of added.splice(0)) el.remove();
  document.title = title;
  for (const name of ["data-theme", "aria-busy", "tabindex"]) {
    document.documentElement.removeAttribute(name);
    document.body.removeAttribute(name);
  }
});

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
/** Waits until any pass a change scheduled has run (two frames, then a task). */
const settled = async () => {
  await frame();
  await frame();
  await nextTask();
};
/** A coloured welcome, open, its first passes done; the count starts from here. */
async function shownWelcome() {
  const dialog = await openWelcomeDialog({ text: "Rules", html: WELCOME });
  await settled();
  calls = 0;
  return dialog;
}
const readOnly = <T,>(fn: () => T): T => {
  const saved = calls;
  const value = fn();
  calls = saved;
  return value;
};
const contrastOfNavy = (dialog: HTMLElement) =>
  readOnly(() =>
    contrastRatio(
      realGetComputedStyle(dialog.querySelector("font")!).color,
      realGetComputedStyle(dialog).backgroundColor,
    ),
  );

/** A coloured welcome shown, with the app's dark theme sheet for `data-theme="dark"` loaded but not switched on. */
async function shownWithDarkTheme() {
  const dialog = await shownWelcome();
  const style = document.createElement("style");
  style.textContent = 'html[data-theme="dark"] { --mnk-surface: #1d2228; }';
  document.head.append(style);
  added.push(style);
  await settled();
  return dialog;
}

describe("the sender's colours in a busy host app", () => {
  it("given a coloured welcome shown, when the host changes the page title in 50 tasks, no pass runs", async () => {
    await shownWelcome();
    for (let i = 0; i < 50; i++) {
      document.title = `(${i}) Element`;
      await nextTask();
    }
    await settled();
    expect(calls).toBe(0);
  });

  it("when ARIA and tabindex attributes of the dialog's ancestors change, and a script is added to <head>, no pass runs", async () => {
    await shownWelcome();
    for (let i = 0; i < 20; i++) {
      document.body.setAttribute("aria-busy", String(i % 2 === 0));
      document.documentElement.setAttribute("tabindex", String(-1 - (i % 2)));
      await nextTask();
    }
    const script = document.createElement("script");
    script.type = "application/json";
    document.head.append(script);
    added.push(script);
    await settled();
    expect(calls).toBe(0);
  });

  it("when the window is resized (the message's scrollability unchanged), no pass runs", async () => {
    await shownWelcome();
    await page.viewport(700, 700);
    await settled();
    await page.viewport(800, 650);
    await settled();
    expect(calls).toBe(0);
  });

  it("when the host adds a <style> in each of 100 tasks, passes run at most twice per frame", async () => {
    const dialog = await shownWelcome();
    // One pass, for its number of calls.
    const one = document.createElement("style");
    document.head.append(one);
    added.push(one);
    await settled();
    const perPass = calls;
    expect(perPass).toBeGreaterThan(0);
    calls = 0;
    let frames = 0;
    let counting = true;
    const tick = () => {
      frames += 1;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    for (let i = 0; i < 100; i++) {
      const style = document.createElement("style");
      style.textContent = `.host-${i} { color: red; }`;
      document.head.append(style);
      added.push(style);
      await nextTask();
    }
    await settled();
    counting = false;
    expect(calls).toBeLessThanOrEqual(2 * perPass * (frames + 1));
    expect(calls / perPass).toBeLessThan(100);
    expect(contrastOfNavy(dialog)).toBeGreaterThanOrEqual(4.5);
  });

  it("control: a theme switch is measured before the next frame paints (in that frame's animation callbacks)", async () => {
    const dialog = await shownWithDarkTheme();
    document.documentElement.setAttribute("data-theme", "dark");
    // After the kit heard the change (a microtask), a callback for the next frame runs after the kit's.
    await Promise.resolve();
    const inNextFrame = await new Promise<number>((resolve) =>
      requestAnimationFrame(() => resolve(contrastOfNavy(dialog))),
    );
    expect(
      readOnly(() => contrastRatio("rgb(0, 0, 0)", realGetComputedStyle(dialog).backgroundColor)),
    ).toBeLessThan(4.5);
    expect(readOnly(() => realGetComputedStyle(dialog).backgroundColor)).toBe(DARK_SURFACE);
    expect(inNextFrame).toBeGreaterThanOrEqual(4.5);
  });

  it("a theme switched in an animation frame callback (switched without transitions) is measured before that frame paints", async () => {
    const dialog = await shownWithDarkTheme();
    // The switch in one callback; a later callback of the same frame reads what this frame will paint.
    const painted = await new Promise<number>((resolve) => {
      requestAnimationFrame(() => document.documentElement.setAttribute("data-theme", "dark"));
      requestAnimationFrame(() => resolve(contrastOfNavy(dialog)));
    });
    expect(readOnly(() => realGetComputedStyle(dialog).backgroundColor)).toBe(DARK_SURFACE);
    expect(painted).toBeGreaterThanOrEqual(4.5);
  });
  it("after a burst of host changes, a theme switched in the next frame's callback is measured before that frame paints", async () => {
    const dialog = await shownWithDarkTheme();
    // Two host changes heard apart: the first measured at once, the second left for the next frame's pass.
    for (const rule of [".host-a { color: red; }", ".host-b { color: red; }"]) {
      const style = document.createElement("style");
      style.textContent = rule;
      document.head.append(style);
      added.push(style);
      await Promise.resolve();
    }
    // In that frame, after the kit's pass: the app switches its theme; a later callback reads what will be painted.
    const painted = await new Promise<number>((resolve) => {
      requestAnimationFrame(() => document.documentElement.setAttribute("data-theme", "dark"));
      requestAnimationFrame(() => resolve(contrastOfNavy(dialog)));
    });
    expect(readOnly(() => realGetComputedStyle(dialog).backgroundColor)).toBe(DARK_SURFACE);
    expect(painted).toBeGreaterThanOrEqual(4.5);
  });
});
