// The body of an HTML welcome keeps the direction of the message's first letter, as `dir="auto"` finds it, while
// each block takes its own (`dir="auto"` on blocks; see test/browser/bilingualWelcome for the layout).
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody } from "../../src";
import { htmlWelcome } from "../support/welcomeMessage";

const bodyOf = (html: string) =>
  render(
    <WelcomeBody message={htmlWelcome(html)} labels={defaultWelcomeDialogLabels} />,
  ).container.querySelector('[data-part="body"]')!;

describe("an HTML welcome's direction", () => {
  it.each([
    ["an Arabic paragraph first", "<p>مرحبا</p><p>Hello</p>", "rtl"],
    ["a Hebrew heading first", "<h1>שלום</h1><p>Hello</p>", "rtl"],
    ["an English paragraph first", "<p>Hello</p><p>مرحبا</p>", "ltr"],
    ["a wave and a number before the Arabic", "<p>👋 1. مرحبا</p><p>Hello</p>", "rtl"],
    ["a list whose first item is Persian", "<ul><li>سلام</li></ul><p>Hello</p>", "rtl"],
    ["only numbers", "<p>2026</p>", "auto"],
  ])("given %s, the body's direction is %s", (_case, html, dir) => {
    expect(bodyOf(html).getAttribute("dir")).toBe(dir);
  });

  it("each block of the message gets dir=auto, its inline elements none", () => {
    const body = bodyOf(
      "<p>Read <strong>this</strong></p><blockquote><p>q</p></blockquote><ol><li>a</li></ol>",
    );
    expect([...body.querySelectorAll("[dir]")].map((el) => el.tagName)).toEqual([
      "P",
      "BLOCKQUOTE",
      "P",
      "OL",
      "LI",
    ]);
  });
});
