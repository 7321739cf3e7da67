"use client";

import { type KeyboardEvent, type MouseEvent, useEffect, useMemo, useRef } from "react";
import { activeElementOf } from "../core/activeElementOf.js";
import { downloadQueue } from "../core/downloadQueue.js";
import { getOrCreate } from "../core/getOrCreate.js";
import { LinkifiedText } from "../core/LinkifiedText.js";
import type { Overrides } from "../core/overrides.js";
import { callApp, reportAppError } from "../core/reportAppError.js";
import { blockDirection, estimateDirection } from "../core/textDirection.js";
import { parseInert, trustedHtml } from "../core/trustedHtml.js";
import { useHydrated } from "../core/useHydrated.js";
import { useIsomorphicLayoutEffect } from "../core/useIsomorphicLayoutEffect.js";
import { withLabelDefaults } from "../core/withLabelDefaults.js";
import { followTheme } from "./followTheme.js";
import {
  altOf,
  type CappedImage,
  capImage,
  focusFirstImage,
  focusImage,
  type HiddenImage,
  hideImage,
  showMoreButton,
  unhideImage,
} from "./hiddenImages.js";
import { type ImageConsentStore, sessionImageConsentStore } from "./imageConsent.js";
import { linkTargetTitle } from "./linkTargetTitle.js";
import type { MediaResolver } from "./mediaResolver.js";
import {
  canMeasureColors,
  hasAuthorColors,
  makeAuthorColorsReadable,
  paintSentColors,
  restoreAuthorColors,
} from "./readableAuthorColors.js";
import { isRecentSanitizerOutput } from "./recentSanitizerOutputs.js";
import { isStoreSanitized } from "./sanitizedMessages.js";
import { sanitizeMatrixHtmlForDisplay } from "./sanitizeMatrixHtml.js";
import { keepTablesKeyboardScrollable } from "./scrollableTables.js";
import type { WelcomeMessage } from "./WelcomeStore.js";
import { defaultWelcomeDialogLabels, type WelcomeDialogLabels } from "./welcomeLabels.js";

/** Props of {@link WelcomeBody}. */
export interface WelcomeBodyProps {
  /**
   * The message to render. Its `html` is shown as it is when the kit sanitized it (`useWelcomeMessage`'s, or a
   * recent `sanitizeMatrixHtml` result); any other HTML (`parseWelcomeContent`'s is as sent) is sanitized here first,
   * without your `mediaUrl`, so its images show their alt text.
   */
  message: WelcomeMessage;
  /** Strings for spoilers, images and the links' new-tab hint: any of the dialog's labels (English for the rest). */
  labels?: Overrides<WelcomeDialogLabels> | undefined;
  /** Loads images; without one, images keep their URL as it is. */
  resolveMedia?: MediaResolver | undefined;
  /**
   * Whether images load without a click (default true): false puts a "show image" button in place of each, as
   * MSC4278's media preview setting asks (`<WelcomeDialog>` reads it from the user's account data); one click shows
   * every image of that URL in the message.
   */
  mediaPreviews?: boolean | undefined;
  /**
   * Where the user's click to see a hidden image is remembered, per edition (`message.eventId`) and URL, so that the
   * images they asked for show without a click when the welcome shows again, as MSC4278 asks (default
   * `sessionImageConsentStore`: for the page's lifetime; `createStorageImageConsentStore` keeps it across reloads).
   */
  imageConsent?: ImageConsentStore | undefined;
  /**
   * A value whose change loads again the images that failed (their alt text stands in meanwhile): `<WelcomeDialog>`
   * passes one that changes each time sync comes back, so images lost to an outage show once the network does.
   */
  imageRetryKey?: unknown;
  /**
   * The sender's text colours: `"readable"` (default) mixes one with less than 4.5:1 contrast on the background it
   * lands on just far enough towards white or black, hue kept (dark blue on a dark dialog, yellow on a light one);
   * `"as-sent"` keeps them.
   */
  authorColors?: AuthorColors | undefined;
}

