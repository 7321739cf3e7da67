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
 * `color` moved as little as needed towards white or black to reach `min` contrast on the opaque `background`, through
 * `towards` (the caller's mix, e.g. the browser's `color-mix` in OKLab, which keeps the hue): towards the end on its
 * own side of the background (a light colour towards white) when that end reaches `min`, else the other. Null when it
 * already reads well, or the mix cannot be made. Where neither end reaches `min` (possible only for a `min` above
 * 4.58: every background lets black or white reach 4.5), the end with the more contrast. A colour that is moved aims
 * at `aim` (at least `min`): a margin for a background known only roughly (a translucent layer read back in 8 bits).
 */
export function readableColor(
  color: Rgba,
  background: Rgba,
  towards: TowardsFn,
  min = MIN_TEXT_CONTRAST,
  aim = min,
): Rgba | null {
  const contrast = (c: Rgba | null) =>
    c ? contrastRatio(c.alpha < 1 ? composite(c, background) : c, background) : 0;
  if (contrast(color) >= min) return null;
  const goal = Math.max(min, aim);
  const shown = color.alpha < 1 ? composite(color, background) : color;
  const own = luminance(shown) > luminance(background) ? "white" : "black";
  const other = own === "white" ? "black" : "white";
  let end: "black" | "white" = own;
  let last = towards(1, own);
  if (contrast(last) < goal) {
    const alt = towards(1, other);
    if (contrast(alt) > contrast(last)) [end, last] = [other, alt];
    if (contrast(last) < goal) return last;
  }
  let low = 0;
  let high = 1;
  for (let i = 0; i < 12; i++) {
    const t = (low + high) / 2;
    const c = towards(t, end);
    if (contrast(c) >= goal) [high, last] = [t, c];
    else low = t;
  }
  return last;
}
