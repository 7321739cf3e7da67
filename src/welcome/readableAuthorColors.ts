/**
 * Keeps a sender's text colours (`data-mx-color`, `<font color>`) readable where they are shown: a dark blue chosen on
 * a light client is near invisible on a dark dialog, a yellow one on a light dialog. Each such element whose colour
 * has less than WCAG's 4.5:1 contrast with the background it is painted on is mixed (in OKLab, hue kept) just far
 * enough towards white or black; one that reads well keeps the sender's colour. Text on the sender's own background
 * colour is the sender's pair and stays as sent. Colours are read the way the browser paints them (a 1-pixel canvas),
 * so any CSS colour an app's theme uses counts; without `OffscreenCanvas` (old browsers, jsdom) nothing changes.
 */
import { composite, type Rgba, readableColor } from "../core/readableColor.js";

const WHITE: Rgba = { r: 1, g: 1, b: 1, alpha: 1 };
/** Marks an element whose colour this changed. */
const ADJUSTED = "data-mnk-readable-color";
const SENT = "[data-mx-color], font[color]";
const HEX = /^#[\da-f]{6}$/i;

let context: OffscreenCanvasRenderingContext2D | null | undefined;

/** A CSS colour as the browser paints it; null when it is no colour or there is no canvas. */
function paint(css: string): Rgba | null {
  if (context === undefined)
    context =
      typeof OffscreenCanvas === "undefined"
        ? null
        : new OffscreenCanvas(1, 1).getContext("2d", { willReadFrequently: true });
  if (!context) return null;
  // A value the canvas rejects leaves the previous one, which no colour here serializes to.
  context.fillStyle = "#010203";
  context.fillStyle = css;
  if (context.fillStyle === "#010203") return null;
  context.clearRect(0, 0, 1, 1);
  context.fillRect(0, 0, 1, 1);
  const [r = 0, g = 0, b = 0, a = 0] = context.getImageData(0, 0, 1, 1).data;
  return { r: r / 255, g: g / 255, b: b / 255, alpha: a / 255 };
}

/** The sender's colour of an element: the one the sanitizer put in its style, else a `<font color>`. */
function senderColor(element: Element): string | null {
  const mx = element.getAttribute("data-mx-color");
  if (mx && HEX.test(mx)) return mx;
  const font = element.localName === "font" ? element.getAttribute("color") : null;
  return font && HEX.test(font) ? font : null;
}

/**
 * The opaque colour behind `element`: backgrounds from it up to the document, composited; white when nothing is
 * opaque (the canvas). Null when the sender's own background colour is among them, or one cannot be read.
 */
function backgroundBehind(element: Element): Rgba | null {
  const layers: Rgba[] = [];
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute("data-mx-bg-color")) return null;
    const color = paint(getComputedStyle(node).backgroundColor || "transparent");
    if (!color) return null;
    if (color.alpha === 0) continue;
    layers.push(color);
    if (color.alpha === 1) break;
  }
  return layers.reduceRight<Rgba>((under, layer) => composite(layer, under), WHITE);
}

/** Puts back the sender's colour of an element this changed. */
function restore(element: HTMLElement, sent: string): void {
  if (!element.hasAttribute(ADJUSTED)) return;
  element.style.color = element.hasAttribute("data-mx-color") ? sent.toLowerCase() : "";
  if (element.getAttribute("style") === "") element.removeAttribute("style");
  element.removeAttribute(ADJUSTED);
}

/** Adjusts (or restores) the sender's text colours under `root`; call again when the theme may have changed. */
export function makeAuthorColorsReadable(root: Element): void {
  for (const element of root.querySelectorAll<HTMLElement>(SENT)) {
    const sent = senderColor(element);
    if (!sent) continue;
    // Measured from the sender's colour, not a previous adjustment.
    restore(element, sent);
    const color = paint(sent);
    const background = color && backgroundBehind(element);
    const better =
      background &&
      readableColor(color, background, (t, end) => paint(`color-mix(in oklab, ${sent}, ${end} ${t * 100}%)`));
    if (!better) continue;
    element.style.color = `rgb(${better.r * 255} ${better.g * 255} ${better.b * 255})`;
    element.setAttribute(ADJUSTED, "");
  }
}

/** Puts back every sender colour under `root` that {@link makeAuthorColorsReadable} changed. */
export function restoreAuthorColors(root: Element): void {
  for (const element of root.querySelectorAll<HTMLElement>(`[${ADJUSTED}]`)) {
    const sent = senderColor(element);
    if (sent) restore(element, sent);
  }
}
