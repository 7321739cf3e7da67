"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { type CSSProperties, createContext, useContext, useId, useMemo, useRef } from "react";
import { LinkifiedText } from "../core/LinkifiedText.js";
import type { Overrides } from "../core/overrides.js";
import { swallowKeyRepeats } from "../core/swallowKeyRepeats.js";
import { estimateDirection } from "../core/textDirection.js";
import { useIsomorphicLayoutEffect } from "../core/useIsomorphicLayoutEffect.js";
import { useKeyboardScrollable } from "../core/useKeyboardScrollable.js";
import { withDefaults } from "../core/withDefaults.js";
import { type DismissStore, sessionDismissStore } from "./dismissStore.js";
import { markNeutralLines } from "./markNeutralLines.js";
import { defaultNoticeBannerLabels, type NoticeBannerLabels, usageLimitHeadline } from "./noticeLabels.js";
import { isUsageLimitNotice } from "./parseServerNotice.js";
import type { ServerNoticeItem, ServerNoticesOptions } from "./ServerNoticesStore.js";
import { showsServerText } from "./showsServerText.js";
import { useDismissVersion } from "./useDismissVersion.js";
import { useBannerNotices } from "./useServerNotices.js";
import { visibleServerNotices } from "./visibleServerNotices.js";

/** Props shared by {@link NoticeBanner} and {@link NoticeBannerList}. */
export interface NoticeBannerListOwnProps {
  /** Overrides for any of the strings (English defaults in `defaultNoticeBannerLabels`). */
  labels?: Overrides<NoticeBannerLabels> | undefined;
  /** Extra class on the root element. */
  className?: string | undefined;
  /** Inline style on the root element (e.g. CSS custom properties). */
  style?: CSSProperties | undefined;
  /** Show a dismiss button on each banner (default true). */
  dismissible?: boolean | undefined;
  /** Where dismissals are remembered (default: in memory for the page's lifetime). */
  dismissStore?: DismissStore | undefined;
  /** Called after the user dismissed a notice. */
  onDismiss?: ((notice: ServerNoticeItem) => void) | undefined;
}

/** Props of {@link NoticeBannerList}. */
export interface NoticeBannerListProps extends NoticeBannerListOwnProps {
  /** The notices to show (e.g. from `useServerNotices`). */
  notices: readonly ServerNoticeItem[];
  /**
   * `useServerNotices().coveredUsageLimit`: shown first while every notice in `notices` that tells that limit is
   * dismissed (a usage limit the user dismissed as a pinned notice still shows once sync or sending fails over it).
   */
  coveredUsageLimit?: ServerNoticeItem | null | undefined;
}

/** Props of {@link NoticeBanner}. */
export interface NoticeBannerProps extends NoticeBannerListOwnProps {
  /** The app's matrix-js-sdk client. */
  client: MatrixClient;
  /** Options for finding the notices room and fetching pins (see `useServerNotices`). */
  options?: ServerNoticesOptions | undefined;
}

/** Props of {@link NoticeBannerItem}. */
export interface NoticeBannerItemProps {
  /** The notice to show. */
  item: ServerNoticeItem;
  /** Strings, merged over `defaultNoticeBannerLabels` (an entry missing, `undefined` or of the wrong type keeps English). */
  labels?: Overrides<NoticeBannerLabels> | undefined;
  /** When given, a dismiss button calls it. */
  onDismiss?: (() => void) | undefined;
}

function AlertIcon() {
  return (
    <svg data-part="icon" aria-hidden="true" focusable="false" viewBox="0 0 20 20" width="20" height="20">
      <path fill="currentColor" d="M10 1.5 19 18H1L10 1.5Zm-1 6v5h2v-5H9Zm0 6.5v2h2v-2H9Z" />
    </svg>
  );
}

function InfoIcon() {
  return (
    <svg data-part="icon" aria-hidden="true" focusable="false" viewBox="0 0 20 20" width="20" height="20">
      <path fill="currentColor" d="M10 1a9 9 0 1 1 0 18 9 9 0 0 1 0-18Zm-1 7v7h2V8H9Zm0-4v2h2V4H9Z" />
    </svg>
  );
}

