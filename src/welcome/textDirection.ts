/**
 * Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their
 * presentation forms and supplements), the right-to-left and Arabic letter marks included.
 */
const RTL = /[\u0590-\u08FF\u200F\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
/** A character with a direction of its own: a right-to-left one, a letter, a letter-like number or mark, or LRM. */
const STRONG =
  /[\u0590-\u08FF\u200F\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}\p{L}\p{Nl}\p{Mc}\u200E]/u;
/** Words that read left to right whatever the text around them is written in: URLs, Matrix IDs and aliases, emails. */
const IDENTIFIER = /^[a-z][\w+.-]*:\/\/|^[@#!+][^\s:]+:\S|^[^\s@]+@[^\s@]+\.\w/i;

/** How a text's words lean: how many are right to left, how many in all, and the first one's direction. */
export interface DirectionCount {
  rtl: number;
  words: number;
  first: "ltr" | "rtl" | null;
}

/** Counts the words of `text` by the first character of each that has a direction; identifiers do not count. */
export function countDirections(text: string): DirectionCount {
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
 * The direction a text is written in: its first word's when most of its words agree (right to left counts as most
 * from 40%, as Closure's bidi estimate decides); where they disagree, right to left, since that is a right-to-left
 * text with foreign terms ("iPhone متوفر الآن", "הורידו את Element Desktop, Element Web"); null with no words.
 */
export function directionOf({ rtl, words, first }: DirectionCount): "ltr" | "rtl" | null {
  if (first === null) return null;
  const most = rtl > 0.4 * words ? "rtl" : "ltr";
  return first === most ? first : "rtl";
}

/** {@link directionOf} the words of `text`. */
export const estimateDirection = (text: string): "ltr" | "rtl" | null => directionOf(countDirections(text));
