/** Turns `M_RESOURCE_LIMIT_EXCEEDED` errors into usage-limit notices (the homeserver blocks the sync that would bring the pinned one). */
import { bodyField, errcodeOf } from "../core/matrixErrorFields.js";
import { noticeOf, type ServerNotice, USAGE_LIMIT_REACHED } from "./parseServerNotice.js";
import type { ServerNoticeItem } from "./ServerNoticesStore.js";

/** The errcode a homeserver uses when a resource limit blocks the user. */
export const RESOURCE_LIMIT_EXCEEDED = "M_RESOURCE_LIMIT_EXCEEDED";

/** A usage-limit notice built from an `M_RESOURCE_LIMIT_EXCEEDED` error, or null for any other error. */
export function noticeFromResourceLimitError(error: unknown): ServerNotice | null {
  if (errcodeOf(error) !== RESOURCE_LIMIT_EXCEEDED) return null;
  // The server's own words (`error` in the response body); not an Error's `message`, which the SDK formats for logs
  // ("MatrixError: [403] Unknown message (https://...)") and which a banner may show.
  return noticeOf((name) => bodyField(error, name), "error", USAGE_LIMIT_REACHED);
}

/**
 * The item of a usage limit first seen at `ts`, with the synthetic id `resource-limit:<limit_type or "unknown">:<ts>`
 * (as `useServerNotices` gives it).
 */
export function limitItem(notice: ServerNotice, ts: number): ServerNoticeItem {
  return {
    eventId: `resource-limit:${notice.limitType ?? "unknown"}:${ts}`,
    sender: "",
    ts,
    notice,
    source: "resource-limit-error",
  };
}

/** Items already made, per error: the same error gives the same item (and id) on every render. */
const items = new WeakMap<object, ServerNoticeItem>();

/**
 * A usage-limit item for `<NoticeBannerItem>` from an `M_RESOURCE_LIMIT_EXCEEDED` error (a login or registration the
 * homeserver refused, where no client syncs yet), or null for any other error; the same error object gives the same
 * item. Never throws.
 */
export function resourceLimitItem(error: unknown): ServerNoticeItem | null {
  const item = items.get(error as object);
  if (item) return item;
  const notice = noticeFromResourceLimitError(error);
  if (!notice) return null;
  const made = limitItem(notice, Date.now());
  items.set(error as object, made);
  return made;
}
