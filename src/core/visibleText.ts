/**
 * Characters that show nothing on their own: whitespace, NUL (which HTML parsing drops), format characters (zero-width
 * spaces and joiners, direction marks, soft hyphens, BOM, tags), every other default-ignorable code point (variation
 * selectors, the combining grapheme joiner, Mongolian free variation selectors, the blank fillers of Hangul) and the
 * blank Braille pattern. Format characters that do show (the prepended concatenation marks, e.g. U+06DD ARABIC END OF
 * AYAH) count as visible.
 */
const SHOWS_SOMETHING =
  /[^\s\0\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]|[\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u{110bd}\u{110cd}]/u;

/** Whether `value` is a string a reader would see something of (not only blanks and invisible characters). */
export function hasVisibleText(value: unknown): value is string {
  return typeof value === "string" && SHOWS_SOMETHING.test(value);
}
