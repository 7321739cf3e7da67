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
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(check);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    return () => observer.disconnect();
  }, []);
  return ref;
}
