// Sanitises Matrix `org.matrix.custom.html` to the spec's allowlist in a single DOMPurify pass.
//
// 1. DOMPurify (a private instance, configured once) parses the input, drops disallowed elements (unwrapping
//    harmless ones, removing dangerous ones with their content) and attributes not on any tag's list.
// 2. Its `afterSanitizeAttributes` hook rewrites each kept element's attributes from the per-tag allowlist, in a
//    fixed order, regenerating `rel`, `target` and `style` rather than trusting input.
// 3. One walk over the resulting DOM applies the nesting limit and reshapes the few structures that the HTML
//    parser would build differently when it reads the serialised output again (`p` around block content,
//    nested links and list items, table parts out of place, a newline opening a `pre`, CR characters).
// 4. The DOM is serialised with `innerHTML`.
//
// Because the serialised output parses back to exactly the tree it came from, and every rule in steps 2 and 3
// leaves an already-conforming tree unchanged, sanitising the output again returns it unchanged.
//
// Choices where the spec leaves room:
// - Every `a` gets `rel="noopener noreferrer" target="_blank"`, also one whose href was dropped (it stays as text).
// - An `img` needs an mxc:// source and `mediaUrl`; otherwise it is replaced by its alt text. A second pass
//   recognises the URLs `mediaUrl` made (server name and media ID as path segments); blob: URLs cannot be traced
//   back to an mxc URI, so with a blob-returning `mediaUrl` a second pass drops the images.
// - `style` is only ever the translation of valid `data-mx-color` / `data-mx-bg-color`; input `style` is ignored.
// - With `forPublishing` (HTML about to be sent) none of `rel`, `target` and `style` is written.
// - Legacy `font` is kept (with `color`, `data-mx-color`, `data-mx-bg-color`).
// - Elements deeper than 100 levels are removed with their content.
// - A `p` that holds block content becomes a `div`; a `pre` loses its leading newlines.

import createDOMPurify, { type Config, type DOMPurify, type WindowLike } from "dompurify";
import { hasVisibleText } from "../core/visibleText.js";
import {
  looksLikeScriptUrl,
  type MediaUrlResolver,
  mxcForMediaHref,
  parseMxcUri,
  resolveMediaHref,
  safeLinkHref,
} from "./htmlUrls.js";
import {
  MATRIX_ATTRIBUTES_BY_TAG,
  MATRIX_GENERATED_ATTRIBUTES,
  MATRIX_INPUT_ATTRIBUTES,
  MATRIX_LEGACY_TAGS,
  MATRIX_MAX_DEPTH,
  MATRIX_NON_URL_ATTRIBUTES,
  MATRIX_PERMITTED_TAGS,
  MATRIX_REMOVE_WITH_CONTENT,
} from "./matrixHtmlAllowlist.js";
import { noteSanitizerOutput } from "./recentSanitizerOutputs.js";

/** Options for `sanitizeMatrixHtml`. */
export interface SanitizeMatrixHtmlOptions {
  /**
   * Turns an `mxc://` image source into a loadable http(s) or blob URL (normally the homeserver's authenticated
   * media endpoint), or a well-formed `mxc://` URI, kept as it is (`keepMxcMedia`). Without it, or when it returns
   * anything else, an image is replaced by its alt text.
   */
  mediaUrl?: ((mxc: string) => string | null) | undefined;
  /**
   * For HTML about to be sent rather than shown: leaves out what the sanitizer adds for display (`rel` and `target`
   * on links, `style` for the `data-mx-*` colours), so the event carries only the spec's attributes.
   */
  forPublishing?: boolean | undefined;
}

/** A function that makes a DOMPurify instance over a window: the `dompurify` default export. */
export type PurifyFactory = (root: WindowLike) => DOMPurify;

/** A sanitiser as made by `createMatrixHtmlSanitizer`; it accepts any value and never throws. */
export type MatrixHtmlSanitizer = (html: unknown, options?: SanitizeMatrixHtmlOptions) => string;

const LINK_REL = "noopener noreferrer";
/** A colour as the spec allows it in `data-mx-color`, `data-mx-bg-color` and `<font color>`. */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const DIMENSION = /^[0-9]{1,5}$/;
const LIST_START = /^[0-9]{1,9}$/;
/** Input that has none of these characters parses to one text node that serialises back to the same string. */
const NEEDS_PARSING = /[<>&\r\f\0\u00a0]/;

