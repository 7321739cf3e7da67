"use client";

import * as Dialog from "@radix-ui/react-dialog";
import type { MatrixClient } from "matrix-js-sdk";
import {
  type CSSProperties,
  type ReactNode,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { hideShadowSiblings } from "../core/hideShadowSiblings.js";
import { identityKey } from "../core/identityKey.js";
import { keepTabInside } from "../core/keepTabInside.js";
import type { Overrides } from "../core/overrides.js";
import { callApp } from "../core/reportAppError.js";
import { swallowKeyRepeats } from "../core/swallowKeyRepeats.js";
import { useHydrated } from "../core/useHydrated.js";
import { useIsomorphicLayoutEffect } from "../core/useIsomorphicLayoutEffect.js";
import { useKeyboardScrollable } from "../core/useKeyboardScrollable.js";
import { useSyncBackCount } from "../core/useSyncBackCount.js";
import { withLabelDefaults } from "../core/withLabelDefaults.js";
import { type ImageConsentStore, sessionImageConsentFor } from "./imageConsent.js";
import { inSpan, isolatedSentence, NAME_SLOT } from "./isolatedSentence.js";
import { createAuthenticatedMediaResolver, type MediaResolver } from "./mediaResolver.js";
import { SenderLine } from "./SenderLine.js";
import { shownUserId } from "./senderName.js";
import { useMediaPreviews } from "./useMediaPreviews.js";
import { useSenderErrorReport } from "./useSenderErrorReport.js";
import { useSenderName } from "./useSenderName.js";
import { useWelcomeMessage } from "./useWelcomeMessage.js";
import { type AuthorColors, WelcomeBody } from "./WelcomeBody.js";
import type { WelcomeMessageOptions } from "./WelcomeStore.js";
import { watchSqueeze } from "./watchSqueeze.js";
import { defaultWelcomeDialogLabels, type WelcomeDialogLabels } from "./welcomeLabels.js";
import { firstInLine, joinWelcomeLine, subscribeWelcomeLine, takeHandedFocus } from "./welcomeLine.js";

/**
 * The focused element, inside shadow roots too (null for none, `<body>`, or one not shown: a dialog the app hid with
 * `<Activity>` keeps the focus it had until something else takes it).
 */
function focusedElement(doc: Document): HTMLElement | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active &&
    active !== doc.body &&
    typeof (active as HTMLElement).focus === "function" &&
    active.checkVisibility?.() !== false
    ? (active as HTMLElement)
    : null;
}

/** Focuses `el` (without scrolling) when focus is in its dialog or nowhere: focus the app put elsewhere stays. */
function focusInDialog(el: HTMLElement): void {
  const focused = focusedElement(el.ownerDocument);
  if (focused && !el.closest('[role="dialog"]')?.contains(focused)) return;
  el.focus({ preventScroll: true });
}

/** Props of {@link WelcomeDialog}. */
export interface WelcomeDialogProps {
  /** The app's matrix-js-sdk client. */
  client: MatrixClient;
  /** The room (or space) whose welcome to show. */
  roomId: string;
  /** When the welcome shows and where seen marks live (see `useWelcomeMessage`). */
  options?: WelcomeMessageOptions | undefined;
  /** A custom title (default: "Welcome to {room name}"). */
  title?: ReactNode | undefined;
  /**
   * Whether a line under the title says who set the welcome, by their display name in the room and Matrix ID (label
   * `sentBy`; default true): a moderator's welcome and one anyone else with enough power set look alike otherwise.
   */
  showSender?: boolean | undefined;
  /**
   * Called when fetching the sender's name gave up (the line then shows their Matrix ID alone): at once when the server
   * refused it (a 4xx other than a rate limit, soft logout or timeout), else after the retries; once each time it gives
   * up, not for a fetch cancelled because the dialog closed or the user left. The fetch is made only for a sender whose
   * member event the client has not loaded (lazy-loaded members), and made again when sync comes back after it gave up
   * (and may be reported again); a throw is reported and the dialog carries on.
   */
  onSenderError?: ((error: unknown, userId: string) => void) | undefined;
  /** Overrides for any of the strings. */
  labels?: Overrides<WelcomeDialogLabels> | undefined;
  /** Controlled mode: whether the dialog is open (default: open while the welcome should show). */
  open?: boolean | undefined;
  /** Called when the dialog asks to open or close (confirm, Escape, close button, outside click). */
  onOpenChange?: ((open: boolean) => void) | undefined;
  /**
   * Whether closing with Escape, the close button or an outside click marks the edition seen (default true); when
   * false the dialog still closes, and shows again on the next mount while the join qualifies and is at most
   * `maxJoinAgeMs` old.
   */
  markSeenOnDismiss?: boolean | undefined;
  /** Called after the user confirmed (the edition is then marked seen); a throw is reported and the dialog still closes. */
  onConfirm?: (() => void) | undefined;
  /** Where the dialog is portalled (default: document.body). */
  container?: HTMLElement | null | undefined;
  /**
   * Where focus goes on close when the element that had it at opening cannot take it back (removed, disabled or
   * hidden meanwhile), e.g. the composer; without it focus falls to the page.
   */
  fallbackFocus?: (() => HTMLElement | null | undefined) | undefined;
  /** Loads images of the message (default: authenticated media fetched with the access token, as blob URLs). */
  resolveMedia?: MediaResolver | undefined;
  /** The sender's text colours: moved just enough to read on the dialog (`"readable"`, default), or `"as-sent"`. */
  authorColors?: AuthorColors | undefined;
  /**
   * Whether the welcome's images load without a click (each waits behind a "show image" button otherwise). Default:
   * as the user's MSC4278 media preview setting says for the room (`m.media_preview_config` or Element's
   * `io.element.msc4278.media_preview_config` account data, the room's over the global one; none set shows them).
   */
  mediaPreviews?: boolean | undefined;
  /**
   * Where the user's click to see a hidden image is remembered (per edition and URL: it shows without a click when
   * this edition shows again); default: in memory for the page's lifetime, each user's apart.
   */
  imageConsent?: ImageConsentStore | undefined;
  /** Text direction of the dialog (it is portalled out of your tree, so an ancestor's `dir` does not reach it). */
  dir?: "ltr" | "rtl" | undefined;
  /** Language of the dialog (a BCP 47 tag: portalled out of your tree, it does not inherit your `lang`). */
  lang?: string | undefined;
  /** Extra class on the dialog content. */
  className?: string | undefined;
  /** Inline style on the dialog content (e.g. CSS custom properties). */
  style?: CSSProperties | undefined;
}

