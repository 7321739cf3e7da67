/** Turns `M_RESOURCE_LIMIT_EXCEEDED` errors into usage-limit notices (the homeserver blocks the sync that would bring the pinned one). */
import { errcodeOf, field } from "../core/matrixErrorFields.js";
import { readAdminContact } from "./adminContact.js";
import { type ServerNotice, USAGE_LIMIT_REACHED } from "./parseServerNotice.js";

/** The errcode a homeserver uses when a resource limit blocks the user. */
export const RESOURCE_LIMIT_EXCEEDED = "M_RESOURCE_LIMIT_EXCEEDED";

/** A usage-limit notice built from an `M_RESOURCE_LIMIT_EXCEEDED` error, or null for any other error. */
export function noticeFromResourceLimitError(error: unknown): ServerNotice | null {
  if (errcodeOf(error) !== RESOURCE_LIMIT_EXCEEDED) return null;
  const data = field(error, "data") ?? error;
  // The response body's field; one level deeper where the SDK wrapped its error in another (its sliding sync does).
  const read = (name: string) => field(data, name) ?? field(field(data, "data"), name) ?? field(error, name);
  const limitType = read("limit_type");
  // The server's own words (`error` in the response body); not an Error's `message`, which the SDK formats for logs
  // ("MatrixError: [403] Unknown message (https://...)") and which a banner may show.
  const message = read("error");
  const notice: ServerNotice = {
    body: typeof message === "string" ? message : "",
    serverNoticeType: USAGE_LIMIT_REACHED,
  };
  if (typeof limitType === "string" && limitType) notice.limitType = limitType;
  readAdminContact(notice, read("admin_contact"));
  return notice;
}
