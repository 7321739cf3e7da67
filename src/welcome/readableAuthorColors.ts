/**
 * Keeps a sender's text colours (`data-mx-color`, `<font color>`) readable where they are shown: a dark blue chosen on
 * a light client is invisible on a dark dialog, a yellow one on a light dialog. Text in such a colour with less than
 * WCAG's 4.5:1 contrast on the background it is painted on (the dialog's surface, or a code block's or a revealed
 * spoiler's inside it) is mixed (in OKLab, hue kept) just far enough towards white or black; text that reads keeps the
 * sender's colour, and so does text on the sender's own background colour (the sender's pair). Colours are read the way
 * the browser paints them (a 1-pixel canvas), so any CSS colour an app's theme uses counts; without `OffscreenCanvas`
 * (old browsers, jsdom), or over a background image or nothing opaque at all, nothing changes.
 */
import { getOrCreate } from "../core/getOrCreate.js";
import { composite, MIN_TEXT_CONTRAST, type Rgba, readableColor } from "../core/readableColor.js";
import { HEX_COLOR as HEX } from "./sanitizeMatrixHtml.js";

/** Marks an element whose colour this set. */
const ADJUSTED = "data-mnk-readable-color";
const SENT = "[data-mx-color], font[color]";
/** What may paint a background of its own inside a message, over text in an ancestor's colour. */
const ISLANDS = "code, pre, [data-mx-bg-color], span[data-mx-spoiler]";
/** A spoiler not yet revealed: its text is hidden (nothing to read), and measured once it is revealed. */
const HIDDEN_SPOILER = 'span[data-mx-spoiler]:not([data-revealed="true"])';
/**
 * The contrast a moved colour aims at: a little over WCAG's 4.5:1, because a translucent background is read back
 * from the canvas in 8 bits and composited here, so the background it lands on is known only to about 1%.
 */
const AIM = MIN_TEXT_CONTRAST * 1.02;
/**
 * Colour searches per pass (about 0.2 ms each): a message in more distinct colours than this (a long /rainbow, or a
 * hostile one) keeps the rest as sent rather than hold up the first paint.
 */
const MAX_SEARCHES = 256;

let context: OffscreenCanvasRenderingContext2D | null | undefined;
/** Colours already painted (a theme has a handful; bounded for hostile messages). */
const painted = new Map<string, Rgba | null>();

/** Whether colours can be measured here (a browser with `OffscreenCanvas`; not jsdom): else nothing is done. */
export function canMeasureColors(): boolean {
  if (context === undefined) {
    try {
      context =
        typeof OffscreenCanvas === "undefined"
          ? null
          : new OffscreenCanvas(1, 1).getContext("2d", { willReadFrequently: true });
    } catch {
      // A canvas an anti-fingerprinting setup or the app patched to throw: the colours stay as sent.
      context = null;
    }
  }
  return !!context;
}

/** A CSS colour as the browser paints it; null when it is no colour or there is no canvas. */
function paint(css: string): Rgba | null {
  const known = painted.get(css);
  if (known !== undefined) return known;
  if (!canMeasureColors() || !context) return null;
  // A value the canvas rejects leaves the previous one: a colour it takes reads back the same after either of two.
  context.fillStyle = "#000";
  context.fillStyle = css;
  const afterBlack = context.fillStyle;
  context.fillStyle = "#fff";
  context.fillStyle = css;
  let color: Rgba | null = null;
  if (context.fillStyle === afterBlack) {
    context.clearRect(0, 0, 1, 1);
    context.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0, a = 0] = context.getImageData(0, 0, 1, 1).data;
    color = { r: r / 255, g: g / 255, b: b / 255, alpha: a / 255 };
  }
  if (painted.size > 1000) painted.clear();
  painted.set(css, color);
  return color;
}

/**
 * The parent element where the element is painted (the flattened tree): the slot it is assigned to in a web
 * component's shadow root, else its parent, across a shadow root to its host.
 */
export function parentOf(node: Element): Element | null {
  return (
    node.assignedSlot ??
    node.parentElement ??
    ((node.parentNode as ShadowRoot | null)?.host as Element | undefined) ??
    null
  );
}

/** The sender's colour of an element: the one the sanitizer put in its style, else a `<font color>`. */
function senderColor(element: Element): string | null {
  const mx = element.getAttribute("data-mx-color");
  if (mx && HEX.test(mx)) return mx;
  const font = element.localName === "font" ? element.getAttribute("color") : null;
  return font && HEX.test(font) ? font : null;
}

