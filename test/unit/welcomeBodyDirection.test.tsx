// The body of an HTML welcome takes the direction most of its words are written in, and a block written mostly in the
// other direction takes its own (see test/browser/bilingualWelcome for the layout, textDirection for the estimate).
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
    ["an Arabic paragraph first", "<p>مرحبا بكم</p><p>Hello</p>", "rtl"],
    ["a Hebrew heading and an English line", "<h1>שלום לכולם</h1><p>Hello</p>", "rtl"],
    ["an English paragraph and an Arabic one", "<p>Hello everyone</p><p>مرحبا</p>", "ltr"],
    ["an Arabic paragraph that opens with a product name", "<p>iPhone متوفر الآن في المتجر</p>", "rtl"],
    ["a wave and a number before the Arabic", "<p>👋 1. مرحبا</p><p>Hello</p>", "rtl"],
    ["a list of Persian items", "<ul><li>سلام</li><li>خوش آمدید</li></ul><p>Hello</p>", "rtl"],
    ["an N'Ko digit and an Arabic question mark", "<p>߁ ؟</p>", "rtl"],
    ["only numbers", "<p>2026</p>", "auto"],
  ])("given %s, the body's direction is %s", (_case, html, dir) => {
    expect(bodyOf(html).getAttribute("dir")).toBe(dir);
  });

  it("a block written mostly in the other direction gets its own dir; the rest follow the body", () => {
    const body = bodyOf(
      "<p>مرحبا بكم في الغرفة</p><p>Read <strong>the rules</strong> first</p><blockquote><p>كن لطيفا</p></blockquote><ul><li>Be kind</li><li>No spam</li></ul>",
    );
    expect(body.getAttribute("dir")).toBe("rtl");
    expect(
      [...body.querySelectorAll("[dir]")].map((el) => `${el.tagName}:${el.getAttribute("dir")}`),
    ).toEqual(["P:ltr", "UL:ltr"]);
  });

  it("a welcome in one language gets no dir on any block", () => {
    const body = bodyOf("<p>Welcome</p><blockquote><p>Be kind</p></blockquote><ol><li>Rules</li></ol>");
    expect(body.getAttribute("dir")).toBe("ltr");
    expect(body.querySelectorAll("[dir]")).toHaveLength(0);
  });
});
