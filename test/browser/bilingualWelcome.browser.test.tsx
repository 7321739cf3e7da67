/**
 * A welcome in two languages (Arabic then English, or English then Arabic), in Chromium: each paragraph, list and
 * quotation written mostly in the other language is laid out in that language's direction, measured where the glyphs
 * land (a line's full stop at its end, the line against its own start edge, a list's markers on its own start side);
 * and a welcome in one right-to-left language stays right to left where a block or line opens with a Latin word or
 * holds only digits (what a per-block first-letter rule got wrong); then realistic cases: a plain-text welcome in two
 * languages, a Hebrew paragraph full of English product names, an Arabic list of product names, a one-word heading.
 */
import "../../src/styles.css";
import { render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody, type WelcomeMessage } from "../../src";
import { rectOf } from "../support/textRects";
import { htmlWelcome, textWelcome } from "../support/welcomeMessage";

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

  it("keeps the sanitized message for the accessibility tree (text as sent, the body in its mostly used direction)", () => {
    const body = bodyOf(htmlWelcome(`<p>${AR}.</p><p>${EN}.</p>`));
    expect(body.textContent).toBe(`${AR}.${EN}.`);
    expect(body.matches(":dir(rtl)")).toBe(true);
  });
});

describe("a welcome written in one right-to-left language", () => {
  it("an Arabic paragraph that opens with a product name stays right-to-left, right-aligned", () => {
    const body = bodyOf(htmlWelcome("<p>مرحبا بكم في الغرفة.</p><p>Matrix هو بروتوكول مفتوح للتواصل.</p>"));
    const p = body.querySelectorAll("p")[1]!;
    const box = contentBox(p);
    const line = rectOf(body, "بروتوكول مفتوح للتواصل.");
    const report = JSON.stringify({
      dir: p.matches(":dir(rtl)") ? "rtl" : "ltr",
      box,
      line: [line.left, line.right],
    });
    expect(p.matches(":dir(rtl)"), report).toBe(true);
    expect(Math.abs(rectOf(body, "Matrix").right - box.right), report).toBeLessThan(1);
  });

  it("an Arabic list whose first item opens with a Latin term keeps its markers on the right", () => {
    const body = bodyOf(
      htmlWelcome("<p>القواعد:</p><ul><li>WiFi كلمة المرور في الاستقبال</li><li>لا إعلانات</li></ul>"),
    );
    const list = body.querySelector("ul")!;
    const items = [...list.querySelectorAll("li")];
    const dirs = [list, ...items].map((el) => (el.matches(":dir(rtl)") ? "rtl" : "ltr"));
    expect(dirs).toEqual(["rtl", "rtl", "rtl"]);
  });

  it("a list whose items differ in direction keeps every item's marker inside the list's box (not clipped off the edge)", () => {
    // English item first (so the ul is ltr: its indent on the left), then an Arabic item (rtl: outside marker to its right).
    const body = bodyOf(htmlWelcome("<ul><li>Be kind</li><li>كن لطيفا مع الجميع</li></ul>"));
    const list = body.querySelector("ul")!;
    const arabic = list.querySelectorAll("li")[1]!;
    const l = list.getBoundingClientRect();
    const a = arabic.getBoundingClientRect();
    const ulDir = list.matches(":dir(rtl)") ? "rtl" : "ltr";
    const liDir = arabic.matches(":dir(rtl)") ? "rtl" : "ltr";
    // An outside marker sits beyond the item's start edge; for the rtl item that is its right edge. There must be
    // room for it inside the list (the list's padding on that side), else it hangs past the body's edge.
    const roomForMarker = liDir === "rtl" ? l.right - a.right : a.left - l.left;
    expect({ ulDir, liDir, roomForMarker: roomForMarker > 8 }).toEqual({
      ulDir,
      liDir,
      roomForMarker: true,
    });
  });

  it("a table in an Arabic welcome whose first cell is a Latin word keeps its columns right to left", () => {
    const body = bodyOf(
      htmlWelcome(
        "<p>معلومات الغرفة:</p><table><tbody><tr><td>WiFi</td><td>كلمة المرور</td></tr><tr><td>القهوة</td><td>مجانية</td></tr></tbody></table>",
      ),
    );
    const [first, second] = [...body.querySelectorAll("tr")[0]!.querySelectorAll("td")];
    // Right to left: the first column is on the right.
    expect(first!.getBoundingClientRect().left).toBeGreaterThan(second!.getBoundingClientRect().left);
  });

  it("a plain-text Arabic welcome: a line holding only a phone number stays on the right with the rest", () => {
    const body = bodyOf(textWelcome("للتواصل مع المشرف:\n+966 50 123 4567\nشكرا لكم"));
    const box = contentBox(body);
    const number = rectOf(body, "+966 50 123 4567");
    expect(
      Math.abs(number.right - box.right),
      JSON.stringify({ box, number: [number.left, number.right] }),
    ).toBeLessThan(1);
  });

  it("a plain-text Arabic welcome: a line that starts with an English word stays right-to-left", () => {
    const body = bodyOf(textWelcome("مرحبا بكم.\nDiscord هو المكان الثاني للتواصل."));
    const box = contentBox(body);
    const word = rectOf(body, "Discord");
    expect(
      Math.abs(word.right - box.right),
      JSON.stringify({ box, word: [word.left, word.right] }),
    ).toBeLessThan(1);
  });
});

