/**
 * A welcome in two languages (Arabic then English, or English then Arabic), in Chromium: each paragraph, line, list
 * and quotation is laid out in its own direction, measured where the glyphs land (a line's full stop at its end, the
 * line against its own start edge, a list's markers on its own start side), not in the first language's direction.
 */
import "../../src/styles.css";
import { render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody, type WelcomeMessage } from "../../src";
import { rectOf } from "../support/textRects";
import { htmlWelcome } from "../support/welcomeMessage";

const AR = "مرحبا بكم في الغرفة";
const EN = "Welcome to the room";

afterEach(() => {
  document.documentElement.removeAttribute("dir");
});

function bodyOf(message: WelcomeMessage): HTMLElement {
  const { container } = render(
    <div style={{ inlineSize: 480 }}>
      <WelcomeBody message={message} labels={defaultWelcomeDialogLabels} authorColors="as-sent" />
    </div>,
  );
  return container.querySelector<HTMLElement>('[data-part="body"]')!;
}

const textWelcome = (text: string): WelcomeMessage => ({
  eventId: "$e",
  eventType: "m.room.welcome",
  sender: "@m:x",
  ts: 0,
  text,
});

/** The element's content box. */
function contentBox(el: Element) {
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  return {
    left: r.left + Number.parseFloat(cs.borderLeftWidth) + Number.parseFloat(cs.paddingLeft),
    right: r.right - Number.parseFloat(cs.borderRightWidth) - Number.parseFloat(cs.paddingRight),
  };
}

/** The English sentence reads left to right from the left edge of `box`, its full stop after its last word. */
function expectLeftToRight(body: HTMLElement, box: { left: number }) {
  const word = rectOf(body, EN);
  const stop = rectOf(body, `${EN}.`);
  const report = JSON.stringify({ box, word: [word.left, word.right], stop: [stop.left, stop.right] });
  expect(Math.abs(word.left - box.left), report).toBeLessThan(1);
  expect(stop.right, report).toBeGreaterThan(word.right + 1);
}

/** The Arabic sentence reads right to left from the right edge of `box`, its full stop at its left end. */
function expectRightToLeft(body: HTMLElement, box: { right: number }) {
  const words = rectOf(body, AR);
  const line = rectOf(body, `${AR}.`);
  const report = JSON.stringify({ box, words: [words.left, words.right], line: [line.left, line.right] });
  expect(Math.abs(line.right - box.right), report).toBeLessThan(1);
  expect(line.left, report).toBeLessThan(words.left - 1);
}

describe("an HTML welcome with an Arabic paragraph and an English one", () => {
  it("Arabic first (English UI): the English paragraph reads left to right from the left edge", () => {
    const body = bodyOf(htmlWelcome(`<p>${AR}.</p><p>${EN}.</p>`));
    const [ar, en] = [...body.querySelectorAll("p")];
    expectRightToLeft(body, contentBox(ar!));
    expectLeftToRight(body, contentBox(en!));
  });

  it("English first (Arabic UI): the Arabic paragraph reads right to left from the right edge", () => {
    document.documentElement.dir = "rtl";
    const body = bodyOf(htmlWelcome(`<p>${EN}.</p><p>${AR}.</p>`));
    const [en, ar] = [...body.querySelectorAll("p")];
    expectLeftToRight(body, contentBox(en!));
    expectRightToLeft(body, contentBox(ar!));
  });

  it("lines split by <br> (a bridged message) each read in their own direction", () => {
    const body = bodyOf(htmlWelcome(`${AR}.<br>${EN}.`));
    const box = contentBox(body);
    expectRightToLeft(body, box);
    expectLeftToRight(body, box);
  });

  it("an English list after an Arabic paragraph has its markers on the left, and a quotation its indent on its own start", () => {
    const body = bodyOf(
      htmlWelcome(`<p>${AR}.</p><ul><li>${EN}.</li></ul><blockquote><p>${EN}.</p></blockquote>`),
    );
    const item = body.querySelector("li")!;
    expect(item.matches(":dir(ltr)")).toBe(true);
    const list = body.querySelector("ul")!;
    // The list's indent (where its markers sit) is on the left: the item starts right of the list's left edge.
    expect(item.getBoundingClientRect().left).toBeGreaterThan(list.getBoundingClientRect().left + 8);
    expect(Math.abs(item.getBoundingClientRect().right - list.getBoundingClientRect().right)).toBeLessThan(1);
    const quote = body.querySelector("blockquote")!;
    expect(quote.matches(":dir(ltr)")).toBe(true);
    expect(getComputedStyle(quote).paddingLeft).not.toBe("0px");
    expect(getComputedStyle(quote).paddingRight).toBe("0px");
  });

  it("keeps the sanitized message for the accessibility tree (text as sent, the body's own direction from its first letter)", () => {
    const body = bodyOf(htmlWelcome(`<p>${AR}.</p><p>${EN}.</p>`));
    expect(body.textContent).toBe(`${AR}.${EN}.`);
    expect(body.matches(":dir(rtl)")).toBe(true);
  });
});

describe("a plain-text welcome with an Arabic line and an English line", () => {
  it("each line reads in its own direction", () => {
    const body = bodyOf(textWelcome(`${AR}.\n${EN}.`));
    const box = contentBox(body);
    expectRightToLeft(body, box);
    expectLeftToRight(body, box);
  });
});