/** How {@link WelcomeBody} shows the sender's text colours. */
export type AuthorColors = "readable" | "as-sent";

/** Images of one message downloaded at once, at most. */
const MAX_DOWNLOADS = 6;

/** Image URLs of one message shown without being asked for, at most (the rest wait behind "Show image" buttons). */
const MAX_SHOWN_URLS = 50;

/**
 * The blocks that may take a direction of their own in a welcome in several languages. Not list items (a marker on
 * the side without the list's indent would hang outside it) nor table rows: they follow their list or table.
 */
const BLOCKS = "p,h1,h2,h3,h4,h5,h6,ul,ol,dl,dt,dd,blockquote,table,caption,th,td,div,details,summary";

/** The text under `root`, a space between its text nodes: words of adjacent blocks or lines never run together. */
function textOf(root: Node): string {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.nodeValue ?? "");
  return parts.join(" ");
}

/**
 * The sanitized HTML as shown. The body takes the direction the message is written in (textDirection: its first
 * word's when most words agree, else right to left), and a block of at least two words written in the other
 * direction takes its own (`dir`), so a welcome in Arabic then English lays out each paragraph, list and quotation
 * in its language's direction, while an Arabic paragraph that opens with a product name, a Hebrew one full of English
 * terms, or a one-word heading "Matrix" stays with the welcome. Image URLs move to `data-mnk-src` so nothing loads
 * before the resolver runs (an authenticated media URL in a plain `src` would be requested without the token), and
 * each table goes in a box that scrolls sideways by itself. Parsing happens in an inert template: nothing is fetched.
 * Null where the page's Trusted Types refuse the kit's policy (the plain text shows).
 */
function forDisplay(html: string): { html: string; markup: string; dir: "ltr" | "rtl" | "auto" } | null {
  const template = parseInert(html);
  if (!template) return null;
  const dir = estimateDirection(textOf(template.content)) ?? "auto";
  const shown = new Map<Element, string>();
  for (const block of template.content.querySelectorAll(BLOCKS)) {
    const outer = block.parentElement?.closest(BLOCKS);
    const around = (outer && shown.get(outer)) ?? dir;
    const own = blockDirection(textOf(block), around);
    if (own !== around) block.setAttribute("dir", own);
    shown.set(block, own);
  }
  // A table wider than the message scrolls sideways in a box of its own, not the whole message with it.
  for (const table of template.content.querySelectorAll("table")) {
    const box = template.content.ownerDocument.createElement("div");
    box.setAttribute("data-mnk-table-scroll", "");
    // Scrolled from the table's own start (a right-to-left table in a left-to-right welcome).
    const dir = table.getAttribute("dir");
    if (dir) box.setAttribute("dir", dir);
    table.before(box);
    box.append(table);
  }
  for (const img of template.content.querySelectorAll("img")) {
    const src = img.getAttribute("src");
    if (src) img.setAttribute("data-mnk-src", src);
    img.removeAttribute("src");
  }
  const result = template.innerHTML;
  const markup = trustedHtml(result);
  return markup === null ? null : { html: result, markup, dir };
}

/**
 * Appends (or updates) a visually hidden "(opens in a new tab)" to a link that has a name of its own: a link named
 * only by the hint would hide that it says nothing. The hint has its own `dir`, so it never sways the direction
 * `dir="auto"` finds for the message.
 */
function addNewTabHint(link: Element, label: string) {
  let hint = link.querySelector<HTMLElement>(":scope > [data-mnk-new-tab-hint]");
  if (!hint) {
    const named =
      (link.textContent ?? "").trim() !== "" ||
      [...link.querySelectorAll("img[alt]")].some((img) => img.getAttribute("alt")?.trim());
    if (!named) return;
    hint = link.ownerDocument.createElement("span");
    hint.className = "mnk-visually-hidden";
    hint.dir = "auto";
    hint.setAttribute("data-mnk-new-tab-hint", "");
    link.append(hint);
  }
  if (hint.textContent !== ` ${label}`) hint.textContent = ` ${label}`;
}