const PURIFY_CONFIG: Config = {
  // `body` is DOMPurify's walk root, never in the output; if it were disallowed, DOMPurify would deep-clone the
  // whole tree to hoist its content (and overflow the stack on deeply nested input).
  ALLOWED_TAGS: ["body", ...MATRIX_PERMITTED_TAGS, ...MATRIX_LEGACY_TAGS],
  ALLOWED_ATTR: [...MATRIX_INPUT_ATTRIBUTES],
  ADD_URI_SAFE_ATTR: [...MATRIX_NON_URL_ATTRIBUTES],
  // A first, coarse filter for href/src (blob: for media URLs); the hook applies the exact rules.
  ALLOWED_URI_REGEXP: /^(?:https?|ftp|mailto|magnet|mxc|blob):/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ADD_FORBID_CONTENTS: [...MATRIX_REMOVE_WITH_CONTENT],
  KEEP_CONTENT: true,
  RETURN_DOM: true,
};

// --- Structure rules (what the HTML parser would rebuild differently on a second parse) ---

/** Start tags that close an open `p` (HTML "in body" rules; `table` only outside quirks mode, treated as always). */
const CLOSES_P = new Set(
  "blockquote details div ol p summary ul h1 h2 h3 h4 h5 h6 pre li table hr".split(" "),
);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
/** "Special" elements other than div/p that stop an `li` start tag from closing an outer `li`. */
const STOPS_LIST_ITEM_SEARCH = new Set(
  "blockquote caption details h1 h2 h3 h4 h5 h6 ol pre summary table tbody td th thead tr ul".split(" "),
);
/**
 * The parent each table part needs; anywhere else the parser ignores its tag. (Defensive: the parser and
 * DOMPurify's unwrapping only misplace rows, which `TABLE_CHILD_RULES` wraps; nothing else misplaces them today.)
 */
const TABLE_PART_PARENTS: ReadonlyMap<string, readonly string[]> = new Map([
  ["caption", ["table"]],
  ["thead", ["table"]],
  ["tbody", ["table"]],
  ["tr", ["thead", "tbody"]],
  ["td", ["tr"]],
  ["th", ["tr"]],
]);
/** What table, thead/tbody and tr may hold; a run of rows or cells in the wrong place gets a wrapper. */
const TABLE_CHILD_RULES: ReadonlyMap<
  string,
  { keep: readonly string[]; wrap: readonly string[]; wrapper: string }
> = new Map([
  ["table", { keep: ["caption", "thead", "tbody"], wrap: ["tr", "td", "th"], wrapper: "tbody" }],
  ["thead", { keep: ["tr"], wrap: ["td", "th"], wrapper: "tr" }],
  ["tbody", { keep: ["tr"], wrap: ["td", "th"], wrapper: "tr" }],
  ["tr", { keep: ["td", "th"], wrap: [], wrapper: "" }],
]);

/** Per-call `mediaUrl`, read by the DOMPurify hook (which has no per-call argument); set only inside a call. */
let activeMediaUrl: MediaUrlResolver | undefined;
/** Per-call `forPublishing`, likewise. */
let activePublishing = false;
/**
 * Whether the walk must look for CR in text, likewise. A CR reaches a text node only from a CR in the input (the
 * parser turns those into LF, but DOMPurify puts leading whitespace back as it was) or from a numeric character
 * reference (`&#13;`, `&#xd;`; no named reference stands for CR): input with neither has none to find.
 */
let activeTextMayHaveCr = true;

/** Escapes `& < > " '` so that text can be placed in HTML as text or as an attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Sanitised HTML and whether it shows anything (text, an image or a rule): read from the tree when asked, no second parse. */
export interface SanitizedHtml {
  html: string;
  visible: boolean;
}

/** A sanitiser that also tells whether its output shows anything. @internal */
export type DetailedMatrixHtmlSanitizer = (
  html: unknown,
  options?: SanitizeMatrixHtmlOptions,
) => SanitizedHtml;

/** Text, escaped or kept as it is: visible (when asked) if it has a character that shows. */
const asText = (html: string): SanitizedHtml => ({
  html,
  get visible() {
    return hasVisibleText(html);
  },
});

