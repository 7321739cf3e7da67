import { parentOf } from "./readableAuthorColors.js";

/**
 * Runs `update` now and whenever the theme around `node` may have changed: the system's colour scheme, any attribute
 * of an ancestor (across shadow roots: theme classes and attributes of any library, inline custom properties), the
 * document's stylesheets (added, removed, switched on or off through their attributes), or the end of a transition or
 * animation of an ancestor (a background read mid-way). The changes of one task come as one call. Returns the cleanup,
 * which stops following and calls `undo`.
 */
export function followTheme(node: Element, update: () => void, undo: () => void): () => void {
  const doc = node.ownerDocument;
  const view = doc.defaultView;
  update();
  const scheme = view?.matchMedia?.("(prefers-color-scheme: dark)");
  scheme?.addEventListener?.("change", update);
  const observer = view?.MutationObserver ? new view.MutationObserver(update) : null;
  for (let up = parentOf(node); up && observer; up = parentOf(up)) observer.observe(up, { attributes: true });
  if (doc.head)
    observer?.observe(doc.head, { attributes: true, childList: true, subtree: true, characterData: true });
  const settled = (event: Event) => {
    for (let up: Element | null = node; up; up = parentOf(up)) if (up === event.target) return update();
  };
  for (const type of ["transitionend", "animationend"]) doc.addEventListener(type, settled, true);
  return () => {
    scheme?.removeEventListener?.("change", update);
    observer?.disconnect();
    for (const type of ["transitionend", "animationend"]) doc.removeEventListener(type, settled, true);
    undo();
  };
}
