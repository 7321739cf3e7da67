/** Markdown (CommonMark, via micromark) to HTML, loaded on demand so only the editor pays for it. */
import { escapeHtml } from "../welcome/sanitizeMatrixHtml.js";

type Micromark = (value: string) => string;
let loading: Promise<Micromark> | null = null;

/** Container markers (`>`, `-`, `+`, `*`, `1.`, `1)`) one line may open before parsing gets slow (quadratic). */
const MAX_LINE_NESTING = 32;
/** Leading columns of indentation (tabs count 4), the other way to nest lists deeply. */
const MAX_INDENT = 200;
/** Emphasis delimiters (`*`, `_`) in all: micromark resolves them in quadratic time (16,000: 8-20 s). */
const MAX_EMPHASIS_DELIMITERS = 4000;
const CONTAINER_MARKER = /[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/y;

/**
 * Whether Markdown would take micromark seconds: containers nested absurdly deep (2,000 list markers on one line:
 * about 1.3 s, growing quadratically; a welcome's source may be 63 KB) or thousands of emphasis delimiters. No real
 * welcome comes near the limits.
 */
export function isTooDeeplyNested(source: string): boolean {
  let delimiters = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if ((c === 42 || c === 95) && ++delimiters > MAX_EMPHASIS_DELIMITERS) return true;
  }
  // Every line ending micromark knows: LF, CRLF and a lone CR.
  for (const line of source.split(/\r\n?|\n/)) {
    let indent = 0;
    for (const ch of line) {
      if (ch === " ") indent += 1;
      else if (ch === "\t") indent += 4;
      else break;
      if (indent > MAX_INDENT) return true;
    }
    CONTAINER_MARKER.lastIndex = 0;
    let markers = 0;
    while (CONTAINER_MARKER.test(line)) {
      markers += 1;
      if (markers > MAX_LINE_NESTING) return true;
      if (CONTAINER_MARKER.lastIndex >= line.length) break;
    }
  }
  return false;
}

/**
 * Loads the CommonMark renderer (once; a failed load may be retried). Raw HTML in Markdown is escaped; every URL
 * protocol is let through (mxc:// images must survive), because the output always goes through `sanitizeMatrixHtml`,
 * which enforces the Matrix link and image rules. Source nested absurdly deep ({@link isTooDeeplyNested}, e.g. a
 * hostile source stored in room state, which the editor opens) renders as escaped text instead of freezing the page.
 */
export function loadMarkdown(): Promise<Micromark> {
  loading ??= import("micromark").then(
    (m) => (value: string) =>
      isTooDeeplyNested(value)
        ? `<p>${escapeHtml(value).replace(/\n/g, "<br>")}</p>`
        : m.micromark(value, { allowDangerousProtocol: true }),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