/** Text to measure: an element and the sender's colour its text is in. */
interface Target {
  element: HTMLElement;
  sent: string;
  /** The colour is the element's own (else inherited from a coloured ancestor). */
  own: boolean;
  /** On the sender's own background colour, in an inherited sender colour: kept as sent. */
  pair: boolean;
  /** The sender's background colour (a highlight) that text in the theme's colour (`sent`) is on. */
  on?: string;
  /** Code or a spoiler on a highlight, in its colour: given the theme's colour (`sent`) only where it paints its own background. */
  within?: boolean;
}

/** Whether `root` holds colours of the sender's (text or background): only then is there anything to measure. */
export function hasAuthorColors(root: Element): boolean {
  return !!root.querySelector(`${SENT}, [data-mx-bg-color]`);
}

/**
 * Whether `element`'s text shows the colour of `colored`, an ancestor in the sender's colour: it and every element up
 * to `colored` inherit their colour, none takes one of the theme's (a link, a quotation, a `code` the app colours).
 * An element this coloured counts as inheriting: it was judged so before, as sent.
 */
function inherits(element: Element, colored: Element, colorOf: (element: Element) => string): boolean {
  for (let el: Element | null = element; el !== colored; el = el.parentElement) {
    const parent = el?.parentElement;
    if (!el || !parent || (!el.hasAttribute(ADJUSTED) && colorOf(el) !== colorOf(parent))) return false;
  }
  return true;
}

/**
 * The coloured elements under `root`; the islands inside them that paint their own background and show the sender's
 * colour; and the sender's highlights on text in another colour (the theme's, a link's), measured on the highlight.
 */
function targets(root: Element): Target[] {
  const out: Target[] = [];
  // Computed colours, read once a pass (islands share their parents).
  const colors = new Map<Element, string>();
  const colorOf = (element: Element) => getOrCreate(colors, element, () => getComputedStyle(element).color);
  for (const element of root.querySelectorAll<HTMLElement>(`${SENT}, ${ISLANDS}`)) {
    if (element.closest(HIDDEN_SPOILER)) continue;
    const own = senderColor(element);
    if (own) {
      out.push({ element, sent: own, own: true, pair: false });
      continue;
    }
    let colored: Element | null = element.parentElement;
    while (colored && colored !== root && !senderColor(colored)) colored = colored.parentElement;
    const sent = colored && colored !== root ? senderColor(colored) : null;
    const highlight = element.getAttribute("data-mx-bg-color");
    const valid = !!highlight && HEX.test(highlight);
    if (sent && inherits(element, colored as Element, colorOf))
      out.push({ element, sent, own: false, pair: valid });
    else if (valid && element.parentElement)
      out.push({ element, sent: colorOf(element.parentElement), own: false, pair: false, on: highlight });
    else {
      // Code on a highlight shows the colour moved to read on the highlight, not on the code's own background.
      const marked = element.parentElement?.closest("[data-mx-bg-color]");
      const outside = marked?.parentElement;
      if (marked && outside && root.contains(outside) && inherits(element, marked, colorOf))
        out.push({ element, sent: colorOf(outside), own: false, pair: false, within: true });
    }
  }
  return out;
}

/**
 * The opaque colour behind `element`'s text: backgrounds from it up the tree, composited. Null when the sender's
 * own background colour, a background image or nothing opaque is behind it, or one cannot be read. Cached per pass.
 */
function backgroundBehind(element: Element, cache: Map<Element, Rgba | null>): Rgba | null {
  const known = cache.get(element);
  if (known !== undefined) return known;
  let result: Rgba | null = null;
  if (!element.hasAttribute("data-mx-bg-color")) {
    const style = getComputedStyle(element);
    const own = style.backgroundImage === "none" ? paint(style.backgroundColor || "transparent") : null;
    const parent = parentOf(element);
    if (own?.alpha === 1) result = own;
    else if (own && parent) {
      const under = backgroundBehind(parent, cache);
      result = under && (own.alpha === 0 ? under : composite(own, under));
    }
  }
  cache.set(element, result);
  return result;
}

const key = (c: Rgba | null) => (c ? `${c.r},${c.g},${c.b}` : "-");

