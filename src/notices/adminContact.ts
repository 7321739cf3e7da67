/** Reads a server notice's `admin_contact`: a link when its scheme is safe, else text to show beside the sentence. */
import { ADMIN_CONTACT_SCHEMES, isSafeLinkUrl } from "../core/safeUrl.js";
import { hasVisibleText } from "../core/visibleText.js";

/** Longest contact kept as text; a real one (a `matrix:` URI, a phone number, an address) is far shorter. */
const MAX_CONTACT_TEXT = 256;
/** Schemes of URIs that run or load something: not worth showing, even as text. */
const SCRIPT_SCHEME = /^(?:javascript|vbscript|data|blob|file):/i;

/**
 * Control and invisible format characters (bidi overrides and isolates, zero-width spaces), which could reorder a
 * contact on screen or hide a scheme; not the zero-width (non-)joiners some scripts spell words with, nor the
 * left-to-right and right-to-left marks right-to-left text may carry (weak, they override nothing).
 */
const HIDDEN = /(?![\u200c-\u200f])[\p{Cc}\p{Cf}]/u;

/** The contact as text when it is short, without control or format characters or a script scheme; else undefined. */
function contactText(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return text.length > MAX_CONTACT_TEXT ||
    !hasVisibleText(text) ||
    SCRIPT_SCHEME.test(text) ||
    HIDDEN.test(text)
    ? undefined
    : text;
}

/** Sets `adminContact` (a safe link) or else `adminContactText` (a contact the banner shows unlinked) from `value`. */
export function readAdminContact(
  notice: { adminContact?: string; adminContactText?: string },
  value: unknown,
): void {
  if (isSafeLinkUrl(value, ADMIN_CONTACT_SCHEMES)) {
    notice.adminContact = value;
    return;
  }
  const text = contactText(value);
  if (text !== undefined) notice.adminContactText = text;
}
