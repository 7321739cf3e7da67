// An English paragraph that merely opens with an Arabic or Hebrew word (a greeting, a moderator's name) stays left to
// right in an English welcome: a text opening with a right-to-left word is right to left only from a quarter of its
// words (textDirection.directionOf), as a plain dir="auto" body kept it.
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody, type WelcomeMessage } from "../../src";
import { estimateDirection } from "../../src/core/textDirection";
import { htmlWelcome, textWelcome } from "../support/welcomeMessage";

const bodyOf = (message: WelcomeMessage) =>
  render(<WelcomeBody message={message} labels={defaultWelcomeDialogLabels} />).container.querySelector(
    '[data-part="body"]',
  )!;

const dirs = (body: Element) => [
  `BODY:${body.getAttribute("dir")}`,
  ...[...body.querySelectorAll("[dir]")].map((el) => `${el.tagName}:${el.getAttribute("dir")}`),
];

const EN1 = "Welcome to the Arabic learners' room! Please read the pinned rules before posting.";
const EN2 = "السلام عليكم is how we greet each other here, so feel free to use it in your first message.";
const EN3 = "أحمد and Sara moderate this room; ping them with any question about the course.";

describe("an English paragraph opening with one Arabic word or name, in an English welcome", () => {
  it("estimateDirection: 2 RTL words of 19 is an English sentence", () => {
    expect([estimateDirection(EN2), estimateDirection(EN3)]).toEqual(["ltr", "ltr"]);
  });

  it("HTML: the paragraph follows the English body (no dir=rtl turning its full stop to the left)", () => {
    const body = bodyOf(htmlWelcome(`<p>${EN1}</p><p>${EN2}</p><p>${EN3}</p>`));
    expect(dirs(body)).toEqual(["BODY:ltr"]);
  });

  it("plain text (Element sends plain text): the paragraph after a blank line follows the English body", () => {
    const body = bodyOf(textWelcome(`${EN1}\n\n${EN2}\n\n${EN3}`));
    expect(dirs(body)).toEqual(["BODY:ltr"]);
  });

  it("plain text opening with an Arabic greeting line, then English: the English text is not laid out RTL (dir=auto does the same; ffea384 gave ltr)", () => {
    const body = bodyOf(
      textWelcome(`مرحبا!\n${EN1}\nWe meet every Friday at 18:00 UTC; everyone is welcome to join.`),
    );
    expect(body.getAttribute("dir")).toBe("ltr");
  });
});
