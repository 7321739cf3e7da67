import { isSafeLinkUrl } from "./safeUrl.js";

/** A run of plain text, or a link with the text as written and the `href` to use. */
export type TextSegment =
  | {
      /** Plain text. */
      kind: "text";
      /** The text as it is. */
      text: string;
    }
  | {
      /** A link found in the text. */
      kind: "link";
      /** The link's text as written (e.g. `www.example.org`). */
      text: string;
      /** Where it goes: an absolute http(s) URL (`https://` added to a `www.` link). */
      href: string;
    };

const WEB_SCHEMES: readonly string[] = ["http:", "https:"];
/**
 * What starts a link candidate: `http://`, `https://` or `www.` in ASCII of any case, not after a letter, digit, mark
 * or `_` (part of a word), nor `www.` after one of `./@-:` (part of something else), and followed by a letter or digit
 * (a host) or, after a scheme, `[` (an IPv6 host). Global: searched from `lastIndex`.
 */
const PREFIX =
  /(?<![\p{L}\p{N}\p{M}_])(?:[hH][tT][tT][pP][sS]?:\/\/(?=[\p{L}\p{N}[])|(?<![./@:-])[wW]{3}\.(?=[\p{L}\p{N}]))/gu;
/**
 * Trailing characters that end a sentence or a quotation rather than a URL (ASCII, typographic quotes, guillemets and
 * the ellipsis). Closing brackets are handled separately (balance).
 */
const TRAILING_PUNCTUATION = ".,;:!?'\"\u2018\u2019\u201c\u201d\u00ab\u00bb\u2039\u203a\u2026";
/** Closing brackets left out of a link's end when the link does not open them, and their opening ones, in order. */
const CLOSERS = ")]}";
const OPENS = "([{";
/**
 * Characters that end a URL candidate: whitespace, controls, `<` and `>`, bidi marks, embeddings, overrides and
 * isolates (inside a link they would show its text reordered: `https://evil.example/` plus a right-to-left override
 * reads as another site's address), and CJK punctuation (ideographic commas, full stops, brackets and quotes,
 * full-width punctuation but not full-width digits and Latin letters; not the letters of that block, such as 々), which
 * URLs do not contain and CJK text puts right after them, without a space. Global: searched from `lastIndex`.
 */
const URL_END =
  /[\0- \x7f-\xa0<>\u061c\u1680\u2000-\u200f\u2028-\u202f\u205f\u2066-\u2069\u3000-\u3003\u3008-\u3011\u3014-\u301f\u3030\u303d\ufeff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/g;

/** End of the link after dropping trailing punctuation and closing brackets it does not open. */
function trimEnd(text: string, start: number, end: number): number {
  // Per bracket kind: closing minus opening ones in the candidate.
  const unopened = [0, 0, 0];
  for (let i = start; i < end; i++) {
    const c = text.charAt(i);
    const closes = CLOSERS.indexOf(c);
    const opens = OPENS.indexOf(c);
    if (closes >= 0) unopened[closes]!++;
    else if (opens >= 0) unopened[opens]!--;
  }
  let out = end;
  while (out > start) {
    const last = text.charAt(out - 1);
    const k = CLOSERS.indexOf(last);
    if (TRAILING_PUNCTUATION.includes(last)) out--;
    else if (k >= 0 && unopened[k]! > 0) {
      unopened[k]!--;
      out--;
    } else break;
  }
  return out;
}

/** Appends plain text, merging it into a preceding text segment. */
function pushText(segments: TextSegment[], text: string): void {
  if (text === "") return;
  const last = segments[segments.length - 1];
  if (last?.kind === "text") last.text += text;
  else segments.push({ kind: "text", text });
}

/**
 * Splits plain text into text and link segments (`http://`, `https://` and `www.` links; `www.` gets `https://`).
 *
 * A link ends at whitespace, a control character, `<`, `>` or CJK punctuation; trailing punctuation (`.,;:!?'"`,
 * typographic quotes, guillemets, the ellipsis) and closing brackets it does not open (`)`, `]`, `}`) are left out
 * of it. Only links that pass {@link isSafeLinkUrl} with http/https become links. Runs in linear
 * time, merges adjacent text, returns `[]` for a non-string or empty input and never throws.
 */
export function linkifyText(text: string): TextSegment[] {
  if (typeof text !== "string") return [];
  const segments: TextSegment[] = [];
  try {
    let textStart = 0;
    let i = 0;
    for (;;) {
      PREFIX.lastIndex = i;
      const found = PREFIX.exec(text);
      if (!found) break;
      i = found.index;
      const prefix = found[0].toLowerCase();
      URL_END.lastIndex = i + prefix.length;
      const end = URL_END.exec(text)?.index ?? text.length;
      const linkEnd = trimEnd(text, i, end);
      const linkText = text.slice(i, linkEnd);
      const href = prefix === "www." ? `https://${linkText}` : linkText;
      if (!isSafeLinkUrl(href, WEB_SCHEMES)) {
        // The whole candidate stays text; resuming after it keeps the scan linear.
        i = end;
        continue;
      }
      pushText(segments, text.slice(textStart, i));
      segments.push({ kind: "link", text: linkText, href });
      textStart = linkEnd;
      i = linkEnd;
    }
    pushText(segments, text.slice(textStart));
    return segments;
  } catch {
    return text === "" ? [] : [{ kind: "text", text }];
  }
}
