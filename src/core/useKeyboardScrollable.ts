"use client";

import { useCallback, useRef } from "react";
import { setTabindex } from "./setTabindex.js";

/**
 * A callback ref for an element that may scroll: while its content overflows, it gets `tabindex="0"` so keyboard
 * users can scroll it (WCAG 2.1.1). Works for elements that mount later than their component (portals), and sets the
 * attribute on the DOM directly, so measuring layout never costs a render. With `focusable`, it keeps
 * `tabindex="-1"` otherwise, so a script can still focus it (a dialog's initial focus).
 */
export function useKeyboardScrollable<T extends HTMLElement>(focusable = false): (node: T | null) => void {
  const cleanup = useRef<(() => void) | null>(null);
  return useCallback(
    (el: T | null) => {
      cleanup.current?.();
      cleanup.current = null;
      if (!el) return;
      const check = () =>
        setTabindex(el, el.scrollHeight > el.clientHeight + 1 ? "0" : focusable ? "-1" : null);
      check();
      // Size changes (window, fonts) and content changes (a message arriving or rendering later) both matter.
      const resize = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(check);
      resize?.observe(el);
      const mutation = typeof MutationObserver === "undefined" ? null : new MutationObserver(check);
      mutation?.observe(el, { childList: true, subtree: true, characterData: true });
      // An image that finishes loading can make the content overflow while none of the above changes (overlay
      // scrollbars take no room, so the element's own box stays the same).
      el.addEventListener("load", check, true);
      cleanup.current = () => {
        resize?.disconnect();
        mutation?.disconnect();
        el.removeEventListener("load", check, true);
      };
    },
    [focusable],
  );
}
