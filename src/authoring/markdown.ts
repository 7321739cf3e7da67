/** Markdown (CommonMark, via micromark) to HTML, loaded on demand so only the editor pays for it. */
import { escapeHtml } from "../welcome/sanitizeMatrixHtml.js";

type Micromark = (value: string) => string;
let loading: Promise<Micromark> | null = null;

/** Container markers (`>`, `-`, `+`, `*`, `1.`, `1)`) one line may open before parsing gets slow (quadratic). */
const MAX_LINE_NESTING = 32;
/** Leading columns of indentation (tabs count 4), the other way to nest lists deeply. */
const MAX_INDENT = 200;
/**
 * Emphasis delimiter runs that could open or close emphasis (an underscore inside a word cannot): micromark resolves
 * them in quadratic time (16,000: 8-20 s; a long real welcome has a few thousand, parsed in a fraction of a second).
 */
const MAX_EMPHASIS_RUNS = 6000;
/** Lines: some one-line-per-construct shapes (setext headings, lazy continuations) are quadratic too (4,000: ~1 s). */
const MAX_LINES = 3000;
/** Unclosed HTML comment openers (2,000: ~0.7 s, growing quadratically). */
const MAX_COMMENT_OPENERS = 1000;
const CONTAINER_MARKER = /[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/y;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Emphasis delimiter runs that may open or close emphasis. */
function emphasisRuns(source: string, limit: number): number {
  let runs = 0;
  for (let i = 0; i < source.length; ) {
    const c = source[i];
    if (c !== "*" && c !== "_") {
      i++;
      continue;
    }
    let end = i + 1;
    while (source[end] === c) end++;
    const intraword = c === "_" && WORD_CHAR.test(source[i - 1] ?? "") && WORD_CHAR.test(source[end] ?? "");
    if (!intraword && ++runs > limit) return runs;
    i = end;
  }
  return runs;
}

/**
 * Whether Markdown would take micromark seconds: containers nested absurdly deep (2,000 list markers on one line:
 * about 1.3 s, growing quadratically; a welcome's source may be 63 KB), thousands of emphasis delimiter runs, lines
 * or unclosed HTML comments. Measured limits keep every real welcome well inside them.
 */
export function isTooDeeplyNested(source: string): boolean {
  if (emphasisRuns(source, MAX_EMPHASIS_RUNS) > MAX_EMPHASIS_RUNS) return true;
  let openers = 0;
  for (let at = source.indexOf("<!--"); at >= 0; at = source.indexOf("<!--", at + 4))
    if (++openers > MAX_COMMENT_OPENERS) return true;
  // Every line ending micromark knows: LF, CRLF and a lone CR.
  const lines = source.split(/\r\n?|\n/);
  if (lines.length > MAX_LINES) return true;
  for (const line of lines) {
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
