/**
 * Marks a welcome dialog `data-squeezed` while its other parts (the header with a long title, the footer) leave its
 * message fewer than four lines: a large text setting, a short viewport, a long room name. The styles then scroll the
 * whole dialog, the message at its full height, rather than squeeze the message to nothing. Measured from the layout,
 * since a media query cannot see an app's root font size (`rem` there is the browser's default).
 */
const MIN_LINES = 4;

/** Follows the layout of `scroll`'s dialog (its parent) until the returned cleanup, which removes the mark. */
export function watchSqueeze(scroll: HTMLElement): () => void {
  const dialog = scroll.parentElement;
  const view = scroll.ownerDocument.defaultView;
  if (!dialog || !view?.ResizeObserver) return () => {};
  const check = () => {
    let others = 0;
    for (const part of dialog.children)
      if (part !== scroll) others += (part as HTMLElement).offsetHeight || 0;
    const line = Number.parseFloat(view.getComputedStyle(scroll).lineHeight) || 24;
    // The same in both layouts (a dialog at its tallest, or as tall as what it holds): no flip-flop.
    dialog.toggleAttribute("data-squeezed", dialog.clientHeight - others < MIN_LINES * line);
  };
  const observer = new view.ResizeObserver(check);
  for (const part of [dialog, ...dialog.children]) observer.observe(part);
  return () => {
    observer.disconnect();
    dialog.removeAttribute("data-squeezed");
  };
}
