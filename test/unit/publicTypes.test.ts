// Type-level checks, made by `npm test`'s typecheck (this project compiles with exactOptionalPropertyTypes, as strict
// consumers do): every optional entry of what apps pass in accepts an explicit `undefined`, so a wrapper that forwards
// its own optional props type-checks; the runtime treats `undefined` as "not given".
import { describe, expect, it } from "vitest";
import type {
  AccountDataSeenStoreOptions,
  LinkifiedTextProps,
  NoticeBannerItemProps,
  NoticeBannerLabels,
  NoticeBannerListProps,
  NoticeBannerProps,
  Overrides,
  RetryPolicy,
  SanitizeMatrixHtmlOptions,
  ServerNoticeErrorLabels,
  ServerNoticesOptions,
  ServerNoticesRoomOptions,
  SetWelcomeMessageOptions,
  WelcomeBodies,
  WelcomeBodyProps,
  WelcomeDialogLabels,
  WelcomeDialogProps,
  WelcomeDraft,
  WelcomeEditorLabels,
  WelcomeEditorProps,
  WelcomeMessageOptions,
  WelcomeRuleInput,
} from "../../src";

/** The optional keys of `T`. */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
/** The optional keys of `T` that refuse an explicit `undefined` (never, when there is none). */
type RefusesUndefined<T> = {
  [K in OptionalKeys<T>]-?: { [P in K]: undefined } extends Pick<T, K> ? never : K;
}[OptionalKeys<T>];
/** Compiles only when `T` is `never`; names the offending keys in the error otherwise. */
const none = <T extends never>(): [T] | true => true;

describe("the types apps pass in", () => {
  it("accept undefined for every optional entry (exactOptionalPropertyTypes)", () => {
    const checks = [
      none<RefusesUndefined<NoticeBannerProps>>(),
      none<RefusesUndefined<NoticeBannerListProps>>(),
      none<RefusesUndefined<NoticeBannerItemProps>>(),
      none<RefusesUndefined<ServerNoticesOptions>>(),
      none<RefusesUndefined<ServerNoticesRoomOptions>>(),
      none<RefusesUndefined<RetryPolicy>>(),
      none<RefusesUndefined<WelcomeDialogProps>>(),
      none<RefusesUndefined<WelcomeBodyProps>>(),
      none<RefusesUndefined<WelcomeMessageOptions>>(),
      none<RefusesUndefined<AccountDataSeenStoreOptions>>(),
      none<RefusesUndefined<SanitizeMatrixHtmlOptions>>(),
      none<RefusesUndefined<WelcomeRuleInput>>(),
      none<RefusesUndefined<WelcomeEditorProps>>(),
      none<RefusesUndefined<SetWelcomeMessageOptions>>(),
      none<RefusesUndefined<WelcomeBodies>>(),
      none<RefusesUndefined<WelcomeDraft>>(),
      none<RefusesUndefined<LinkifiedTextProps>>(),
      none<RefusesUndefined<Overrides<NoticeBannerLabels>>>(),
      none<RefusesUndefined<Overrides<WelcomeDialogLabels>>>(),
      none<RefusesUndefined<Overrides<WelcomeEditorLabels>>>(),
      none<RefusesUndefined<Overrides<ServerNoticeErrorLabels>>>(),
    ];
    expect(checks.every((c) => c === true)).toBe(true);
  });
});
