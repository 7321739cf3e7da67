/** MSC4278's click-to-show prompts for a welcome's images while the user's setting hides media. */
import { activeElementOf } from "../core/activeElementOf.js";
import { hasVisibleText } from "../core/visibleText.js";

/** What stands in for one hidden image: its prompt, and in a link or summary the alt text that keeps it named. */
export interface HiddenImage {
  img: HTMLImageElement;
  button: HTMLButtonElement;
  standIn: HTMLElement | null;
}

/** The image's alt text when it says something, else "". */
export const altOf = (img: HTMLImageElement) => (hasVisibleText(img.alt) ? img.alt : "");

/**
 * Takes `img` out of the message (no stylesheet, the host's reset included, can then show it or its alt text) and puts
 * a "show image" button with `text` where it was, or after its link or summary (a button inside either would be
 * interactive content in interactive content), where its alt text stands in meanwhile so that they keep their name.
 */
export function hideImage(img: HTMLImageElement, text: string): HiddenImage {
  const doc = img.ownerDocument;
  img.removeAttribute("src");
  const button = doc.createElement("button");
  button.type = "button";
  button.setAttribute("data-part", "show-image");
  button.setAttribute("data-mnk-alt", altOf(img));
  button.textContent = text;
  // The outermost of them: after a link inside a summary, the button would still be inside the summary.
  let host: Element | null | undefined = img.parentElement?.closest("a[href], summary");
  for (let up = host; up; up = up.parentElement?.closest("a[href], summary")) host = up;
  let standIn: HTMLElement | null = null;
  if (host) {
    standIn = doc.createElement("span");
    standIn.dir = "auto";
    standIn.textContent = altOf(img);
    img.replaceWith(standIn);
    // After the buttons of the host's earlier images: in the message's order.
    let before: Element = host;
    while (before.nextElementSibling?.matches('button[data-part="show-image"]'))
      before = before.nextElementSibling;
    before.after(button);
  } else img.replaceWith(button);
  return { img, button, standIn };
}

/** Puts a hidden image back in its place and takes its prompt away (its source is the caller's to set). */
export function unhideImage({ img, button, standIn }: HiddenImage): void {
  if (standIn) {
    standIn.replaceWith(img);
    button.remove();
  } else button.replaceWith(img);
}

/**
 * Moves focus to a shown image, or to the link or summary it sits in (the image alone is focusable from script only);
 * whether it took focus (not in a closed `<details>` or a hidden spoiler).
 */
export function focusImage(img: HTMLImageElement): boolean {
  const host = img.parentElement?.closest<HTMLElement>("a[href], summary");
  if (!host) img.tabIndex = -1;
  (host ?? img).focus();
  return activeElementOf(img) === (host ?? img);
}

/**
 * Focuses the first of `imgs` that can take focus; when none can, what hides the first: the summary of its outermost
 * closed `<details>` (the `<details>` itself when it has none), or its outermost hidden spoiler (a button).
 */
export function focusFirstImage(imgs: readonly HTMLImageElement[]): void {
  if (imgs.some(focusImage)) return;
  let hider: HTMLElement | undefined;
  for (let el = imgs[0]?.parentElement; el; el = el.parentElement)
    if (el.matches("details:not([open])")) hider = el.querySelector<HTMLElement>(":scope > summary") ?? el;
    else if (el.matches('span[data-mx-spoiler]:not([data-revealed="true"])')) hider = el;
  // A `<details>` without a summary is focusable from script only while it has focus: a click later gives it none.
  // Not when the window alone lost focus (it keeps the element, which takes focus again when the window does).
  if (hider?.matches("details") && !hider.hasAttribute("tabindex")) {
    const details = hider;
    details.tabIndex = -1;
    const onBlur = () => {
      if (activeElementOf(details) !== details) details.removeAttribute("tabindex");
      else details.addEventListener("blur", onBlur, { once: true });
    };
    details.addEventListener("blur", onBlur, { once: true });
  }
  hider?.focus();
}

/** An image past the cap of images shown unasked: its alt text stands in until the one "show more" button shows it. */
export interface CappedImage {
  img: HTMLImageElement;
  standIn: HTMLElement;
}

/** Puts `img`'s alt text in its place (no button of its own: one button after the message shows every such image). */
export function capImage(img: HTMLImageElement): CappedImage {
  const standIn = img.ownerDocument.createElement("span");
  standIn.dir = "auto";
  standIn.setAttribute("data-part", "capped-image");
  standIn.textContent = altOf(img);
  img.removeAttribute("src");
  img.replaceWith(standIn);
  return { img, standIn };
}

/** The button after the message that shows every capped image, with `text`, in a paragraph of its own. */
export function showMoreButton(root: HTMLElement, text: string): HTMLButtonElement {
  const doc = root.ownerDocument;
  const wrap = doc.createElement("p");
  wrap.setAttribute("data-part", "more-images");
  const button = doc.createElement("button");
  button.type = "button";
  button.setAttribute("data-part", "show-more-images");
  button.textContent = text;
  wrap.append(button);
  root.append(wrap);
  return button;
}
