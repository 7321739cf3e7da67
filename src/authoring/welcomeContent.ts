/** Builds the content of a welcome state event, readable in every shape the kit (and MSC3857/MSC1767 readers) parse. */

import { hasVisibleText } from "../core/visibleText.js";
import {
  parseWelcomeContent,
  REPRESENTATION_ARRAY_KEYS,
  UNSTABLE_WELCOME_EVENT_TYPE,
  WELCOME_EVENT_TYPE,
} from "../welcome/parseWelcomeContent.js";
import { htmlDigest } from "./htmlDigest.js";

/** The largest whole event a homeserver accepts (bytes of canonical JSON). */
export const MAX_EVENT_BYTES = 65_536;
/**
 * Bytes kept free for what the homeserver adds around the content (event id, room id, sender, type, timestamps,
 * auth and prev events, hashes, signatures): about 1 KiB in practice, doubled for safety.
 */
export const EVENT_ENVELOPE_RESERVE_BYTES = 2_048;

/**
 * The key, in the `text/markdown` representation, of the fingerprint of the HTML that Markdown rendered to: an app
 * that edits the HTML and keeps the Markdown entry leaves the source stale, and editors then no longer reopen it.
 */
export const MARKDOWN_HTML_DIGEST_KEY = "io.github.matrix_notice_kit.html_digest";

/** One representation of the text. */
export interface TextRepresentation {
  /** `text/plain`, `text/html` or `text/markdown`. */
  mimetype: string;
  /** The text in that format. */
  body: string;
  /** On the `text/markdown` entry: the fingerprint (`htmlDigest`) of the HTML it rendered to. */
  [MARKDOWN_HTML_DIGEST_KEY]?: string;
}

/** The bodies of a welcome message as an author gives them. */
export interface WelcomeBodies {
  /** Plain text (required; derived from the HTML by `setWelcomeMessage` when empty). */
  text: string;
  /** Sanitized HTML, if any. */
  html?: string | undefined;
  /** The Markdown source the HTML came from (kept so an editor can reopen it; readers ignore it). */
  markdown?: string | undefined;
}

/**
 * Welcome content for `eventType`: the representations in the MSC3857 `m.message` array (unstable:
 * `org.matrix.msc1767.message`) and in the current MSC1767 `m.text` array, inside the type's wrapper object. The
 * Markdown source, which readers ignore, is stored once (in `m.text`), so it does not take twice its size of the event.
 */
export function buildWelcomeContent(bodies: WelcomeBodies, eventType: string = UNSTABLE_WELCOME_EVENT_TYPE) {
  const parts: TextRepresentation[] = [];
  if (bodies.html) parts.push({ mimetype: "text/html", body: bodies.html });
  parts.push({ mimetype: "text/plain", body: bodies.text });
  const text: TextRepresentation[] = bodies.markdown
    ? [
        ...parts,
        {
          mimetype: "text/markdown",
          body: bodies.markdown,
          // Of the HTML as readers pick it (a blank body counts as none), as `markdownSourceOf` checks it.
          [MARKDOWN_HTML_DIGEST_KEY]: shownHtmlDigest({ "m.text": parts }),
        },
      ]
    : parts;
  const stable = eventType === WELCOME_EVENT_TYPE;
  const inner = stable
    ? { "m.text": text, "m.message": parts }
    : { "m.text": text, "org.matrix.msc1767.message": parts };
  return { [stable ? WELCOME_EVENT_TYPE : UNSTABLE_WELCOME_EVENT_TYPE]: inner };
}

/** The UTF-8 size of content as JSON, in bytes. */
export function contentBytes(content: unknown): number {
  return utf8Bytes(JSON.stringify(content) ?? "");
}

/**
 * The UTF-8 size of `text`, as `TextEncoder` counts it (a lone surrogate as its 3-byte replacement), without needing
 * one: Jest's jsdom environment has none.
 */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The most content bytes that still fit an event. */
export const MAX_CONTENT_BYTES = MAX_EVENT_BYTES - EVENT_ENVELOPE_RESERVE_BYTES;

/**
 * The Markdown source stored beside the bodies (`text/markdown` entry), if any and still current: undefined when its
 * fingerprint says the published HTML has been changed since (by an app that kept the entry); never throws.
 */
export function markdownSourceOf(content: unknown): string | undefined {
  try {
    const c = content as Record<string, Record<string, unknown> | undefined>;
    const inner = c?.[WELCOME_EVENT_TYPE] ?? c?.[UNSTABLE_WELCOME_EVENT_TYPE] ?? c;
    for (const key of REPRESENTATION_ARRAY_KEYS) {
      const list = inner?.[key];
      if (!Array.isArray(list)) continue;
      for (const entry of list as unknown[]) {
        const e = entry as { mimetype?: unknown; body?: unknown } | null;
        if (
          typeof e?.mimetype === "string" &&
          e.mimetype.toLowerCase().startsWith("text/markdown") &&
          // A blank one is no source (readers skip blank bodies too): the welcome opens as the text they see.
          hasVisibleText(e.body)
        )
          return isCurrentSource(e as Record<string, unknown>, content) ? e.body : undefined;
      }
    }
  } catch {
    // Unreadable content: no source.
  }
  return undefined;
}

/** Whether a Markdown entry still goes with the HTML readers see (entries without a fingerprint are trusted). */
function isCurrentSource(entry: Record<string, unknown>, content: unknown): boolean {
  const digest = entry[MARKDOWN_HTML_DIGEST_KEY];
  if (typeof digest !== "string") return true;
  return digest === shownHtmlDigest(content);
}

/** The fingerprint of the HTML body readers show from `content` ("" when none). */
function shownHtmlDigest(content: unknown): string {
  return htmlDigest(parseWelcomeContent(content)?.html ?? "");
}
