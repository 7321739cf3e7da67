/**
 * A server notice in two languages, one per line (Arabic then English, or English then Arabic), in Chromium: each
 * line is laid out in its own direction, measured where the glyphs land (its full stop at its end, the line against
 * its own start edge), whatever the first line's direction; a one-line notice keeps its markup and text.
 */
import "../../src/styles.css";
import { render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBannerList } from "../../src";
import { noticeItem } from "../support/noticeItems";
import { rectOf } from "../support/textRects";

const AR = "ستخضع الخدمة للصيانة الليلة";
const EN = "Maintenance tonight";

afterEach(() => {
  document.documentElement.removeAttribute("dir");
});

function bodyOf(text: string): HTMLElement {
  const { container } = render(
    <NoticeBannerList notices={[noticeItem("$n", text)]} dismissStore={createMemoryDismissStore()} />,
  );
  return container.querySelector<HTMLElement>('[data-part="body"]')!;
}

/** The body's content box (inside its padding and scroll bar). */
function contentBox(el: HTMLElement) {
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  const left = r.left + el.clientLeft + Number.parseFloat(cs.paddingLeft);
  return {
    left,
    right: left + el.clientWidth - Number.parseFloat(cs.paddingLeft) - Number.parseFloat(cs.paddingRight),
  };
}

describe("a notice with a line of times only", () => {
  for (const [label, times] of [
    ["Western digits", "22:00 - 23:00"],
    ["Arabic-Indic digits", "٢٢:٠٠ - ٢٣:٠٠"],
  ] as const)
    it(`under an Arabic line, the times (${label}) sit against the right edge, as the Arabic does`, () => {
      const body = bodyOf(`${AR}:\n${times}`);
      const box = contentBox(body);
      expect(Math.abs(rectOf(body, times).right - box.right)).toBeLessThan(1);
      expect(Math.abs(rectOf(body, AR).right - box.right)).toBeLessThan(1);
    });

  it("under an English line in an Arabic UI, the times sit against the left edge, as the English does", () => {
    document.documentElement.dir = "rtl";
    const body = bodyOf(`${EN}:\n22:00 - 23:00`);
    const box = contentBox(body);
    expect(Math.abs(rectOf(body, "22:00 - 23:00").left - box.left)).toBeLessThan(1);
  });

  it("the text read out is the text as sent: only invisible direction marks are added", () => {
    const text = `${AR}:\n22:00 - 23:00`;
    expect(bodyOf(text).textContent?.replace(/[\u200e\u200f]/g, "")).toBe(text);
  });
});

describe("a notice with an Arabic line and an English line", () => {
  it("Arabic first (English UI): the English line reads left to right, its full stop after 'tonight', from the left edge", () => {
    const body = bodyOf(`${AR}.\n${EN}.`);
    const box = contentBox(body);
    const stop = rectOf(body, `${EN}.`);
    const word = rectOf(body, EN);
    const report = { box, stop: [stop.left, stop.right], word: [word.left, word.right] };
    // The line "Maintenance tonight." starts at its own (left) edge and ends with its full stop.
    expect(Math.abs(word.left - box.left), JSON.stringify(report)).toBeLessThan(1);
    expect(stop.right, JSON.stringify(report)).toBeGreaterThan(word.right + 1);
    // The Arabic line stays right-aligned.
    expect(Math.abs(rectOf(body, `${AR}.`).right - box.right), JSON.stringify(report)).toBeLessThan(1);
  });

  it("English first (Arabic UI): the Arabic line reads right to left, its full stop at its left end, from the right edge", () => {
    document.documentElement.dir = "rtl";
    const body = bodyOf(`${EN}.\n${AR}.`);
    const box = contentBox(body);
    const line = rectOf(body, `${AR}.`);
    const words = rectOf(body, AR);
    const report = { box, line: [line.left, line.right], words: [words.left, words.right] };
    expect(Math.abs(line.right - box.right), JSON.stringify(report)).toBeLessThan(1);
    // The full stop is left of the words (an RTL line ends on the left).
    expect(line.left, JSON.stringify(report)).toBeLessThan(words.left - 1);
    expect(Math.abs(rectOf(body, EN).left - box.left), JSON.stringify(report)).toBeLessThan(1);
  });

  it("an English line opening with a URL after an Arabic one still reads left to right", () => {
    const body = bodyOf(`${AR}.\nhttps://example.org tonight.`);
    const box = contentBox(body);
    const link = body.querySelector<HTMLElement>('[data-part="link"]')!;
    expect(Math.abs(link.getBoundingClientRect().left - box.left)).toBeLessThan(1);
    expect(rectOf(body, "tonight.").right).toBeGreaterThan(rectOf(body, "tonight").right + 1);
  });

  it("keeps the text as sent (line breaks included) for the accessibility tree", () => {
    const text = `${AR}.\n${EN}.`;
    const body = bodyOf(text);
    expect(body.textContent).toBe(text);
    expect(body.matches(":dir(rtl)")).toBe(true);
  });
});

describe("a one-line notice", () => {
  it("keeps its body's markup: the text alone (in a span a page translator cannot pull from under React), with the direction it reads in", () => {
    const body = bodyOf(`${AR}.`);
    expect(body.outerHTML).toBe(`<p id="${body.id}" data-part="body" dir="rtl"><span>${AR}.</span></p>`);
  });

  it("with no words to take a direction from (times only), it keeps dir=auto", () => {
    const body = bodyOf("22:00 - 23:00");
    expect(body.getAttribute("dir")).toBe("auto");
  });
});
