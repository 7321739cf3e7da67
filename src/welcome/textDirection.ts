/**
 * Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their
 * presentation forms and supplements), the right-to-left and Arabic letter marks included.
 */
const RTL = /[\u0590-\u08FF\u200F\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
/** A character with a direction of its own: a right-to-left one, a letter, a letter-like number or mark, or LRM. */
const STRONG =
  /[\u0590-\u08FF\u200F\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}\p{L}\p{Nl}\p{Mc}\u200E]/u;

/**
 * The direction a text is mostly written in, by its words (each by its first character with a direction; URLs left
 * out): right to left when more than 40% of them are, as Closure's bidi estimate decides, so "iPhone متوفر الآن" is
 * right to left and "Welcome to مرحبا" left to right; null for text without such a word (digits, emoji, punctuation).
 */
export function estimateDirection(text: string): "ltr" | "rtl" | null {
  let rtl = 0;
  let ltr = 0;
  for (const word of text.split(/\s+/)) {
    // A URL reads left to right whatever the text around it is written in: it does not count.
    if (/^[a-z][\w+.-]*:\/\//i.test(word)) continue;
    const strong = STRONG.exec(word)?.[0];
    if (strong === undefined) continue;
    if (RTL.test(strong)) rtl++;
    else ltr++;
  }
  if (rtl + ltr === 0) return null;
  return rtl > 0.4 * (rtl + ltr) ? "rtl" : "ltr";
}
