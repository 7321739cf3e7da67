// Public API of matrix-notice-kit. Each feature re-exports from its own folder; nothing here has side effects.

export { loadDraft, saveDraft, type WelcomeDraft } from "./authoring/draftStore.js";
export { defaultWelcomeEditorLabels, type WelcomeEditorLabels } from "./authoring/editorLabels.js";
export { htmlToMarkdown } from "./authoring/htmlToMarkdown.js";
export { htmlToPlainText } from "./authoring/htmlToPlainText.js";
// Welcome authoring (room moderators)
export {
  clearWelcomeMessage,
  hasStableWelcome,
  type SetWelcomeMessageOptions,
  setWelcomeMessage,
  WelcomeForbiddenError,
  WelcomeTooLargeError,
  welcomeEventType,
  welcomeRemovePermission,
} from "./authoring/setWelcomeMessage.js";
export {
  useCanEditWelcome,
  useWelcomeEditPermission,
  useWelcomeRemovePermission,
} from "./authoring/useCanEditWelcome.js";
export { WelcomeEditor, type WelcomeEditorProps } from "./authoring/WelcomeEditor.js";
export { WELCOME_REMOVAL, WelcomeEditPermissionStore } from "./authoring/WelcomeEditPermissionStore.js";
export {
  buildWelcomeContent,
  contentBytes,
  EVENT_ENVELOPE_RESERVE_BYTES,
  MARKDOWN_HTML_DIGEST_KEY,
  MAX_CONTENT_BYTES,
  MAX_EVENT_BYTES,
  markdownSourceOf,
  type TextRepresentation,
  type WelcomeBodies,
} from "./authoring/welcomeContent.js";
export { type WelcomeEditPermission, welcomeEditPermission } from "./authoring/welcomeEditPermission.js";
// Shared
export {
  DEFAULT_RETRY_POLICY,
  isPermanentFailure,
  isRateLimited,
  RequestTimeoutError,
  type RetryPolicy,
  retryDelayAfter,
} from "./core/backoff.js";
export {
  type ClearableStorage,
  type ForgetStoredUserDataOptions,
  forgetStoredUserData,
} from "./core/forgetStoredUserData.js";
export { LinkifiedText, type LinkifiedTextProps } from "./core/LinkifiedText.js";
export { linkifyText, type TextSegment } from "./core/linkifyText.js";
export type { Overrides } from "./core/overrides.js";
export { ADMIN_CONTACT_SCHEMES, isSafeLinkUrl, LINK_SCHEMES } from "./core/safeUrl.js";
export {
  DEVICE_SEEN_MARKS_PREFIX,
  DISMISSED_NOTICES_KEY,
  IMAGE_CONSENT_PREFIX,
  STORAGE_SEEN_PREFIX,
  WELCOME_DRAFT_PREFIX,
} from "./core/storageKeys.js";
export { recordUnfiledRedactions } from "./core/unfiledRelation.js";
export type { StorageLike, StorageSource } from "./core/webStorage.js";
export {
  CANNOT_LEAVE_SERVER_NOTICE_ROOM,
  CONSENT_NOT_GIVEN,
  defaultServerNoticeErrorLabels,
  describeServerNoticeError,
  type ServerNoticeErrorDescription,
  type ServerNoticeErrorLabels,
} from "./notices/describeServerNoticeError.js";
export {
  createMemoryDismissStore,
  createStorageDismissStore,
  type DismissStore,
  sessionDismissStore,
} from "./notices/dismissStore.js";
export { isIgnoredServerNotice } from "./notices/isIgnoredServerNotice.js";
export {
  NoticeBanner,
  NoticeBannerItem,
  type NoticeBannerItemProps,
  NoticeBannerList,
  type NoticeBannerListProps,
  type NoticeBannerProps,
} from "./notices/NoticeBanner.js";
export { defaultNoticeBannerLabels, type NoticeBannerLabels } from "./notices/noticeLabels.js";
export {
  isJoinedNoticesRoom,
  type NoticesInvitePredicate,
  pickNoticesRoom,
  SERVER_NOTICE_ROOM_TYPE,
  SERVER_NOTICE_TAG,
} from "./notices/noticesRoom.js";
export { MAX_PINNED_EVENTS, parsePinnedEventIds } from "./notices/parsePinnedEventIds.js";
// Server notices
export {
  isUsageLimitNotice,
  parseServerNotice,
  type ServerNotice,
  USAGE_LIMIT_REACHED,
} from "./notices/parseServerNotice.js";
export {
  noticeFromResourceLimitError,
  RESOURCE_LIMIT_EXCEEDED,
  resourceLimitItem,
} from "./notices/resourceLimit.js";
export {
  type ServerNoticesRoomOptions,
  type ServerNoticesRoomState,
  ServerNoticesRoomStore,
} from "./notices/ServerNoticesRoomStore.js";
export {
  reportResourceLimitError,
  type ServerNoticeItem,
  type ServerNoticesOptions,
  type ServerNoticesState,
  ServerNoticesStore,
} from "./notices/ServerNoticesStore.js";
export { useServerNoticeItems, useServerNotices } from "./notices/useServerNotices.js";
export { useServerNoticesRoom } from "./notices/useServerNoticesRoom.js";
export { useVisibleServerNotices } from "./notices/useVisibleServerNotices.js";
export { visibleServerNotices } from "./notices/visibleServerNotices.js";
export {
  createMemoryImageConsentStore,
  createStorageImageConsentStore,
  type ImageConsentStore,
  sessionImageConsentStore,
} from "./welcome/imageConsent.js";
export {
  MEDIA_PREVIEW_CONFIG_TYPES,
  mediaPreviewsShown,
  roomMediaPreviewsShown,
} from "./welcome/mediaPreviews.js";
export {
  type AuthenticatedMediaResolverOptions,
  createAuthenticatedMediaResolver,
  type MediaResolver,
} from "./welcome/mediaResolver.js";
// Welcome messages (MSC3857)
export {
  parseWelcomeContent,
  UNSTABLE_WELCOME_EVENT_TYPE,
  WELCOME_EVENT_TYPE,
} from "./welcome/parseWelcomeContent.js";
export { watchPreviewWelcomes } from "./welcome/previewWelcomes.js";
export {
  escapeHtml,
  keepMxcMedia,
  type SanitizeMatrixHtmlOptions,
  sanitizeMatrixHtml,
} from "./welcome/sanitizeMatrixHtml.js";
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
} from "./welcome/seenStore.js";
export type { FetchedName } from "./welcome/senderMembers.js";
export { useMediaPreviews } from "./welcome/useMediaPreviews.js";
export { useSenderName } from "./welcome/useSenderName.js";
export { type UseWelcomeMessageResult, useWelcomeMessage } from "./welcome/useWelcomeMessage.js";
export { type AuthorColors, WelcomeBody, type WelcomeBodyProps } from "./welcome/WelcomeBody.js";
export { WelcomeDialog, type WelcomeDialogProps } from "./welcome/WelcomeDialog.js";
export {
  defaultMediaUrl,
  type WelcomeMessage,
  type WelcomeMessageOptions,
  type WelcomeState,
  WelcomeStore,
} from "./welcome/WelcomeStore.js";
export { defaultWelcomeDialogLabels, type WelcomeDialogLabels } from "./welcome/welcomeLabels.js";
export {
  DEFAULT_MAX_JOIN_AGE_MS,
  decideWelcome,
  joinQualifies,
  type ShowWelcomeOn,
  type WelcomeDecision,
  type WelcomeRuleInput,
} from "./welcome/welcomeRule.js";
