/**
 * The welcome dialog at small viewports (WCAG 1.4.10 reflow): 320x256 CSS px is a 1280x1024 screen at 400% zoom. With a
 * long room name the title and the buttons left the message 0 px before the dialog scrolled as a whole on short
 * viewports (an accessibility review's finding: the 320x256 long-name case failed before).
 */
import "../../src/styles.css";
import { screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { page, userEvent } from "vitest/browser";
import { openWelcomeDialog } from "../support/welcomeDialog";

const LONG_NAME = "A rather long room name that needs to wrap over several lines at this width";
const RULES = Array.from({ length: 40 }, (_, i) => `<p>Rule ${i + 1}: be kind.</p>`).join("");
const WIDE = `<p>Read https://example.org/a/very/long/url/without/any/break/points/at/all/whatsoever/index.html ${"x".repeat(80)}</p><pre><code>const aVeryLongLineOfCode = "that does not wrap at all in a pre block";</code></pre>`;

afterEach(() => page.viewport(414, 896));

async function openDialog(name: string) {
  const dialog = await openWelcomeDialog({ roomName: name, text: "Rules", html: WIDE + RULES });
  const message = dialog.querySelector<HTMLElement>('[data-part="scroll"]')!;
  await waitFor(() => expect(document.activeElement).toBe(message));
  return { dialog, message };
}

describe("given a welcome with a long message", () => {
  for (const [width, height, name] of [
    [320, 640, LONG_NAME],
    [640, 360, LONG_NAME],
    [320, 256, "Rules Lounge"],
    [320, 256, LONG_NAME],
  ] as const)
    it(`at ${width}x${height} with a room name of ${name.length} characters, the message has room, nothing scrolls sideways, and the buttons are reachable`, async () => {
      await page.viewport(width, height);
      const { dialog, message } = await openDialog(name);
      const box = dialog.getBoundingClientRect();
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(innerWidth);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(innerHeight);
      // At least two lines of the message show (in its own scroller, or in the dialog's on a short viewport).
      const visible =
        Math.min(message.getBoundingClientRect().bottom, box.bottom) - message.getBoundingClientRect().top;
      expect(visible).toBeGreaterThanOrEqual(40);
      expect(message.scrollWidth).toBeLessThanOrEqual(message.clientWidth + 1);
      const confirm = screen.getByRole("button", { name: "Got it" });
      confirm.focus();
      const at = confirm.getBoundingClientRect();
      expect(at.top).toBeGreaterThanOrEqual(0);
      expect(at.bottom).toBeLessThanOrEqual(innerHeight);
    });

  for (const [width, height] of [
    [320, 256],
    [414, 896],
  ] as const)
    it(`at ${width}x${height}, a wheel over the message is not cancelled by the dialog's scroll lock, and there is something to scroll`, async () => {
      await page.viewport(width, height);
      const { dialog, message } = await openDialog(LONG_NAME);
      const wheel = new WheelEvent("wheel", { deltaY: 120, bubbles: true, cancelable: true, composed: true });
      (message.querySelector("p") ?? message).dispatchEvent(wheel);
      expect(wheel.defaultPrevented).toBe(false);
      // The message scrolls, or the whole dialog where the message would be squeezed (it may scroll in both).
      const overflow = (el: HTMLElement) => el.scrollHeight - el.clientHeight;
      expect(Math.max(overflow(dialog), overflow(message))).toBeGreaterThan(0);
    });

  it("at 320x256, where the whole dialog scrolls, the focus trap's wrap-around brings the control it focuses into view", async () => {
    await page.viewport(320, 256);
    const { dialog } = await openDialog(LONG_NAME);
    const close = screen.getByRole("button", { name: "Close" });
    const confirm = screen.getByRole("button", { name: "Got it" });
    const inView = (el: HTMLElement) => {
      const box = dialog.getBoundingClientRect();
      const at = el.getBoundingClientRect();
      return at.top >= box.top - 1 && at.bottom <= box.bottom + 1;
    };
    // From the message: Shift+Tab to the close button, and again around to "Got it" at the far end.
    await userEvent.keyboard("{Shift>}{Tab}{/Shift}");
    expect(document.activeElement).toBe(close);
    await userEvent.keyboard("{Shift>}{Tab}{/Shift}");
    expect(document.activeElement).toBe(confirm);
    await expect.poll(() => inView(confirm)).toBe(true);
    // And Tab from "Got it" around to the close button at the top.
    await userEvent.keyboard("{Tab}");
    expect(document.activeElement).toBe(close);
    await expect.poll(() => inView(close)).toBe(true);
  });

  it("at 320x256, the arrow keys scroll the message from where focus starts", async () => {
    await page.viewport(320, 256);
    const { dialog, message } = await openDialog(LONG_NAME);
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}");
    await expect.poll(() => dialog.scrollTop + message.scrollTop).toBeGreaterThan(0);
  });
});
