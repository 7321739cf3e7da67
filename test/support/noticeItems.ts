/** Server notice items built by hand, for `NoticeBannerList` and `NoticeBannerItem` (no client needed). */
import type { ServerNoticeItem } from "../../src";

/** A monthly-active-user limit as the hook reports it from an `M_RESOURCE_LIMIT_EXCEEDED` error. */
export const usageLimitItem: ServerNoticeItem = {
  eventId: "resource-limit:monthly_active_user:1",
  sender: "",
  ts: 0,
  source: "resource-limit-error",
  notice: {
    body: "Our server is full this month.",
    serverNoticeType: "m.server_notice.usage_limit_reached",
    limitType: "monthly_active_user",
    adminContact: "mailto:admin@example.org",
  },
};

/** An ordinary pinned notice `eventId` saying `body`. */
export const noticeItem = (eventId: string, body: string): ServerNoticeItem => ({
  eventId,
  sender: "@notices:example.org",
  ts: 0,
  source: "pinned",
  notice: { body },
});

/** The same limit without words of the homeserver's own: the headline and the contact line only. */
export const bareUsageLimitItem: ServerNoticeItem = {
  ...usageLimitItem,
  notice: { ...usageLimitItem.notice, body: "" },
};
