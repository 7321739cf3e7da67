/** Markdown (CommonMark, via micromark) to HTML, loaded on demand so only the editor pays for it. */
import { escapeHtml } from "../welcome/sanitizeMatrixHtml.js";

type Micromark = (value: string) => string;
let loading: Promise<Micromark> | null = null;

// Limits beyond which micromark's cost grows quadratically into seconds (measured with micromark 4 in Node; a welcome's
// source may be 63 KB). Real welcomes stay far inside them.
/** Container markers (`>`, `-`, `+`, `*`, `1.`) on one line: 2,000 took 1.3 s. */
const LINE_NESTING = 32;
/** Sum over lines of (markers on the line)^2: 3,000 lines of `- - - a` took 5 s, 2,500 of `- - a` 2.5 s. */
const NESTING_WORK = 5000;
/** Leading columns of indentation (tabs count 4), the other way to nest lists deeply. */
const INDENT = 200;
/** Emphasis runs open at once within a paragraph: 3,000 openers then 3,000 closers took 7 s. */
const OPEN_EMPHASIS = 500;
/** Emphasis runs in all (10,000 alternating `*_`: 5.8 s, 16,000: 8-20 s; a 61 KB rules text has 2,100). */
const EMPHASIS_RUNS = 5000;
/** Brackets open at once (`![` nested 2,000 deep: 6.7 s). */
const OPEN_BRACKETS = 200;
/** Link destinations `](` not closed by a `)` in the same paragraph (`[ (](` 10,000 times: 7 s; 2,000: 0.5 s). */
const OPEN_DESTINATIONS = 1000;
/** Link destinations opened with `](<` (12,600 unclosed: 5 s). */
const ANGLE_DESTINATIONS = 1000;
/** Lines (6,000 lazy continuation lines of one quote took 3.7 s, growing quadratically). */
const LINES = 4000;
/** Setext heading underlines (2,000 took 1.2 s). */
const SETEXT_UNDERLINES = 1000;
/**
 * Openers of HTML comments, declarations, CDATA and processing instructions (`<!`, `<?`), closed or not: 2,000
 * unclosed `<!--` took 0.7 s, `<!A` 0.4 s, `<![CDATA[` 0.7 s, `<?` 1.1 s (1,000: 0.4 s; 3,900: 3.7 s).
 */
const MARKUP_OPENERS = 500;
/** Brackets in all, however they close (`[a]` 10,000 times: 0.5 s in one paragraph, 1.4 s in separate ones). */
const BRACKETS = 2000;

