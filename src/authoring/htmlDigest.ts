/**
 * A short fingerprint of a string (its length and 32-bit FNV-1a hash of its UTF-16 code units), to tell whether
 * published HTML is still the HTML a stored Markdown source rendered to. Not cryptographic: it detects edits, not
 * forgeries (whoever can edit the event can edit the fingerprint too).
 */
export function htmlDigest(html: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < html.length; i++) hash = Math.imul(hash ^ html.charCodeAt(i), 0x01000193);
  return `${html.length.toString(36)}.${(hash >>> 0).toString(36)}`;
}
