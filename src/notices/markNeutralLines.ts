/** A letter (Arabic-Indic digits are not: a browser gives numbers no direction of their own), or a direction mark. */
const LETTER = /[\p{L}\u200E\u200F]/u;
/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms) and the RLM. */
const RTL = /[\u0590-\u08FF\u200F\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

/** The direction of a line's first letter (as a browser lays out a line of `unicode-bidi: plaintext`), or undefined. */
const directionOf = (line: string) => {
  const letter = LETTER.exec(line)?.[0];
  return letter && (RTL.test(letter) ? "\u200F" : "\u200E");
};

/**
 * A notice's text with each line that has nothing to take a direction from (digits, times, punctuation: "22:00 - 23:00")
 * opened by an invisible left-to-right or right-to-left mark, the direction of the nearest line before it that has one
 * (else after it). A body in several lines lays out each line by its own first letter (`unicode-bidi: plaintext`),
 * which left such a line to the left in an Arabic or Hebrew notice. Other lines, and blank ones, are unchanged.
 */
export function markNeutralLines(text: string): string {
  const lines = text.split("\n");
  const marks = lines.map(directionOf);
  // Each line's mark from the nearest line after it, in one pass back (not a scan ahead per line: a hostile notice
  // may hold tens of thousands of lines with no letter).
  const after: (string | undefined)[] = [];
  for (let i = lines.length - 1, next: string | undefined; i >= 0; i--) after[i] = next = marks[i] ?? next;
  let before: string | undefined;
  return lines
    .map((line, i) => {
      before = marks[i] ?? before;
      if (marks[i] || !line.trim()) return line;
      return (before ?? after[i] ?? "") + line;
    })
    .join("\n");
}