// A link whose text does not say where it goes shows its target on hover (the new-tab hint is not its text). One
// holding an image always does, also over the image's own title: neither the picture nor its alt text (which stands in
// when it fails to load) says where the link goes.
function showTarget(link: HTMLAnchorElement) {
  let text = "";
  for (const node of link.childNodes)
    if (!(node as Element).hasAttribute?.("data-mnk-new-tab-hint")) text += node.textContent ?? "";
  const images = link.querySelectorAll("img");
  const title = images.length > 0 ? link.href : linkTargetTitle(text, link.href);
  if (title) link.title = title;
  for (const img of images) if (img.hasAttribute("title")) img.title = link.href;
}

/**
 * The show-image button's text for an image with `alt` (isolated in U+2068..U+2069 within the kit's sentence): text
 * only (a button's text is set as text), so a label given as rich text gives the English one.
 */
function showImageText(label: WelcomeDialogLabels["showImage"], alt: string): string {
  const isolated = alt && `\u2068${alt}\u2069`;
  const text: unknown = label(isolated);
  return typeof text === "string" || typeof text === "number"
    ? String(text)
    : defaultWelcomeDialogLabels.showImage(isolated);
}

/** The text of the button that shows the images past the cap (`count` of them): text only, as {@link showImageText}. */
function showMoreText(label: WelcomeDialogLabels["showMoreImages"], count: number): string {
  const text: unknown = label(count);
  return typeof text === "string" || typeof text === "number"
    ? String(text)
    : defaultWelcomeDialogLabels.showMoreImages(count);
}

/** Puts a failed image back in place of its stand-in `text`; focus on the stand-in goes to the image. */
function putBack(img: HTMLImageElement, text: HTMLElement): void {
  const focused = activeElementOf(text) === text;
  text.replaceWith(img);
  if (focused) focusImage(img);
}

function revealSpoiler(target: EventTarget | null) {
  const spoiler = (target as Element | null)?.closest?.("span[data-mx-spoiler]");
  if (!spoiler || spoiler.getAttribute("data-revealed") === "true") return false;
  spoiler.setAttribute("data-revealed", "true");
  spoiler.removeAttribute("role");
  // Keep it focusable from script so keyboard focus stays on the revealed text instead of falling to <body>.
  spoiler.setAttribute("tabindex", "-1");
  spoiler.removeAttribute("aria-label");
  spoiler.removeAttribute("title");
  return true;
}

