/** The rectangle of the `nth` occurrence of `sub` in the text under `root` (within one text node): where glyphs land. */
export function rectOf(root: Element, sub: string, nth = 0): DOMRect {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent ?? "";
    let at = text.indexOf(sub);
    while (at >= 0) {
      if (seen++ === nth) {
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + sub.length);
        return range.getBoundingClientRect();
      }
      at = text.indexOf(sub, at + 1);
    }
  }
  throw new Error(`"${sub}" not found`);
}
