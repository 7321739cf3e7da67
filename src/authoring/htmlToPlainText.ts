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

function walk(node: Node, out: string[]): void {
  for (const child of node.childNodes) {
    if (child.nodeType === 3) {
      out.push(child.nodeValue ?? "");
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
    if (tag === "LI") out.push("\n- ");
    if (tag === "TD" || tag === "TH") out.push(" ");
    if (BLOCKS.has(tag)) out.push("\n");
    walk(el, out);
    if (tag === "A") {
      const href = el.getAttribute("href");
      if (href && href !== el.textContent) out.push(` (${href})`);
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

/** Text for HTML: blocks and `<br>` become line breaks, list items `- `, links keep their URL; never throws. */
export function htmlToPlainText(html: string): string {
  let text: string;
  if (typeof document !== "undefined") {
    const template = document.createElement("template");
    template.innerHTML = html;
    const out: string[] = [];
    walk(template.content, out);
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