/** The welcome text: sanitized HTML (spoilers hidden until activated, images through the resolver), else plain text. */
export function WelcomeBody({
  message,
  labels: given,
  resolveMedia,
  authorColors = "readable",
  mediaPreviews = true,
  imageConsent = sessionImageConsentStore,
  imageRetryKey,
}: WelcomeBodyProps) {
  // Checked as the dialog's are: an entry missing or of the wrong type, or a label function that throws, gives English.
  const labels = useMemo(() => withLabelDefaults(defaultWelcomeDialogLabels, given), [given]);
  const ref = useRef<HTMLDivElement>(null);
  // Effects read the latest labels and resolver without re-running (inline props must not reload images).
  const now = { labels, resolveMedia, imageConsent, eventId: message.eventId };
  const latest = useRef(now);
  latest.current = now;
  // HTML the kit's sanitizer made for display (the welcome store's, a recent `sanitizeMatrixHtml` result, or the one
  // this body showed last) is shown as it is; any other (an app passing `parseWelcomeContent`'s raw HTML) is
  // sanitized here first, and shows its plain text when nothing visible survives, or while there is no DOM to
  // sanitize with (the server, and the render hydrating its HTML; the store gives no HTML there either). Trust is
  // decided once per HTML: a re-render must not sanitize it again (dropping its images) because the sanitizer has made
  // other HTML since.
  const sent = message.html;
  const lastShown = useRef<string | null>(null);
  const hydrated = useHydrated();
  const plain = useMemo(() => splitByDirection(message.text ?? ""), [message.text]);
  const shown = useMemo(() => {
    if (!sent || !hydrated || typeof document === "undefined") return null;
    const trusted = sent === lastShown.current || isStoreSanitized(sent) || isRecentSanitizerOutput(sent);
    // A page whose Trusted Types refuse DOMPurify's policy makes it throw: the plain text shows (reported).
    const sanitized = trusted
      ? { html: sent, visible: true }
      : callApp(() => sanitizeMatrixHtmlForDisplay(sent));
    if (!sanitized?.visible) return null;
    lastShown.current = sanitized.html;
    return forDisplay(sanitized.html);
  }, [sent, hydrated]);
  const html = shown?.html;
  // One prop object per HTML: React before 19.3 sets `innerHTML` again whenever the object is new, wiping what the
  // effects below added (new-tab hints, spoiler buttons, images), which run again only when the HTML changes. Hook
  // state, not a ref written in render: a render React throws away (a transition that suspends) must not change it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: one per HTML, not per `shown`.
  const inner = useMemo(() => (shown ? { __html: shown.markup } : undefined), [html]);

  // The sender's colours, measured against the background they are painted on before the first paint, and again when
  // the theme may have changed (see followTheme); `colors.current` is what the last pass saw.
  const colors = useRef<{ seen?: string } | null>(null);
  useIsomorphicLayoutEffect(() => {
    const root = ref.current;
    colors.current = null;
    if (!root || !html) return;
    paintSentColors(root);
    if (authorColors !== "readable") return;
    if (!hasAuthorColors(root) || !canMeasureColors()) return;
    const memo = {};
    colors.current = memo;
    return followTheme(
      root,
      // A failure of the pass (a browser's quirk) is reported, never thrown into the app.
      () => callApp(() => makeAuthorColorsReadable(root, memo)),
      () => callApp(() => restoreAuthorColors(root)),
    );
  }, [html, authorColors]);

  // Links (the sanitizer makes them all open in a new tab) say so to screen readers, as plain-text links do; the
  // hint follows a change of the label (a language switch). One whose text is not its target shows the target on hover.
  const newTabLabel = labels.opensInNewTab;
  useEffect(() => {
    const root = ref.current;
    if (!root || !html) return;
    for (const link of root.querySelectorAll("a[href]")) showTarget(link as HTMLAnchorElement);
    for (const link of root.querySelectorAll('a[href][target="_blank"]')) addNewTabHint(link, newTabLabel);
  }, [html, newTabLabel]);

  // A table wider than the message scrolls in its box, which keyboard users can reach while it does.
  useEffect(() => {
    const root = ref.current;
    return root && html ? keepTablesKeyboardScrollable(root) : undefined;
  }, [html]);

  // Spoilers become keyboard-operable buttons until revealed; their text is not announced while hidden. Their name
  // and hint follow a change of the labels (a language switch), as the new-tab hint does.
  const spoilerLabel = labels.spoiler;
  const spoilerHint = labels.revealSpoiler;
  useEffect(() => {
    const root = ref.current;
    if (!root || !html) return;
    for (const spoiler of root.querySelectorAll("span[data-mx-spoiler]")) {
      if (spoiler.getAttribute("data-revealed") === "true") continue;
      const reason = spoiler.getAttribute("data-mx-spoiler") ?? "";
      spoiler.setAttribute("role", "button");
      spoiler.setAttribute("tabindex", "0");
      spoiler.setAttribute("aria-label", spoilerLabel);
      // The sender's reason isolated (U+2068..U+2069) within the kit's sentence.
      // An attribute holds text only: a hint given as rich text (a list of parts) gives the English one.
      const isolated = reason && `\u2068${reason}\u2069`;
      const hint = spoilerHint(isolated);
      spoiler.setAttribute(
        "title",
        typeof hint === "string" ? hint : defaultWelcomeDialogLabels.revealSpoiler(isolated),
      );
      // Its own text goes in a span too, so that the stylesheet hides it (`visibility`, not just a transparent
      // colour): hidden text is no visible label that the button's name ("Spoiler") would have to contain.
      for (const node of [...spoiler.childNodes]) {
        if (node.nodeType !== 3) continue;
        const wrap = document.createElement("span");
        node.replaceWith(wrap);
        wrap.append(node);
      }
    }
  }, [html, spoilerLabel, spoilerHint]);

  // Images load through the resolver; blob URLs it made (not one it passed through, e.g. the app's own from
  // `mediaUrl`) are revoked on unmount, when the message changes, or when the media setting does (then they load
  // again). While the setting hides media, each waits behind a button until the user asks for its URL.
  const hideMedia = mediaPreviews === false;
  // What the user asked to see of this HTML: the URLs of "show image" buttons, and (`more`) the images past the cap.
  const consented = useRef<{ html: string | undefined; urls: Set<string>; more: boolean }>({
    html: undefined,
    urls: new Set(),
    more: false,
  });
  const showHidden = useRef<((button: Element) => boolean) | null>(null);
  const showCapped = useRef<(() => boolean) | null>(null);
  const retryFailed = useRef<(() => void) | null>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root || !html) return;
    const images = [...root.querySelectorAll<HTMLImageElement>("img[data-mnk-src]")];
    if (images.length === 0) return;
    if (consented.current.html !== html) consented.current = { html, urls: new Set(), more: false };
    const controller = new AbortController();
    const created: string[] = [];
    const { resolveMedia } = latest.current;
    // One download per URL (a message may repeat an image a thousand times), a few at a time (or a thousand images
    // would all be asked for at once, and all retried at once after a rate limit).
    const byUrl = new Map<string, Promise<string | null>>();
    const queue = downloadQueue(MAX_DOWNLOADS);
    // Images that failed, with what stands in for them: asked for again when the retry key changes.
    const failed = new Map<HTMLImageElement, HTMLElement>();
    const load = (img: HTMLImageElement) => {
      const url = img.getAttribute("data-mnk-src") ?? "";
      const fail = () => {
        // With a direction of its own: the kit's words (or the alt text) do not decide the message's direction.
        const text = document.createElement("span");
        text.dir = "auto";
        // Without alt text, the kit's words stand in, following a language switch (below).
        if (!img.alt) text.setAttribute("data-mnk-image-unavailable", "");
        text.textContent = img.alt || latest.current.labels.imageUnavailable;
        // Focus the user gave it (showing it, see below) stays on what stands in for it, not on the dialog.
        const focused = activeElementOf(img) === img;
        img.replaceWith(text);
        failed.set(img, text);
        if (focused) {
          text.tabIndex = -1;
          text.focus();
        }
      };
      const first = !byUrl.has(url);
      // A resolver that throws (rather than rejecting) or returns no promise fails or resolves its image the same way.
      const resolved = getOrCreate(byUrl, url, () =>
        // One still waiting when the message goes is not asked for at all.
        queue(() => {
          controller.signal.throwIfAborted();
          return new Promise((resolve) => resolve(resolveMedia ? resolveMedia(url, controller.signal) : url));
        }),
      );
      resolved.then(
        (src) => {
          const made = !!src && src !== url && src.startsWith("blob:");
          if (controller.signal.aborted) {
            if (made && first) URL.revokeObjectURL(src);
            return;
          }
          if (!src) return fail();
          if (made && first) created.push(src);
          img.src = src;
        },
        () => {
          if (!controller.signal.aborted) fail();
        },
      );
    };
    const hidden: HiddenImage[] = [];
    // A message of thousands of different images (one event may hold about 2,500) would have every reader download
    // them all: past the first few dozen URLs, an image's alt text stands in until the user asks for the rest with one
    // button after the message (not one per image: thousands of tab stops before the dialog's own button).
    const shownUrls = new Set<string>();
    const capped: CappedImage[] = [];
    let focusMore = false;
    // Consent remembered from an earlier showing of this edition, asked once per URL; an app's store that throws
    // counts as none, reported once, and is not asked again this time.
    const { imageConsent, eventId } = latest.current;
    const givenByUrl = new Map<string, boolean>();
    let storeThrew = false;
    const given = (url: string) =>
      typeof eventId === "string" &&
      !storeThrew &&
      getOrCreate(givenByUrl, url, () => {
        try {
          return imageConsent.hasConsent(eventId, url) === true;
        } catch (error) {
          storeThrew = true;
          reportAppError(error);
          return false;
        }
      });
    for (const img of images) {
      const url = img.getAttribute("data-mnk-src") ?? "";
      if (
        consented.current.urls.has(url) ||
        shownUrls.has(url) ||
        (!hideMedia && (shownUrls.size < MAX_SHOWN_URLS || consented.current.more)) ||
        given(url)
      ) {
        shownUrls.add(url);
        load(img);
      } else if (!hideMedia) {
        focusMore ||= activeElementOf(img) === img;
        capped.push(capImage(img));
      } else {
        // An image the user had focused (they showed it) hands focus to its button, not to the page.
        const focused = activeElementOf(img) === img;
        const h = hideImage(img, showImageText(latest.current.labels.showImage, altOf(img)));
        hidden.push(h);
        if (focused) h.button.focus();
      }
    }
    const { showMoreImages } = latest.current.labels;
    const more = capped.length > 0 ? showMoreButton(root, showMoreText(showMoreImages, capped.length)) : null;
    more?.setAttribute("data-mnk-count", String(capped.length));
    if (focusMore) more?.focus();
    // The button after the message shows every capped image (6 downloads at a time, as ever); focus goes to the first.
    showCapped.current = () => {
      if (!more?.isConnected) return false;
      consented.current.more = true;
      more.parentElement?.remove();
      for (const { img, standIn } of capped) {
        standIn.replaceWith(img);
        load(img);
      }
      focusFirstImage(capped.map((c) => c.img));
      capped.length = 0;
      return true;
    };
    // A click on a prompt shows every image of its URL; focus goes to the first (or its link), not to the page.
    showHidden.current = (button) => {
      const asked = hidden.find((h) => h.button === button);
      if (!asked) return false;
      const url = asked.img.getAttribute("data-mnk-src") ?? "";
      consented.current.urls.add(url);
      // The edition and store shown now (a new edition of the same HTML, or another store, since the images loaded).
      const now = latest.current;
      if (typeof now.eventId === "string") callApp(() => now.imageConsent.addConsent(now.eventId, url));
      for (const h of hidden.filter((h) => h.img.getAttribute("data-mnk-src") === url)) {
        unhideImage(h);
        hidden.splice(hidden.indexOf(h), 1);
        load(h.img);
      }
      focusImage(asked.img);
      return true;
    };
    // Failed images go back in their place and are asked for again (one download per URL, as at first); focus on a
    // stand-in goes to its image.
    retryFailed.current = () => {
      const again = [...failed].filter(([, text]) => text.isConnected);
      failed.clear();
      for (const [img] of again) byUrl.delete(img.getAttribute("data-mnk-src") ?? "");
      for (const [img, text] of again) {
        putBack(img, text);
        load(img);
      }
    };
    return () => {
      controller.abort();
      for (const url of created) URL.revokeObjectURL(url);
      // Previews turned on elsewhere while the user was on a button: focus goes to its image, not to the page.
      const focused = hidden.find((h) => activeElementOf(h.button) === h.button);
      for (const h of hidden) unhideImage(h);
      if (focused?.img.isConnected) focusImage(focused.img);
      // The same for the button that shows capped images: focus goes to the first of them.
      const onMore = !!more && activeElementOf(more) === more;
      more?.parentElement?.remove();
      for (const { img, standIn } of capped) standIn.replaceWith(img);
      if (onMore) focusFirstImage(capped.filter((c) => c.img.isConnected).map((c) => c.img));
      // Failed images go back too: a change of the setting loads every image again (focus on a stand-in follows).
      for (const [img, text] of failed) if (text.isConnected) putBack(img, text);
      showHidden.current = null;
      showCapped.current = null;
      retryFailed.current = null;
    };
  }, [html, hideMedia]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key's change is the signal.
  useEffect(() => {
    retryFailed.current?.();
  }, [imageRetryKey]);

  // The prompts' text follows a change of the label (a language switch), as the new-tab hint does.
  const showImageLabel = labels.showImage;
  const showMoreLabel = labels.showMoreImages;
  useEffect(() => {
    const root = ref.current;
    if (!root || !html) return;
    for (const button of root.querySelectorAll('button[data-part="show-image"]')) {
      const text = showImageText(showImageLabel, button.getAttribute("data-mnk-alt") ?? "");
      if (button.textContent !== text) button.textContent = text;
    }
    for (const button of root.querySelectorAll('button[data-part="show-more-images"]')) {
      const text = showMoreText(showMoreLabel, Number(button.getAttribute("data-mnk-count")));
      if (button.textContent !== text) button.textContent = text;
    }
  }, [html, showImageLabel, showMoreLabel]);

  // A failed image's stand-in (the kit's words, not the sender's alt text) follows a change of the labels.
  const imageUnavailable = labels.imageUnavailable;
  useEffect(() => {
    const root = ref.current;
    if (!root || !html) return;
    for (const text of root.querySelectorAll("[data-mnk-image-unavailable]")) {
      if (text.textContent !== imageUnavailable) text.textContent = imageUnavailable;
    }
  }, [html, imageUnavailable]);

  const reveal = (e: MouseEvent | KeyboardEvent) => {
    if (!revealSpoiler(e.target)) return;
    e.preventDefault();
    // Its coloured text was measured on the spoiler's cover; now it is on the body's background.
    const [memo, root] = [colors.current, ref.current];
    if (memo && root) callApp(() => makeAuthorColorsReadable(root, memo));
  };
  const onClick = (e: MouseEvent) => {
    const target = e.target as Element | null;
    const prompt = target?.closest?.('button[data-part="show-image"]');
    if (prompt && showHidden.current?.(prompt)) e.preventDefault();
    else if (target?.closest?.('button[data-part="show-more-images"]') && showCapped.current?.())
      e.preventDefault();
    else reveal(e);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " ") reveal(e);
  };

  if (shown) {
    return (
      // biome-ignore lint/a11y/noStaticElementInteractions: delegation for spoilers, which get role=button themselves.
      <div
        ref={ref}
        className="mnk-welcome-html"
        data-part="body"
        dir={shown.dir}
        onClick={onClick}
        onKeyDown={onKeyDown}
        dangerouslySetInnerHTML={inner}
      />
    );
  }
  return (
    <div className="mnk-welcome-text" data-part="body" dir={plain.dir}>
      {plain.paragraphs ? (
        plain.paragraphs.map((paragraph, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of one text, positional and never reordered.
          <div key={i} dir={paragraph.dir}>
            <LinkifiedText text={paragraph.text} newTabLabel={labels.opensInNewTab} />
          </div>
        ))
      ) : (
        <LinkifiedText text={plain.text} newTabLabel={labels.opensInNewTab} />
      )}
    </div>
  );
}

/**
 * A plain-text welcome's direction and, when a paragraph (split after blank lines) of two words or more is written
 * in the other direction, its paragraphs, each with the blank lines after it and its own `dir` where it differs (as
 * an HTML welcome's blocks get theirs); split in linear time (a run of blank lines is one separator).
 */
function splitByDirection(text: string): {
  text: string;
  dir: string;
  paragraphs: { text: string; dir: string | undefined }[] | null;
} {
  const dir = estimateDirection(text) ?? "auto";
  const parts = text.split(/(\n[^\S\n]*\n\s*)/);
  const paragraphs: { text: string; dir: string | undefined }[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const paragraph = (parts[i] ?? "") + (parts[i + 1] ?? "");
    const own = blockDirection(paragraph, dir);
    paragraphs.push({ text: paragraph, dir: own === dir ? undefined : own });
  }
  return { text, dir, paragraphs: paragraphs.some((p) => p.dir) ? paragraphs : null };
}
