/**
 * On a phone (Chromium's mobile emulation: DPR 3, touch): a wide table in a welcome, the editor's text area under
 * iOS's zoom-on-focus rule, safe areas with an edge-to-edge page (viewport-fit=cover), tap targets, and scroll
 * chaining out of the dialog. Found by a helper's review of the kit on mobile web.
 */
import "../../src/styles.css";
import { render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { cdp, page, userEvent } from "vitest/browser";
import { createMemoryDismissStore, NoticeBannerList, WelcomeEditor } from "../../src";
import { EDITOR_LABEL, EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { noticeItem } from "../support/noticeItems";
import { openWelcomeDialog } from "../support/welcomeDialog";

// biome-ignore lint/suspicious/noExplicitAny: raw CDP commands
const send = (method: string, params?: object): Promise<any> => (cdp() as any).send(method, params);
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
const RULES = Array.from({ length: 40 }, (_, i) => `<p>Rule ${i + 1}: be kind.</p>`).join("");
const TABLE = `<table><tr>${Array.from({ length: 14 }, (_, i) => `<td>${1000 + i}</td>`).join("")}</tr></table>`;

/** A phone: mobile emulation at DPR 3 with touch, the test frame sized to match. */
async function phone(width: number, height: number) {
  await send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 3, mobile: true });
  await send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 5 });
  await page.viewport(width, height);
  await frames();
}

let viewportMeta: HTMLMetaElement | null = null;
afterEach(async () => {
  viewportMeta?.setAttribute("content", "width=device-width, initial-scale=1.0");
  viewportMeta = null;
  await send("Emulation.setSafeAreaInsetsOverride", { insets: {} }).catch(() => {});
  await send("Emulation.clearDeviceMetricsOverride");
  await send("Emulation.setTouchEmulationEnabled", { enabled: false });
  await page.viewport(414, 896);
});

/** The app asks for edge-to-edge (viewport-fit=cover), and the phone reports these insets. */
async function edgeToEdge(insets: { top?: number; bottom?: number; left?: number; right?: number }) {
  viewportMeta = document.querySelector('meta[name="viewport"]');
  viewportMeta?.setAttribute("content", "width=device-width, initial-scale=1.0, viewport-fit=cover");
  await send("Emulation.setSafeAreaInsetsOverride", { insets });
  await frames();
}

async function openOnPhone(html: string) {
  const dialog = await openWelcomeDialog({ roomName: "Lounge", text: "Rules", html });
  const message = dialog.querySelector<HTMLElement>('[data-part="scroll"]')!;
  await waitFor(() => expect(message).toHaveFocus());
  return { dialog, message };
}

describe("a welcome on a phone (360x740)", () => {
  it("a table wider than the message scrolls sideways by itself, not the whole message", async () => {
    await phone(360, 740);
    const { message } = await openOnPhone(TABLE + RULES);
    expect(message.scrollWidth).toBeLessThanOrEqual(message.clientWidth + 1);
    const box = message.querySelector("table")!.parentElement!;
    expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
    expect(getComputedStyle(box).overflowX).toBe("auto");
  });

  it("a wide table's box is in the tab order while it overflows, and the arrow keys scroll it", async () => {
    await phone(360, 740);
    const { message } = await openOnPhone(TABLE + RULES);
    const box = message.querySelector<HTMLElement>("[data-mnk-table-scroll]")!;
    await waitFor(() => expect(box).toHaveAttribute("tabindex", "0"));
    box.focus();
    await userEvent.keyboard("{ArrowRight}{ArrowRight}{ArrowRight}");
    await frames();
    expect(box.scrollLeft).toBeGreaterThan(0);
  });

  it("control: a narrow table's box is not in the tab order", async () => {
    await phone(360, 740);
    const { message } = await openOnPhone(`<table><tr><td>a</td><td>b</td></tr></table>${RULES}`);
    await frames();
    expect(message.querySelector("[data-mnk-table-scroll]")).not.toHaveAttribute("tabindex");
  });

  it("a right-to-left table wider than a left-to-right welcome shows its first column (its right end) unscrolled", async () => {
    await phone(360, 740);
    const cells = Array.from(
      { length: 14 },
      (_, i) => `<td>${i === 0 ? "العمود الأول" : `عمود_رقم_${1000 + i}`}</td>`,
    );
    const { message } = await openOnPhone(
      `<p>Our table:</p><table><tr>${cells.join("")}</tr></table>${RULES}`,
    );
    const table = message.querySelector("table")!;
    expect(table).toHaveAttribute("dir", "rtl");
    const first = table.querySelector("td")!.getBoundingClientRect();
    const view = table.parentElement!.getBoundingClientRect();
    expect(first.left >= view.left - 1 && first.right <= view.right + 1).toBe(true);
  });

  it("edge to edge (a 32px status bar, a 48px navigation bar): the dialog stays out of the system bars", async () => {
    await phone(360, 740);
    await edgeToEdge({ top: 32, bottom: 48 });
    const { dialog } = await openOnPhone(RULES);
    const box = dialog.getBoundingClientRect();
    expect(box.top).toBeGreaterThanOrEqual(32);
    expect(box.bottom).toBeLessThanOrEqual(740 - 48);
  });

  it("control: landscape 740x360 with a 32px cutout on the left: the dialog stays clear of it", async () => {
    await phone(740, 360);
    await edgeToEdge({ left: 32 });
    const { dialog } = await openOnPhone(RULES);
    const box = dialog.getBoundingClientRect();
    expect(box.left).toBeGreaterThanOrEqual(32);
    expect(box.right).toBeLessThanOrEqual(740);
  });

  it("scrolled to an end, neither the message nor the dialog hands scrolling on to the page (no pull-to-refresh)", async () => {
    await phone(360, 740);
    const { dialog, message } = await openOnPhone(RULES);
    expect(getComputedStyle(message).overscrollBehaviorY).toBe("contain");
    expect(getComputedStyle(dialog).overscrollBehaviorY).toBe("contain");
  });

  it("the close button and a banner's dismiss take taps over at least 44x44 CSS px, without growing", async () => {
    await phone(360, 740);
    expect(matchMedia("(pointer: coarse)").matches).toBe(true);
    /** Whether taps 5 px outside the drawn 32 px circle, on each side, still reach the button (44 px is 6 px beyond). */
    const takesTapsAround = (button: HTMLElement) => {
      const r = button.getBoundingClientRect();
      expect(Math.round(r.width)).toBe(32);
      const hits = (x: number, y: number) => {
        const hit = document.elementFromPoint(x, y);
        return !!hit && (hit === button || button.contains(hit));
      };
      const middle = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      return [
        hits(r.left - 5, middle.y),
        hits(r.right + 5, middle.y),
        hits(middle.x, r.top - 5),
        hits(middle.x, r.bottom + 5),
      ];
    };
    render(
      <NoticeBannerList
        notices={[noticeItem("$n", "Maintenance tonight.")]}
        dismissStore={createMemoryDismissStore()}
      />,
    );
    expect(takesTapsAround(screen.getByRole("button", { name: "Dismiss notice" }))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    await openOnPhone(RULES);
    expect(takesTapsAround(screen.getByRole("button", { name: "Close" }))).toEqual([true, true, true, true]);
  });
});

describe("the editor on a phone", () => {
  it("the text area's font is at least 16px, so iOS Safari does not zoom the page in when it is focused", async () => {
    await phone(360, 740);
    const { client } = await moderatorsWorld();
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    const box = screen.getByLabelText(EDITOR_LABEL);
    expect(Number.parseFloat(getComputedStyle(box).fontSize)).toBeGreaterThanOrEqual(16);
  });
});
