/** URL schemes an HTML link (`<a href>`) may keep after sanitizing (plain-text linkify makes only http(s) links). */
export const LINK_SCHEMES: readonly string[] = ["http:", "https:", "ftp:", "mailto:", "magnet:"];

/** URL schemes accepted for a server notice's `admin_contact` (and the default of {@link isSafeLinkUrl}). */
export const ADMIN_CONTACT_SCHEMES: readonly string[] = ["mailto:", "https:", "http:"];

/**
 * True when an ASCII control (tab and newlines included) sits inside the URL, that is, after dropping the
 * leading and trailing C0 controls and spaces the WHATWG URL parser strips anyway: DEL anywhere, or a C0 control in a
 * run of blanks with something else on both sides (in linear time: the run before the first control is spaces only).
 */
const INNER_CONTROL = /\x7f|[^\0- ] *[^ -\uffff][\0- ]*[^\0- ]/;

/**
 * True only for an absolute URL string whose parsed scheme is in `schemes` (default {@link ADMIN_CONTACT_SCHEMES}); never throws.
 *
 * The value is parsed exactly as a browser parses an `href` (leading/trailing C0 controls and spaces are
 * ignored), so `" javascript:..."` or `"java\tscript:..."` are judged by the scheme the browser would see.
 * As an extra guard, ASCII control characters inside the URL (tab and newlines included) reject it outright.
 */
export function isSafeLinkUrl(
  value: unknown,
  schemes: readonly string[] = ADMIN_CONTACT_SCHEMES,
): value is string {
  try {
    if (typeof value !== "string" || value === "") return false;
    if (INNER_CONTROL.test(value)) return false;
    const protocol = new URL(value).protocol;
    // Each scheme lower-cased and ending with ":" ("https" and "HTTPS:" both mean "https:"; "" means none).
    return [...schemes].some(
      (scheme) => typeof scheme === "string" && scheme.toLowerCase().replace(/:?$/, ":") === protocol,
    );
  } catch {
    return false;
  }
}
