// What counts as text a reader sees: legitimate scripts, emoji sequences and visible format marks do; blanks,
// zero-width and filler characters do not.
import { describe, expect, it } from "vitest";
import { parseWelcomeContent } from "../../src";
import { hasVisibleText } from "../../src/core/visibleText";

const legit: Record<string, string> = {
  zwjFamily: "👨\u200d👩\u200d👧",
  heartVs: "❤\ufe0f",
  flagScotland: "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
  rtlMarks: "\u200fשלום\u200e",
  hangul: "안녕하세요",
  hangulJamoWithFiller: "\u115f\u1161", // conjoining: filler + vowel
  combining: "e\u0301",
  keycap: "#\ufe0f\u20e3",
  arabicEndOfAyah: "\u06dd", // ARABIC END OF AYAH: a visible ornament (Cf, Prepended_Concatenation_Mark)
  arabicNumberSign: "\u0600\u0661", // with a digit
};

describe("hasVisibleText on legitimate text", () => {
  for (const [name, text] of Object.entries(legit))
    it(name, () => {
      expect(hasVisibleText(text)).toBe(true);
    });
  it("a welcome of only ۝ (U+06DD, rendered as an ornament) is a welcome", () => {
    expect(parseWelcomeContent({ "m.room.welcome": { "m.text": [{ body: "\u06dd" }] } })).not.toBeNull();
  });
});
