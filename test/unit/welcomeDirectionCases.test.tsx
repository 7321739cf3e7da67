// The direction of realistic welcomes (WelcomeBody): words counted across blocks and lines, identifiers left out, a
// block taking its own direction only with two words or more, written in it by both its first word and most words.
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody } from "../../src";
import { htmlWelcome } from "../support/welcomeMessage";

const bodyOf = (html: string) =>
  render(
    <WelcomeBody message={htmlWelcome(html)} labels={defaultWelcomeDialogLabels} />,
  ).container.querySelector('[data-part="body"]')!;

const dirs = (body: Element) => [
  `BODY:${body.getAttribute("dir")}`,
  ...[...body.querySelectorAll("[dir]")].map((el) => `${el.tagName}:${el.getAttribute("dir")}`),
];

describe("words are counted across block boundaries", () => {
  it("an Arabic list whose items end with a product name (3 Arabic words, 3 Latin) stays right to left", () => {
    // textContent of the template glues "Element" to the next item's first Arabic word: "Elementجرب" counts as one
    // Latin word, so 1 of 4 words is Arabic (25%) instead of 3 of 6 (50%).
    const body = bodyOf("<ul><li>استخدم Element</li><li>جرب FluffyChat</li><li>ثبّت Nheko</li></ul>");
    expect(dirs(body)).toEqual(["BODY:rtl"]);
  });

  it("lines split by <br> are counted as separate words too", () => {
    const body = bodyOf("<p>استخدم Element<br>جرب FluffyChat<br>ثبّت Nheko</p>");
    expect(dirs(body)).toEqual(["BODY:rtl"]);
  });
});

describe("identifiers vote like words (URLs do not, Matrix IDs and aliases do)", () => {
  it("an Arabic paragraph naming the moderators' Matrix IDs stays right to left in an Arabic welcome", () => {
    const body = bodyOf(
      "<p>مرحبا بكم في الغرفة، نتمنى لكم وقتا ممتعا.</p><p>المشرفون: @alice:example.org، @bob:example.org، @carol:example.org</p>",
    );
    expect(dirs(body)).toEqual(["BODY:rtl"]);
  });
});

describe("a Hebrew paragraph with several English product names", () => {
  it("stays right to left in a Hebrew welcome (its first letter and its grammar are Hebrew)", () => {
    const body = bodyOf(
      "<p>ברוכים הבאים לשרת שלנו.</p><p>הורידו את Element Desktop, Element Web או Element X for iOS.</p>",
    );
    expect(dirs(body)).toEqual(["BODY:rtl"]);
  });
});

describe("a one-word Latin block in a right-to-left welcome", () => {
  it("a heading or summary that is only a product name follows the welcome (right-aligned), as dir=auto on the body did", () => {
    const body = bodyOf(
      "<p>مرحبا بكم في الغرفة، نتمنى لكم وقتا ممتعا.</p><h2>Matrix</h2><details><summary>FAQ</summary><p>اقرأ القواعد قبل النشر.</p></details>",
    );
    expect(dirs(body)).toEqual(["BODY:rtl"]);
  });
});