/** A notice body; while it overflows its max height it is focusable, so keyboard users can scroll it. */
function ScrollableBody({ id, text, newTabLabel }: { id: string; text: string; newTabLabel: string }) {
  const ref = useKeyboardScrollable<HTMLParagraphElement>();
  const lines = /\n/.test(text);
  const shown = useMemo(() => (lines ? markNeutralLines(text) : text), [lines, text]);
  // The way it reads, not its first letter's direction: an Arabic notice opening with a name or an email is right to
  // left (estimateDirection skips URLs, Matrix IDs and emails, as for welcomes).
  const dir = useMemo(() => (lines ? "auto" : (estimateDirection(text) ?? "auto")), [lines, text]);
  return (
    <p
      ref={ref}
      id={id}
      data-part="body"
      dir={dir}
      // Each line of a body in several lines takes its own direction (`unicode-bidi: plaintext`), the one it reads in:
      // markNeutralLines opens with a direction mark a line whose first letter says otherwise, and a line of digits or
      // times only with the mark of the line before it.
      style={lines ? { unicodeBidi: "plaintext" } : undefined}
    >
      <LinkifiedText text={shown} newTabLabel={newTabLabel} />
    </p>
  );
}

/**
 * Where keyboard focus came from into a banner list (it goes back there when the last banner goes), and whether the
 * list itself is going (then it goes back there at once: the other banners go too).
 */
const FocusOrigin = createContext<{
  current: HTMLElement | null;
  closing: boolean;
  /** The element that lost focus because its window did (it takes focus again when the window does). */
  blurred: EventTarget | null;
  /**
   * Focus left with a banner that had no neighbour: the list decides once the commit is done (a banner added in it,
   * replacing the one that went, takes focus), going `back` if none; `blurred` if it went while the window was away.
   */
  handOff: { back: HTMLElement | null; blurred: boolean } | null;
} | null>(null);

/**
 * Focuses `to` if it is still in the page; handed on while the window is away (another tab dismissed the banner), the
 * window's return brings focus back there.
 */
function handFocus(
  origin: { blurred: EventTarget | null } | null,
  to: HTMLElement | null | undefined,
  blurred: boolean,
): void {
  const next = to?.isConnected ? to : null;
  if (origin && blurred) origin.blurred = next;
  next?.focus();
}

/**
 * One banner: a usage-limit alert (critical; `role="alert"`, announced when added) or an ordinary notice (a group named
 * by its title; {@link NoticeBannerList} announces it through its polite live region).
 */
