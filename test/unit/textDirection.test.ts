import { describe, expect, it } from "vitest";
import { estimateDirection } from "../../src/core/textDirection";

describe("estimateDirection: the direction a text is mostly written in", () => {
  it.each([
    ["Arabic", "مرحبا بكم في الغرفة", "rtl"],
    ["Hebrew", "ברוכים הבאים", "rtl"],
    ["English", "Welcome to the room", "ltr"],
    ["Arabic opening with a product name", "iPhone متوفر الآن في المتجر", "rtl"],
    ["English with an Arabic word at the end", "Welcome to the room, مرحبا", "ltr"],
    ["Arabic with two English words of five (over 40% Arabic)", "Matrix Synapse خادم سريع جدا", "rtl"],
    ["a URL then Arabic", "https://example.org ستخضع الخدمة للصيانة", "rtl"],
    [
      "an Arabic word and two URLs (URLs do not count)",
      "القواعد: https://example.org/rules https://example.org/faq",
      "rtl",
    ],
    ["digits, emoji and punctuation only", "2026 👋 — 12:00!", null],
    ["an empty text", "", null],
    ["N'Ko digits and an Arabic question mark (right to left, not letters)", "߁߂ ؟", "rtl"],
    ["Roman numerals and circled letters (left to right, not letters)", "Ⅻ ⓐ", "ltr"],
    ["a right-to-left mark before a number", "\u200F123", "rtl"],
  ])("%s: %s", (_case, text, dir) => {
    expect(estimateDirection(text)).toBe(dir);
  });

  it("Arabic-Indic digits are no right-to-left words: an English line with times in them reads left to right", () => {
    expect(estimateDirection("Downtime ٢٢:٠٠ - ٢٣:٠٠")).toBe("ltr");
  });

  it("Arabic number punctuation (decimal and thousands separators, the percent sign) is no right-to-left word either", () => {
    expect(estimateDirection("Downtime ٢٫٥ - ٣٫٥ hours")).toBe("ltr");
    expect(estimateDirection("١٬٠٠٠ users")).toBe("ltr");
    expect(estimateDirection("٥٠٪ used")).toBe("ltr");
  });
});

describe("estimateDirection: identifiers and the share of right-to-left words", () => {
  it("given an Arabic welcome that opens with Matrix ids and an alias, it is right to left (identifiers carry no direction)", () => {
    expect(estimateDirection("@admin:example.org @mod:example.org #help:example.org مرحبا بكم")).toBe("rtl");
  });

  it("given 9 of 20 words in Hebrew after 11 in English (over 40%), it is right to left", () => {
    expect(estimateDirection(`${"word ".repeat(11)}${"שלום ".repeat(9)}`)).toBe("rtl");
  });
});
