// A plain-text welcome split into paragraph blocks keeps the layout of one text in Chromium: blank lines between
// paragraphs, leading blank lines and CRLF line ends take the same height as unsplit text; and an English paragraph
// opening with an Arabic greeting, in an English welcome, keeps its full stop at its right end.
import "../../src/styles.css";
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody } from "../../src";
import { rectOf } from "../support/textRects";
import { textWelcome } from "../support/welcomeMessage";

function bodyOf(text: string): HTMLElement {
  const { container } = render(
    <div style={{ inlineSize: 600, lineHeight: "20px" }}>
      <WelcomeBody message={textWelcome(text)} labels={defaultWelcomeDialogLabels} authorColors="as-sent" />
    </div>,
  );
  return container.querySelector<HTMLElement>('[data-part="body"]')!;
}

const AR = "مرحبا بكم في الغرفة";
const AR2 = "أهلا وسهلا بالجميع هنا";
const EN = "Welcome to the room";

describe("split paragraphs keep the unsplit text's blank lines", () => {
  for (const [name, sep, lead] of [
    ["one blank line", "\n\n", ""],
    ["three blank lines", "\n\n\n\n", ""],
    ["CRLF blank line", "\r\n\r\n", ""],
    ["leading blank lines", "\n\n", "\n\n"],
    ["blank line with trailing spaces", "  \n  \n", ""],
  ] as const) {
    it(`${name}: Arabic then English is as tall as Arabic then Arabic`, () => {
      const split = bodyOf(`${lead}${AR}.${sep}${EN}.`);
      const splitDirs = [...split.querySelectorAll("[dir]")].map((e) => e.getAttribute("dir")).join(",");
      const splitHeight = split.getBoundingClientRect().height;
      const one = bodyOf(`${lead}${AR}.${sep}${AR2}.`);
      const oneHeight = one.getBoundingClientRect().height;
      expect({ splitDirs, diff: Math.round(splitHeight - oneHeight) }).toEqual({
        splitDirs: expect.stringContaining("ltr"),
        diff: 0,
      });
    });
  }
});

describe("an English paragraph opening with an Arabic greeting, in an English welcome", () => {
  it("its full stop stays at its right end (as dir=auto on the body had it)", () => {
    const sentence = "السلام عليكم is how we greet each other here";
    const body = bodyOf(`${EN}, please read the pinned rules first.\n\n${sentence}.`);
    const word = rectOf(body, "here");
    const stop = rectOf(body, "here.");
    const report = JSON.stringify({ here: [word.left, word.right], "here.": [stop.left, stop.right] });
    // Left to right: "here." starts where "here" does and ends right of it. Right to left: the full stop is moved to
    // the far (left) end of the line, so "here." spans from there.
    expect(Math.abs(stop.left - word.left), report).toBeLessThan(1);
    expect(stop.right, report).toBeGreaterThan(word.right + 1);
  });
});
