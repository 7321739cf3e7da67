/**
 * The welcome dialog in a browser without dynamic viewport units (`dvh`: before Safari 15.4, Chrome 108, Firefox 101),
 * simulated by renaming the unit in the stylesheet to one no browser knows: a long welcome still fits the viewport,
 * its "Got it" in reach. (The `dvh` declaration holds `env()`, so it is checked only when computed and then counts as
 * none: the dialog grew to its content, off the screen.)
 */
import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { page } from "vitest/browser";
import css from "../../src/styles.css?raw";
import { openWelcomeDialog } from "../support/welcomeDialog";

const LONG = Array.from({ length: 80 }, (_, i) => `Rule ${i + 1}: be kind to each other in this room.`).join(
  "\n",
);

let sheet: HTMLStyleElement | undefined;
afterEach(() => sheet?.remove());

/** Where the dialog and its confirm button end up in an 800 by 600 viewport, with `styles` loaded last. */
async function placed(styles: string) {
  sheet = document.head.appendChild(document.createElement("style"));
  sheet.textContent = styles;
  await page.viewport(800, 600);
  const dialog = await openWelcomeDialog({ text: LONG });
  const box = dialog.getBoundingClientRect();
  const confirm = screen.getByRole("button", { name: "Got it" }).getBoundingClientRect();
  return { top: box.top, bottom: box.bottom, confirmBottom: confirm.bottom };
}

describe("a long welcome", () => {
  it("given a browser with dvh, the dialog fits the viewport (a control)", async () => {
    const { top, bottom, confirmBottom } = await placed(css);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(bottom).toBeLessThanOrEqual(600);
    expect(confirmBottom).toBeLessThanOrEqual(600);
  });

  it("given a browser without dvh, the dialog still fits the viewport, its Got it in reach", async () => {
    const { top, bottom, confirmBottom } = await placed(css.replaceAll("dvh", "nodvh"));
    expect(top).toBeGreaterThanOrEqual(0);
    expect(bottom).toBeLessThanOrEqual(600);
    expect(confirmBottom).toBeLessThanOrEqual(600);
  });
});