const NAME = /(\uE000)/;

/**
 * `label(name)`, with the name in a `<bdi>`: a room name in another script (or "C++", "#alias:server") neither turns
 * the sentence around it nor is turned by it. Only where the label put the name in unchanged (see `isolatedSentence`).
 */
function withIsolatedName(label: WelcomeDialogLabels["title"], name: string): ReactNode {
  return isolatedSentence(
    label(name, true),
    label(NAME_SLOT, true),
    NAME,
    (part) => (part === NAME_SLOT ? name : undefined),
    (_, i) => <bdi key={`n${i}`}>{name}</bdi>,
  );
}

/**
 * The default title, a component of its own so that the app's `title` label is called only where Radix renders the
 * open dialog (as the sender line's), not by a dialog that stays closed.
 */
function DefaultTitle({
  labels,
  roomName,
}: {
  labels: WelcomeDialogLabels;
  roomName: string | null;
}): ReactNode {
  return roomName === null
    ? inSpan(labels.title(labels.untitledRoom, false))
    : withIsolatedName(labels.title, roomName);
}

/** The client's user id, "" when it has none or cannot say. */
function userIdOf(client: MatrixClient): string {
  try {
    return client.getUserId() ?? "";
  } catch {
    return "";
  }
}

/** The room's MSC3857 welcome message in a modal dialog, shown on the user's first (recent) join, at most once per edition. */

