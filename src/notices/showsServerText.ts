import { hasVisibleText } from "../core/visibleText.js";
import type { ServerNotice } from "./parseServerNotice.js";

/**
 * Synapse's fixed English text for a monthly-active-user limit, which only repeats the kit's headline: in any ASCII
 * case (no `u` flag: no other letter folds to one of these), with up to three full stops or exclamation marks.
 */
const SYNAPSE_MAU_TEXT = /^monthly active user limit exceeded[.!]{0,3}$/i;

/**
 * Whether a usage-limit banner shows the server's own text under its headline: whenever it has visible text, except
 * Synapse's fixed "Monthly Active User Limit Exceeded" for `monthly_active_user` (it only repeats the headline in
 * English). So the administrator's message for `hs_disabled`, the only specific words for an unknown limit type, and a
 * homeserver's or administrator's own words for a monthly-active-user limit all show.
 */
export function showsServerText(notice: Pick<ServerNotice, "body" | "limitType">): boolean {
  if (!hasVisibleText(notice.body)) return false;
  return notice.limitType !== "monthly_active_user" || !SYNAPSE_MAU_TEXT.test(notice.body.trim());
}
