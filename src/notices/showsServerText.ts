import { hasVisibleText } from "../core/visibleText.js";
import type { ServerNotice } from "./parseServerNotice.js";

/** Synapse's fixed English text for a monthly-active-user limit, which only repeats the kit's headline. */
const SYNAPSE_MAU_TEXT = "monthly active user limit exceeded";

/**
 * Whether a usage-limit banner shows the server's own text under its headline: whenever it has visible text, except
 * Synapse's fixed "Monthly Active User Limit Exceeded" for `monthly_active_user` (it only repeats the headline in
 * English). So the administrator's message for `hs_disabled`, the only specific words for an unknown limit type, and a
 * homeserver's or administrator's own words for a monthly-active-user limit all show.
 */
export function showsServerText(notice: Pick<ServerNotice, "body" | "limitType">): boolean {
  if (!hasVisibleText(notice.body)) return false;
  if (notice.limitType !== "monthly_active_user") return true;
  let text = notice.body.trim();
  // Longer than the fixed text and a few stops: other words (checked first, so a hostile 64 KiB body costs nothing).
  if (text.length > SYNAPSE_MAU_TEXT.length + 3) return true;
  while (text.endsWith(".") || text.endsWith("!")) text = text.slice(0, -1);
  return text.toLowerCase() !== SYNAPSE_MAU_TEXT;
}
