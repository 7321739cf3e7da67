/** MSC4278's click-to-show prompts for a welcome's images while the user's setting hides media. */

/** What stands in for one hidden image: its prompt, and in a link the alt text that keeps the link named. */
export interface HiddenImage {
  img: HTMLImageElement;
  button: HTMLButtonElement;
  standIn: HTMLElement | null;
}

/**
 * Hides `img` (no source, `hidden`) behind a "show image" button with `text`, placed where the image was, or after
 * its link (a button inside a link would be interactive content in interactive content); in a link the image's alt
 * text stands in meanwhile, so the link keeps its name.
 */
export function hideImage(img: HTMLImageElement, text: string): HiddenImage {
  const doc = img.ownerDocument;
  img.removeAttribute("src");
  img.hidden = true;
  const button = doc.createElement("button");
  button.type = "button";
  button.setAttribute("data-part", "show-image");
  button.setAttribute("data-mnk-alt", img.alt);
  button.textContent = text;
  const link = img.closest("a");
  let standIn: HTMLElement | null = null;
  if (link && img.alt) {
    standIn = doc.createElement("span");
    standIn.dir = "auto";
    standIn.textContent = img.alt;
    img.before(standIn);
  }
  if (link) link.after(button);
  else img.before(button);
  return { img, button, standIn };
}

/** Takes a hidden image's prompt away and shows the image again (its source is the caller's to set). */
export function unhideImage({ img, button, standIn }: HiddenImage): void {
  button.remove();
  standIn?.remove();
  img.hidden = false;
}
