/**
 * Tab and Shift+Tab kept inside a modal where Radix's focus trap cannot see the focused element: it reads the global
 * `document.activeElement`, which is the host inside a shadow root and the frame's element for content in an iframe's
 * document. Elsewhere it does nothing (Radix's trap handles it).
 */
import type { KeyboardEvent } from "react";
import { activeElementOf } from "./activeElementOf.js";

/** Whether `el` takes focus from Tab (focusable in the tab order, enabled, rendered). */
const isTabbable = (el: HTMLElement) =>
  el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0;

/** A keydown handler for a modal's content element: Tab past its last control goes to its first, and back. */
export function keepTabInside(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
  const scope = event.currentTarget;
  const active = activeElementOf(scope);
  if (!active || active === globalThis.document?.activeElement || !scope.contains(active)) return;
  const tabbable = [...scope.querySelectorAll<HTMLElement>("*")].filter(isTabbable);
  const edge = event.shiftKey ? tabbable[0] : tabbable.at(-1);
  if (active !== scope && active !== edge && edge) return;
  event.preventDefault();
  (event.shiftKey ? tabbable.at(-1) : tabbable[0])?.focus();
}
