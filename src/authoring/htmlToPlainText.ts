/** A plain-text rendering of HTML, for the `text/plain` body derived when an author gives only HTML. */

const BLOCKS = new Set([
  "P",
  "DIV",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "BLOCKQUOTE",
  "PRE",
  "UL",
  "OL",
  "TABLE",
  "TR",
  "DETAILS",
  "SUMMARY",
  "HR",
]);

/** Whether a link's text already is its URL (`https://e.org` for `https://e.org/`). */
function sameUrl(text: string, href: string): boolean {
  try {
    return new URL(text).href === new URL(href).href;
  } catch {
    return text === href;
  }
}

/** Appends text as a browser lays it out: outside `pre`, whitespace runs are one space, none at a line start. */
function pushText(value: string, pre: boolean, out: string[]): void {
  if (pre) {
    out.push(value);
    return;
  }
  let text = value.replace(/[\t\n\f\r ]+/g, " ");
  const last = out[out.length - 1];
  if (last === undefined || last.endsWith("\n") || last.endsWith(" ")) text = text.replace(/^ /, "");
  if (text) out.push(text);
}

function walk(node: Node, out: string[], pre: boolean): void {
  let item = 0;
  for (const child of node.childNodes) {
    if (child.nodeType === 3) {
      pushText(child.nodeValue ?? "", pre, out);
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    const tag = el.tagName.toUpperCase();
    if (tag === "BR") {
      out.push("\n");
      continue;
    }
    if (tag === "IMG") {
      out.push(el.getAttribute("alt") ?? "");
      continue;
    }
    if (tag === "LI") {
      item += 1;
      const start = Number.parseInt(
        node.nodeType === 1 ? ((node as Element).getAttribute("start") ?? "1") : "1",
        10,
      );
      const ordered = node.nodeType === 1 && (node as Element).tagName.toUpperCase() === "OL";
      out.push(ordered ? `\n${(Number.isFinite(start) ? start : 1) + item - 1}. ` : "\n- ");
    }
    if (tag === "TD" || tag === "TH") out.push(" ");
    if (BLOCKS.has(tag)) out.push("\n");
    walk(el, out, pre || tag === "PRE");
    if (tag === "A") {
      const href = el.getAttribute("href");
      const text = el.textContent ?? "";
      if (href && !sameUrl(text.trim(), href)) out.push(` (${href})`);
    }
    if (BLOCKS.has(tag)) out.push("\n");
  }
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#39": "'",
  apos: "'",
  nbsp: " ",
};

/**
 * Text for HTML: blocks and `<br>` become line breaks (paragraphs a blank line), list items `- ` or their number,
 * links keep their URL unless their text is it, whitespace as a browser shows it; never throws.
 */
export function htmlToPlainText(html: string): string {
  let text: string;
  if (typeof document !== "undefined") {
    const template = document.createElement("template");
    template.innerHTML = html;
    const out: string[] = [];
    walk(template.content, out, false);
    text = out.join("");
  } else {
    text = html
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/(p|div|h[1-6]|li|tr|blockquote|pre)>/gi, "\n")
      .replace(/<[^>]*>/g, "")
      .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? "");
  }
  return text
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