const CONTAINER_MARKER = /[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/y;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
/** What a backslash escapes in CommonMark: ASCII punctuation (before a line break it is a hard break instead). */
const ESCAPABLE = /^[!-/:-@[-`{-~]$/;
const SPACE = /\s/u;
/** Unicode punctuation, as CommonMark's flanking rules count it (symbols too). */
export const PUNCTUATION = /[\p{P}\p{S}]/u;

/**
 * Whether a delimiter run between `before` and `after` (a space at a line's edge) is left-flanking, by CommonMark's
 * rules; with the two swapped, whether it is right-flanking.
 */
export const leftFlanking = (before: string, after: string) =>
  !SPACE.test(after) && (!PUNCTUATION.test(after) || SPACE.test(before) || PUNCTUATION.test(before));

const count = (source: string, needle: string, limit: number) => {
  let n = 0;
  for (
    let at = source.indexOf(needle);
    at >= 0 && n <= limit;
    at = source.indexOf(needle, at + needle.length)
  )
    n++;
  return n;
};
/** Whether the inline parts (emphasis, brackets) would be costly: too many runs or openers pending at once. */
function costlyInline(source: string): boolean {
  let runs = 0;
  let open = 0;
  let brackets = 0;
  let destinations = 0;
  for (let i = 0; i < source.length; ) {
    const c = source[i]!;
    if (c === "\n" && source[i + 1] === "\n") open = destinations = 0; // neither spans paragraphs
    if (c === "\\" && ESCAPABLE.test(source[i + 1] ?? "")) {
      i += 2; // an escaped character is text: it neither opens nor closes anything
      continue;
    }
    if (c === "[") {
      if (++brackets > OPEN_BRACKETS) return true;
    } else if (c === "]") {
      brackets = Math.max(0, brackets - 1);
      if (source[i + 1] === "(" && ++destinations > OPEN_DESTINATIONS) return true;
    } else if (c === ")") destinations = Math.max(0, destinations - 1);
    if (c !== "*" && c !== "_") {
      i++;
      continue;
    }
    let end = i + 1;
    while (source[end] === c) end++;
    const before = source[i - 1] ?? " ";
    const after = source[end] ?? " ";
    // CommonMark's flanking rules: whether the run can open and/or close emphasis.
    const left = leftFlanking(before, after);
    const right = leftFlanking(after, before);
    const intraword = c === "_" && left && right && !PUNCTUATION.test(before) && !PUNCTUATION.test(after);
    if ((left || right) && !intraword) {
      if (++runs > EMPHASIS_RUNS) return true;
      // A run that can only close (or can do both, with something open) closes; else it stays open.
      if (right && (!left || open > 0)) open -= 1;
      else if (++open > OPEN_EMPHASIS) return true;
    }
    i = end;
  }
  return false;
}

/** Whether micromark would take seconds on this Markdown (see the limits above); cheap, linear. */
export function isTooCostlyToRender(source: string): boolean {
  if (costlyInline(source)) return true;
  if (count(source, "<!", MARKUP_OPENERS) + count(source, "<?", MARKUP_OPENERS) > MARKUP_OPENERS) return true;
  if (count(source, "[", BRACKETS) > BRACKETS) return true;
  if (count(source, "](<", ANGLE_DESTINATIONS) > ANGLE_DESTINATIONS) return true;
  // Every line ending micromark knows: LF, CRLF and a lone CR.
  const lines = source.split(/\r\n?|\n/);
  if (lines.length > LINES) return true;
  let nestingWork = 0;
  let underlines = 0;
  for (const line of lines) {
    if (SETEXT_UNDERLINE.test(line) && ++underlines > SETEXT_UNDERLINES) return true;
    let indent = 0;
    for (const ch of line) {
      if (ch === " ") indent += 1;
      else if (ch === "\t") indent += 4;
      else break;
      if (indent > INDENT) return true;
    }
    CONTAINER_MARKER.lastIndex = 0;
    let markers = 0;
    while (CONTAINER_MARKER.test(line)) {
      markers += 1;
      if (markers > LINE_NESTING) return true;
      if (CONTAINER_MARKER.lastIndex >= line.length) break;
    }
    nestingWork += markers * markers;
    if (nestingWork > NESTING_WORK) return true;
  }
  return false;
}

type MicromarkEvent = ReturnType<typeof import("micromark").postprocess>[number];

/**
 * Inline parts whose line endings are no line break on screen: code, a link's destination and title. (Raw HTML is
 * escaped, so it shows as text, and its line endings are line breaks like any other.)
 */
const VERBATIM = new Set(["codeText", "resource"]);

/**
 * Makes each line break inside a paragraph (or heading) a line break on screen (`<br />`), as Element's composer and other Matrix
 * clients render Markdown: a moderator's lines stay lines (CommonMark alone would join them with a space). Not inside
 * {@link VERBATIM} parts, nor after a hard break already there.
 */
function softBreaksAsHard(events: MicromarkEvent[]): MicromarkEvent[] {
  const out: MicromarkEvent[] = [];
  let paragraphs = 0;
  let code = 0;
  let afterBreak = false;
  for (const event of events) {
    const [kind, token, context] = event;
    const step = kind === "enter" ? 1 : -1;
    if (token.type === "paragraph" || token.type === "setextHeadingText") paragraphs += step;
    else if (VERBATIM.has(token.type)) code += step;
    else if (kind === "enter" && token.type === "lineEnding" && paragraphs > 0 && code === 0 && !afterBreak) {
      const br = { type: "hardBreakEscape", start: token.start, end: token.start } as typeof token;
      out.push(["enter", br, context], ["exit", br, context]);
    }
    if (kind === "exit") afterBreak = token.type === "hardBreakEscape" || token.type === "hardBreakTrailing";
    out.push(event);
  }
  return out;
}

/**
 * Loads the CommonMark renderer (once; a failed load may be retried). Raw HTML in Markdown is escaped; every URL
 * protocol is let through (mxc:// images must survive), because the output always goes through `sanitizeMatrixHtml`,
 * which enforces the Matrix link and image rules. Source micromark would take seconds on ({@link isTooCostlyToRender},
 * e.g. a hostile source stored in room state, which the editor opens) renders as escaped text instead of freezing the page.
 */
export function loadMarkdown(): Promise<Micromark> {
  loading ??= import("micromark").then(
    (m) => (value: string) =>
      isTooCostlyToRender(value)
        ? `<p>${escapeHtml(value).replace(/\r\n?|\n/g, "<br>")}</p>`
        : m.compile({ allowDangerousProtocol: true })(
            softBreaksAsHard(
              m.postprocess(
                m
                  .parse()
                  .document()
                  .write(m.preprocess()(value, undefined, true)),
              ),
            ),
          ),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