describe("a plain-text welcome in two languages (Element sends unformatted messages as plain text)", () => {
  it("the English paragraph after the Arabic one has its full stop after its last word, as the HTML version does", () => {
    const body = bodyOf(textWelcome(`${AR}.\n\n${EN}.`));
    const word = rectOf(body, EN);
    const stop = rectOf(body, `${EN}.`);
    const report = JSON.stringify({
      dir: body.getAttribute("dir"),
      word: [word.left, word.right],
      stop: [stop.left, stop.right],
    });
    expect(stop.right, report).toBeGreaterThan(word.right + 1);
  });

  it("the same welcome as HTML paragraphs lays out the English one left to right", () => {
    const body = bodyOf(htmlWelcome(`<p>${AR}.</p><p>${EN}.</p>`));
    const word = rectOf(body, EN);
    const stop = rectOf(body, `${EN}.`);
    expect(stop.right).toBeGreaterThan(word.right + 1);
  });
});

describe("a Hebrew paragraph with several English product names", () => {
  it("reads right to left: its first Hebrew word sits at the paragraph's right edge", () => {
    const body = bodyOf(
      htmlWelcome(
        "<p>ברוכים הבאים לשרת שלנו.</p><p>הורידו את Element Desktop, Element Web או Element X for iOS.</p>",
      ),
    );
    const p = body.querySelectorAll("p")[1]!;
    const box = contentBox(p);
    const first = rectOf(p, "הורידו");
    const report = JSON.stringify({ pDir: p.getAttribute("dir"), box, first: [first.left, first.right] });
    expect(Math.abs(first.right - box.right), report).toBeLessThan(1);
  });
});

describe("an Arabic list whose items end with a product name", () => {
  it("keeps its markers on the right and each item's Arabic verb at the right edge", () => {
    const body = bodyOf(
      htmlWelcome("<ul><li>استخدم Element</li><li>جرب FluffyChat</li><li>ثبّت Nheko</li></ul>"),
    );
    const li = body.querySelector("li")!;
    const box = contentBox(li);
    const verb = rectOf(li, "استخدم");
    const report = JSON.stringify({ body: body.getAttribute("dir"), box, verb: [verb.left, verb.right] });
    expect(Math.abs(verb.right - box.right), report).toBeLessThan(1);
  });
});

describe("a heading that is only a product name in an Arabic welcome", () => {
  it("is aligned on the welcome's start (right) side like the rest", () => {
    const body = bodyOf(
      htmlWelcome(
        "<p>مرحبا بكم في الغرفة، نتمنى لكم وقتا ممتعا.</p><h2>Matrix</h2><p>اقرأ القواعد قبل النشر.</p>",
      ),
    );
    const h2 = body.querySelector("h2")!;
    const box = contentBox(h2);
    const word = rectOf(h2, "Matrix");
    const report = JSON.stringify({ h2: h2.getAttribute("dir"), box, word: [word.left, word.right] });
    expect(Math.abs(word.right - box.right), report).toBeLessThan(1);
  });
});
