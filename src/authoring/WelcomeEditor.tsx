"use client";

import { EventTimeline, type MatrixClient, type Room } from "matrix-js-sdk";
import {
  type CSSProperties,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { readableContent } from "../core/acceptedRedaction.js";
import { activeElementOf } from "../core/activeElementOf.js";
import { isPermanentFailure, isRateLimited, isSoftLogout } from "../core/backoff.js";
import { liveState } from "../core/liveState.js";
import { errcodeOf } from "../core/matrixErrorFields.js";
import { myMembership } from "../core/myMembership.js";
import type { Overrides } from "../core/overrides.js";
import { callApp } from "../core/reportAppError.js";
import { roomOf } from "../core/roomOf.js";
import { swallowKeyRepeats } from "../core/swallowKeyRepeats.js";
import { useHydrated } from "../core/useHydrated.js";
import { useKeyboardScrollable } from "../core/useKeyboardScrollable.js";
import { hasVisibleText } from "../core/visibleText.js";
import { withLabelDefaults } from "../core/withLabelDefaults.js";
import { isRedactedIn, liveWelcomeEvent } from "../welcome/liveStableWelcome.js";
import { createAuthenticatedMediaResolver } from "../welcome/mediaResolver.js";
import { parseWelcomeContent, WELCOME_TYPES } from "../welcome/parseWelcomeContent.js";
import {
  keepMxcMedia,
  sanitizeMatrixHtml,
  sanitizeMatrixHtmlForDisplay,
} from "../welcome/sanitizeMatrixHtml.js";
import { useWelcomeMessage } from "../welcome/useWelcomeMessage.js";
import { WelcomeBody } from "../welcome/WelcomeBody.js";
import { defaultMediaUrl, type WelcomeMessage } from "../welcome/WelcomeStore.js";
import { defaultWelcomeDialogLabels, type WelcomeDialogLabels } from "../welcome/welcomeLabels.js";
import { awaitEcho } from "./awaitEcho.js";
import { loadDraft, saveDraft, type WelcomeDraft } from "./draftStore.js";
import { defaultWelcomeEditorLabels, type WelcomeEditorLabels } from "./editorLabels.js";
import { hasFormatting } from "./hasFormatting.js";
import { htmlToMarkdown } from "./htmlToMarkdown.js";
import { htmlToPlainText } from "./htmlToPlainText.js";
import { loadMarkdown } from "./markdown.js";
import {
  claim,
  confirmByEcho,
  ownEditions,
  publishes,
  requestsChanged,
  setOut,
  subscribeRequests,
  type UnconfirmedSave,
} from "./ownEditions.js";
import { RemoveWelcomeButton } from "./RemoveWelcomeButton.js";
import {
  clearWelcomeTypes,
  hasStableWelcome,
  setWelcomeMessage,
  shownWelcomeType,
  WelcomeForbiddenError,
  WelcomeTooLargeError,
  welcomeEventType,
} from "./setWelcomeMessage.js";
import { useWelcomeEditPermission, useWelcomeRemovePermission } from "./useCanEditWelcome.js";
import { buildWelcomeContent, contentBytes, MAX_CONTENT_BYTES, markdownSourceOf } from "./welcomeContent.js";

/** Props of {@link WelcomeEditor}. */
export interface WelcomeEditorProps {
  /** The app's matrix-js-sdk client. */
  client: MatrixClient;
  /** The room (or space) whose welcome to edit. */
  roomId: string;
  /**
   * Write the stable `m.room.welcome` type (true) or the unstable `org.matrix.msc3857.welcome` (false, the default).
   * While the room has a stable welcome event that is not redacted, even one that removed the welcome, edits go there
   * whatever this says (readers go by it, so an unstable edit would not be seen).
   */
  stable?: boolean | undefined;
  /** Overrides for any of the strings. */
  labels?: Overrides<WelcomeEditorLabels> | undefined;
  /** Overrides for the strings inside the preview (spoilers, images, links), as `<WelcomeDialog labels>` takes them. */
  previewLabels?: Overrides<WelcomeDialogLabels> | undefined;
  /** Called after a save this editor sent, with the new edition's event id (not one it only waited for, opened again). */
  onSaved?: ((result: { eventId: string }) => void) | undefined;
  /** Called when the author cancels (the draft is discarded). */
  onCancel?: (() => void) | undefined;
  /** Ask before Remove clears the welcome for everyone (default true); false for an app that confirms itself. */
  confirmRemoval?: boolean | undefined;
  /** The format a new message starts in (default Markdown). */
  defaultFormat?: WelcomeDraft["format"] | undefined;
  /** The level of the editor's heading (default 2; the preview's is one below), to fit the page's outline. */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | undefined;
  /** Extra class on the root element. */
  className?: string | undefined;
  /** Inline style on the root element. */
  style?: CSSProperties | undefined;
}

/** Why a save or removal failed, as the editor's labels tell it. */
type ErrorReason =
  | "errorTooLarge"
  | "errorForbidden"
  | "errorRateLimited"
  | "errorUsageLimit"
  | "errorNetwork"
  | "errorRemoveNetwork";

function errorReason(error: unknown, removal: boolean): ErrorReason {
  if (isTooLarge(error)) return "errorTooLarge";
  if (errcodeOf(error) === "M_FORBIDDEN") return "errorForbidden";
  if (isRateLimited(error)) return "errorRateLimited";
  if (isUsageLimit(error)) return "errorUsageLimit";
  return removal ? "errorRemoveNetwork" : "errorNetwork";
}

/** What the editor last did: a save or removal out, done, or failed (`error`); `idle` before any, or after an edit. */
type Status =
  | "idle"
  | "saving"
  | "saved"
  | "removed"
  /** A save or removal failed. */
  | {
      /** Which label tells it (looked up at render, so a language switch reaches it); `errorTooLarge`: the text itself
       * is at fault, not the server or the connection. */
      reason: ErrorReason;
      /** A removal failed (not a save: the text's publishing does not answer it). */
      removal?: boolean | undefined;
    };

function initialDraft(
  roomId: string,
  userId: string | null,
  message: WelcomeMessage | null,
  markdown: string | undefined,
  fallback: WelcomeDraft["format"],
  readStorage = true,
) {
  const stored = readStorage ? storedDraft(roomId, userId, message, markdown, fallback) : null;
  if (stored) return { draft: stored, dirty: true };
  // Its Markdown source; else its text (an HTML-only welcome, another client's, e.g. MSC3857's `m.html` shorthand, opens
  // as its text); else an empty draft in the default format.
  const text =
    markdown === undefined && (message?.text || (message?.html ? htmlToPlainText(message.html) : ""));
  const draft: WelcomeDraft = {
    format: markdown !== undefined ? "markdown" : text ? "plain" : fallback,
    source: markdown ?? (text || ""),
    base: message?.eventId ?? "",
  };
  return { draft, dirty: false };
}

/**
 * The stored draft, unless it says just what the edition now shown says, and that edition is the one it began from
 * (the echo of a save the two-sync watch gave up on, come while no editor was open) or the user's own (a save whose
 * answer a reload cut off, or one from another device): nothing to save, it goes.
 */
function storedDraft(
  roomId: string,
  userId: string | null,
  message: WelcomeMessage | null,
  markdown: string | undefined,
  fallback: WelcomeDraft["format"],
): WelcomeDraft | null {
  const stored = loadDraft(roomId, userId);
  if (
    !stored ||
    !message ||
    (stored.base !== message.eventId && message.sender !== userId) ||
    !sameDraft(stored, initialDraft(roomId, userId, message, markdown, fallback, false).draft)
  )
    return stored;
  saveDraft(roomId, null, userId);
  return null;
}

/** What a draft publishes as, and what its preview shows. */
interface RenderedDraft {
  html?: string;
  previewHtml?: string | undefined;
  text: string;
  pending: boolean;
  failed: boolean;
}

/**
 * Renders a draft: `html` is what gets published (sanitized, mxc:// images kept), `previewHtml` what the dialog will
 * show (the same, with images resolved on this homeserver); Markdown only once the CommonMark library has loaded.
 */
function renderDraft(
  draft: WelcomeDraft,
  md: ((s: string) => string) | null,
  failed: boolean,
  client: MatrixClient,
): RenderedDraft {
  if (draft.format === "plain") return { text: draft.source, pending: false, failed: false };
  if (!md) return { text: draft.source, pending: !failed, failed };
  const html = sanitizeMatrixHtml(md(draft.source), { mediaUrl: keepMxcMedia, forPublishing: true });
  // As readers' dialogs do: HTML that shows nothing (an empty link, say) gives way to the plain text.
  const preview = sanitizeMatrixHtmlForDisplay(html, { mediaUrl: defaultMediaUrl(client) });
  return {
    html,
    previewHtml: preview.visible ? preview.html : undefined,
    text: htmlToPlainText(html),
    pending: false,
    failed: false,
  };
}

/** Markdown sources longer than this (in characters) are rendered again only once typing pauses. */
const LONG_MARKDOWN = 8_000;
/** How long typing must pause before a long Markdown source is rendered again, in ms. */
const LONG_MARKDOWN_PAUSE_MS = 250;

/**
 * The draft to render: the current one, or for a long Markdown source (whose render takes a noticeable time) the
 * one typed before the latest pause, so that typing never waits for renders of sources it has already changed.
 */
function useSettledDraft(draft: WelcomeDraft): WelcomeDraft {
  const [settled, setSettled] = useState(draft);
  const long = draft.format === "markdown" && draft.source.length > LONG_MARKDOWN;
  // A short draft is shown as it is; keeping it here makes a draft that grows long start from it.
  if (!long && settled !== draft) setSettled(draft);
  useEffect(() => {
    if (!long) return;
    const timer = setTimeout(() => setSettled(draft), LONG_MARKDOWN_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [draft, long]);
  return long ? settled : draft;
}

/**
 * The rendered draft, one render behind while typing (a long Markdown source takes a while to render; the text area
 * must not wait for it), and `renderNow` for the draft as it is this moment (what a save publishes).
 */
function useRenderedDraft(
  draft: WelcomeDraft,
  client: MatrixClient,
): readonly [rendered: RenderedDraft, renderNow: (d: WelcomeDraft) => RenderedDraft] {
  const [md, setMd] = useState<((s: string) => string) | null>(null);
  // The source being edited when loading failed: the next edit tries again (the network may be back).
  const [failedAt, setFailedAt] = useState<string | null>(null);
  const source = draft.source;
  useEffect(() => {
    if (draft.format !== "markdown" || md || failedAt === source) return;
    let live = true;
    loadMarkdown().then(
      (render) => live && setMd(() => render),
      () => live && setFailedAt(source),
    );
    return () => {
      live = false;
    };
  }, [draft.format, md, failedAt, source]);
  const failed = failedAt !== null;
  const shown = useDeferredValue(useSettledDraft(draft));
  return useMemo(() => {
    const rendered = renderDraft(shown, md, failed, client);
    const renderNow = (d: WelcomeDraft) => (d === shown ? rendered : renderDraft(d, md, failed, client));
    return [rendered, renderNow] as const;
  }, [shown, md, failed, client]);
}

/**
 * Whether `eventId` reached the client: in a timeline, or in the state a gappy sync's live timeline starts from (an
 * edition that came only in its `state` section).
 */
function arrived(room: Room | null, eventId: string): boolean {
  if (!room) return false;
  if (room.findEventById(eventId)) return true;
  const start = room.getLiveTimeline().getState(EventTimeline.BACKWARDS);
  return WELCOME_TYPES.some((type) => start?.getStateEvents(type, "")?.getId() === eventId);
}

/** The room's welcome event of the type readers go by (for a removed welcome: the emptied one), while joined. */
const welcomeEventOf = (room: Room | null) =>
  room && myMembership(room) === "join" ? liveWelcomeEvent(room, shownWelcomeType(room)) : undefined;

/** Whether the room's welcome is an emptied one `userId` sent (not redacted: a redacted event keeps its sender). */
function emptiedBy(room: Room | null, userId: string | null): boolean {
  const event = welcomeEventOf(room);
  // (An event implies the room.)
  return !!event && event.getSender() === userId && !isRedactedIn(event, room as Room);
}

/**
 * Whether the room's welcome is gone by the user's own hand, replacing the editions `replaced`: the room is known, the
 * user is in it, and the current state event of the type readers go by is a new one of theirs. Not a room forgotten or
 * left, nor someone else's removal, nor an old emptied welcome of theirs.
 */
function removedByMe(room: Room | null, userId: string | null, replaced: readonly string[]): boolean {
  // Only the event of the type readers go by removed it (a hidden copy of mine says nothing).
  const event = welcomeEventOf(room);
  return !!event && event.getSender() === userId && !replaced.includes(event.getId() ?? "");
}

/**
 * Whether a failed request may still have been applied by the server: no answer came, or it broke off (a lost
 * connection, a timeout, a body cut short: a bare TypeError from fetch), as opposed to one refused or never sent.
 */
function mayHaveApplied(error: unknown): boolean {
  return !(
    isTooLarge(error) ||
    error instanceof WelcomeForbiddenError ||
    isPermanentFailure(error) ||
    isSoftLogout(error) ||
    isRateLimited(error) ||
    isUsageLimit(error)
  );
}

/** Whether the text itself is at fault: too large for an event (found before sending, or by the homeserver). */
const isTooLarge = (error: unknown) =>
  error instanceof WelcomeTooLargeError || errcodeOf(error) === "M_TOO_LARGE";

/** Whether the homeserver refused a request over a usage limit (sends over its monthly active users, say). */
const isUsageLimit = (error: unknown) => errcodeOf(error) === "M_RESOURCE_LIMIT_EXCEEDED";

/** The Markdown source a draft publishes beside its bodies (none for plain text). */
const markdownOf = (draft: WelcomeDraft) => (draft.format === "markdown" ? draft.source : undefined);

/** Whether two drafts hold the same text in the same format. */
const sameDraft = (a: WelcomeDraft, b: WelcomeDraft) => a.format === b.format && a.source === b.source;

/** Whether a rendered draft has nothing to publish (no text, no image). */
const isEmptyRender = (r: RenderedDraft) => !hasVisibleText(r.text) && !/<img\b/i.test(r.html ?? "");

/**
 * An editor for a room's welcome message: Markdown or plain text, live preview, save and cancel, permission-aware.
 * Switching `roomId` (or the client's user) starts a fresh editor for that room (its own draft and status).
 */
export function WelcomeEditor(props: WelcomeEditorProps) {
  return <RoomWelcomeEditor key={`${props.client.getUserId()}|${props.roomId}`} {...props} />;
}

function RoomWelcomeEditor({
  client,
  roomId,
  stable,
  labels: labelOverrides,
  previewLabels,
  onSaved,
  onCancel,
  confirmRemoval = true,
  defaultFormat = "markdown",
  headingLevel,
  className,
  style,
}: WelcomeEditorProps) {
  // A level from untyped code outside 1-5 is the default's.
  const level = [1, 2, 3, 4, 5].includes(headingLevel as number) ? (headingLevel as number) : 2;
  const Heading = `h${level}` as "h2";
  const PreviewHeading = `h${level + 1}` as "h3";
  const labels = withLabelDefaults(defaultWelcomeEditorLabels, labelOverrides);
  const ids = useId();
  const userId = client.getUserId();
  const { message } = useWelcomeMessage(client, roomId);
  // Edits go to the type readers go by: the stable one while the room has a stable welcome event, even an emptied one
  // (also with `stable={false}`: an unstable edit would stay hidden behind it). Asked again when saving.
  const writeStable = stable || hasStableWelcome(roomOf(client, roomId));
  // Without `stable`, the permission store follows the default type live.
  const permission = useWelcomeEditPermission(client, roomId, stable ? { stable } : {});
  // Remove clears the type readers go by (which must be the user's to send), and a hidden copy of the other when it may.
  const removePermission = useWelcomeRemovePermission(client, roomId);
  // Read again for each edition: whether its HTML is formatted, its stored Markdown source, and the Markdown another
  // app's formatted welcome (HTML, no Markdown source) opens as, said the same way, where Markdown can say it.
  const [formatted, markdown, convertedMarkdown] = useMemo(() => {
    // The published welcome's event content as readers see it.
    const event = message
      ? liveState(roomOf(client, roomId))?.getStateEvents(message.eventType, "")
      : undefined;
    const content = event ? (readableContent(event) ?? undefined) : undefined;
    const markdown = markdownSourceOf(content);
    // Only once the message has its HTML: not in a hydrating render, which matches the server's text.
    const html = message?.html && markdown === undefined ? parseWelcomeContent(content)?.html : undefined;
    return [
      !!message?.html && hasFormatting(message.html),
      markdown,
      html
        ? (htmlToMarkdown(sanitizeMatrixHtml(html, { mediaUrl: keepMxcMedia, forPublishing: true })) ??
          undefined)
        : undefined,
    ] as const;
  }, [client, roomId, message]);
  /** What a draft from the published message starts as in Markdown: its stored source, or the conversion. */
  const draftMarkdown = markdown ?? convertedMarkdown;
  // A stored draft is read only in the browser (the server has no storage): hydration renders what the server did.
  const storageReadable = useHydrated();
  const [{ draft, dirty }, setDraftState] = useState(() =>
    initialDraft(roomId, userId, message, draftMarkdown, defaultFormat, storageReadable),
  );
  // After hydration: the stored draft, which the first render could not read.
  const storageRead = useRef(storageReadable);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, with the message shown then.
  useEffect(() => {
    if (storageRead.current || !storageReadable) return;
    storageRead.current = true;
    const stored = storedDraft(roomId, userId, message, draftMarkdown, defaultFormat);
    if (stored) setDraftState({ draft: stored, dirty: true });
  }, [storageReadable, roomId, userId]);
  const [status, setStatus] = useState<Status>("idle");
  // The edition this editor's answered removal cleared: Remove does nothing more while it still shows (its echo to come).
  const [removedEdition, setRemovedEdition] = useState<string | null>(null);
  // The saves and removals that failed but the server may have applied all the same (their echoes would say), since
  // the last attempt that succeeded: kept while the author types on (which clears the error), discards, or tries
  // again without success.
  const failedAttempts = useRef<UnconfirmedSave[]>([]);
  const resolver = useMemo(() => createAuthenticatedMediaResolver(client), [client]);
  const lastMessage = useRef(message);
  const previewRef = useKeyboardScrollable<HTMLElement>();

  // Editions this account's editors of the room published, and those their saves replaced: their sync echoes are no
  // news to the author (shared with an editor reopened while a save was out).
  const own = useMemo(() => ownEditions(client, roomId), [client, roomId]);
  const { published, replaced, unconfirmed } = own;
  // Saves and removals out for the room, perhaps from an editor closed (or switched away) since it was sent: while this
  // one shows the draft one sends, it waits for it too, and takes its outcome as its own. (Another draft may be saved
  // meanwhile: two editors of the room open at once each save their own text.)
  const requests = useSyncExternalStore(subscribeRequests, requestsChanged, requestsChanged);

  // Until the author types, follow the published message (it may arrive after mount, or change remotely).
  // biome-ignore lint/correctness/useExhaustiveDependencies: read when the message changes (the check above).
  useEffect(() => {
    if (lastMessage.current === message) return;
    lastMessage.current = message;
    // The echo of a save (or removal) whose answer never came (failed, timed out): the server applied it after all.
    if (!message)
      confirmByEcho(own, "", "", undefined, (removal) =>
        removedByMe(roomOf(client, roomId), userId, removal.replaces),
      );
    else if (message.sender === userId) confirmByEcho(own, message.eventId, message.text ?? "", markdown);
    // The failed attempt is confirmed (here, or by another editor of the room that saw the echo first).
    if (status !== "saving" && settleFailed(message, dirty)) return;
    // A draft begun from this very edition that says just what it does has nothing to save: the echo of a save that
    // awaitEcho gave up on came after all (a late sync; perhaps in an editor opened again since, or another tab).
    // Also one begun before an edition of the author's own that says just what the draft does (the echo of a save
    // whose answer was lost, come after the editor that sent it closed; or the same text saved in another tab or on
    // another device, which a reload would not offer to save either).
    if (
      dirty &&
      message &&
      (message.eventId === draft.base || message.sender === userId) &&
      sameDraft(draft, initialDraft(roomId, userId, message, draftMarkdown, defaultFormat, false).draft)
    ) {
      const stored = loadDraft(roomId, userId);
      if (stored && sameDraft(stored, draft)) saveDraft(roomId, null, userId);
      setDraftState({ draft: { ...draft, base: message.eventId }, dirty: false });
      // A failed attempt to save it again is moot: the text is published (no draft is kept).
      if (typeof status === "object" && !status.removal) setStatus("saved");
      return;
    }
    if (!dirty) setDraftState(initialDraft(roomId, userId, message, draftMarkdown, defaultFormat));
  }, [message, draftMarkdown, dirty, roomId, userId, defaultFormat]);

  /**
   * Finishes a failed attempt whose echo is what readers see now (`shown`); true if one was. Attempts whose echo came
   * already are dropped too (the draft followed it, or someone's edition replaced it). `keep`: the draft on screen is
   * newer than the attempt (the author has since tried to save it), so it stays.
   */
  const settleFailed = (shown: WelcomeMessage | null, isDirty: boolean, keep = false): boolean => {
    const list = failedAttempts.current;
    const done = shown
      ? isDirty
        ? list.find((u) => !u.removal && u.echo === shown.eventId)
        : undefined
      : list.find((u) => u.removal && u.echo === "");
    failedAttempts.current = list.filter((u) => u !== done && u.echo === undefined);
    if (!done) return false;
    if (done.removal) finishRemoval(done.draft.source, keep);
    else finishSave(done.draft, shown?.eventId ?? "", false, keep);
    return true;
  };

  const [rendered, renderNow] = useRenderedDraft(draft, client);
  const eventType = welcomeEventType({ stable: writeStable });
  const inFlight = useRef(false);
  const sourceRef = useRef<HTMLTextAreaElement>(null);
  const actionsRef = useRef<HTMLDivElement>(null);
  // The buttons keep focus while saving (aria-disabled), but one may go (Remove, once its removal's echo arrives) or be
  // lost otherwise: once done, focus that the page took returns to the text area, which the outcome describes.
  const restoreFocus = useRef(false);
  useEffect(() => {
    if (!restoreFocus.current || status === "saving") return;
    restoreFocus.current = false;
    const active = sourceRef.current && activeElementOf(sourceRef.current);
    // Focus kept on Remove after its removal was answered stays there (read next to "removed") until Remove goes with
    // the removal's echo, which hands it on (RemoveWelcomeButton).
    const lost = !active || active === active.ownerDocument.body || !active.isConnected;
    if (lost) sourceRef.current?.focus();
  }, [status]);
  const bytes = useMemo(
    () =>
      contentBytes(
        buildWelcomeContent(
          { text: rendered.text, html: rendered.html, markdown: markdownOf(draft) },
          eventType,
        ),
      ),
    [rendered, draft, eventType],
  );

  const update = (next: WelcomeDraft) => {
    setDraftState({ draft: next, dirty: true });
    saveDraft(roomId, next, userId);
    if (status !== "saving") setStatus("idle");
  };

  // This editor's own request (its outcome is handled where it was sent).
  const mine = useRef<UnconfirmedSave | null>(null);
  // Another editor's request this one waits for (kept across a switch to another client of the account): once it
  // ends, its outcome is this editor's too (the draft it saved is saved here, its error said here) while the draft on
  // screen is the one it sent.
  const awaited = useRef<UnconfirmedSave | null>(null);
  /** Another editor's request out for the room that sends `draft` (the same text sent again would be a duplicate). */
  const sendsThis = (draft: WelcomeDraft) =>
    [awaited.current, ...unconfirmed].find((u) => u?.out && u !== mine.current && sameDraft(u.draft, draft));

  /**
   * Runs one save or remove at a time (a double click must not send twice). `attempt` is what it asks the server to
   * do: until answered, its echo alone can tell it was applied; refused or never sent, it is dropped; once one
   * succeeds, earlier ones that got no answer are history.
   */
  const once = async (attempt: UnconfirmedSave, action: () => Promise<void>) => {
    if (inFlight.current || sendsThis(attempt.draft)) return;
    inFlight.current = true;
    mine.current = attempt;
    restoreFocus.current = !!actionsRef.current?.contains(activeElementOf(actionsRef.current));
    setStatus("saving");
    // Attempts that had failed before this one was sent: its success makes them history (not those still out, nor
    // later ones, perhaps in another editor, which the server may apply after this).
    const earlier = [...unconfirmed].filter((u) => !u.out);
    unconfirmed.add(attempt);
    setOut(attempt, true);
    try {
      await action();
      for (const done of [...earlier, attempt]) unconfirmed.delete(done);
      failedAttempts.current = [];
    } catch (error) {
      attempt.outcome = { error };
      const unanswered = unconfirmed.has(attempt) && mayHaveApplied(error);
      if (!unanswered) unconfirmed.delete(attempt);
      sayFailed(attempt, error);
    } finally {
      inFlight.current = false;
      setOut(attempt, false);
    }
  };

  /** `attempt` failed with `error`: said, and kept while the server may have applied it all the same. */
  const sayFailed = (attempt: UnconfirmedSave, error: unknown) => {
    if (unconfirmed.has(attempt) && !failedAttempts.current.includes(attempt))
      failedAttempts.current.push(attempt);
    // An earlier failed attempt whose echo came while this one was out is done (the error still stands).
    settleFailed(lastMessage.current, draftNow.current.dirty, true);
    setStatus({
      reason: errorReason(error, !!attempt.removal),
      removal: attempt.removal,
    });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: when a request goes out or ends, or the draft changes.
  useEffect(() => {
    const waited = awaited.current;
    if (waited && !waited.out) {
      awaited.current = null;
      const outcome = waited.outcome;
      if (outcome && sameDraft(draftNow.current.draft, waited.draft)) {
        if ("error" in outcome) sayFailed(waited, outcome.error);
        else if (waited.removal) {
          if (waited.replaces[0]) setRemovedEdition(waited.replaces[0]);
          finishRemoval(waited.draft.source);
        } else answered(waited.draft, outcome.eventId);
      }
    }
    awaited.current ??= sendsThis(draftNow.current.draft) ?? null;
  }, [requests, own, draft]);

  const save = async () => {
    // The draft as typed this moment (the preview may be a keystroke behind).
    const saved = draft;
    const now = renderNow(saved);
    if (now.pending || now.failed || isEmptyRender(now)) return;
    let answer: Awaited<ReturnType<typeof setWelcomeMessage>> | undefined;
    // What the save replaces: the edition the draft began from and the one readers see now (perhaps someone else's,
    // which the author chose to replace).
    const savedMarkdown = markdownOf(saved);
    const attempt: UnconfirmedSave = {
      text: now.text,
      markdown: savedMarkdown,
      draft: saved,
      replaces: [saved.base ?? "", current],
    };
    await once(attempt, async () => {
      let result: { eventId: string };
      try {
        result = await setWelcomeMessage(
          client,
          roomId,
          { text: now.text, html: now.html },
          { stable: writeStable || hasStableWelcome(roomOf(client, roomId)), markdown: savedMarkdown },
        );
      } catch (error) {
        // The answer was lost, but its echo came first: the room shows this save.
        if (!attempt.echo) throw error;
        result = { eventId: attempt.echo };
      }
      const base = result.eventId;
      // A draft begun after this editor's own removal replaces "no welcome", whose echo may still be on its way.
      claim(own, base, attempt.replaces);
      attempt.outcome = { eventId: base };
      answered(saved, base);
      answer = result;
    });
    // Outside the save: a throwing callback is the app's error (reported as such), not a failed save.
    const result = answer;
    if (result) callApp(() => onSaved?.(result));
  };

  /** The save of `saved` was answered with the edition `base`. */
  const answered = (saved: WelcomeDraft, base: string) => {
    // Someone else's edition came after this one (its echo is in, and readers see another): unsaved again.
    const shown = lastMessage.current?.eventId ?? "";
    const inSight = arrived(roomOf(currentClient.current, roomId), base);
    finishSave(saved, base, shown !== base && inSight);
    // Not in sight yet: its echo is on its way, or a gap hid it behind a later edition (which may be shown already).
    if (shown !== base && !inSight) watchEcho(saved, base);
  };

  // Until the echo of this editor's last save arrives, or two syncs tell that a gap hid it behind someone else's.
  const echoWatch = useRef<(() => void) | null>(null);
  // Whether this editor is still open for the room (a save's answer may come after it closed: then no watch).
  const watching = useRef(false);
  // The save being watched for: a watch stopped while the editor was hidden (<Activity>) starts again when it shows.
  const pendingEcho = useRef<[saved: WelcomeDraft, base: string] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the watch ends with the room (or client) it was for.
  useEffect(() => {
    watching.current = true;
    const pending = pendingEcho.current;
    if (pending) watchEcho(...pending);
    return () => {
      watching.current = false;
      echoWatch.current?.();
      echoWatch.current = null;
    };
  }, [client, roomId]);
  const draftNow = useRef({ draft, dirty });
  draftNow.current = { draft, dirty };
  // The client the editor shows now: a save answered after a switch to another session of the same user (the app
  // signed in again, say) awaits its echo there, not on the client it was sent with (perhaps logged out since).
  const currentClient = useRef(client);
  currentClient.current = client;
  const watchEcho = (saved: WelcomeDraft, base: string) => {
    echoWatch.current?.();
    echoWatch.current = null;
    pendingEcho.current = [saved, base];
    if (!watching.current) return;
    const watched = currentClient.current;
    echoWatch.current = awaitEcho(
      watched,
      () => {
        const arrivedNow = arrived(roomOf(watched, roomId), base);
        if (arrivedNow) pendingEcho.current = null;
        return arrivedNow;
      },
      () => {
        echoWatch.current = null;
        pendingEcho.current = null;
        // A gap hid it for good: no echo of it is to come (kept, it would keep the editions it replaced own for ever).
        // Not while readers still see an edition own saves replaced: no gap hid it, its echo is late (a sync behind).
        if (!replaced.has(lastMessage.current?.eventId ?? "")) published.delete(base);
        // Unsaved again (as when theirs came after it in sight), while the author has not moved on from that save.
        const now = draftNow.current;
        if (now.dirty || now.draft.base !== base || !sameDraft(now.draft, saved)) return;
        if (!loadDraft(roomId, userId)) saveDraft(roomId, now.draft, userId);
        setDraftState({ draft: now.draft, dirty: true });
      },
    );
  };

  /**
   * A save of `saved` is published as `base`: the stored draft goes unless newer text was typed meanwhile (also when
   * this editor has gone: another room); such text now builds on `base`. `superseded`: someone else's edition came
   * after it, so the draft is unsaved again.
   */
  const finishSave = (saved: WelcomeDraft, base: string, superseded = false, keep = false) => {
    const stored = loadDraft(roomId, userId);
    if (stored && !keep && sameDraft(stored, saved))
      saveDraft(roomId, superseded ? { ...saved, base } : null, userId);
    else if (stored) saveDraft(roomId, { ...stored, base }, userId);
    setDraftState((now) =>
      !keep && sameDraft(now.draft, saved)
        ? { draft: { ...saved, base }, dirty: superseded }
        : { draft: { ...now.draft, base }, dirty: now.dirty },
    );
    setStatus("saved");
  };

  /**
   * A removal is done: text typed while it was out stays a draft (building on "no welcome"); the draft before it
   * (`before`) goes. Judged by text (a format switch is no new text), in storage (where an editor reopened meanwhile
   * typed too) and on screen alike.
   */
  const finishRemoval = (before: string, keep = false) => {
    const stored = loadDraft(roomId, userId);
    saveDraft(roomId, stored && (keep || stored.source !== before) ? { ...stored, base: "" } : null, userId);
    setDraftState((now) =>
      keep || now.draft.source !== before
        ? { draft: { ...now.draft, base: "" }, dirty: true }
        : { draft: { format: now.draft.format, source: "", base: "" }, dirty: false },
    );
    setStatus("removed");
  };

  const remove = () => {
    const before = draft;
    const pressedOn = current;
    // The editions it clears go: the shown one, and a hidden copy once the homeserver accepted its clearing; neither is
    // news to the author. A hidden copy left (not theirs to send, or refused) is: should it come back, someone else
    // brought it.
    const room = roomOf(client, roomId);
    const shown = shownWelcomeType(room);
    const state = liveState(room);
    const idOf = new Map(
      WELCOME_TYPES.map((type) => [type as string, state?.getStateEvents(type, "")?.getId() ?? ""]),
    );
    const replaces = [idOf.get(shown) ?? ""].filter((id) => id);
    const attempt: UnconfirmedSave = { removal: true, text: "", draft: before, replaces };
    return once(attempt, async () => {
      try {
        await clearWelcomeTypes(client, roomId, (type) => {
          const id = idOf.get(type);
          if (type !== shown && id) replaces.push(id);
        });
      } catch (error) {
        // The answer was lost, but the welcome is gone already: the removal was applied.
        if (attempt.echo === undefined) throw error;
      }
      // "No welcome" is this editor's own edition too, until the removal's echo arrives.
      claim(own, "", attempt.replaces);
      attempt.outcome = { eventId: "" };
      setRemovedEdition(pressedOn);
      finishRemoval(before.source);
    });
  };

  /** Drops the draft and shows the published message again. */
  const discard = () => {
    saveDraft(roomId, null, userId);
    setDraftState(initialDraft(roomId, userId, message, draftMarkdown, defaultFormat));
    setStatus("idle");
  };

  const cancel = () => {
    discard();
    onCancel?.();
  };

  // Someone else published a new edition (or removed it) since this draft started: saving would replace it unseen.
  // Not while saving, nor for this editor's own save and its echo (which may arrive before or after the response).
  const current = message?.eventId ?? "";
  // Once another edition (or none) shows, the answered removal is done with: should the cleared edition show again
  // (the removal redacted), Remove is offered again.
  if (removedEdition !== null && removedEdition !== current) setRemovedEdition(null);
  const ownChange =
    (current !== "" && published.has(current)) ||
    (published.has(draft.base ?? "") && replaced.has(current)) ||
    // The echo of a save whose answer never came, arrived while no editor of the room was open.
    (!!message &&
      message.sender === userId &&
      // An edition without a text/plain body (an image without alt text) published "".
      [...unconfirmed].some((u) => publishes(u, message.text ?? "", markdown)));
  // Nor while the room is not known yet (a reload): its welcome is not "none", just not synced.
  const saving = status === "saving" || !!sendsThis(draft);
  const changedElsewhere =
    dirty &&
    !saving &&
    permission.reason !== "unknown-room" &&
    draft.base !== undefined &&
    draft.base !== current &&
    !ownChange;
  // The change was the author's own, from another tab or device: a new edition of theirs, or the welcome they emptied.
  // (Not a redaction: the redacted event keeps its sender, whoever redacted it.)
  const changedByMe =
    changedElsewhere && (message ? message.sender === userId : emptiedBy(roomOf(client, roomId), userId));
  // Once an edition of this editor's own is what readers see, the ones before it (a removal included) are history:
  // a later change to any of them is someone else's. Not those published after it (recorded later, or not arrived),
  // whose echoes a lagging sync has yet to bring: they stay own.
  // (Also when the save's response comes after its echo: the status changes then.)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the status's kind re-runs the check once a save's response is in.
  useEffect(() => {
    if (current === "" || !published.has(current)) return;
    const ids = [...published];
    const at = ids.indexOf(current);
    const room = roomOf(client, roomId);
    // Also those recorded before it whose echo is yet to come: answers may come back in another order than the server
    // applied the saves (two editors of the room).
    const later = ids.filter((id, i) => i >= at || (id !== "" && !arrived(room, id)));
    published.clear();
    for (const id of later) published.add(id);
    if (later.length === 1) replaced.clear();
  }, [current, typeof status === "string" && status]);

  const readOnly = !permission.canEdit;
  // A draft from a formatted welcome the editor cannot open as Markdown (another app's HTML): its formatting goes.
  const formattingNotKept =
    !readOnly &&
    draftMarkdown === undefined &&
    message !== null &&
    draft.base === message.eventId &&
    formatted;
  const removable = removePermission.canEdit;
  const readOnlyReason =
    permission.reason === "not-joined"
      ? labels.readOnlyNotJoined
      : permission.reason === "power-level"
        ? labels.readOnlyPowerLevel(permission.requiredLevel, permission.userLevel)
        : permission.reason === "unknown-room"
          ? labels.readOnlyUnknownRoom
          : null;
  // Judged by what readers will see: an image counts, markup around nothing (`<p>&nbsp;</p>`) does not.
  // Nothing typed counts at once (the rendered preview may be a keystroke behind).
  const empty = !draft.source.trim() || isEmptyRender(rendered);
  const failed = typeof status === "object";
  const tooLarge = bytes > MAX_CONTENT_BYTES;
  // Said while typing, before any save (Save is disabled then), unless a save's error says it already; not to someone
  // who may not edit (a welcome over the limit they cannot shorten).
  const textAtFault = failed && status.reason === "errorTooLarge";
  const tooLargeNote = tooLarge && !readOnly && !textAtFault;
  const invalid = (tooLarge && !readOnly) || textAtFault;
  const saveBlocked =
    readOnly || !dirty || empty || tooLarge || rendered.pending || rendered.failed || saving;
  // A format option with focus when the permission goes loses it as its fieldset is disabled (the browser blurs it
  // then, in the middle of React's commit, to nowhere): it moves to the text area, still readable, not the page body.
  const formatRef = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    const fieldset = formatRef.current;
    const onFocusOut = (e: FocusEvent) => {
      if (fieldset?.disabled && !e.relatedTarget) sourceRef.current?.focus();
    };
    fieldset?.addEventListener("focusout", onFocusOut);
    return () => fieldset?.removeEventListener("focusout", onFocusOut);
  }, []);
  const preview: WelcomeMessage = {
    eventId: "preview",
    eventType,
    sender: client.getUserId() ?? "",
    ts: 0,
    text: rendered.text,
    ...(rendered.previewHtml ? { html: rendered.previewHtml } : {}),
  };

  return (
    <section
      className={className ? `mnk-welcome-editor ${className}` : "mnk-welcome-editor"}
      style={style}
      data-part="root"
      aria-labelledby={`${ids}-heading`}
    >
      <Heading id={`${ids}-heading`} data-part="heading">
        {labels.heading}
      </Heading>
      {readOnly && readOnlyReason ? (
        <p data-part="read-only" id={`${ids}-readonly`}>
          {readOnlyReason}
        </p>
      ) : null}
      <fieldset data-part="format" disabled={readOnly} ref={formatRef}>
        <legend>{labels.format}</legend>
        {(["markdown", "plain"] as const).map((format) => (
          <label key={format}>
            <input
              type="radio"
              name={`${ids}-format`}
              value={format}
              checked={draft.format === format}
              onChange={() => update({ ...draft, format })}
            />
            {/* In a span, not a text node beside the input: a page translator replaces text nodes (see LinkifiedText). */}
            <span>{format === "markdown" ? labels.formatMarkdown : labels.formatPlain}</span>
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${ids}-source`} data-part="label">
        {labels.message}
      </label>
      <textarea
        ref={sourceRef}
        id={`${ids}-source`}
        data-part="source"
        // Without a letter yet (empty, "# ", "1. "), it follows the page (dir="auto" would make it left to right).
        dir={/\p{L}/u.test(draft.source) ? "auto" : undefined}
        rows={10}
        value={draft.source}
        readOnly={readOnly}
        aria-readonly={readOnly || undefined}
        aria-describedby={`${ids}-hint${formattingNotKept ? ` ${ids}-formatting` : ""} ${ids}-size${tooLargeNote ? ` ${ids}-too-large` : ""}${readOnly ? ` ${ids}-readonly` : ""}${failed ? ` ${ids}-error` : ""}`}
        aria-invalid={invalid || undefined}
        onChange={(e) => update({ ...draft, source: e.target.value })}
      />
      <p id={`${ids}-hint`} data-part="hint">
        {draft.format === "markdown" ? labels.markdownHint : ""}
      </p>
      {formattingNotKept ? (
        <p id={`${ids}-formatting`} data-part="formatting-note">
          {labels.formattingNotKept}
        </p>
      ) : null}
      <div aria-live="polite" data-part="changed-elsewhere">
        {changedElsewhere ? (
          <>
            <p id={`${ids}-changed`}>
              {changedByMe ? labels.changedElsewhereByYou : labels.changedElsewhere}
            </p>
            <button
              type="button"
              // It moves focus to the text area: a held Enter's repeats would type empty lines into theirs.
              onKeyDown={swallowKeyRepeats}
              onClick={(e) => {
                // The button goes with the notice: keyboard focus moves to the text now showing theirs.
                const focused = activeElementOf(e.currentTarget) === e.currentTarget;
                discard();
                if (focused) sourceRef.current?.focus();
              }}
            >
              {changedByMe ? labels.discardDraftForYours : labels.discardDraft}
            </button>
          </>
        ) : null}
      </div>
      {rendered.failed ? (
        <p role="alert" data-part="markdown-error" id={`${ids}-markdown-error`}>
          {labels.markdownUnavailable}
        </p>
      ) : null}
      <p id={`${ids}-size`} data-part="size" data-over-limit={tooLarge || undefined}>
        {/* Isolated, in the direction of its first letter: the English default opens with a number, which a
            right-to-left page would otherwise move to the end ("of 63,488 bytes 267"). Translations keep theirs. */}
        <bdi>{labels.size(bytes, MAX_CONTENT_BYTES)}</bdi>
      </p>
      {/* Announced once when the text grows past the limit (a live region kept in the page for that). */}
      <div aria-live="polite" data-part="too-large">
        {tooLargeNote ? <p id={`${ids}-too-large`}>{labels.errorTooLarge}</p> : null}
      </div>
      <PreviewHeading data-part="preview-heading" id={`${ids}-preview`}>
        {labels.preview}
      </PreviewHeading>
      {/* A named region: keyboard users reach it when it scrolls, and hear what it is. */}
      <section
        data-part="preview"
        className="mnk-welcome-preview"
        ref={previewRef}
        aria-labelledby={`${ids}-preview`}
      >
        {empty ? (
          <p data-part="preview-empty">{labels.previewEmpty}</p>
        ) : (
          <WelcomeBody
            message={preview}
            labels={withLabelDefaults(defaultWelcomeDialogLabels, previewLabels)}
            resolveMedia={resolver}
          />
        )}
      </section>
      {failed ? (
        <p role="alert" data-part="error" id={`${ids}-error`}>
          {labels.errorWithDraftKept(labels[status.reason], labels.draftKept)}
        </p>
      ) : null}
      <p role="status" data-part="status">
        {status === "saved" ? labels.saved : status === "removed" ? labels.removed : ""}
      </p>
      <div data-part="actions" ref={actionsRef}>
        {/* Unavailable buttons are aria-disabled, not disabled: they keep keyboard focus through a save (a disabled one
            drops it, and the move that follows makes a screen reader read the outcome twice or cut off "Saved"), and
            stay in the tab order, described by why where the editor shows a reason. */}
        <button
          type="button"
          data-part="save"
          onClick={() => (saveBlocked ? undefined : save())}
          aria-describedby={
            [
              changedElsewhere && `${ids}-changed`,
              readOnly && readOnlyReason && `${ids}-readonly`,
              tooLargeNote && `${ids}-too-large`,
              rendered.failed && `${ids}-markdown-error`,
            ]
              .filter(Boolean)
              .join(" ") || undefined
          }
          aria-disabled={saveBlocked || undefined}
        >
          {saving ? labels.saving : labels.save}
        </button>
        <button
          type="button"
          data-part="cancel"
          onClick={() => (saving ? undefined : cancel())}
          aria-disabled={saving || undefined}
        >
          {labels.cancel}
        </button>
        {message && !readOnly && removable ? (
          <RemoveWelcomeButton
            labels={labels}
            confirm={confirmRemoval}
            disabled={saving || removedEdition === current}
            onRemove={remove}
            focusAfterConfirm={() => sourceRef.current?.focus()}
            subject={current}
          />
        ) : null}
      </div>
    </section>
  );
}