export function NoticeBannerItem({ item, labels: given, onDismiss }: NoticeBannerItemProps) {
  // A partial set from an app's own list (a catalogue missing a key) keeps English where it says nothing.
  const labels = withDefaults(defaultNoticeBannerLabels, given);
  const { notice } = item;
  const usageLimit = isUsageLimitNotice(notice);
  const id = useId();
  const hasBody = !usageLimit || showsServerText(notice);
  // An alert is announced when added; an ordinary notice is a group named by its title (its list announces it).
  const role = usageLimit
    ? ({ role: "alert" } as const)
    : ({ role: "group", "aria-labelledby": `${id}-title` } as const);
  // Gone with keyboard focus in it (dismissed, here or in another tab; unpinned, redacted, a limit lifted): focus goes
  // to the nearest other banner's dismiss button, else back to where it came from, instead of falling to <body>. Run
  // while the banner is still in the page; a neighbour going in the same commit hands it on again.
  const origin = useContext(FocusOrigin);
  const ref = useRef<HTMLDivElement>(null);
  useIsomorphicLayoutEffect(
    () => () => {
      const banner = ref.current;
      const root = banner?.closest('[data-part="root"]');
      // In a shadow root the document's active element is the host: ask the banner's own root.
      const active = (banner?.getRootNode() as Document | ShadowRoot | undefined)?.activeElement ?? null;
      if (!banner || !root || !banner.contains(active)) return;
      const all = origin?.closing ? [] : [...root.querySelectorAll('[data-part="banner"]')];
      const at = all.indexOf(banner);
      const back = origin?.current ?? null;
      const blurred = !!origin && banner.contains(origin.blurred as Node | null);
      const neighbour = [...all.slice(at + 1), ...all.slice(0, at).reverse()]
        .map((b) => b.querySelector<HTMLElement>('[data-part="dismiss"]'))
        .find(Boolean);
      if (!neighbour && origin && !origin.closing) origin.handOff = { back, blurred };
      else handFocus(origin, neighbour ?? back, blurred);
    },
    [origin],
  );
  return (
    <div
      ref={ref}
      className="mnk-notice"
      data-part="banner"
      data-kind={usageLimit ? "usage-limit" : "notice"}
      data-severity={usageLimit ? "critical" : "info"}
      data-source={item.source}
      data-notice-id={item.eventId}
      {...role}
    >
      {usageLimit ? <AlertIcon /> : <InfoIcon />}
      <div data-part="content">
        <p data-part="title" id={`${id}-title`}>
          {usageLimit ? usageLimitHeadline(notice.limitType, labels) : labels.noticeTitle}
        </p>
        {hasBody ? (
          <ScrollableBody id={`${id}-body`} text={notice.body} newTabLabel={labels.opensInNewTab} />
        ) : null}
        {usageLimit ? (
          <p data-part="contact">
            {notice.adminContact ? (
              <a
                href={notice.adminContact}
                target="_blank"
                rel="noopener noreferrer"
                data-part="contact-link"
              >
                {/* Each text alone in its element (see LinkifiedText): a page translator cannot pull it from React. */}
                <span>{labels.contactAdmin}</span>
                <span className="mnk-visually-hidden">{` ${labels.opensInNewTab}`}</span>
              </a>
            ) : notice.adminContactText ? (
              <>
                <span>{labels.contactAdminNoLink}</span>{" "}
                {/* Isolated from the sentence; a URI reads left to right, free text in the direction of its words. */}
                <span data-part="contact-text" dir="auto">
                  {notice.adminContactText}
                </span>
              </>
            ) : (
              labels.contactAdminNoLink
            )}
          </p>
        ) : null}
      </div>
      {onDismiss ? (
        <button
          type="button"
          data-part="dismiss"
          aria-label={labels.dismiss}
          // Which notice it dismisses (each button has the same name).
          aria-describedby={hasBody ? `${id}-title ${id}-body` : `${id}-title`}
          title={labels.dismiss}
          // Once this banner goes, the next one's button takes its place (and focus), or focus goes back to the app:
          // the second click of a double-click, or a held key's repeats, would dismiss that notice unread or press
          // the app's button.
          onClick={(event) => {
            if (event.detail < 2) onDismiss();
          }}
          onKeyDown={swallowKeyRepeats}
        >
          <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="16" height="16">
            <path
              fill="currentColor"
              d="M3.7 2.3 8 6.6l4.3-4.3 1.4 1.4L9.4 8l4.3 4.3-1.4 1.4L8 9.4l-4.3 4.3-1.4-1.4L6.6 8 2.3 3.7l1.4-1.4Z"
            />
          </svg>
        </button>
      ) : null}
    </div>
  );
}

