/**
 * Bidirectional text in Chromium, measured where the glyphs land: a room name inside the dialog's title (isolated, the
 * title in the UI's direction), a notice opening with a URL, and a failed image's fallback words (an i18n review's
 * probes; most failed before).
 */
import "../../src/styles.css";
import { render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  defaultWelcomeDialogLabels,
  keepMxcMedia,
  NoticeBannerList,
  type ServerNoticeItem,
  sanitizeMatrixHtml,
  WelcomeBody,
  type WelcomeMessage,
} from "../../src";
import { rectOf } from "../support/textRects";
import { openWelcomeDialog } from "../support/welcomeDialog";

afterEach(() => {
  document.documentElement.removeAttribute("dir");
});

const notice = (body: string): ServerNoticeItem => ({
  eventId: `$${Math.random()}`,
  sender: "@notices:x",
  ts: 0,
  source: "pinned",
  notice: { body },
});

/** A welcome of sanitized HTML whose images keep their mxc:// sources, for the resolver given. */
const html = (h: string): WelcomeMessage => ({
  eventId: "$e",
  eventType: "m.room.welcome",
  sender: "@m:x",
  ts: 0,
  html: sanitizeMatrixHtml(h, { mediaUrl: keepMxcMedia }),
});

async function openDialog(name: string, labels: Record<string, unknown>, dir?: "rtl") {
  const dialog = await openWelcomeDialog({ roomName: name, text: "مرحبا", labels, dir });
  return dialog.querySelector<HTMLElement>('[data-part="title"]')!;
}

describe("the room name inside the dialog title", () => {
  it("is isolated in a <bdi>, and the dialog's name stays the plain sentence", async () => {
    const title = await openDialog("Matrix HQ (dev)", {});
    expect(title.querySelector("bdi")?.textContent).toBe("Matrix HQ (dev)");
    expect(screen.getByRole("dialog", { name: "Welcome to Matrix HQ (dev)" })).toBeTruthy();
  });

  it("Arabic UI (html dir=rtl), English room name ending in ')': the parenthesis stays after 'dev'", async () => {
    document.documentElement.dir = "rtl";
    const title = await openDialog("Matrix HQ (dev)", { title: (n: string) => `مرحبًا بك في ${n}` });
    const v = rectOf(title, "v");
    const close = rectOf(title, ")");
    // Read as LTR, "(dev)" has ")" right of "v". Unisolated in an RTL paragraph the ")" jumps to the far left.
    expect(close.left, `')' at ${close.left}, 'v' at ${v.left}`).toBeGreaterThan(v.left);
  });

  it("Arabic UI, room name 'C++': the pluses stay right of the C", async () => {
    document.documentElement.dir = "rtl";
    const title = await openDialog("C++", { title: (n: string) => `مرحبًا بك في ${n}` });
    expect(rectOf(title, "+").left).toBeGreaterThan(rectOf(title, "C").left);
  });

  it("Arabic UI, an unnamed room shown by its alias '#lounge:example.org': the '#' stays before 'lounge'", async () => {
    document.documentElement.dir = "rtl";
    const title = await openDialog("#lounge:example.org", { title: (n: string) => `مرحبًا بك في ${n}` });
    title.style.fontSize = "32px";
    expect(rectOf(title, "#").right).toBeLessThanOrEqual(rectOf(title, "lounge").left + 0.5);
  });

  it("Hebrew UI whose label puts the room first: an English room name does not turn the title LTR", async () => {
    document.documentElement.dir = "rtl";
    const title = await openDialog("Matrix HQ", { title: (n: string) => `${n}: ברוכים הבאים` });
    expect(title.matches(":dir(rtl)")).toBe(true);
  });

  it("English UI whose label puts the room first: an Arabic room name does not turn the title RTL", async () => {
    const title = await openDialog("ردهة القواعد", { title: (n: string) => `${n}: welcome!` });
    expect(title.matches(":dir(ltr)")).toBe(true);
  });

  it("English UI, default label, Arabic room name with a number: (baseline) renders as the name does alone", async () => {
    const title = await openDialog("مجتمع 2024", {});
    // Default label: nothing follows the name, so nothing can jump.
    expect(rectOf(title, "2024").left).toBeLessThan(rectOf(title, "مجتمع").left);
    expect(title.matches(":dir(ltr)")).toBe(true);
  });
});

describe("dir=auto on server text", () => {
  it("an Arabic notice that opens with a URL is laid out RTL (dir=auto's first-strong rule says LTR)", async () => {
    const { container } = render(
      <NoticeBannerList
        notices={[notice("https://status.example.org ستخضع الخدمة للصيانة الليلة.")]}
        dismissStore={createMemoryDismissStore()}
      />,
    );
    const body = container.querySelector<HTMLElement>('[data-part="body"]')!;
    expect(body.matches(":dir(rtl)")).toBe(true);
  });

  it("an Arabic notice that opens with a time is RTL (digits are not strong)", async () => {
    const { container } = render(
      <NoticeBannerList notices={[notice("22:00 صيانة الخادم")]} dismissStore={createMemoryDismissStore()} />,
    );
    expect(container.querySelector('[data-part="body"]')!.matches(":dir(rtl)")).toBe(true);
  });

  it("an Arabic welcome opening with an image that fails to load stays RTL in an English UI", async () => {
    const { container } = render(
      <WelcomeBody
        message={html('<p><img src="mxc://example.org/banner"> مرحبا بكم في الغرفة</p>')}
        labels={defaultWelcomeDialogLabels}
        resolveMedia={() => Promise.reject(new Error("offline"))}
      />,
    );
    const body = container.querySelector<HTMLElement>('[data-part="body"]')!;
    expect(body.matches(":dir(rtl)"), "before the image fails").toBe(true);
    await waitFor(() => expect(body.textContent).toContain("Image unavailable"));
    expect(body.matches(":dir(rtl)"), "after the English fallback text went in").toBe(true);
  });

  it("an English welcome opening with an image that fails stays LTR in an Arabic UI", async () => {
    document.documentElement.dir = "rtl";
    const { container } = render(
      <WelcomeBody
        message={html('<p><img src="mxc://example.org/banner"> Welcome to the lounge</p>')}
        labels={{ ...defaultWelcomeDialogLabels, imageUnavailable: "الصورة غير متاحة" }}
        resolveMedia={() => Promise.reject(new Error("offline"))}
      />,
    );
    const body = container.querySelector<HTMLElement>('[data-part="body"]')!;
    await waitFor(() => expect(body.textContent).toContain("الصورة"));
    expect(body.matches(":dir(ltr)")).toBe(true);
  });
});
