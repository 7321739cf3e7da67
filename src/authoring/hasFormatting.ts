/**
 * Whether HTML carries formatting its plain text loses: any element besides paragraphs, line breaks and plain
 * divisions (links, emphasis, lists, quotations, code, headings, images, colours...). Works on the string alone (no
 * DOM), for sanitized HTML: a tag name after `<` is an element there, as text `<` is escaped.
 */
export function hasFormatting(html: string): boolean {
  for (const match of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const name = match[1]!.toLowerCase();
    if (name !== "p" && name !== "br" && name !== "div") return true;
    // An attribute on a paragraph or division (direction, say) is formatting too.
    if (/\S/.test(match[2]!.replace(/\/$/, ""))) return true;
  }
  return false;
}
