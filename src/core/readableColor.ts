/** Pure colour arithmetic for keeping a sender's text colour readable on the background it lands on (WCAG 2 contrast). */

/** An sRGB colour, channels 0-1, with its alpha (0-1). */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  alpha: number;
}

/** WCAG 2's minimum contrast for ordinary text (AA). */
export const MIN_TEXT_CONTRAST = 4.5;

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** WCAG 2 relative luminance of an opaque colour. */
export function luminance({ r, g, b }: Rgba): number {
  return 0.2126 * toLinear(r) + 0.7152 * toLinear(g) + 0.0722 * toLinear(b);
}

/** WCAG 2 contrast ratio of two opaque colours (1 to 21). */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** `top` painted over the opaque `under`. */
export function composite(top: Rgba, under: Rgba): Rgba {
  const a = top.alpha;
  const mix = (t: number, u: number) => t * a + u * (1 - a);
  return { r: mix(top.r, under.r), g: mix(top.g, under.g), b: mix(top.b, under.b), alpha: 1 };
}

/** The colour `t` (0-1) of the way from the sender's colour to black or white; null if it cannot be made. */
export type TowardsFn = (t: number, end: "black" | "white") => Rgba | null;

/**
 * `color` moved as little as needed towards black (on a light background) or white (on a dark one) to reach `min`
 * contrast on the opaque `background`, through `towards` (the caller's mix, e.g. the browser's `color-mix` in OKLab,
 * which keeps the hue). Null when it already reads well, or the mix cannot be made. Where even the end falls short
 * (a `min` above 4.58: every background lets black or white reach 4.5), the end.
 */
export function readableColor(
  color: Rgba,
  background: Rgba,
  towards: TowardsFn,
  min = MIN_TEXT_CONTRAST,
): Rgba | null {
  const reads = (c: Rgba | null) =>
    !!c && contrastRatio(c.alpha < 1 ? composite(c, background) : c, background) >= min;
  if (reads(color)) return null;
  const black = { r: 0, g: 0, b: 0, alpha: 1 };
  const white = { r: 1, g: 1, b: 1, alpha: 1 };
  const end = contrastRatio(black, background) >= contrastRatio(white, background) ? "black" : "white";
  const last = towards(1, end);
  if (!reads(last)) return last;
  let low = 0;
  let high = 1;
  let best = last;
  for (let i = 0; i < 12; i++) {
    const t = (low + high) / 2;
    const c = towards(t, end);
    if (reads(c)) [high, best] = [t, c];
    else low = t;
  }
  return best;
}
