/** Which notices a banner list shows: the deciding rule of `<NoticeBannerList>`, without React. */
import { callApp } from "../core/reportAppError.js";
import { hasVisibleText } from "../core/visibleText.js";
import type { DismissStore } from "./dismissStore.js";
import { isUsageLimitNotice, tellsUsageLimit } from "./parseServerNotice.js";
import type { ServerNoticeItem } from "./ServerNoticesStore.js";

/**
 * The notices `<NoticeBannerList>` shows, in its order: those not dismissed in `dismissStore`, without ordinary notices
 * that have nothing to say (a blank or non-string body), and with `coveredUsageLimit` first once the user dismissed
 * every pinned notice that told the same limit. A dismiss store that throws is reported
 * as an uncaught error would be, and counts nothing dismissed.
 */
export function visibleServerNotices(
  notices: readonly ServerNoticeItem[],
  coveredUsageLimit: ServerNoticeItem | null | undefined,
  dismissStore: Pick<DismissStore, "isDismissed">,
): ServerNoticeItem[] {
  const dismissed = (n: ServerNoticeItem) => callApp(() => dismissStore.isDismissed(n.eventId)) === true;
  const told =
    !coveredUsageLimit ||
    notices.some((n) => tellsUsageLimit(n.notice, coveredUsageLimit.notice) && !dismissed(n));
  return (told ? notices : [coveredUsageLimit, ...notices]).filter(
    (n) => !dismissed(n) && (isUsageLimitNotice(n.notice) || hasVisibleText(n.notice?.body)),
  );
}
