/**
 * Keeps a sender's text colours (`data-mx-color`, `<font color>`) readable where they are shown: a dark blue chosen on
 * a light client is invisible on a dark dialog, a yellow one on a light dialog. Text in such a colour with less than
 * WCAG's 4.5:1 contrast on the background it is painted on (the dialog's surface, or a code block's or a revealed
 * spoiler's inside it) is mixed (in OKLab, hue kept) just far enough towards white or black; text that reads keeps the
 * sender's colour, and so does text on the sender's own background colour (the sender's pair). Colours are read the way
 * the browser paints them (a 1-pixel canvas), so any CSS colour an app's theme uses counts; without `OffscreenCanvas`
 * (old browsers, jsdom), or over a background image or nothing opaque at all, nothing changes.
 */
import { composite, MIN_TEXT_CONTRAST, type Rgba, readableColor } from "../core/readableColor.js";

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
const HEX = /^#[\da-f]{6}$/i;
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
  if (context === undefined)
    context =
      typeof OffscreenCanvas === "undefined"
        ? null
        : new OffscreenCanvas(1, 1).getContext("2d", { willReadFrequently: true });
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
}

/** Whether `root` holds colours of the sender's (text or background): only then is there anything to measure. */
export function hasAuthorColors(root: Element): boolean {
  return !!root.querySelector(`${SENT}, [data-mx-bg-color]`);
}

/**
 * The coloured elements under `root`, and the islands inside them that paint their own background and show the
 * sender's colour: inherited all the way, not through a link or a quotation the theme gives a colour of its own.
 */
function targets(root: Element): Target[] {
  const out: Target[] = [];
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
    const parent = element.parentElement;
    const highlight = element.getAttribute("data-mx-bg-color");
    // A highlight of the sender's on text in the theme's colour: that colour is measured on the highlight.
    if (!sent && parent && highlight && HEX.test(highlight)) {
      out.push({ element, sent: colorOf(parent), own: false, pair: false, on: highlight });
      continue;
    }
    if (!sent || !parent || (parent !== colored && colorOf(parent) !== colorOf(colored as Element))) continue;
    out.push({ element, sent, own: false, pair: element.hasAttribute("data-mx-bg-color") });
  }
  return out;
}

const colorOf = (element: Element) => getComputedStyle(element).color;

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

/** Puts back the colour an element had before this changed it. */
function restore({ element, sent, own }: Target): void {
  if (!element.hasAttribute(ADJUSTED)) return;
  element.style.color = own && element.hasAttribute("data-mx-color") ? sent.toLowerCase() : "";
  if (element.getAttribute("style") === "") element.removeAttribute("style");
  element.removeAttribute(ADJUSTED);
}

/**
 * Adjusts the sender's text colours under `root` to the backgrounds they are on now; call again when the theme may
 * have changed. Nothing is written when the backgrounds are those `memo` saw last (a change elsewhere costs a read of
 * the computed backgrounds). Where islands are measured, their backgrounds are read again after the writes, up to
 * twice: a theme may tint a code block from its text colour (`color-mix` with `currentColor`), which the writes move.
 */
export function makeAuthorColorsReadable(root: Element, memo: { seen?: string } = {}): void {
  for (let round = 0; round < 3 && adjust(root, memo); round++);
}

/** One pass of {@link makeAuthorColorsReadable}; whether it wrote, with islands among its targets. */
function adjust(root: Element, memo: { seen?: string }): boolean {
  const list = targets(root);
  const cache = new Map<Element, Rgba | null>();
  const backgrounds = list.map((t) =>
    t.pair ? null : t.on ? paint(t.on) : backgroundBehind(t.element, cache),
  );
  const seen = backgrounds.map(key).join(";");
  if (seen === memo.seen) return false;
  memo.seen = seen;
  // All writes after all reads: one style recalculation, not one per element.
  for (const t of list) restore(t);
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
    const color = t.pair ? t.sent : (readableOn(t.sent, backgrounds[i] ?? null) ?? (t.own ? null : t.sent));
    if (!color) return;
    t.element.style.color = color;
    t.element.setAttribute(ADJUSTED, "");
  });
  return list.some((t) => !t.own);
}

/** Puts back every colour under `root` that {@link makeAuthorColorsReadable} changed. */
export function restoreAuthorColors(root: Element): void {
  for (const t of targets(root)) restore(t);
}
