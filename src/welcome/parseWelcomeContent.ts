import { isRecord } from "../core/isRecord.js";
import { ownValue } from "../core/ownValue.js";
import { hasVisibleText } from "../core/visibleText.js";
import { UNSTABLE_WELCOME_EVENT_TYPE, WELCOME_EVENT_TYPE } from "./welcomeTypes.js";

export { UNSTABLE_WELCOME_EVENT_TYPE, WELCOME_EVENT_TYPE, WELCOME_TYPES } from "./welcomeTypes.js";

/**
 * Representation arrays, best first: current MSC1767 `m.text` arrays, then its 2022 revision's `m.markup` (as
 * matrix-events-sdk 2.x writes them), then the older `m.message` arrays (the shape MSC3857 shows), stable before unstable.
 */
export const REPRESENTATION_ARRAY_KEYS = [
  "m.text",
  "org.matrix.msc1767.text",
  "m.markup",
  "org.matrix.msc1767.markup",
  "m.message",
  "org.matrix.msc1767.message",
] as const;
const HTML_SHORTHAND_KEYS = ["m.html", "org.matrix.msc1767.html"] as const;
const TEXT_SHORTHAND_KEYS = ["m.text", "org.matrix.msc1767.text"] as const;
/** Representations looked at per array; real messages have a handful, this bounds hostile input. */
const MAX_REPRESENTATIONS = 1000;

type WelcomeBodies = { html?: string; text?: string };

/** A string with something in it that shows (not only whitespace or invisible characters). */
const isUsableBody = hasVisibleText;

/** `text/plain` when absent; the lower-cased essence (`type/subtype`, no parameters) of a string; else undefined. */
function essence(mimetype: unknown): string | undefined {
  if (mimetype === undefined) return "text/plain";
  if (typeof mimetype !== "string") return undefined;
  const semicolon = mimetype.indexOf(";");
  return (semicolon === -1 ? mimetype : mimetype.slice(0, semicolon)).trim().toLowerCase();
}

/**
 * The bodies of one representation array, or null. MSC1767 lists representations in the sender's order of preference:
 * the first usable one the kit understands decides. HTML first: it, with the first plain text after it as its
 * alternative. Plain text first: that alone (an HTML entry after it is the sender's second choice, not shown).
 */
function readRepresentations(entries: readonly unknown[]): WelcomeBodies | null {
  let html: string | undefined;
  let text: string | undefined;
  const length = Math.min(entries.length, MAX_REPRESENTATIONS);
  for (let i = 0; i < length && (html === undefined || text === undefined); i++) {
    const entry = ownValue(entries, i);
    if (!isRecord(entry)) continue;
    const body = ownValue(entry, "body");
    if (!isUsableBody(body)) continue;
    const type = essence(ownValue(entry, "mimetype"));
    if (type === "text/html" && html === undefined) html = body;
    else if (type === "text/plain" && text === undefined) {
      text = body;
      if (html === undefined) break;
    }
  }
  return bodies(html, text);
}

/** The first usable string among `keys` of `container`. */
function firstShorthand(container: object, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = ownValue(container, key);
    if (isUsableBody(value)) return value;
  }
  return undefined;
}

/** `{html?, text?}` with only the present keys, or null when both are missing. */
function bodies(html: string | undefined, text: string | undefined): WelcomeBodies | null {
  if (html === undefined && text === undefined) return null;
  const out: WelcomeBodies = {};
  if (html !== undefined) out.html = html;
  if (text !== undefined) out.text = text;
  return out;
}

/**
 * The raw HTML and plain-text bodies of a welcome state event's content, or null when it has none; never throws.
 *
 * Reads `content["m.room.welcome"]`, else `content["org.matrix.msc3857.welcome"]` (whichever is an object
 * first), else the content itself. Representation arrays are tried in the order `m.text`,
 * `org.matrix.msc1767.text`, `m.markup`, `org.matrix.msc1767.markup`, `m.message`, `org.matrix.msc1767.message`; the first array that yields a usable
 * body wins, and a later array is consulted only when the ones before it yield nothing (so an unstable copy
 * still works when the stable one is empty or unreadable; bodies never mix across arrays). Within an array the
 * first entry with a non-blank string `body` and a type the kit understands decides (MSC1767: representations come
 * in the sender's order of preference): a `text/html` one is used with the first `text/plain` after it as its
 * plain alternative; a `text/plain` one is used alone (`mimetype` defaults to `text/plain`, is case-insensitive,
 * ignores `;` parameters; a non-string one skips the entry; other types, such as `text/markdown`, are skipped).
 * When any array is present the `m.html`/`m.text` shorthand strings (and their `org.matrix.msc1767.*` forms,
 * stable first) are ignored; otherwise they are used. Blank bodies count as absent; bodies are not trimmed.
 * HTML is returned unsanitised: sanitise it before rendering.
 */
export function parseWelcomeContent(content: unknown): { html?: string; text?: string } | null {
  try {
    if (!isRecord(content)) return null;
    const stable = ownValue(content, WELCOME_EVENT_TYPE);
    const unstable = ownValue(content, UNSTABLE_WELCOME_EVENT_TYPE);
    const container = isRecord(stable) ? stable : isRecord(unstable) ? unstable : content;

    let sawArray = false;
    for (const key of REPRESENTATION_ARRAY_KEYS) {
      const value = ownValue(container, key);
      if (!Array.isArray(value)) continue;
      sawArray = true;
      const found = readRepresentations(value);
      if (found) return found;
    }
    if (sawArray) return null;

    return bodies(
      firstShorthand(container, HTML_SHORTHAND_KEYS),
      firstShorthand(container, TEXT_SHORTHAND_KEYS),
    );
  } catch {
    return null;
  }
}
