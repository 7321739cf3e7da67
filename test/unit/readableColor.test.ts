/** The colour arithmetic behind readable sender colours: WCAG contrast, and the smallest mix that reaches it. */
import { describe, expect, it } from "vitest";
import { contrastRatio, type Rgba, readableColor, type TowardsFn } from "../../src/core/readableColor";

const rgb = (r: number, g: number, b: number, alpha = 1): Rgba => ({
  r: r / 255,
  g: g / 255,
  b: b / 255,
  alpha,
});
const WHITE = rgb(255, 255, 255);
const DARK_SURFACE = rgb(29, 34, 40);

/** A plain sRGB mix towards the end, in 8-bit steps as a canvas paints it (the browser's OKLab mix in the real thing). */
const mixFrom =
  (color: Rgba): TowardsFn =>
  (t, end) => {
    const to = end === "white" ? 1 : 0;
    const mix = (c: number) => Math.round((c + (to - c) * t) * 255) / 255;
    return { r: mix(color.r), g: mix(color.g), b: mix(color.b), alpha: 1 };
  };

describe("contrastRatio", () => {
  it("gives WCAG's figures: 21 for black on white, 1 for a colour on itself, 4.54 for #767676 on white", () => {
    expect(contrastRatio(rgb(0, 0, 0), WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(DARK_SURFACE, DARK_SURFACE)).toBe(1);
    expect(contrastRatio(rgb(118, 118, 118), WHITE)).toBeCloseTo(4.54, 2);
  });
});

describe("readableColor", () => {
  it("given navy on a dark surface, mixes it towards white just past 4.5:1", () => {
    const navy = rgb(0, 0, 128);
    const out = readableColor(navy, DARK_SURFACE, mixFrom(navy))!;
    expect(contrastRatio(out, DARK_SURFACE)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(out, DARK_SURFACE)).toBeLessThan(4.7);
    expect(out.b).toBeGreaterThan(out.r);
  });

  it("given yellow on white, mixes it towards black just past 4.5:1", () => {
    const yellow = rgb(255, 255, 0);
    const out = readableColor(yellow, WHITE, mixFrom(yellow))!;
    expect(contrastRatio(out, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(out, WHITE)).toBeLessThan(4.7);
    expect(out.r).toBe(out.g);
    expect(out.b).toBe(0);
  });

  it("leaves a colour that already reads alone, and asks for no mix", () => {
    const never: TowardsFn = () => {
      throw new Error("mixed");
    };
    expect(readableColor(rgb(198, 40, 40), WHITE, never)).toBeNull();
    expect(readableColor(rgb(255, 255, 0), DARK_SURFACE, never)).toBeNull();
    expect(readableColor(rgb(0, 0, 128), WHITE, never)).toBeNull();
  });

  it("given an aim above the minimum, a colour that reads keeps as is, and a moved one lands at the aim, not just past 4.5", () => {
    const never: TowardsFn = () => {
      throw new Error("mixed");
    };
    // #767676 reads on white (4.54:1), under an aim of 4.59.
    expect(readableColor(rgb(118, 118, 118), WHITE, never, 4.5, 4.59)).toBeNull();
    const navy = rgb(0, 0, 128);
    const out = readableColor(navy, DARK_SURFACE, mixFrom(navy), 4.5, 4.59)!;
    expect(contrastRatio(out, DARK_SURFACE)).toBeGreaterThanOrEqual(4.59);
    expect(contrastRatio(out, DARK_SURFACE)).toBeLessThan(4.75);
  });

  it("where even black or white falls short of the contrast asked, gives that end", () => {
    // Every background lets black or white reach 4.5:1; 7:1 is out of reach on #777777 (black gives 4.68).
    const grey = rgb(128, 128, 128);
    expect(readableColor(grey, rgb(119, 119, 119), mixFrom(grey), 7)).toEqual(rgb(0, 0, 0));
  });

  it("given light grey on a mid grey where white reaches 4.5:1, stays light (towards white), not flipped to near-black", () => {
    const bg = rgb(118, 118, 118); // 4.54:1 with white, 4.62:1 with black
    const light = rgb(224, 224, 224);
    const out = readableColor(light, bg, mixFrom(light))!;
    expect(contrastRatio(out, bg)).toBeGreaterThanOrEqual(4.5);
    expect(out.r).toBeGreaterThan(0.9);
  });

  it("when the mix cannot be made (no canvas), changes nothing", () => {
    expect(readableColor(rgb(0, 0, 128), DARK_SURFACE, () => null)).toBeNull();
  });

  it("measures a translucent colour as painted over the background", () => {
    // Black at 10% over white is a near-white: it needs changing although opaque black would not.
    const faint = rgb(0, 0, 0, 0.1);
    expect(readableColor(faint, WHITE, mixFrom(rgb(0, 0, 0)))).not.toBeNull();
  });

  it("for any colour on any background, reaches 4.5:1 with the smallest mix of 12 halvings after trying both ends", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.round((seed / 2 ** 31) * 255);
    };
    for (let i = 0; i < 2000; i++) {
      const fg = rgb(random(), random(), random());
      const bg = rgb(random(), random(), random());
      const steps: number[] = [];
      const towards: TowardsFn = (t, end) => {
        steps.push(t);
        return mixFrom(fg)(t, end);
      };
      const out = readableColor(fg, bg, towards);
      if (!out) {
        expect(contrastRatio(fg, bg)).toBeGreaterThanOrEqual(4.5);
        continue;
      }
      expect(contrastRatio(out, bg)).toBeGreaterThanOrEqual(4.5);
      expect(steps.length).toBeLessThanOrEqual(14);
    }
  });
});