/** Puts back every colour under `root` this changed: the sender's own (from the sanitizer), else none. */
function restoreAll(root: Element): void {
  for (const element of root.querySelectorAll<HTMLElement>(`[${ADJUSTED}]`)) {
    const mx = element.getAttribute("data-mx-color");
    element.style.color = mx && HEX.test(mx) ? mx.toLowerCase() : "";
    if (element.getAttribute("style") === "") element.removeAttribute("style");
    element.removeAttribute(ADJUSTED);
  }
}

/** An island measured in a pass, and the background it was measured on. */
type Measured = { element: Element; background: string };

/**
 * Adjusts the sender's text colours under `root` to the backgrounds they are on now; call again when the theme may
 * have changed. Nothing is written when the backgrounds (and the theme colours on highlights) are those `memo` saw
 * last (a change elsewhere costs a read of the computed backgrounds). The islands' backgrounds are read again after
 * the writes, up to twice: a theme may tint a code block from its text colour (`color-mix` with `currentColor`).
 */
export function makeAuthorColorsReadable(root: Element, memo: { seen?: string } = {}): void {
  let islands = adjust(root, memo);
  for (let round = 1; round < 3 && islands.length; round++) {
    const cache = new Map<Element, Rgba | null>();
    if (islands.every((t) => key(backgroundBehind(t.element, cache)) === t.background)) return;
    islands = adjust(root, memo);
  }
}

/** One pass of {@link makeAuthorColorsReadable}; the islands it measured (none when nothing changed). */
function adjust(root: Element, memo: { seen?: string }): Measured[] {
  const list = targets(root);
  const cache = new Map<Element, Rgba | null>();
  const backgrounds = list.map((t) =>
    t.pair ? null : t.on ? paint(t.on) : backgroundBehind(t.element, cache),
  );
  const seen = list.map((t, i) => `${key(backgrounds[i] ?? null)}${t.on ? `/${t.sent}` : ""}`).join(";");
  if (seen === memo.seen) return [];
  memo.seen = seen;
  // All writes after all reads: one style recalculation, not one per element.
  restoreAll(root);
  const found = new Map<string, string | null>();
  /** The colour to show `sent` in on `background`, or null for as sent; at most MAX_SEARCHES searches a pass. */
  const readableOn = (sent: string, background: Rgba | null): string | null => {
    const search = `${sent}|${key(background)}`;
    let color = found.get(search);
    if (color === undefined && found.size < MAX_SEARCHES) {
      const painted = background && paint(sent);
      const better =
        painted &&
        background &&
        readableColor(
          painted,
          background,
          (step, end) => paint(`color-mix(in oklab, ${sent}, ${end} ${step * 100}%)`),
          MIN_TEXT_CONTRAST,
          AIM,
        );
      color = better ? `rgb(${better.r * 255} ${better.g * 255} ${better.b * 255})` : null;
      found.set(search, color);
    }
    return color ?? null;
  };
  list.forEach((t, i) => {
    // The sender's pair keeps the sender's colour; text in an inherited colour takes the sender's own where that
    // reads (or cannot be measured), not what its ancestor was moved to for another background.
    // A highlight's text that reads keeps the theme's colour (not written: it follows the theme).
    const kept = t.own || t.on || (t.within && !backgrounds[i]) ? null : t.sent;
    const color = t.pair ? t.sent : (readableOn(t.sent, backgrounds[i] ?? null) ?? kept);
    if (!color) return;
    t.element.style.color = color;
    t.element.setAttribute(ADJUSTED, "");
  });
  return list.flatMap((t, i) =>
    t.own || t.pair || t.on ? [] : [{ element: t.element, background: key(backgrounds[i] ?? null) }],
  );
}

/**
 * Paints the sender's `data-mx-color` / `data-mx-bg-color` through the CSSOM where the page's CSP blocked the
 * sanitizer's inline `style` for them (`style-src` without `'unsafe-inline'`): the colour pass then measures what is
 * really painted (a highlight assumed behind text that lacks it left the text unreadable).
 */
export function paintSentColors(root: Element): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-mx-color],[data-mx-bg-color]")) {
    const color = element.getAttribute("data-mx-color");
    const background = element.getAttribute("data-mx-bg-color");
    if (color && HEX.test(color) && !element.style.color) element.style.color = color.toLowerCase();
    if (background && HEX.test(background) && !element.style.backgroundColor)
      element.style.backgroundColor = background.toLowerCase();
  }
}

/** Puts back every colour under `root` that {@link makeAuthorColorsReadable} changed. */
export const restoreAuthorColors = restoreAll;
