/** Every string `<NoticeBanner>` shows or announces, with English defaults. Override any of them with `labels`. */
export interface NoticeBannerLabels {
  /** Accessible name of the banner list's region landmark (given while it shows a banner). */
  region: string;
  /** Headline for a monthly-active-user limit. */
  monthlyActiveUser: string;
  /** Headline when the homeserver is disabled/blocked (`hs_disabled`, `hs_blocked`). */
  hsDisabled: string;
  /** Headline for any other resource limit. */
  resourceLimit: string;
  /** Text of the link to the administrator contact. */
  contactAdmin: string;
  /** Sentence shown when no contact the banner can link is known (a contact it cannot link follows it as text). */
  contactAdminNoLink: string;
  /** Headline above an ordinary notice's text; also the accessible name of its group. */
  noticeTitle: string;
  /** Accessible name of the dismiss button. */
  dismiss: string;
  /** Appended to links that open in a new tab (read by screen readers only). */
  opensInNewTab: string;
}

/** The English defaults of {@link NoticeBannerLabels}. */
export const defaultNoticeBannerLabels: NoticeBannerLabels = {
  region: "Server notices",
  monthlyActiveUser: "This homeserver has hit its monthly active user limit.",
  hsDisabled: "This homeserver has been blocked by its administrator.",
  resourceLimit: "This homeserver has exceeded one of its resource limits.",
  contactAdmin: "Contact your server administrator",
  contactAdminNoLink: "Please contact your server administrator.",
  noticeTitle: "Notice from your homeserver",
  dismiss: "Dismiss notice",
  opensInNewTab: "(opens in a new tab)",
};

/** The headline for a usage-limit notice of this `limit_type`. */
export function usageLimitHeadline(
  limitType: string | undefined,
  labels: Pick<NoticeBannerLabels, "monthlyActiveUser" | "hsDisabled" | "resourceLimit">,
): string {
  switch (limitType) {
    case "monthly_active_user":
      return labels.monthlyActiveUser;
    case "hs_disabled":
    case "hs_blocked":
      return labels.hsDisabled;
    default:
      return labels.resourceLimit;
  }
}
