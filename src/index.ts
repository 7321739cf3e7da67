// Public API of matrix-notice-kit. Each feature re-exports from its own folder; nothing here has side effects.

// Shared
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./core/backoff";
export { LinkifiedText, type LinkifiedTextProps } from "./core/LinkifiedText";
export { linkifyText, type TextSegment } from "./core/linkifyText";
export { ADMIN_CONTACT_SCHEMES, isSafeLinkUrl, LINK_SCHEMES } from "./core/safeUrl";
export {
  CANNOT_LEAVE_SERVER_NOTICE_ROOM,
  defaultServerNoticeErrorLabels,
  describeServerNoticeError,
  type ServerNoticeErrorDescription,
  type ServerNoticeErrorLabels,
} from "./notices/describeServerNoticeError";
export {
  createMemoryDismissStore,
  createStorageDismissStore,
  type DismissStore,
  sessionDismissStore,
} from "./notices/dismissStore";
export {
  NoticeBanner,
  NoticeBannerItem,
  type NoticeBannerItemProps,
  NoticeBannerList,
  type NoticeBannerListProps,
  type NoticeBannerProps,
} from "./notices/NoticeBanner";
export { defaultNoticeBannerLabels, type NoticeBannerLabels } from "./notices/noticeLabels";
export {
  isJoinedNoticesRoom,
  type NoticesInvitePredicate,
  pickNoticesRoom,
  SERVER_NOTICE_ROOM_TYPE,
  SERVER_NOTICE_TAG,
} from "./notices/noticesRoom";
export { MAX_PINNED_EVENTS, parsePinnedEventIds } from "./notices/parsePinnedEventIds";
// Server notices
export {
  isUsageLimitNotice,
  parseServerNotice,
  type ServerNotice,
  USAGE_LIMIT_REACHED,
} from "./notices/parseServerNotice";
export { noticeFromResourceLimitError, RESOURCE_LIMIT_EXCEEDED } from "./notices/resourceLimit";
export {
  type ServerNoticesRoomOptions,
  type ServerNoticesRoomState,
  ServerNoticesRoomStore,
} from "./notices/ServerNoticesRoomStore";
export {
  type ServerNoticeItem,
  type ServerNoticesOptions,
  type ServerNoticesState,
  ServerNoticesStore,
} from "./notices/ServerNoticesStore";
export { useServerNotices } from "./notices/useServerNotices";
export { useServerNoticesRoom } from "./notices/useServerNoticesRoom";
export { createAuthenticatedMediaResolver, type MediaResolver } from "./welcome/mediaResolver";
// Welcome messages (MSC3857)
export {
  parseWelcomeContent,
  UNSTABLE_WELCOME_EVENT_TYPE,
  WELCOME_EVENT_TYPE,
} from "./welcome/parseWelcomeContent";
export { escapeHtml, type SanitizeMatrixHtmlOptions, sanitizeMatrixHtml } from "./welcome/sanitizeMatrixHtml";
export {
  type AccountDataSeenStoreOptions,
  accountDataSeenStore,
  createAccountDataSeenStore,
  createMemorySeenStore,
  createStorageSeenStore,
  MAX_SEEN_EDITIONS,
  parseSeenContent,
  WELCOME_SEEN_ACCOUNT_DATA_TYPE,
  type WelcomeSeenStore,
} from "./welcome/seenStore";
export { type UseWelcomeMessageResult, useWelcomeMessage } from "./welcome/useWelcomeMessage";
export { WelcomeBody, type WelcomeBodyProps } from "./welcome/WelcomeBody";
export { WelcomeDialog, type WelcomeDialogProps } from "./welcome/WelcomeDialog";
export {
  defaultMediaUrl,
  type WelcomeMessage,
  type WelcomeMessageOptions,
  type WelcomeState,
  WelcomeStore,
} from "./welcome/WelcomeStore";
export { defaultWelcomeDialogLabels, type WelcomeDialogLabels } from "./welcome/welcomeLabels";
export {
  DEFAULT_MAX_JOIN_AGE_MS,
  decideWelcome,
  joinQualifies,
  type ShowWelcomeOn,
  type WelcomeDecision,
  type WelcomeRuleInput,
} from "./welcome/welcomeRule";
