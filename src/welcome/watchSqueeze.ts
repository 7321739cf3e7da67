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
  let flips = 0;
  let sizes = "";
  const check = () => {
    // The room the message has, read from the layout (an app's padding, gaps and margins included): its own height,
    // less what the dialog holds beyond its box. The same in both layouts (the message shrunk to fit, or at full
    // height in a dialog that scrolls), so marking it changes nothing measured here.
    const room = scroll.offsetHeight - (dialog.scrollHeight - dialog.clientHeight);
    const line = Number.parseFloat(view.getComputedStyle(scroll).lineHeight) || 24;
    const squeezed = room < MIN_LINES * line;
    if (squeezed === dialog.hasAttribute("data-squeezed")) return;
    // Should something the measure cannot see (an app's own positioned content) make each layout call for the other,
    // it settles on the one that always works, the whole dialog scrolling, until the dialog or its message resizes.
    const now = `${dialog.clientHeight} ${scroll.scrollHeight}`;
    if (now !== sizes) [sizes, flips] = [now, 0];
    if (!squeezed && flips >= 2) return;
    flips += 1;
    dialog.toggleAttribute("data-squeezed", squeezed);
  };
  const observer = new view.ResizeObserver(check);
  for (const part of [dialog, ...dialog.children]) observer.observe(part);
  return () => {
    observer.disconnect();
    dialog.removeAttribute("data-squeezed");
  };
}
