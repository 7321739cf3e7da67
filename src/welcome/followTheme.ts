/**
 * Runs `update` now and whenever the theme around `node` may have changed: the system's colour scheme, or a `class`,
 * `data-theme` or `style` attribute of any of its ancestors (where apps switch themes and set custom properties; the
 * changes of one task come as one call). Returns the cleanup, which stops following and calls `undo`.
 */
export function followTheme(node: Element, update: () => void, undo: () => void): () => void {
  const view = node.ownerDocument.defaultView;
  update();
  const scheme = view?.matchMedia?.("(prefers-color-scheme: dark)");
  scheme?.addEventListener?.("change", update);
  const observer = view?.MutationObserver ? new view.MutationObserver(update) : null;
  for (let up = node.parentElement; up && observer; up = up.parentElement)
    observer.observe(up, { attributes: true, attributeFilter: ["class", "data-theme", "style"] });
  return () => {
    scheme?.removeEventListener?.("change", update);
    observer?.disconnect();
    undo();
  };
}