/** The banners for a list of notices, without a client (the headless form of {@link NoticeBanner}). */
export function NoticeBannerList({
  notices,
  coveredUsageLimit,
  labels: labelOverrides,
  className,
  style,
  dismissible = true,
  dismissStore = sessionDismissStore,
  onDismiss,
}: NoticeBannerListProps) {
  // Keep the store object stable across renders.
  useDismissVersion(dismissStore);
  // Where keyboard focus was before it entered the banners: it goes back there when the last banner is dismissed.
  // One object for the list's life (a ref: React keeps it, as it may not keep a memoized value).
  const focusOrigin = useRef({
    current: null as HTMLElement | null,
    closing: false,
    blurred: null as EventTarget | null,
    handOff: null as { back: HTMLElement | null; blurred: boolean } | null,
  }).current;
  const rootRef = useRef<HTMLElement>(null);
  // Layout effects of a list going run before its banners': they then send focus straight back.
  useIsomorphicLayoutEffect(() => {
    focusOrigin.closing = false;
    return () => {
      focusOrigin.closing = true;
    };
  }, [focusOrigin]);
  // After each commit: focus that left with the last banner goes to a banner added in the same commit, else back.
  useIsomorphicLayoutEffect(() => {
    const handOff = focusOrigin.handOff;
    if (!handOff) return;
    focusOrigin.handOff = null;
    const added = rootRef.current?.querySelector<HTMLElement>('[data-part="dismiss"]');
    handFocus(focusOrigin, added ?? handOff.back, handOff.blurred);
  });
  // An ordinary notice with nothing to say (an empty or non-string body) gets no banner; a usage limit has its own text.
  const visible = visibleServerNotices(notices, coveredUsageLimit, dismissStore);
  const labels = withDefaults(defaultNoticeBannerLabels, labelOverrides);
  const empty = visible.length === 0;
  const banner = (item: ServerNoticeItem) => (
    <NoticeBannerItem
      key={item.eventId}
      item={item}
      labels={labels}
      onDismiss={
        dismissible
          ? () => {
              // Keyboard focus on the button goes with the banner, which hands it on.
              dismissStore.dismiss(item.eventId);
              onDismiss?.(item);
            }
          : undefined
      }
    />
  );
  // Usage limits first, each an alert of its own; the other notices in a polite live region, rendered also when empty
  // (as is the list: no landmark then, none of the app's class and style, visually hidden): a live region is announced
  // when content is added to it, not when it arrives already holding its text, so a later notice is read. No live
  // region sits inside another (a change would be told only to the inner one).
  return (
    <section
      ref={rootRef}
      className={
        empty
          ? "mnk-notice-banner mnk-visually-hidden"
          : className
            ? `mnk-notice-banner ${className}`
            : "mnk-notice-banner"
      }
      style={empty ? undefined : style}
      data-part="root"
      data-empty={empty ? "" : undefined}
      aria-label={empty ? undefined : labels.region}
      onBlur={(e) => {
        // No relatedTarget and still the active element: the window lost focus, not the element. A move inside the
        // list (a banner handing focus on) keeps that in mind.
        const scope = e.currentTarget.getRootNode() as Document | ShadowRoot;
        const to = e.relatedTarget as Node | null;
        if (!to || !e.currentTarget.contains(to))
          focusOrigin.blurred = !to && scope.activeElement === e.target ? e.target : null;
      }}
      onFocus={(e) => {
        // Each entry from outside replaces the origin (with nothing when it came from nowhere), except the same
        // element taking focus again when its window does.
        const from = e.relatedTarget as HTMLElement | null;
        const inside = !!from && e.currentTarget.contains(from);
        const backFromWindow = !from && e.target === focusOrigin.blurred;
        if (from ? !inside : !backFromWindow)
          focusOrigin.current = from && typeof from.focus === "function" ? from : null;
        focusOrigin.blurred = inside && focusOrigin.blurred ? e.target : null;
      }}
    >
      <FocusOrigin.Provider value={focusOrigin}>
        {visible.filter((n) => isUsageLimitNotice(n.notice)).map(banner)}
        <div data-part="notices" aria-live="polite" aria-relevant="additions text">
          {visible.filter((n) => !isUsageLimitNotice(n.notice)).map(banner)}
        </div>
      </FocusOrigin.Provider>
    </section>
  );
}

/** Banners for the user's active server notices, followed live through the client's sync. */
export function NoticeBanner({ client, options, ...listProps }: NoticeBannerProps) {
  // Only the notices: a fetch loading, failing or being retried changes nothing the banners show.
  const [notices, coveredUsageLimit] = useBannerNotices(client, options);
  return <NoticeBannerList notices={notices} coveredUsageLimit={coveredUsageLimit} {...listProps} />;
}