export function WelcomeDialog({
  client,
  roomId,
  options,
  title,
  showSender = true,
  onSenderError,
  labels: labelOverrides,
  open,
  onOpenChange,
  markSeenOnDismiss = true,
  onConfirm,
  container,
  fallbackFocus,
  resolveMedia,
  authorColors,
  mediaPreviews,
  imageConsent,
  dir,
  lang,
  className,
  style,
}: WelcomeDialogProps) {
  const { message, shouldShow, markSeen, roomName, joinEventId } = useWelcomeMessage(client, roomId, options);
  const labels = useMemo(
    () => withLabelDefaults(defaultWelcomeDialogLabels, labelOverrides),
    [labelOverrides],
  );
  // Who set the welcome (none when the option says so, or when nothing of their ID would show).
  const senderUserId = showSender && message ? shownUserId(message.sender) : "";
  const senderLineId = useId();
  const resolver = useMemo(
    () => resolveMedia ?? createAuthenticatedMediaResolver(client),
    [resolveMedia, client],
  );
  const previewsAllowed = useMediaPreviews(client, roomId);
  const keyboardScrollable = useKeyboardScrollable<HTMLDivElement>(true);
  const scrollElement = useRef<HTMLDivElement | null>(null);
  const squeeze = useRef<(() => void) | null>(null);
  const scrollRef = useCallback(
    (el: HTMLDivElement | null) => {
      scrollElement.current = el;
      keyboardScrollable(el);
      squeeze.current?.();
      squeeze.current = el && watchSqueeze(el);
    },
    [keyboardScrollable],
  );
  // In a shadow root (a web component's `container`), the app's other content there is hidden while the dialog shows.
  const unhide = useRef<(() => void) | null>(null);
  const contentRef = useCallback((el: HTMLDivElement | null) => {
    unhide.current?.();
    unhide.current = el && hideShadowSiblings(el);
  }, []);
  // Where focus was when the dialog opened: it goes back there on close (Radix only returns it to a Dialog.Trigger).
  const returnFocus = useRef<HTMLElement | null>(null);
  // Uncontrolled, a dismissed edition stays closed here even when its mark cannot be kept, and one dismissed without
  // marking it seen (markSeenOnDismiss={false}) for the whole join (a moderator's new edition too), also after the app
  // showed other rooms meanwhile: a later join (even leave and rejoin between two syncs) may show it again, and after
  // a mark, a new edition the hook shows (`showNewEditions`).
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const editionKey = `${message?.eventId}|${joinEventId}`;
  const joinKey = joinEventId ?? editionKey;
  const due = shouldShow && !dismissed.has(joinKey) && !dismissed.has(editionKey) && message !== null;
  // Uncontrolled, a due welcome waits while another kit dialog is open (see welcomeLine); it opens at once when none
  // is in line, so two that become due in one commit open for that commit only, and the second goes before paint.
  // One the app opens (`open`) opens at once, and stands in line so that the uncontrolled ones wait for it.
  const [token] = useState(() => ({}));
  const first = useSyncExternalStore(subscribeWelcomeLine, firstInLine, firstInLine);
  const inLine = (open ?? due) && message !== null;
  useIsomorphicLayoutEffect(
    () => (inLine ? joinWelcomeLine(token, () => returnFocus.current, open) : undefined),
    [inLine, token],
  );
  const isOpen = (open ?? (due && (first === token || first === undefined))) && message !== null;
  // While it shows, images lost to an outage are asked for again when sync comes back.
  const syncBacks = useSyncBackCount(client, isOpen);
  // The name, fetched while the dialog is open if the sender's member is not loaded (lazy-loaded members).
  const senderId = senderUserId && (message?.sender ?? "");
  const sender = useSenderName(client, roomId, senderId, isOpen);
  // Its failure told to the app (`onSenderError`), once each time the fetch gives up while the dialog shows.
  useSenderErrorReport(sender, senderId, isOpen, onSenderError);
  // Hidden by a Suspense fallback, the dialog keeps Radix's passive effects: an Escape or a click on the fallback
  // would still dismiss it, and mark seen a welcome the user never saw. Only a shown dialog is dismissed.
  const shown = useRef(false);
  useIsomorphicLayoutEffect(() => {
    shown.current = true;
    return () => {
      shown.current = false;
    };
  }, []);
  // A room switched while the dialog stays open shows the new room's welcome from its start, not where the last one
  // was scrolled to, and gives it focus as an opened dialog does: screen readers read the new welcome, rather than
  // nothing (a focused link gone with the old one) or a button that no longer says which room it is about.
  const openBefore = useRef(false);
  useIsomorphicLayoutEffect(() => {
    const scroll = scrollElement.current;
    if (!scroll) return;
    scroll.scrollTop = 0;
    if (openBefore.current && scroll.isConnected) focusInDialog(scroll);
  }, [roomId]);
  useIsomorphicLayoutEffect(() => {
    openBefore.current = isOpen;
  });
  const dismiss = (marked: boolean) =>
    setDismissed((keys) => new Set(keys).add(marked ? editionKey : joinKey));
  // The server renders no dialog (its portal needs a DOM); neither does hydration, whatever `container` says.
  const hydrated = useHydrated();
  if (!message || !hydrated) return null;

  const handleOpenChange = (next: boolean) => {
    if (!shown.current) return;
    if (!next) {
      dismiss(markSeenOnDismiss);
      if (markSeenOnDismiss) markSeen();
    }
    onOpenChange?.(next);
  };
  const confirm = () => {
    // Closed here also when the mark cannot be kept (a failing custom seen store).
    dismiss(true);
    markSeen();
    // An app callback that throws is reported, and the dialog still closes (a controlled one is told to).
    callApp(() => onConfirm?.());
    onOpenChange?.(false);
  };

  return (
    <Dialog.Root open={isOpen} onOpenChange={handleOpenChange}>
      {/* The body named here rather than left to Radix, whose portal otherwise waits a commit for it (its guard
          against hydration, which `hydrated` above already is): the dialog opens in one commit fewer. */}
      <Dialog.Portal container={container ?? globalThis.document?.body}>
        <Dialog.Overlay className="mnk-welcome-overlay" data-part="overlay" />
        <Dialog.Content
          className={className ? `mnk-welcome-dialog ${className}` : "mnk-welcome-dialog"}
          style={style}
          ref={contentRef}
          data-part="content"
          data-room-id={roomId}
          // Read with the description when the dialog opens (Radix adds the description's id after it).
          aria-describedby={senderUserId ? senderLineId : undefined}
          // Inside a shadow root or another document, Radix's focus trap cannot tell where focus is: Tab wraps here.
          onKeyDown={keepTabInside}
          dir={dir}
          lang={lang}
          onFocus={(event) => {
            // Where the whole dialog scrolls (a short viewport), a control the focus trap moved focus to (it does so
            // without scrolling, Tab past the last or first one) is brought into view. Not the message itself: it is
            // taller than the view then, and would be scrolled to its top.
            const target = event.target as Partial<HTMLElement>;
            if (target !== scrollElement.current)
              target.scrollIntoView?.({ block: "nearest", inline: "nearest" });
          }}
          onEscapeKeyDown={(event) => {
            // A held Escape's repeats would close the next welcome in line, unread, or act on the app's element focus
            // returns to.
            if (event.repeat) event.preventDefault();
            else swallowKeyRepeats(event);
          }}
          onOpenAutoFocus={(event) => {
            // Opened as the dialog before it in line closed: focus goes back where that one's came from. Content
            // mounted afresh while this dialog stays open (a new portal `container`, a room switched away and back)
            // finds focus nowhere: the origin kept from the first opening stands.
            returnFocus.current =
              focusedElement((event.target as Element).ownerDocument) ??
              takeHandedFocus() ??
              returnFocus.current;
            // The message, not the close button, takes focus: screen readers read it first, arrow keys scroll it,
            // and an Enter still held from the action that opened the dialog cannot dismiss it unread.
            const scroll = scrollElement.current;
            if (!scroll) return;
            event.preventDefault();
            scroll.focus({ preventScroll: true });
          }}
          onCloseAutoFocus={(event) => {
            // Content replaced while the dialog stays open (Radix says so a moment after, from the old content):
            // focus stays in the new content, and its origin is kept for when it closes.
            if (!(event.currentTarget as Node).isConnected && scrollElement.current?.isConnected) {
              event.preventDefault();
              return;
            }
            const origin = returnFocus.current;
            returnFocus.current = null;
            const doc = origin?.ownerDocument ?? (event.target as Element | null)?.ownerDocument ?? null;
            // Not when the app has put focus somewhere itself meanwhile (Radix calls this a moment after closing).
            if (!doc || focusedElement(doc)) return;
            for (const target of [origin, callApp(() => fallbackFocus?.())]) {
              if (!target?.isConnected) continue;
              target.focus();
              if (focusedElement(doc) === target) {
                event.preventDefault();
                return;
              }
            }
          }}
        >
          <div data-part="header">
            {/* In the UI's direction (a sentence of the app's language), the room name isolated within it. */}
            <Dialog.Title data-part="title">
              {title ?? <DefaultTitle labels={labels} roomName={roomName} />}
            </Dialog.Title>
            {/* Named by its tooltip alone: with aria-label too, the title became a description repeating the name. */}
            <Dialog.Close data-part="close" title={labels.close} onKeyDown={swallowKeyRepeats}>
              <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="16" height="16">
                <path
                  fill="currentColor"
                  d="M3.7 2.3 8 6.6l4.3-4.3 1.4 1.4L9.4 8l4.3 4.3-1.4 1.4L8 9.4l-4.3 4.3-1.4-1.4L6.6 8 2.3 3.7l1.4-1.4Z"
                />
              </svg>
            </Dialog.Close>
          </div>
          {senderUserId ? (
            <SenderLine userId={senderUserId} name={sender.name} label={labels.sentBy} id={senderLineId} />
          ) : null}
          <Dialog.Description className="mnk-visually-hidden">{labels.description}</Dialog.Description>
          <div data-part="scroll" className="mnk-welcome-scroll" ref={scrollRef}>
            <WelcomeBody
              // Another client (the app signed in as someone else, or again): its images load afresh, with it.
              key={identityKey(client)}
              message={message}
              labels={labels}
              resolveMedia={resolver}
              authorColors={authorColors}
              mediaPreviews={mediaPreviews ?? previewsAllowed}
              imageConsent={imageConsent ?? sessionImageConsentFor(userIdOf(client))}
              imageRetryKey={syncBacks}
            />
          </div>
          <div data-part="footer">
            {/* Focus goes back to the app once it closes: a held key's repeats would press the app's element. */}
            <button type="button" data-part="confirm" onKeyDown={swallowKeyRepeats} onClick={confirm}>
              {labels.confirm}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
