/**
 * Whether sanitized HTML carries formatting its plain text loses: any element besides paragraphs, line breaks and
 * divisions without attributes (links, emphasis, lists, quotations, code, headings, images, colours, a direction...).
 * Reads the string alone (no DOM): in sanitized HTML a `<` before a letter opens an element, as text `<` is escaped.
 */
export const hasFormatting = (html: string): boolean => /<(?!(?:p|div|br ?\/?)>)[a-z]/i.test(html);
