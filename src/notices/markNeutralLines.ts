import { estimateDirection } from "../core/textDirection.js";

/** A letter (Arabic-Indic digits are not: a browser gives numbers no direction of their own), or a direction mark. */
const LETTER = /[\p{L}\u200E\u200F]/u;
/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms) and the RLM. */
const RTL = /[\u0590-\u08FF\u200F\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

/** The direction mark of a line's first letter (as a browser lays out a line of `unicode-bidi: plaintext`), or undefined. */
const firstLetterMark = (line: string) => {
  const letter = LETTER.exec(line)?.[0];
  return letter && (RTL.test(letter) ? "\u200F" : "\u200E");
};

/**
 * The direction mark of the way a line with a letter reads, when its words tell (URLs, Matrix IDs and emails aside:
 * "admin@example.org هو عنوان الدعم" reads right to left; a line that is only a URL tells nothing).
 */
const toldMark = (line: string) => {
  if (!firstLetterMark(line)) return undefined;
  const estimated = estimateDirection(line);
  return estimated ? (estimated === "rtl" ? "\u200F" : "\u200E") : undefined;
};

/**
 * A notice's text with each line that has nothing to take a direction from (digits, times, punctuation: "22:00 - 23:00")
 * opened by an invisible left-to-right or right-to-left mark, the direction of the nearest line before it that has one
 * (else after it), a line that is only a URL aside. A body in several lines lays out each line by its own first letter (`unicode-bidi: plaintext`),
 * which left such a line to the left in an Arabic or Hebrew notice. A line that opens with a word of the other
 * direction than it reads in (an Arabic sentence opening with "Synapse" or an email) is opened by its own mark. Other
 * lines, and blank ones, are unchanged.
 */
export function markNeutralLines(text: string): string {
  const lines = text.split("\n");
  const marks = lines.map(toldMark);
  // Each line's mark from the nearest line after it, in one pass back (not a scan ahead per line: a hostile notice
  // may hold tens of thousands of lines with no letter).
  const after: (string | undefined)[] = [];
  for (let i = lines.length - 1, next: string | undefined; i >= 0; i--) after[i] = next = marks[i] ?? next;
  let before: string | undefined;
  return lines
    .map((line, i) => {
      before = marks[i] ?? before;
      if (!line.trim()) return line;
      // A line that opens with a word of the other direction (a name, an email) takes the way it reads; one whose
      // words tell nothing (a URL alone) keeps its first letter's, and gives no direction to the lines around it.
      const first = firstLetterMark(line);
      if (first) return marks[i] && marks[i] !== first ? marks[i] + line : line;
      return (before ?? after[i] ?? "") + line;
    })
    .join("\n");
}
