/** A plain-text rendering of HTML, for the `text/plain` body derived when an author gives only HTML. */
import { parseInert } from "../core/trustedHtml.js";

const BLOCKS = new Set("P DIV H1 H2 H3 H4 H5 H6 BLOCKQUOTE PRE UL OL TABLE TR DETAILS SUMMARY HR".split(" "));

/** Whether a link's text already is its URL (`https://e.org` for `https://e.org/`, `a@e.org` for `mailto:a@e.org`). */
function sameUrl(text: string, href: string): boolean {
  if (/^mailto:/i.test(href) && !/^mailto:/i.test(text)) return sameUrl(`mailto:${text}`, href);
  try {
    return new URL(text).href === new URL(href).href;
  } catch {
    return text === href;
  }
}

/**
 * A line break inside preformatted text while the rendering is built: blank-line runs are collapsed between blocks,
 * never inside `<pre>`. The HTML parser never leaves U+0000 in text or attribute values, so it cannot be the input's.
 */
const PRE_BREAK = "\0";

/** Appends text as a browser lays it out: outside `pre`, whitespace runs are one space, none at a line start. */
function pushText(value: string, pre: boolean, out: string[]): void {
  if (pre) {
    out.push(value.replace(/\n/g, PRE_BREAK));
    return;
  }
  let text = value.replace(/[\t\n\f\r ]+/g, " ");
  const last = out[out.length - 1];
  if (last === undefined || last.endsWith("\n") || last.endsWith(" ")) text = text.replace(/^ /, "");
  if (text) out.push(text);
}

/** The markers of a list's entries by 1-based position: `- `, or their numbers (`start`, `reversed` respected). */
function listMarkers(list: Node): (item: number) => string {
  if (list.nodeType !== 1 || (list as Element).tagName.toUpperCase() !== "OL") return () => "- ";
  const ol = list as Element;
  const reversed = ol.hasAttribute("reversed");
  const start = Number.parseInt(ol.getAttribute("start") ?? "", 10);
  // Counted once per list (not per item): a reversed list without `start` counts down from its length.
  const first = Number.isFinite(start)
    ? start
    : reversed
      ? [...ol.children].filter((c) => c.tagName.toUpperCase() === "LI").length
      : 1;
  return (item) => `${reversed ? first - item + 1 : first + item - 1}. `;
}

/** What one rendering keeps track of besides its output. */
interface Walk {
  /** The output's lengths right after each list marker. */
  readonly markerEnds: Set<number>;
  /** Whether the first visible text is preformatted (its leading spaces are then kept). */
  firstInPre?: boolean | undefined;
  /** How many elements enclose the node being walked. */
  depth: number;
  /** How many quotations (marked with `> `) enclose it. */
  quotes: number;
  /** What a line break inside the enclosing list item starts with: its text's column (`  ` under `- `). */
  indent: string;
}

/**
 * Quotations nested deeper than this are not marked again (each marked level re-reads the text inside it, and adds
 * two characters to each of its lines: a hostile welcome of 100 nested quotations took seconds).
 */
const MAX_QUOTE_DEPTH = 4;

/**
 * Deeper than this (sanitized HTML never is), an element counts as its text alone, without line breaks or image
 * descriptions: no recursion without bound.
 */
const MAX_DEPTH = 256;