/**
 * `createMatrixHtmlSanitizer`, also reporting whether the output shows anything.
 * @internal
 */
export function createDetailedMatrixHtmlSanitizer(
  getWindow: () => WindowLike | undefined,
  factory: PurifyFactory = createDOMPurify,
): DetailedMatrixHtmlSanitizer {
  let purify: DOMPurify | undefined;
  return (html, options) => {
    const input = toInputString(html);
    if (purify === undefined) {
      const win = getWindow();
      if (win === undefined) return asText(escapeHtml(input));
      purify = createPrivatePurify(win, factory);
    }
    if (!purify.isSupported) return asText(escapeHtml(input));
    if (!NEEDS_PARSING.test(input)) return asText(input);
    return sanitizeWith(purify, input, options);
  };
}

/**
 * Builds a sanitiser over the window `getWindow` returns (read on each call until a DOMPurify instance exists).
 * Without a window, or where DOMPurify is unsupported, the sanitiser returns the input HTML-escaped.
 * @internal `sanitizeMatrixHtml` is this over the global `window`; tests use it to simulate server rendering.
 */
export function createMatrixHtmlSanitizer(
  getWindow: () => WindowLike | undefined,
  factory: PurifyFactory = createDOMPurify,
): MatrixHtmlSanitizer {
  const sanitize = createDetailedMatrixHtmlSanitizer(getWindow, factory);
  return (html, options) => sanitize(html, options).html;
}

const sanitizeInWindow = createDetailedMatrixHtmlSanitizer(() =>
  typeof window === "undefined" ? undefined : window,
);

/**
 * The sanitizer for display and publishing; its outputs for display (not HTML made for publishing, with links without
 * a new tab and `mxc://` images, nor text escaped where there is no DOM: neither is for showing) are noted as recent.
 */
const defaultSanitizer: DetailedMatrixHtmlSanitizer = (html, options) => {
  const result = sanitizeInWindow(html, options);
  if (options?.forPublishing !== true && typeof window !== "undefined") noteSanitizerOutput(result.html);
  return result;
};

/** A `mediaUrl` that keeps `mxc://` sources as they are: for HTML that is about to be published, not rendered. */
export const keepMxcMedia = (mxc: string): string => mxc;

/**
 * Sanitises Matrix message HTML to the spec's allowlist; the result is safe to insert as HTML and sanitising it
 * again with the same options returns it unchanged, but for images: one whose `mediaUrl` gave a blob URL, or any
 * image when the second pass has another `mediaUrl` or none, is replaced by its alt text (an image's source must
 * lead back to an `mxc://` URI). Without a DOM (server rendering) it returns the input HTML-escaped.
 */
export function sanitizeMatrixHtml(html: string, options?: SanitizeMatrixHtmlOptions): string {
  return defaultSanitizer(html, options).html;
}

/**
 * `sanitizeMatrixHtml`, also telling whether the output shows anything (`<p></p>` left by a dropped image does not).
 * @internal
 */
export function sanitizeMatrixHtmlForDisplay(
  html: string,
  options?: SanitizeMatrixHtmlOptions,
): SanitizedHtml {
  return defaultSanitizer(html, options);
}

function toInputString(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  try {
    return String(value);
  } catch {
    return "";
  }
}

function createPrivatePurify(win: WindowLike, factory: PurifyFactory): DOMPurify {
  const purify = factory(win);
  if (purify.isSupported) {
    purify.setConfig(PURIFY_CONFIG);
    purify.addHook("afterSanitizeAttributes", writeAllowedAttributes);
  }
  return purify;
}

