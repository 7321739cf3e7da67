/** Keeps a held key's repeats from acting on whatever takes focus after the control it pressed goes or moves focus. */
import type { KeyboardEvent as ReactKeyboardEvent } from "react";

/**
 * For a first press (not a repeat) of Enter, Space or Escape: until that key comes up (or is pressed afresh), its
 * repeats do nothing anywhere in the page: not on the next banner's button, the next welcome in line, the
 * editor's text area, or the app's element focus returns to. Call it from the keydown of a control that removes itself
 * or moves focus when that key activates it.
 */
export function swallowKeyRepeats(event: KeyboardEvent | ReactKeyboardEvent): void {
  const { key } = event;
  // On the window, capturing: before the document's listeners (Radix's Escape, an app's shortcuts).
  const view = (event.target as Node | null)?.ownerDocument?.defaultView;
  if (event.repeat || !view || (key !== "Enter" && key !== " " && key !== "Escape")) return;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== key) return;
    if (!e.repeat) return stop();
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (e.key === key) stop();
  };
  const stop = () => {
    view.removeEventListener("keydown", onKeyDown, true);
    view.removeEventListener("keyup", onKeyUp, true);
  };
  view.addEventListener("keydown", onKeyDown, true);
  view.addEventListener("keyup", onKeyUp, true);
}
