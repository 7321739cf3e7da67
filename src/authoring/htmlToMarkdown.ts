/**
 * Markdown for sanitized welcome HTML that has none (another app's welcome), so the editor can open it with its
 * formatting: paragraphs, line breaks, headings, emphasis, links, `mxc://` images, code, quotations, lists and rules.
 * Anything else (colours, tables, underline, attributes Markdown cannot carry, emphasis CommonMark would read
 * otherwise) gives null: the editor then opens the text alone and says so. Rendered with the editor's Markdown
 * (CommonMark, line breaks kept), the result gives the same HTML again (checked by the property tests).
 */

import { parseInert } from "../core/trustedHtml.js";
import { isTooCostlyToRender, leftFlanking, PUNCTUATION } from "./markdown.js";

/** Thrown inside the walk when the HTML holds something Markdown cannot say. */
const UNSUPPORTED = Symbol("unsupported");
const fail = (): never => {
  throw UNSUPPORTED;
};

// Placeholders for emphasis delimiters, resolved once a line's text is known (their neighbours decide `*` or `_`).
const STRONG_OPEN = "\uE000";
const STRONG_CLOSE = "\uE001";
const EM_OPEN = "\uE002";
const EM_CLOSE = "\uE003";
const DELIMITER = /[\uE000-\uE003]/;
/** An `&` that starts what CommonMark may read as a character reference. */
const ENTITY = /&(?=#\d+;|#[xX][0-9a-fA-F]+;|[a-zA-Z][a-zA-Z0-9]*;)/g;

const INLINE = new Set("#text BR STRONG B EM I A CODE IMG".split(" "));
const HEADING = /^H([1-6])$/;

/** Markdown for `html` (sanitized, as published: `mxc://` images), or null when it cannot be said in Markdown or there is no DOM. */
export function htmlToMarkdown(html: string): string | null {
  if (typeof document === "undefined") return null;
  try {
    const template = parseInert(html);
    if (!template) return null;
    const markdown = blocks(template.content);
    // The editor's renderer shows Markdown it would take long on as plain text (2,001 paragraphs, a deep quotation).
    return markdown && !isTooCostlyToRender(markdown) ? markdown : null;
  } catch {
    return null; // UNSUPPORTED, or a DOM in an unexpected state: the editor opens the text alone
  }
}

/** Only the attributes given (by name), each at most once. */
function onlyAttributes(el: Element, allowed: readonly string[] = []): void {
  for (const attr of el.attributes) if (!allowed.includes(attr.name)) fail();
}

/** A list just written: its element name, and whether it took the other marker. */
interface ListWritten {
  name: string;
  alternate: boolean;
}

/** The list about to be written after `previous` (if the block before was one): a list of its kind alternates. */
const nextList = (previous: ListWritten | null, name: string): ListWritten => ({
  name,
  alternate: previous?.name === name && !previous.alternate,
});

/** The children of a block container, as Markdown blocks separated by blank lines. */
function blocks(parent: Node): string {
  let out = "";
  let run: Node[] = [];
  // The list just written, if the last block was one: two lists in a row stay two lists, the second with the other
  // marker (`-`/`+`, `.`/`)`), on the next line (a blank line between them would make the first one loose); so does
  // a quotation after a list (micromark reads a list loose when a blank line parts it from a quotation in a quotation).
  let previous: ListWritten | null = null;
  const push = (text: string, next = false) => {
    if (text) {
      out += out ? `${next ? "\n" : "\n\n"}${text}` : text;
      previous = null;
    }
  };
  for (const node of parent.childNodes) {
    const name = node.nodeName;
    if (INLINE.has(name)) {
      run.push(node);
      continue;
    }
    if (node.nodeType === 8) continue; // a comment
    push(paragraph(run));
    run = [];
    if (name === "UL" || name === "OL") {
      const next = nextList(previous, name);
      const text = list(node as Element, next.alternate, previous !== null);
      out += previous ? `\n${text}` : out ? `\n\n${text}` : text;
      previous = next;
      continue;
    }
    push(block(node as Element), previous !== null && name === "BLOCKQUOTE");
  }
  push(paragraph(run));
  return out;
}

/** One block element other than a list (none with attributes). */
function block(el: Element): string {
  onlyAttributes(el);
  const name = el.nodeName;
  const heading = HEADING.exec(name);
  if (heading) {
    // One line; a closing run of `#` would be read as the heading's optional closing sequence.
    const text = inlineText([...el.childNodes]).replace(/(^|[ \t])(#+)$/, "$1\\$2");
    if (text.includes("\n")) fail();
    return `${"#".repeat(Number(heading[1]))}${text ? ` ${text}` : ""}`;
  }
  switch (name) {
    case "P":
      return paragraph([...el.childNodes]); // an empty one shows nothing: it goes
    case "BLOCKQUOTE": {
      const inner = blocks(el) || fail(); // an empty quotation: rare, and CommonMark reads one oddly after a list
      return inner
        .split("\n")
        .map((line) => (line ? `> ${line}` : ">"))
        .join("\n");
    }
    case "PRE":
      return codeBlock(el);
    case "HR":
      return "***";
    default:
      return fail();
  }
}

/** A `pre` without attributes (with or without a `code` inside) as a fenced code block. */
function codeBlock(pre: Element): string {
  let language = "";
  let content: string;
  const kids = [...pre.childNodes];
  if (kids.length === 1 && kids[0]!.nodeName === "CODE") {
    const code = kids[0] as Element;
    onlyAttributes(code, ["class"]);
    const cls = code.getAttribute("class");
    // An info string's escapes and character references are decoded: a language with `\` or `&` gives null.
    if (cls !== null) language = /^language-([^\s`\\&]+)$/.exec(cls)?.[1] ?? fail();
    if ([...code.childNodes].some((n) => n.nodeType !== 3)) fail();
    content = code.textContent ?? "";
  } else {
    if (kids.some((n) => n.nodeType !== 3)) fail();
    content = pre.textContent ?? "";
  }
  const fence = "`".repeat(Math.max(3, longestBacktickRun(content) + 1));
  return `${fence}${language}\n${content.endsWith("\n") || !content ? content : `${content}\n`}${fence}`;
}

/** The longest run of backticks in `text` (a code fence must be longer). */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** A list: each item's blocks under its marker, continuation lines indented to the item's text. */
function list(el: Element, alternate: boolean, interrupts: boolean): string {
  const ordered = el.nodeName === "OL";
  onlyAttributes(el, ordered ? ["start"] : []);
  const startAttr = el.getAttribute("start");
  const start = startAttr === null ? 1 : /^\d{1,9}$/.test(startAttr) ? Number(startAttr) : fail();
  // Right under a line of text, only a list starting at 1 begins (another number would continue that text).
  if (interrupts && start !== 1) fail();
  const items = [...el.childNodes].filter((n) => n.nodeType !== 3 || /\S/.test(n.textContent ?? ""));
  // A marker's number has at most nine digits: 1000000000. is text.
  if (items.some((n) => n.nodeName !== "LI") || start + items.length > 1e9) fail();
  // Tight (items hold inline text, maybe then a nested list) or loose (items hold paragraphs): not both.
  const loose = items.map((li) => [...li.childNodes].some((n) => n.nodeName === "P"));
  if (loose.some((l) => l !== loose[0])) fail();
  const out = items.map((li, i) => {
    onlyAttributes(li as Element);
    const marker = ordered ? `${start + i}${alternate ? ")" : "."} ` : alternate ? "+ " : "- "; // `* ***` would be a rule
    const body = loose[0] ? blocks(li) : tightItem(li);
    if (!body) fail(); // an empty item: CommonMark's rules for those are subtle, and welcomes have none
    const indent = " ".repeat(marker.length);
    return body
      .split("\n")
      .map((line, n) =>
        n === 0 ? (line ? `${marker}${line}` : marker.trimEnd()) : line ? `${indent}${line}` : "",
      )
      .join("\n");
  });
  return out.join(loose[0] ? "\n\n" : "\n");
}

/** A tight list item: its inline text, then any nested lists (each on the lines after it). */
function tightItem(li: Node): string {
  const parts: string[] = [];
  let run: Node[] = [];
  const flush = () => {
    if (run.length) {
      const text = inlineText(run);
      if (text) parts.push(escapeLineStarts(text));
    }
    run = [];
  };
  let previous: ListWritten | null = null;
  for (const node of li.childNodes) {
    const name = node.nodeName;
    if (INLINE.has(name)) {
      run.push(node);
      continue;
    }
    if (node.nodeType === 8) continue;
    if (name !== "UL" && name !== "OL") fail();
    flush();
    if (!parts.length) fail(); // an item that starts with a list
    previous = nextList(previous, name);
    parts.push(list(node as Element, previous.alternate, true));
  }
  flush();
  return parts.join("\n");
}

/** Inline nodes as a paragraph: their text, each line escaped where Markdown would read a block. */
function paragraph(nodes: Node[]): string {
  const text = inlineText(nodes);
  return text ? escapeLineStarts(text) : "";
}

/** Backslash-escapes what would start a block at the beginning of each line. */
function escapeLineStarts(text: string): string {
  // A bracket that opens a paragraph and closes before a colon would define a link: possible only through code
  // (text brackets are escaped), as in [`]:`](...).
  if (/^\[(?:\\.|[^\\\]])*\]:/.test(text)) fail();
  return text
    .split("\n")
    .map((line) =>
      line
        .replace(/^(#{1,6})(?=[ \t]|$)/, "\\$1")
        .replace(/^[-+=>~]/, "\\$&")
        .replace(/^(\d{1,9})([.)])/, "$1\\$2"),
    )
    .join("\n");
}

/**
 * Inline nodes as Markdown text: whitespace collapsed as a browser shows it, line breaks as line ends (the editor's
 * Markdown keeps them), lines trimmed; an empty line inside is a lone `\` (a hard break), as a blank line would end
 * the paragraph.
 */
function inlineText(nodes: Node[]): string {
  const out = joinInline(nodes.map(inline));
  const lines = out.split("\n").map((line) => line.slice(...spaceEdges(line)));
  // A trailing break shows nothing (a line of NBSP does: it stays).
  while (lines.length && !lines[lines.length - 1]!.replace(/[\uE000-\uE003]/g, "")) lines.pop();
  if (lines.length && !lines[0]) fail(); // nor can a paragraph start with a break
  return lines.map((line) => (line ? resolveDelimiters(line) : "\\")).join("\n");
}

/** Inline pieces one after another; two code spans in a row would read as one (their backticks meet). */
function joinInline(pieces: string[]): string {
  let out = "";
  for (let piece of pieces) {
    // Emphasis ending where the same kind begins again is one emphasis (`**a****b**` would show the asterisks);
    // merged first, so that the checks below see what then meets.
    while (/[\uE001\uE003]$/.test(out) && piece.charCodeAt(0) === out.charCodeAt(out.length - 1) - 1) {
      out = out.slice(0, -1);
      piece = piece.slice(1);
    }
    if (out.endsWith("`") && piece.startsWith("`")) fail();
    // Text ending in "!" before a link would make it an image.
    if (out.endsWith("!") && piece.startsWith("[")) out = `${out.slice(0, -1)}\\!`;
    out += piece;
  }
  return out;
}

const stripDelimiters = (line: string) => line.replace(/[\uE000-\uE003]/g, "").trim();

/** Whitespace as a browser shows it outside `pre`: each run of HTML whitespace one space (NBSP stays). */
const collapse = (text: string) => text.replace(/[\t\n\f\r ]+/g, " ");

/** One inline node. */
function inline(node: Node): string {
  if (node.nodeType === 3) return escapeText(collapse(node.textContent ?? ""));
  const el = node as Element;
  switch (el.nodeName) {
    case "BR":
      onlyAttributes(el);
      return "\n";
    case "STRONG":
    case "B":
      onlyAttributes(el);
      return emphasis(el, STRONG_OPEN, STRONG_CLOSE);
    case "EM":
    case "I":
      onlyAttributes(el);
      return emphasis(el, EM_OPEN, EM_CLOSE);
    case "A": {
      onlyAttributes(el, ["href"]);
      const inner = joinInline([...el.childNodes].map(inline));
      const href = el.getAttribute("href");
      if (href === null) return inner; // a link whose address the sanitizer dropped shows as text
      if (inner.includes("\n")) fail();
      return `[${inner}](${destination(href)})`;
    }
    case "CODE": {
      onlyAttributes(el);
      if ([...el.childNodes].some((n) => n.nodeType !== 3)) fail();
      const text = collapse(el.textContent ?? "");
      if (!text.trim()) fail(); // an empty code span cannot be written
      const fence = "`".repeat(longestBacktickRun(text) + 1);
      const pad = text.startsWith("`") || text.endsWith("`") || (text.startsWith(" ") && text.endsWith(" "));
      return pad ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
    }
    case "IMG": {
      onlyAttributes(el, ["src", "alt"]);
      const src = el.getAttribute("src") ?? "";
      if (!src.startsWith("mxc://")) fail();
      const alt = escapeText(collapse(el.getAttribute("alt") ?? ""));
      return `![${alt}](${destination(src)})`;
    }
    default:
      return fail();
  }
}

/**
 * A link or image address as a Markdown destination. Character references in it would be decoded (escaped), and
 * micromark percent-encodes what a URL may hold but its set does not (`[`, `]`, `|`, `\`, `%` without two
 * alphanumerics after it...): an address with those gives null (`https://[::1]/` would break).
 */
function destination(url: string): string {
  if (/[^!#-;=?-Z_a-z~]|%(?![\dA-Za-z]{2})/.test(url)) fail();
  return `<${url.replace(ENTITY, "\\&")}>`;
}

/** Emphasis around an element's inline content; whitespace at its edges goes outside, an empty one goes. */
function emphasis(el: Element, open: string, close: string): string {
  const inner = joinInline([...el.childNodes].map(inline));
  // Inside emphasis of its own kind it shows as nothing more: its content alone.
  const kinds = open === STRONG_OPEN ? ["STRONG", "B"] : ["EM", "I"];
  for (let up = el.parentElement; up; up = up.parentElement) if (kinds.includes(up.nodeName)) return inner;
  const [start, end] = spaceEdges(inner);
  const body = inner.slice(start, end);
  if (!stripDelimiters(body)) return inner;
  if (body.includes("\n")) fail(); // emphasis over a line break: CommonMark would not read it back
  return `${inner.slice(0, start)}${open}${body}${close}${inner.slice(end)}`;
}

/** Where `text` starts and ends without its edge spaces (a loop: `/ +$/` takes quadratic time on a long run). */
function spaceEdges(text: string): [number, number] {
  let start = 0;
  let end = text.length;
  while (text[start] === " ") start++;
  while (end > start && text[end - 1] === " ") end--;
  return [start, end];
}

/** Escapes text so that Markdown shows it as it is. */
function escapeText(text: string): string {
  if (DELIMITER.test(text)) fail(); // the placeholders' own characters
  return text.replace(/[\\`*_[\]<]/g, "\\$&").replace(ENTITY, "\\&");
}

/**
 * Turns the line's emphasis placeholders into `**`/`*` (or `_` for emphasis next to a `*` run, which would merge
 * with it), and checks CommonMark's flanking rules for each: a delimiter it would not read as intended fails.
 */
function resolveDelimiters(line: string): string {
  if (!DELIMITER.test(line)) return line;
  const chars = [...line];
  // Emphasis takes `_` where a `*` would run into the delimiter just before it or a `**` just inside it; its
  // closer takes its opener's character.
  const open: string[] = [];
  const text: string[] = [];
  chars.forEach((c, i) => {
    if (c === STRONG_OPEN || c === STRONG_CLOSE) text.push("**");
    else if (c === EM_OPEN) {
      const star =
        (DELIMITER.test(chars[i - 1] ?? "") && text[i - 1]!.endsWith("*")) || chars[i + 1] === STRONG_OPEN;
      open.push(star ? "_" : "*");
      text.push(open[open.length - 1]!);
    } else if (c === EM_CLOSE) text.push(open.pop() ?? fail());
    else text.push(c);
  });
  // Check each delimiter against its neighbours in the final text: those of its whole run, as delimiters of one
  // character next to each other are one run to CommonMark (`*»€***🙂**`: `***` can only open).
  let at = 0;
  let runStart = 0;
  const flat = text.join("");
  const joins = (i: number) =>
    DELIMITER.test(chars[i] ?? "") && DELIMITER.test(chars[i + 1] ?? "") && text[i]![0] === text[i + 1]![0];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const piece = text[i]!;
    if (i === 0 || !joins(i - 1)) runStart = at;
    if (DELIMITER.test(c)) {
      let end = at + piece.length;
      for (let j = i; joins(j); j++) end += text[j + 1]!.length;
      // A line's edges count as spaces.
      const before = flat[runStart - 1] ?? " ";
      const after = flat[end] ?? " ";
      const left = leftFlanking(before, after);
      const right = leftFlanking(after, before);
      const opening = c === STRONG_OPEN || c === EM_OPEN;
      const underscore = piece === "_";
      const ok = opening
        ? left && (!underscore || !right || PUNCTUATION.test(before))
        : right && (!underscore || !left || PUNCTUATION.test(after));
      if (!ok) fail();
    }
    at += piece.length;
  }
  return flat;
}
