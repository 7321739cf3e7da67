/**
 * What a modal hides from assistive technology inside shadow roots: Radix hides the document's other content, but
 * stops at the shadow host, so the app's other content in the modal's own shadow root (a web component's) stayed
 * readable beside it.
 */

/** Elements that show nothing (styles, scripts): left as they are. */
const SHOWS_NOTHING = new Set(["STYLE", "SCRIPT", "TEMPLATE", "LINK"]);

/**
 * Hides (`aria-hidden`) every element beside `node` and its ancestors inside each shadow root it is in, up to the
 * document; returns undoing it (only what it hid).
 */
export function hideShadowSiblings(node: Element): () => void {
  const hidden: Element[] = [];
  for (let el: Element | undefined = node; el; ) {
    const root = el.getRootNode() as Partial<ShadowRoot>;
    if (!root.host) break;
    for (let at: Element = el; at.parentNode; at = at.parentNode as Element) {
      for (const sibling of at.parentNode.children) {
        if (
          sibling === at ||
          SHOWS_NOTHING.has(sibling.tagName) ||
          sibling.getAttribute("aria-hidden") === "true"
        )
          continue;
        sibling.setAttribute("aria-hidden", "true");
        hidden.push(sibling);
      }
      if (at.parentNode === root) break;
    }
    el = root.host;
  }
  return () => {
    for (const el of hidden) el.removeAttribute("aria-hidden");
  };
}
