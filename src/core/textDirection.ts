/**
 * Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their
 * presentation forms and supplements), the right-to-left and Arabic letter marks included.
 */
const RTL = /[\u0590-\u08FF\u200F\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
/**
 * A character with a direction of its own: a right-to-left one, a letter, a letter-like number or mark, or LRM; not a
 * digit (Arabic-Indic ones included: a browser gives numbers no direction of their own), nor what goes with numbers
 * (the Arabic percent sign, decimal and thousands separators, number signs, comma), a combining mark or the ornate
 * parentheses.
 */
const STRONG =
  /(?![\p{Nd}\p{Mn}\u0600-\u0605\u060C\u066A-\u066C\u06DD\u08E2\uFD3E\uFD3F])[\u0590-\u08FF\u200F\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}\p{L}\p{Nl}\p{Mc}\u200E]/u;
/** Words that read left to right whatever the text around them is written in: URLs, Matrix IDs and aliases, emails. */
const IDENTIFIER = /^[a-z][\w+.-]*:\/\/|^[@#!+][^\s:]+:\S|^[^\s@]+@[^\s@]+\.\w/i;

/** How a text's words lean: how many are right to left, how many in all, and the first one's direction. */
interface DirectionCount {
  rtl: number;
  words: number;
  first: "ltr" | "rtl" | null;
}

/** Counts the words of `text` by the first character of each that has a direction; identifiers do not count. */
function countDirections(text: string): DirectionCount {
  const count: DirectionCount = { rtl: 0, words: 0, first: null };
  for (const word of text.split(/\s+/)) {
    if (IDENTIFIER.test(word)) continue;
    const strong = STRONG.exec(word)?.[0];
    if (strong === undefined) continue;
    const rtl = RTL.test(strong);
    count.words++;
    if (rtl) count.rtl++;
    count.first ??= rtl ? "rtl" : "ltr";
  }
  return count;
}

/**
 * The direction a text is written in: right to left when over 40% of its words are (Closure's bidi estimate), or a
 * quarter when it opens with one (a right-to-left text full of foreign terms: "הורידו את Element Desktop, Element
 * Web"; while "السلام عليكم is how we greet each other here" stays an English sentence), else left to right; null
 * with no words.
 */
function directionOf({ rtl, words, first }: DirectionCount): "ltr" | "rtl" | null {
  if (first === null) return null;
  return rtl > 0.4 * words || (first === "rtl" && rtl >= 0.25 * words) ? "rtl" : "ltr";
}

/** {@link directionOf} the words of `text`. */
export const estimateDirection = (text: string): "ltr" | "rtl" | null => directionOf(countDirections(text));

/**
 * The direction of a block (a paragraph, list, cell) within text written in `around`: its own when it has two words
 * or more, else `around` (a one-word heading "Matrix" stays with an Arabic welcome).
 */
export function blockDirection(text: string, around: string): string {
  const count = countDirections(text);
  return count.words >= 2 ? (directionOf(count) ?? around) : around;
}
