/** User-facing messages for errors around the notices room (a reject or leave that failed, a resource limit, consent). */
import { bodyField, errcodeOf } from "../core/matrixErrorFields.js";
import type { Overrides } from "../core/overrides.js";
import { isSafeLinkUrl } from "../core/safeUrl.js";
import { withDefaults } from "../core/withDefaults.js";
import { defaultNoticeBannerLabels, usageLimitHeadline } from "./noticeLabels.js";
import type { ServerNotice } from "./parseServerNotice.js";
import { noticeFromResourceLimitError, RESOURCE_LIMIT_EXCEEDED } from "./resourceLimit.js";

/** The errcode a homeserver returns when the user tries to reject or leave the notices room. */
export const CANNOT_LEAVE_SERVER_NOTICE_ROOM = "M_CANNOT_LEAVE_SERVER_NOTICE_ROOM";

/** The errcode a homeserver refuses requests with until the user agrees to its terms (its `consent_uri` says where). */
export const CONSENT_NOT_GIVEN = "M_CONSENT_NOT_GIVEN";

/** Strings of {@link describeServerNoticeError}, with English defaults in `defaultServerNoticeErrorLabels`. */
export interface ServerNoticeErrorLabels {
  /** Title when the notices room cannot be rejected or left. */
  cannotLeaveTitle: string;
  /** Explanation when the notices room cannot be rejected or left. */
  cannotLeaveDescription: string;
  /**
   * Title for `M_RESOURCE_LIMIT_EXCEEDED` of a `limit_type` other than the two below (also for those two while only
   * this one is overridden).
   */
  resourceLimitTitle: string;
  /** Explanation for `M_RESOURCE_LIMIT_EXCEEDED`. */
  resourceLimitDescription: string;
  /** Title for `M_RESOURCE_LIMIT_EXCEEDED` with `limit_type` `monthly_active_user`. */
  monthlyActiveUserTitle: string;
  /** Title for `M_RESOURCE_LIMIT_EXCEEDED` with `limit_type` `hs_disabled` or `hs_blocked`. */
  hsDisabledTitle: string;
  /** Title for `M_CONSENT_NOT_GIVEN`. */
  consentTitle: string;
  /** Explanation for `M_CONSENT_NOT_GIVEN`. */
  consentDescription: string;
}

/** The English defaults of {@link ServerNoticeErrorLabels}. */
export const defaultServerNoticeErrorLabels: ServerNoticeErrorLabels = {
  cannotLeaveTitle: "You can't leave the Server Notices room",
  cannotLeaveDescription:
    "Your homeserver uses this room for important messages to you, so you can't reject its invite or leave it.",
  resourceLimitTitle: "Your homeserver has reached a limit",
  resourceLimitDescription:
    "Your homeserver has exceeded one of its resource limits. Contact your server administrator.",
  // The banner's headlines: "This homeserver has hit its monthly active user limit." and "... blocked by its administrator."
  monthlyActiveUserTitle: defaultNoticeBannerLabels.monthlyActiveUser,
  hsDisabledTitle: defaultNoticeBannerLabels.hsDisabled,
  consentTitle: "Review the terms and conditions",
  consentDescription:
    "You can't send messages until you review and agree to the terms and conditions of this homeserver.",
};

/** A user-facing description of an error. */
export interface ServerNoticeErrorDescription {
  /** The Matrix errcode it was made for. */
  errcode: string;
  /** A short title. */
  title: string;
  /** A sentence or two for the user. */
  description: string;
  /**
   * For `M_RESOURCE_LIMIT_EXCEEDED`: the error as a usage-limit notice (`noticeFromResourceLimitError`), with its
   * `limitType`, the server's own words in `body` and the administrator contact (`adminContact`, a safe link, or
   * `adminContactText`).
   */
  notice?: ServerNotice;
  /** For `M_CONSENT_NOT_GIVEN`: where the user reviews the terms, only when `isSafeLinkUrl` passes it. */
  consentUri?: string;
}

/**
 * A friendly message for `M_CANNOT_LEAVE_SERVER_NOTICE_ROOM`, `M_RESOURCE_LIMIT_EXCEEDED` (titled by its
 * `limit_type`) and `M_CONSENT_NOT_GIVEN` errors (as thrown by matrix-js-sdk calls such as `leave`, `login` or
 * `sendMessage`), or null for any other error. Never throws.
 */
export function describeServerNoticeError(
  error: unknown,
  labels: Overrides<ServerNoticeErrorLabels> = {},
): ServerNoticeErrorDescription | null {
  const l = withDefaults(defaultServerNoticeErrorLabels, labels);
  const errcode = errcodeOf(error);
  const notice = noticeFromResourceLimitError(error);
  if (notice) {
    const d = defaultServerNoticeErrorLabels;
    let title = usageLimitHeadline(notice.limitType, {
      monthlyActiveUser: l.monthlyActiveUserTitle,
      hsDisabled: l.hsDisabledTitle,
      resourceLimit: l.resourceLimitTitle,
    });
    // An app that translated only the generic title (before the others existed) keeps it, rather than English.
    if (
      l.resourceLimitTitle !== d.resourceLimitTitle &&
      (title === d.monthlyActiveUserTitle || title === d.hsDisabledTitle)
    )
      title = l.resourceLimitTitle;
    return { errcode: RESOURCE_LIMIT_EXCEEDED, title, description: l.resourceLimitDescription, notice };
  }
  if (errcode === CANNOT_LEAVE_SERVER_NOTICE_ROOM)
    return { errcode, title: l.cannotLeaveTitle, description: l.cannotLeaveDescription };
  if (errcode === CONSENT_NOT_GIVEN) {
    const uri = bodyField(error, "consent_uri");
    // The link only when safe to put in an `href` (a `javascript:` one is left out).
    return {
      errcode,
      title: l.consentTitle,
      description: l.consentDescription,
      ...(isSafeLinkUrl(uri) && { consentUri: uri }),
    };
  }
  return null;
}
