/**
 * The uncontrolled welcome dialogs that would be open, in the order they asked: only the first one is. Two modal
 * dialogs open at once each hide the other from assistive technology (a space's welcome and one of its rooms' joined
 * in one sync); the next opens when the one before it closes.
 */
const line: object[] = [];
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of [...listeners]) listener();
};

/** Hears the first in line change; returns the unsubscribe function. */
export function subscribeWelcomeLine(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The dialog first in line, or undefined when none waits. */
export const firstInLine = (): object | undefined => line[0];

/** Where focus goes back to when the dialogs now in line have closed: handed from each to the next. */
let handedFocus: HTMLElement | null = null;

/** Takes the focus origin an earlier dialog in line handed on (null when none). */
export function takeHandedFocus(): HTMLElement | null {
  const origin = handedFocus;
  handedFocus = null;
  return origin;
}

/**
 * Puts a dialog (by a token of its own) in line; returns taking it out again. A first in line that leaves while
 * others wait hands `focusOrigin()` (where focus was when it opened) to the next, which opens in its place. One the
 * app opened itself (`opened`: it is open already) goes right after the first, which is open too: the ones that wait
 * wait for both.
 */
export function joinWelcomeLine(
  token: object,
  focusOrigin: () => HTMLElement | null,
  opened = false,
): () => void {
  line.splice(opened ? Math.min(1, line.length) : line.length, 0, token);
  notify();
  return () => {
    const at = line.indexOf(token);
    if (at >= 0) line.splice(at, 1);
    if (at !== 0) return;
    // One that never opened (a dialog for the same room, say) hands on what it was handed. With none waiting, it is
    // kept for one joining in the same task (a sync that closes one welcome and makes another due), then let go.
    handedFocus = focusOrigin() ?? handedFocus;
    if (!line.length)
      setTimeout(() => {
        if (!line.length) handedFocus = null;
      });
    notify();
  };
}
