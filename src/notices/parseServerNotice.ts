import { isRecord } from "../core/isRecord.js";
import { ownValue } from "../core/ownValue.js";
import { readAdminContact } from "./adminContact.js";

/** The parts of an `m.server_notice` message this kit uses. */
export interface ServerNotice {
  /** The notice text (`""` when the event has no string body). */
  body: string;
  /** `server_notice_type`, e.g. {@link USAGE_LIMIT_REACHED}; absent when missing or empty. */
  serverNoticeType?: string;
  /** `limit_type`, e.g. `monthly_active_user`; absent when missing or empty. */
  limitType?: string;
  /** `admin_contact`, only when it is a mailto:, https: or http: URL (safe to put in an `href`). */
  adminContact?: string;
  /** `admin_contact` the banner cannot link (a `matrix:` or `tel:` URI, a bare email), trimmed, to show as text. */
  adminContactText?: string;
}

/** The `server_notice_type` of a notice that a homeserver limit (such as monthly active users) was reached. */
export const USAGE_LIMIT_REACHED = "m.server_notice.usage_limit_reached";

/** A non-empty string, or undefined. */
function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * A notice of `serverNoticeType` whose text is the field `bodyKey` and whose limit type and contact are the fields
 * `read` gives (read in that order: limit type, text, contact).
 */
export function noticeOf(
  read: (name: string) => unknown,
  bodyKey: string,
  serverNoticeType: string | undefined,
): ServerNotice {
  const limitType = nonEmptyString(read("limit_type"));
  const body = read(bodyKey);
  const notice: ServerNotice = { body: typeof body === "string" ? body : "" };
  if (serverNoticeType !== undefined) notice.serverNoticeType = serverNoticeType;
  if (limitType !== undefined) notice.limitType = limitType;
  readAdminContact(notice, read("admin_contact"));
  return notice;
}

/**
 * Reads `m.room.message` content as a server notice: `null` unless it is an object with `msgtype` `m.server_notice`; never throws.
 *
 * Only own data properties are read (no getters, nothing inherited). A non-string `body` becomes `""`;
 * `serverNoticeType`/`limitType` are present only as non-empty strings; `adminContact` only when it passes
 * {@link isSafeLinkUrl} with {@link ADMIN_CONTACT_SCHEMES}, else `adminContactText` when it is short text without control
 * characters or a script scheme (`javascript:`, `data:`, ...). Absent fields are omitted, never `undefined`.
 */
export function parseServerNotice(content: unknown): ServerNotice | null {
  try {
    if (!isRecord(content)) return null;
    if (ownValue(content, "msgtype") !== "m.server_notice") return null;
    const read = (name: string) => ownValue(content, name);
    return noticeOf(read, "body", nonEmptyString(read("server_notice_type")));
  } catch {
    return null;
  }
}

/**
 * True when the notice says a homeserver usage limit was reached ({@link USAGE_LIMIT_REACHED}); takes the parsed
 * notice, so for the hooks' items ask `isUsageLimitNotice(item.notice)`.
 */
export function isUsageLimitNotice(n: ServerNotice): boolean {
  return n?.serverNoticeType === USAGE_LIMIT_REACHED;
}

/**
 * Whether notice `n` tells the usage limit `limit` (an error's): a usage-limit notice of the same limit type, or
 * either without one.
 */
export function tellsUsageLimit(n: ServerNotice, limit: ServerNotice): boolean {
  return isUsageLimitNotice(n) && (!n.limitType || !limit.limitType || n.limitType === limit.limitType);
}
