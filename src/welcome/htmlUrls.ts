// URL rules of the Matrix HTML allowlist: link schemes, mxc:// media URIs and the media URLs made from them.
// Every check runs on the value the browser will use: the DOM attribute value, parsed by the WHATWG URL parser
// (which strips surrounding whitespace and control characters and removes tabs and newlines).

import { LINK_SCHEMES } from "../core/safeUrl.js";

/** Turns an `mxc://` URI into a URL the client can load, or returns null when it cannot. */
export type MediaUrlResolver = (mxc: string) => string | null;

const LINK_PROTOCOLS = new Set(LINK_SCHEMES);
const MEDIA_PROTOCOLS = new Set(["http:", "https:", "blob:"]);
const SCRIPT_SCHEME = /^(?:javascript|vbscript|data):/i;
/** Characters a URL parser or a lenient browser skips inside or around a scheme. */
const IGNORABLE_IN_SCHEME =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: C0 controls are what browsers skip here.
  /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff]/g;
const MXC_URI = /^mxc:\/\/([^/?#]+)\/([A-Za-z0-9_-]+)$/;
/**
 * A Matrix server name: an IPv4 address or DNS name (no empty label: `.` and `..` would be path segments in a media
 * URL), or an IPv6 literal in brackets, with an optional port.
 */
const SERVER_NAME = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;
/** Path segments searched when recognising a media URL this module produced (bounds calls to the resolver). */
const MAX_MEDIA_SEGMENTS = 8;

function parseAbsoluteUrl(value: string): URL | null {
  try {
    // No base URL: relative and protocol-relative (`//host`) values throw.
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * Returns the serialised absolute URL a link may point to, or null when `href` is relative or its scheme is not
 * http, https, ftp, mailto or magnet.
 */
export function safeLinkHref(href: string): string | null {
  const url = parseAbsoluteUrl(href);
  return url !== null && LINK_PROTOCOLS.has(url.protocol) ? url.href : null;
}

/** Returns true when a value would act as a `javascript:`, `vbscript:` or `data:` URL once whitespace is skipped. */
export function looksLikeScriptUrl(value: string): boolean {
  return SCRIPT_SCHEME.test(value.replace(IGNORABLE_IN_SCHEME, ""));
}

/** Returns the URI when it is a well-formed `mxc://<server-name>/<media-id>` URI, else null. */
export function parseMxcUri(value: string): string | null {
  const match = MXC_URI.exec(value);
  if (match === null) return null;
  const serverName = match[1] ?? "";
  // A DNS name has at most 255 characters (the grammar's bound), its port aside.
  if (serverName.replace(/:[0-9]{1,5}$/, "").length > 255 || !SERVER_NAME.test(serverName)) return null;
  return value;
}

/**
 * Returns the serialised URL when the value is an http, https or blob URL an `img` may load, or a well-formed
 * `mxc://` URI (kept as it is when publishing: a browser never fetches it), else null.
 */
export function safeMediaHref(value: unknown): string | null {
  if (typeof value !== "string") return null;
  if (value.startsWith("mxc://")) return parseMxcUri(value);
  const url = parseAbsoluteUrl(value);
  return url !== null && MEDIA_PROTOCOLS.has(url.protocol) ? url.href : null;
}

/** Asks the resolver for an mxc URI's media URL; a throwing resolver or an unsafe answer gives null. */
export function resolveMediaHref(mxc: string, mediaUrl: MediaUrlResolver): string | null {
  try {
    return safeMediaHref(mediaUrl(mxc));
  } catch {
    return null;
  }
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Recognises a media URL that `resolveMediaHref` made: returns the mxc URI whose resolved URL is exactly `src`,
 * looking for `<server-name>/<media-id>` in consecutive path segments (the shape of every Matrix media endpoint).
 * This keeps sanitising idempotent: a second pass accepts the first pass's media URLs and no other remote image.
 */
export function mxcForMediaHref(src: string, mediaUrl: MediaUrlResolver): string | null {
  const url = parseAbsoluteUrl(src);
  if (url === null || url.href !== src || !MEDIA_PROTOCOLS.has(url.protocol)) return null;
  const segments = url.pathname.split("/");
  const last = Math.max(0, segments.length - 1 - MAX_MEDIA_SEGMENTS);
  for (let i = segments.length - 2; i >= last; i--) {
    const serverName = decodeSegment(segments[i] ?? "");
    const mediaId = decodeSegment(segments[i + 1] ?? "");
    if (serverName === null || mediaId === null) continue;
    const mxc = parseMxcUri(`mxc://${serverName}/${mediaId}`);
    if (mxc !== null && resolveMediaHref(mxc, mediaUrl) === src) return mxc;
  }
  return null;
}