function sanitizeWith(
  purify: DOMPurify,
  input: string,
  options: SanitizeMatrixHtmlOptions | undefined,
): SanitizedHtml {
  const previous = activeMediaUrl;
  const previousPublishing = activePublishing;
  const previousTextMayHaveCr = activeTextMayHaveCr;
  try {
    activePublishing = options?.forPublishing === true;
    const mediaUrl = options?.mediaUrl;
    activeMediaUrl = typeof mediaUrl === "function" ? mediaUrl : undefined;
    // setConfig() set RETURN_DOM, which the call signature cannot see: the result is the parsed document's
    // body. It is null when there is no body (a `<frameset>` replaced it): then nothing is left to show.
    const body = purify.sanitize(input) as unknown as HTMLElement | null;
    if (body === null) return { html: "", visible: false };
    activeTextMayHaveCr = input.includes("\r") || input.includes("&#");
    normalizeChildren(body, ROOT_CONTEXT);
    dropLeadingFormFeeds(body);
    return {
      html: body.innerHTML,
      // Read from the tree only when asked (`sanitizeMatrixHtml` never asks). The output parses back to this very
      // tree (see the top of this file), so this is what a reader would see.
      get visible() {
        return !!body.querySelector("img, hr") || hasVisibleText(body.textContent);
      },
    };
  } catch {
    return asText(escapeHtml(input));
  } finally {
    activeMediaUrl = previous;
    activePublishing = previousPublishing;
    activeTextMayHaveCr = previousTextMayHaveCr;
  }
}

// --- Attributes (DOMPurify hook) ---

type AttributeList = Array<readonly [name: string, value: string]>;

/**
 * Replaces an element's attributes with the allowed ones, in the fixed order of `MATRIX_ATTRIBUTES_BY_TAG`.
 * Attributes that already match the start of that list stay in place (attribute writes are not free).
 */
function writeAllowedAttributes(this: DOMPurify, element: Element): void {
  const tag = element.localName;
  const names = Object.hasOwn(MATRIX_ATTRIBUTES_BY_TAG, tag) ? MATRIX_ATTRIBUTES_BY_TAG[tag] : undefined;
  // Most elements may carry no attribute and carry none: nothing to remove, nothing to write.
  if (names === undefined && !element.hasAttributes()) return;
  const wanted = names === undefined ? [] : allowedAttributes(element, tag, names, this);
  const current = element.attributes;
  let kept = 0;
  while (kept < wanted.length && sameAttribute(current[kept], wanted[kept])) kept++;
  for (let i = current.length - 1; i >= kept; i--) {
    const attribute = current[i];
    if (attribute !== undefined) element.removeAttributeNode(attribute);
  }
  for (const [name, value] of wanted.slice(kept)) element.setAttribute(name, value);
}

function sameAttribute(attribute: Attr | undefined, wanted: AttributeList[number] | undefined): boolean {
  return (
    attribute !== undefined &&
    wanted !== undefined &&
    attribute.namespaceURI === null &&
    attribute.name === wanted[0] &&
    attribute.value === wanted[1]
  );
}

/**
 * The element's attributes as the allowlist keeps them: which and in what order from the tag's `names`, values per
 * rule. A rewritten value (a serialised URL, say) must also pass DOMPurify's own attribute checks, as the second pass
 * will apply them to it: `mailto:a--\t>` becomes `mailto:a-->`, which DOMPurify removes. A value kept as the element
 * carries it has passed them already: this hook runs after DOMPurify's checks of the element's attributes.
 */
function allowedAttributes(
  element: Element,
  tag: string,
  names: readonly string[],
  purify: DOMPurify,
): AttributeList {
  const attributes: AttributeList = [];
  for (const name of names) {
    if (MATRIX_GENERATED_ATTRIBUTES.includes(name)) {
      const value = generatedValue(element, name);
      if (value !== null) attributes.push([name, value]);
      continue;
    }
    const input = element.getAttribute(name);
    if (input === null) continue;
    const value = allowedValue(name, withoutCarriageReturns(input));
    if (value === null) continue;
    if (value !== input && !purify.isValidAttribute(tag, name, value)) continue;
    attributes.push([name, value]);
  }
  return attributes;
}

/** The value of an attribute the sanitizer writes itself (`MATRIX_GENERATED_ATTRIBUTES`), or null to leave it out. */
function generatedValue(element: Element, name: string): string | null {
  if (activePublishing) return null;
  switch (name) {
    case "rel":
      return LINK_REL;
    case "target":
      return "_blank";
    case "style":
      return colorStyle(
        matching(readAttribute(element, "data-mx-color"), HEX_COLOR),
        matching(readAttribute(element, "data-mx-bg-color"), HEX_COLOR),
      );
    default:
      return null;
  }
}

