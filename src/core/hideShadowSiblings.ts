/**
 * What a modal hides from assistive technology inside shadow roots: Radix hides the document's other content, but
 * stops at the shadow host, so the app's other content in the modal's own shadow root (a web component's) stayed
 * readable beside it.
 */

/** Elements that show nothing (styles, scripts): left as they are. */
const SHOWS_NOTHING = new Set(["STYLE", "SCRIPT", "TEMPLATE", "LINK"]);

/** Each element hidden here: by how many modals, and its own `aria-hidden` before the first (null: none). */
const hiddenBy = new WeakMap<Element, { count: number; before: string | null }>();

/**
 * Hides (`aria-hidden`) every element beside `node` and its ancestors inside each shadow root it is in, up to the
 * document; returns undoing it. Counted per element, as Radix does: one hidden by two modals shows again when both
 * are gone, with the `aria-hidden` it had before.
 */
export function hideShadowSiblings(node: Element): () => void {
  const hidden: Element[] = [];
  for (let el: Element | undefined = node; el; ) {
    const root = el.getRootNode() as Partial<ShadowRoot>;
    if (!root.host) break;
    for (let at: Element = el; at.parentNode; at = at.parentNode as Element) {
      for (const sibling of at.parentNode.children) {
        if (sibling === at || SHOWS_NOTHING.has(sibling.tagName)) continue;
        const entry = hiddenBy.get(sibling) ?? { count: 0, before: sibling.getAttribute("aria-hidden") };
        entry.count++;
        hiddenBy.set(sibling, entry);
        sibling.setAttribute("aria-hidden", "true");
        hidden.push(sibling);
      }
      if (at.parentNode === root) break;
    }
    el = root.host;
  }
  return () => {
    for (const el of hidden) {
      const entry = hiddenBy.get(el);
      if (!entry || --entry.count > 0) continue;
      hiddenBy.delete(el);
      if (entry.before === null) el.removeAttribute("aria-hidden");
      else el.setAttribute("aria-hidden", entry.before);
    }
  };
}
