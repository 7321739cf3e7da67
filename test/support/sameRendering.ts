/**
 * A canonical form of sanitized HTML, equal for two pieces that show the same thing: it drops what a browser
 * does not show (runs of HTML whitespace, not NBSP, whitespace between blocks, empty paragraphs, a line break ending a block) and
 * names equivalent markup alike (`b`/`strong`, `i`/`em`, `pre`/`pre code`, inline text at the top level or in a
 * quotation as a paragraph, a link without an address as its text, `start="1"`, emphasis around nothing, a space
 * at the edge of emphasis, emphasis nested in its own kind or ending where its kind begins again, a list item's only
 * paragraph).
 */
import { escapeHtml } from "../../src/welcome/sanitizeMatrixHtml";

const BLOCKS = new Set("P H1 H2 H3 H4 H5 H6 BLOCKQUOTE PRE UL OL LI HR".split(" "));
const RENAME: Record<string, string> = { B: "strong", I: "em" };

export function canonicalHtml(html: string): string {
  const template = document.createElement("template");
  template.innerHTML = html;
  // Emphasis that ends where the same kind begins again shows as one.
  return children(template.content, true)
    .trim()
    .replace(/<\/strong><strong>|<\/em><em>/g, "");
}

/** A container's children; `wrap`: inline runs become paragraphs (top level, quotations, loose list items). */
function children(parent: Node, wrap: boolean): string {
  const parts: string[] = [];
  let run = "";
  const flush = () => {
    const text = tidyInline(run);
    if (text) parts.push(wrap ? `<p>${text}</p>` : text);
    run = "";
  };
  const nodes = [...parent.childNodes];
  const hasBlock = nodes.some((n) => BLOCKS.has(n.nodeName));
  for (const node of nodes) {
    if (BLOCKS.has(node.nodeName)) {
      flush();
      const out = block(node as Element);
      if (out) parts.push(out);
    } else run += inline(node);
  }
  flush();
  return hasBlock || wrap ? parts.join("\n") : parts.join("");
}

/** Collapses whitespace, drops it at the edges and around line breaks, and a final line break. */
function tidyInline(text: string): string {
  return text
    .replace(/[ \t\n\f\r]+/g, " ")
    .replace(/ ?<br> ?/g, "<br>")
    .replace(/^ | $/g, "")
    .replace(/(<br>)+$/, "");
}

function block(el: Element): string {
  const name = el.nodeName;
  if (name === "PRE") {
    const code = el.firstElementChild?.nodeName === "CODE" ? el.firstElementChild : null;
    const lang = code?.getAttribute("class") ?? "";
    const text = (code ?? el).textContent ?? "";
    return `<pre${lang ? ` class="${lang}"` : ""}>${escapeHtml(text.replace(/\n$/, ""))}</pre>`;
  }
  if (name === "HR") return "<hr>";
  if (name === "UL" || name === "OL") {
    const start = el.getAttribute("start");
    const attrs = name === "OL" && start && start !== "1" ? ` start="${start}"` : "";
    const items = [...el.children].map((li) => block(li)).join("\n");
    return `<${name.toLowerCase()}${attrs}>\n${items}\n</${name.toLowerCase()}>`;
  }
  if (name === "LI") {
    const loose = [...el.children].some((c) => c.nodeName === "P" && block(c) !== ""); // an empty one shows nothing
    // An item whose only block is one paragraph shows as that text (Markdown cannot make a lone one loose).
    const shown = [...el.childNodes].filter((n) =>
      n.nodeType === 3
        ? /[^ \t\n\f\r]/.test(n.textContent ?? "")
        : n.nodeName !== "P" || block(n as Element) !== "",
    );
    if (shown.length === 1 && shown[0]!.nodeName === "P") return `<li>${children(shown[0]!, false)}</li>`;
    return `<li>${children(el, loose)}</li>`;
  }
  if (name === "BLOCKQUOTE") return `<blockquote>\n${children(el, true)}\n</blockquote>`;
  const text = tidyInline([...el.childNodes].map(inline).join(""));
  if (name === "P" && !text) return "";
  return `<${name.toLowerCase()}>${text}</${name.toLowerCase()}>`;
}

function inline(node: Node): string {
  if (node.nodeType === 3) return escapeHtml(node.textContent ?? "");
  if (node.nodeType !== 1) return "";
  const el = node as Element;
  const name = RENAME[el.nodeName] ?? el.nodeName.toLowerCase();
  const inner = [...el.childNodes].map(inline).join("");
  switch (name) {
    case "br":
      return "<br>";
    case "a": {
      const href = el.getAttribute("href");
      return href === null ? inner : `<a href="${escapeHtml(normalUrl(href))}">${inner}</a>`;
    }
    case "img":
      return `<img src="${escapeHtml(el.getAttribute("src") ?? "")}" alt="${escapeHtml(el.getAttribute("alt") ?? "")}">`;
    case "code":
      return `<code>${escapeHtml((el.textContent ?? "").replace(/[ \t\n\f\r]+/g, " "))}</code>`;
    default: {
      if (!inner.replace(/<br>/g, "").trim()) return inner; // emphasis around nothing shows nothing
      // Emphasis inside emphasis of its kind shows as nothing more.
      for (let up = el.parentElement; up; up = up.parentElement)
        if ((RENAME[up.nodeName] ?? up.nodeName.toLowerCase()) === name) return inner;
      const attrs = [...el.attributes].map((a) => ` ${a.name}="${escapeHtml(a.value)}"`).join("");
      // A space at the edge of emphasis shows as one just outside it.
      const [, lead, core, trail] = /^([ \t\n\f\r]*)([\s\S]*?)([ \t\n\f\r]*)$/.exec(inner)!;
      return `${lead}<${name}${attrs}>${core}</${name}>${trail}`;
    }
  }
}

function normalUrl(href: string): string {
  try {
    return new URL(href).href;
  } catch {
    return href;
  }
}