/** The value an allowed input attribute (its CR turned into LF) gets in the output, or null to leave it out. */
function allowedValue(name: string, value: string): string | null {
  switch (name) {
    case "href":
      return safeLinkHref(value);
    case "src":
      return imageSource(value);
    case "alt":
    case "title":
    case "data-mx-spoiler":
    case "data-mx-maths":
      return freeText(value);
    case "width":
    case "height":
      return matching(value, DIMENSION);
    case "data-mx-emoticon":
      // Its presence marks a custom emote; the spec says its value must be ignored.
      return "";
    case "data-mx-color":
    case "data-mx-bg-color":
    case "color":
      return matching(value, HEX_COLOR);
    case "start":
      return matching(value, LIST_START);
    case "class":
      return languageClasses(value);
    default:
      return null;
  }
}

/** The value with CR turned into LF, as a second parse would read it. */
function withoutCarriageReturns(value: string): string {
  return value.includes("\r") ? value.replace(/\r\n?/g, "\n") : value;
}

/** An attribute's value with CR turned into LF. */
function readAttribute(element: Element, name: string): string | null {
  const value = element.getAttribute(name);
  return value === null ? null : withoutCarriageReturns(value);
}

function matching(value: string | null, pattern: RegExp): string | null {
  return value !== null && pattern.test(value) ? value : null;
}

/** Free text (alt, title, spoiler reason, LaTeX) is harmless, but a value that reads as a script URL is dropped. */
function freeText(value: string | null): string | null {
  return value === null || looksLikeScriptUrl(value) ? null : value;
}

/** The only CSS the output carries: the translation of `data-mx-color` / `data-mx-bg-color`. */
function colorStyle(color: string | null, background: string | null): string | null {
  const declarations: string[] = [];
  if (color !== null) declarations.push(`color: ${color.toLowerCase()}`);
  if (background !== null) declarations.push(`background-color: ${background.toLowerCase()}`);
  return declarations.length > 0 ? declarations.join("; ") : null;
}

function languageClasses(value: string | null): string | null {
  if (value === null) return null;
  const tokens = value.split(/[\t\n\f\r ]+/).filter((token) => token.startsWith("language-"));
  return tokens.length > 0 ? tokens.join(" ") : null;
}

/**
 * An `mxc://` source becomes the URL `mediaUrl` gives for it. A URL a previous pass produced that way is kept,
 * so that sanitising is idempotent; any other source is dropped (and the walk replaces the image by its alt text).
 */
function imageSource(src: string | null): string | null {
  const mediaUrl = activeMediaUrl;
  if (src === null || mediaUrl === undefined) return null;
  const mxc = parseMxcUri(src);
  if (mxc !== null) return resolveMediaHref(mxc, mediaUrl);
  return mxcForMediaHref(src, mediaUrl) === null ? null : src;
}

// --- Tree walk: nesting limit and parse-stable structure ---

interface WalkContext {
  /** Depth the children being visited sit at (top-level elements are at depth 1). */
  readonly depth: number;
  readonly parentTag: string | null;
  readonly insideLink: boolean;
  /** An `li` start tag here would close an outer `li`. */
  readonly insideListItem: boolean;
}

/** `Node.ELEMENT_NODE` and `Node.TEXT_NODE` (read as constants: the walk runs for every node). */
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

const ROOT_CONTEXT: WalkContext = { depth: 1, parentTag: null, insideLink: false, insideListItem: false };

/** What a walk over some children found below them. */
interface WalkFindings {
  /** A descendant that would close an enclosing `p` remains. */
  blockContent: boolean;
}

/** Normalises the children of `parent`; returns whether block content remains among its descendants. */
function normalizeChildren(parent: Element, context: WalkContext): boolean {
  if (context.parentTag !== null) normalizeTableChildren(parent, context.parentTag);
  const findings: WalkFindings = { blockContent: false };
  let child = parent.firstChild;
  while (child !== null) child = normalizeNode(child, context, findings);
  return findings.blockContent;
}

