import { useEffect, useRef } from "react";

/**
 * A ref for an element that may scroll: while its content overflows, it gets `tabindex="0"` so keyboard users can
 * scroll it (WCAG 2.1.1). Set on the DOM directly, so measuring layout never costs a render.
 */
export function useKeyboardScrollable<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => {
      if (el.scrollHeight > el.clientHeight + 1) el.setAttribute("tabindex", "0");
      else el.removeAttribute("tabindex");
    };
    check();
    // Size changes (window, fonts) and content changes (a message arriving or rendering later) both matter.
    const resize = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(check);
    resize?.observe(el);
    const mutation = typeof MutationObserver === "undefined" ? null : new MutationObserver(check);
    mutation?.observe(el, { childList: true, subtree: true, characterData: true });
    return () => {
      resize?.disconnect();
      mutation?.disconnect();
    };
  }, []);
  return ref;
}