/** `lists`: how many lists enclose `node` (nested items are indented, and nested lists add no blank lines). */
function walk(node: Node, out: string[], pre: boolean, lists: number, state: Walk): void {
  if (state.depth > MAX_DEPTH) {
    pushText(node.textContent ?? "", pre, out);
    return;
  }
  let item = 0;
  let marker: ((item: number) => string) | undefined;
  let indent = state.indent;
  for (const child of node.childNodes) {
    if (child.nodeType === 3) {
      const value = child.nodeValue ?? "";
      if (state.firstInPre === undefined && /\S/.test(value)) state.firstInPre = pre;
      pushText(value, pre, out);
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    const tag = el.tagName.toUpperCase();
    if (tag === "BR") {
      out.push(pre ? PRE_BREAK : `\n${state.indent}`);
      continue;
    }
    if (tag === "IMG") {
      const alt = el.getAttribute("alt") ?? "";
      if (state.firstInPre === undefined && /\S/.test(alt)) state.firstInPre = pre;
      pushText(alt, pre, out);
      continue;
    }
    const list = tag === "UL" || tag === "OL";
    const block = BLOCKS.has(tag) && !(list && lists > 0);
    if (tag === "LI") {
      item += 1;
      marker ??= listMarkers(node);
      const line = `${"  ".repeat(Math.max(0, lists - 1))}${marker(item)}`;
      out.push(`\n${line}`);
      state.markerEnds.add(out.length);
      indent = state.indent;
      state.indent = " ".repeat(line.length);
    }
    if (tag === "TD" || tag === "TH") pushText(" ", pre, out);
    // A block that opens a list item (a loose list's paragraph) starts on the marker's line.
    // Inside a list item, a block's lines start at the item's text, as its `<br>` lines do.
    const newline = pre ? "\n" : `\n${state.indent}`;
    // Not a preformatted block's: its lines stay as they are (moving its first line alone would shift it against the
    // others), as when it opens the item.
    if (block && !state.markerEnds.has(out.length)) out.push(tag === "PRE" ? "\n" : newline);
    state.depth += 1;
    if (tag === "BLOCKQUOTE" && state.quotes < MAX_QUOTE_DEPTH) quote(el, out, pre, lists, state);
    else walk(el, out, pre || tag === "PRE", lists + (list ? 1 : 0), state);
    state.depth -= 1;
    // A browser shows no line after a preformatted block's last line break (Markdown code blocks all end with one).
    if (tag === "PRE" && !pre && out[out.length - 1]?.endsWith(PRE_BREAK)) {
      out[out.length - 1] = out[out.length - 1]!.slice(0, -1);
    }
    if (tag === "LI") state.indent = indent;
    if (tag === "A") {
      const href = el.getAttribute("href");
      const text = el.textContent ?? "";
      if (href && !sameUrl(text.trim(), href)) out.push(` (${href})`);
    }
    if (block) out.push(newline);
  }
}

/** A quotation as e-mail and Matrix clients write it in plain text: each of its lines begins with `> `. */
function quote(el: Element, out: string[], pre: boolean, lists: number, state: Walk): void {
  const inner: string[] = [];
  const within: Walk = {
    markerEnds: new Set(),
    firstInPre: state.firstInPre,
    depth: state.depth,
    quotes: state.quotes + 1,
    indent: "",
  };
  walk(el, inner, pre, lists, within);
  state.firstInPre ??= within.firstInPre;
  const text = collapseBlankLines(inner.join("")).replace(/^\n+/, "").trimEnd();
  if (!text) return;
  // Inside a list item, its lines after the first start at the item's text too.
  const marked = text.replace(/^/gm, (_, at: number) =>
    text[at] === "\n" || at === text.length ? ">" : "> ",
  );
  out.push(state.indent ? marked.replace(/\n/g, `\n${state.indent}`) : marked);
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/**
 * Text for HTML: blocks and `<br>` become line breaks (paragraphs a blank line), list items `- ` or their number
 * (nested ones indented, later lines starting at the item's text), each line of a quotation `> `, links keep their URL unless their text is it, whitespace as a browser shows it; never throws
 * (beyond 256 nested elements, only the text is kept). Without a DOM (server side) a rougher version: every list item
 * `- `, nested lists not indented, no `> `, links without their URL.
 */
export function htmlToPlainText(html: string): string {
  let text: string;
  let keepIndent = false;
  // Without a DOM, or where the page's Trusted Types refuse the kit's policy, the DOM-less version.
  const template = typeof document === "undefined" ? null : parseInert(html);
  if (template) {
    const out: string[] = [];
    const state: Walk = { markerEnds: new Set(), depth: 0, quotes: 0, indent: "" };
    walk(template.content, out, false, 0, state);
    text = out.join("");
    keepIndent = state.firstInPre === true;
  } else {
    // Without a DOM (server side): the same shape, roughly (every list item gets "- ", nested lists are not indented).
    // As an HTML parser does, U+0000 goes (it also marks preformatted line breaks here: see PRE_BREAK).
    text = decodeReferences(textOfTags(html.replace(/\0/g, "")));
  }
  return collapseBlankLines(text)
    .replace(keepIndent ? /^\s*\n/ : /^\s+/, "") // a first preformatted line keeps its indentation
    .trimEnd();
}

/**
 * Drops the spaces and tabs before each line break (preformatted ones too), then makes runs of blank lines between
 * blocks one blank line, keeping a `<pre>`'s own blank lines; in linear time (`/[ \t]+\n/g` backtracks from every
 * position of a long run of spaces that no line break ends: seconds for a 50 KB `<pre>`).
 */
function collapseBlankLines(text: string): string {
  // Odd positions are the line breaks themselves.
  const parts = text.split(/(\n|\0)/);
  for (let i = 0; i < parts.length - 1; i += 2) {
    const line = parts[i]!;
    let end = line.length;
    while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
    if (end < line.length) parts[i] = line.slice(0, end);
  }
  return parts
    .join("")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/\0/g, "\n");
}

/** What a tag becomes in the DOM-less fallback: line breaks for blocks, a marker on a line of its own for list items. */
function tagText(name: string, closing: boolean): string {
  if (name === "br") return "\n";
  if (!closing) return name === "li" ? "\n- " : "";
  if (/^(?:p|h[1-6]|blockquote|pre|ul|ol|table)$/.test(name)) return "\n\n";
  return name === "div" || name === "li" || name === "tr" ? "\n" : "";
}

/**
 * Replaces tags (and comments) by {@link tagText}, in one linear pass: quotes inside a tag are honoured (`alt="<3"`),
 * and a "<" that opens no tag is text. Whitespace alone next to a block tag goes, as a browser lays it out (not
 * inside a `<pre>`).
 */
function textOfTags(html: string): string {
  let out = "";
  // Whether the output ends a line, kept as it grows (reading the end of a string built by `+=` copies it all).
  let lineEnded = true;
  const put = (piece: string) => {
    if (!piece) return;
    out += piece;
    lineEnded = piece.endsWith("\n");
  };
  let i = 0;
  let afterBlock = true;
  let pre = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    const next = html[lt + 1] ?? "";
    if (!/[a-zA-Z/!?]/.test(next)) {
      put(html.slice(i, lt + 1));
      i = lt + 1;
      continue;
    }
    const text = html.slice(i, lt);
    // The markup's own whitespace beside a block shows nothing (outside a `<pre>`).
    const shown = (block: boolean) => pre || !(afterBlock || block) || /\S/.test(text);
    if (html.startsWith("<!--", lt)) {
      if (shown(false)) put(text);
      // `<!-->` and `<!--->` are complete (empty) comments, as browsers read them.
      const empty = html.startsWith("<!-->", lt) ? 5 : html.startsWith("<!--->", lt) ? 6 : 0;
      const end = empty ? lt + empty - 3 : html.indexOf("-->", lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    // A quote opens an attribute value only right after `=` (`alt=it's` is an unquoted value).
    const quoting = /[a-zA-Z]/.test(next) || (next === "/" && /[a-zA-Z]/.test(html[lt + 2] ?? ""));
    let j = lt + 1;
    let quote = "";
    let afterEquals = false;
    for (; j < html.length; j++) {
      const c = html[j]!;
      if (quote) {
        if (c === quote) quote = "";
      } else if (quoting && afterEquals && (c === '"' || c === "'")) quote = c;
      else if (c === ">") break;
      if (!quote && c !== " " && c !== "\t" && c !== "\n") afterEquals = c === "=";
    }
    const closing = next === "/";
    const name =
      /^[a-zA-Z][a-zA-Z0-9]*/.exec(html.slice(lt + (closing ? 2 : 1), lt + 12))?.[0].toLowerCase() ?? "";
    // A tag that ends a line (a block, `<br>`).
    const block = !!tagText(name, true);
    if (shown(block)) put(text);
    const added = tagText(name, closing);
    // A list item's own line: after a closed item's line break, no second one.
    put(name === "li" && !closing && lineEnded ? added.slice(1) : added);
    if (name === "pre") pre = Math.max(0, pre + (closing ? -1 : 1));
    afterBlock = block;
    i = j + 1;
  }
  return out + html.slice(i);
}

/** Decodes the common named references (HTML's upper-case forms too) and numeric ones, each once. */
function decodeReferences(text: string): string {
  return text.replace(
    /&(?:(amp|lt|gt|quot|apos|nbsp|AMP|LT|GT|QUOT)|#([xX][0-9a-fA-F]{1,6}|[0-9]{1,7}));/g,
    (m, named?: string, n?: string) => {
      if (named) return ENTITIES[named.toLowerCase()] ?? m;
      const code = n![0] === "x" || n![0] === "X" ? Number.parseInt(n!.slice(1), 16) : Number(n);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : m;
    },
  );
}
