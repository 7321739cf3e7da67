/** User-facing messages for errors around the notices room (a reject or leave that failed, a resource limit). */
import { errcodeOf } from "../core/matrixErrorFields.js";
import type { Overrides } from "../core/overrides.js";
import { withDefaults } from "../core/withDefaults.js";
import { RESOURCE_LIMIT_EXCEEDED } from "./resourceLimit.js";

/** The errcode a homeserver returns when the user tries to reject or leave the notices room. */
export const CANNOT_LEAVE_SERVER_NOTICE_ROOM = "M_CANNOT_LEAVE_SERVER_NOTICE_ROOM";

/** Strings of {@link describeServerNoticeError}, with English defaults in `defaultServerNoticeErrorLabels`. */
export interface ServerNoticeErrorLabels {
  /** Title when the notices room cannot be rejected or left. */
  cannotLeaveTitle: string;
  /** Explanation when the notices room cannot be rejected or left. */
  cannotLeaveDescription: string;
  /** Title for `M_RESOURCE_LIMIT_EXCEEDED`. */
  resourceLimitTitle: string;
  /** Explanation for `M_RESOURCE_LIMIT_EXCEEDED`. */
  resourceLimitDescription: string;
}

/** The English defaults of {@link ServerNoticeErrorLabels}. */
export const defaultServerNoticeErrorLabels: ServerNoticeErrorLabels = {
  cannotLeaveTitle: "You can't leave the Server Notices room",
  cannotLeaveDescription:
    "Your homeserver uses this room for important messages to you, so you can't reject its invite or leave it.",
  resourceLimitTitle: "Your homeserver has reached a limit",
  resourceLimitDescription:
    "Your homeserver has exceeded one of its resource limits. Contact your server administrator.",
};

/** A user-facing description of an error. */
export interface ServerNoticeErrorDescription {
  /** The Matrix errcode it was made for. */
  errcode: string;
  /** A short title. */
  title: string;
  /** A sentence or two for the user. */
  description: string;
}

/**
 * A friendly message for `M_CANNOT_LEAVE_SERVER_NOTICE_ROOM` and `M_RESOURCE_LIMIT_EXCEEDED` errors (as thrown by
 * matrix-js-sdk calls such as `leave`), or null for any other error. Never throws.
 */
export function describeServerNoticeError(
  error: unknown,
  labels: Overrides<ServerNoticeErrorLabels> = {},
): ServerNoticeErrorDescription | null {
  const l = withDefaults(defaultServerNoticeErrorLabels, labels);
  const errcode = errcodeOf(error);
  if (errcode === CANNOT_LEAVE_SERVER_NOTICE_ROOM)
    return { errcode, title: l.cannotLeaveTitle, description: l.cannotLeaveDescription };
  if (errcode === RESOURCE_LIMIT_EXCEEDED)
    return { errcode, title: l.resourceLimitTitle, description: l.resourceLimitDescription };
  return null;
}
