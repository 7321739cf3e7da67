import { setTabindex } from "../core/setTabindex.js";

/**
 * The boxes a welcome's tables scroll sideways in (see WelcomeBody's `forDisplay`): while one overflows it gets
 * `tabindex="0"`, so keyboard users reach it and scroll it with the arrow keys (WCAG 2.1.1; browsers that make
 * scrollers focusable by themselves do so only in part), as the message itself gets while it overflows.
 */
export function keepTablesKeyboardScrollable(root: Element): () => void {
  const boxes = [...root.querySelectorAll<HTMLElement>("[data-mnk-table-scroll]")];
  const view = root.ownerDocument.defaultView;
  if (boxes.length === 0 || !view) return () => {};
  const check = () => {
    for (const box of boxes) setTabindex(box, box.scrollWidth > box.clientWidth + 1 ? "0" : null);
  };
  check();
  // The box resizes with the message; its table with its content (fonts, images in cells).
  const observer = view.ResizeObserver ? new view.ResizeObserver(check) : null;
  for (const box of boxes) {
    observer?.observe(box);
    if (box.firstElementChild) observer?.observe(box.firstElementChild);
  }
  return () => observer?.disconnect();
}