/** Normalises one node and returns the next node to visit among its (possibly new) siblings. */
function normalizeNode(node: ChildNode, context: WalkContext, findings: WalkFindings): ChildNode | null {
  const next = node.nextSibling;
  const type = node.nodeType;
  if (type === TEXT_NODE) {
    const text = node as Text;
    // The parser turns CR into LF, so a CR (from `&#13;`) would not survive a second pass.
    if (activeTextMayHaveCr && text.data.includes("\r")) text.data = text.data.replace(/\r\n?/g, "\n");
    return next;
  }
  if (type !== ELEMENT_NODE || context.depth > MATRIX_MAX_DEPTH) {
    node.remove();
    return next;
  }
  const element = node as Element;
  const tag = element.localName;
  if (tag === "img" && !element.hasAttribute("src")) return replaceWithAltText(element, next);
  if (mustUnwrap(tag, context)) return unwrap(element, next);

  const blockInside = normalizeChildren(element, {
    depth: context.depth + 1,
    parentTag: tag,
    insideLink: context.insideLink || tag === "a",
    insideListItem: tag === "li" || (context.insideListItem && !STOPS_LIST_ITEM_SEARCH.has(tag)),
  });
  if (tag === "pre") stripLeadingNewlines(element);
  // A `p` around block content would be closed early by the parser: make it a `div`, which keeps the content.
  if (tag === "p" && blockInside) renameElement(element, "div");
  if (blockInside || CLOSES_P.has(tag)) findings.blockContent = true;
  return next;
}

/** Elements the parser would not nest where they are: they give way to their content. */
function mustUnwrap(tag: string, context: WalkContext): boolean {
  if (tag === "a") return context.insideLink;
  if (tag === "li") return context.insideListItem;
  if (HEADINGS.has(tag)) return context.parentTag !== null && HEADINGS.has(context.parentTag);
  const parents = TABLE_PART_PARENTS.get(tag);
  return parents !== undefined && (context.parentTag === null || !parents.includes(context.parentTag));
}

/** Text and other content directly inside table structure would be moved out by the parser: drop it. */
function normalizeTableChildren(parent: Element, parentTag: string): void {
  const rule = TABLE_CHILD_RULES.get(parentTag);
  if (rule === undefined) return;
  let wrapper: Element | null = null;
  let child = parent.firstChild;
  while (child !== null) {
    const next = child.nextSibling;
    const tag = child.nodeType === ELEMENT_NODE ? (child as Element).localName : "";
    if (rule.keep.includes(tag)) {
      wrapper = null;
    } else if (rule.wrap.includes(tag)) {
      if (wrapper === null) {
        wrapper = parent.ownerDocument.createElement(rule.wrapper);
        parent.insertBefore(wrapper, child);
      }
      wrapper.appendChild(child);
    } else {
      child.remove();
    }
    child = next;
  }
}

function unwrap(element: Element, next: ChildNode | null): ChildNode | null {
  const first = element.firstChild;
  element.replaceWith(...Array.from(element.childNodes));
  return first ?? next;
}

function replaceWithAltText(image: Element, next: ChildNode | null): ChildNode | null {
  const alt = image.getAttribute("alt");
  if (alt) image.replaceWith(image.ownerDocument.createTextNode(alt));
  else image.remove();
  return next;
}

/** The parser drops one newline right after `<pre>`, and serialisers do not add one back. */
function stripLeadingNewlines(pre: Element): void {
  let first = pre.firstChild;
  while (first !== null && first.nodeType === TEXT_NODE) {
    const text = first as Text;
    const rest = text.data.replace(/^\n+/, "");
    if (rest !== "") {
      if (rest !== text.data) text.data = rest;
      return;
    }
    first = text.nextSibling;
    text.remove();
  }
}

/**
 * A document parse skips all whitespace before the first content, and DOMPurify puts back only the leading
 * spaces, tabs and newlines: a form feed there would be lost on a second pass.
 */
function dropLeadingFormFeeds(body: Element): void {
  let node = body.firstChild;
  while (node !== null && node.nodeType === TEXT_NODE) {
    const text = node as Text;
    const data = text.data;
    const whitespace = /^[\t\n\f\r ]*/.exec(data)?.[0] ?? "";
    if (whitespace.includes("\f")) text.data = whitespace.replace(/\f/g, "") + data.slice(whitespace.length);
    if (whitespace.length < data.length) return;
    node = text.nextSibling;
  }
}

function renameElement(element: Element, tag: string): void {
  const renamed = element.ownerDocument.createElement(tag);
  renamed.append(...Array.from(element.childNodes));
  element.replaceWith(renamed);
}
