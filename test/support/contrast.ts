/**
 * The contrast ratio (WCAG 2) of two opaque CSS colours as `getComputedStyle` reports them: `rgb()`, and also the
 * `color(srgb …)`, `oklch()` and `oklab()` forms that `color-mix()` and modern themes compute to (read through a
 * 1-pixel canvas, as the browser paints them; a pattern match on their digits took `color(srgb 1 1 1)` for black).
 */
export function contrastRatio(foreground: string, background: string): number {
  const luminance = (css: string) => {
    const [r = 0, g = 0, b = 0] = sRgbBytes(css);
    const channel = (v: number) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const [hi, lo] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

let pixel: CanvasRenderingContext2D | null = null;

/** A colour's sRGB bytes: `rgb()` read as written, any other form painted on a canvas and read back. */
function sRgbBytes(css: string): number[] {
  if (/^rgba?\(/.test(css)) return (css.match(/[\d.]+/g) ?? []).map(Number);
  pixel ??= document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  if (!pixel) throw new Error(`cannot read ${css} without a canvas`);
  pixel.clearRect(0, 0, 1, 1);
  pixel.fillStyle = "#000";
  pixel.fillStyle = css;
  pixel.fillRect(0, 0, 1, 1);
  return [...pixel.getImageData(0, 0, 1, 1).data.slice(0, 3)];
}
