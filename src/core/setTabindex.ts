/**
 * Sets (or, for null, removes) an element's `tabindex`, writing only when it changes: an unchanged write still wakes
 * mutation observers (the colour pass's, say).
 */
export function setTabindex(el: Element, value: string | null): void {
  if (el.getAttribute("tabindex") === value) return;
  if (value === null) el.removeAttribute("tabindex");
  else el.setAttribute("tabindex", value);
}
