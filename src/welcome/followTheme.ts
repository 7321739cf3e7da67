import { parentOf } from "./readableAuthorColors.js";

/** Media features a theme follows: the system's colour scheme, high contrast, and forced colours. */
const QUERIES = ["(prefers-color-scheme: dark)", "(prefers-contrast: more)", "(forced-colors: active)"];
/** Frames to wait for a node mounted outside the document (a portal's container attached a moment later). */
const MAX_FRAMES_DETACHED = 600;

/**
 * Runs `update` now and whenever the theme around `node` may have changed: the system's colour scheme, contrast or
 * forced colours, any attribute of an ancestor (across shadow roots and slots: theme classes and attributes of any
 * library, inline custom properties), the document's stylesheets (added, removed, switched on or off through their
 * attributes, or a linked one finishing loading), or the end of a transition or animation of an ancestor (a background
 * read mid-way). A change is measured at once, and those that follow it before the next frame in one call just before
 * that frame paints; so is the first change after that call (an app's later animation frame callback), so a host app
 * changing `<head>` or `<html>` many times a frame costs at most two passes a frame; changes that cannot touch a theme
 * (the page's title, scripts, ARIA and `tabindex` attributes) none. A node outside the document
 * is followed once it is attached (within about ten seconds). Returns the cleanup, which stops following and calls
 * `undo`.
 */
export function followTheme(node: Element, update: () => void, undo: () => void): () => void {
  const doc = node.ownerDocument;
  const view = doc.defaultView;
  update();
  // A change is measured at once (also one an app makes in an animation frame callback, before that frame paints);
  // more changes until the next frame wait for it and cost one pass there, just before it paints.
  let cooling = 0;
  let pending = false;
  // After the frame's own pass, until it has painted (a task later), one more change (an app's animation frame
  // callback after the kit's) is measured at once too.
  let spare = false;
  let painted: ReturnType<typeof setTimeout> | undefined;
  const cool = () => {
    cooling = 0;
    if (!pending) return;
    pending = false;
    update();
    cooling = view?.requestAnimationFrame?.(cool) ?? 0;
    spare = true;
    clearTimeout(painted);
    painted = setTimeout(() => {
      spare = false;
    });
  };
  const schedule = () => {
    if (cooling && !spare) {
      pending = true;
      return;
    }
    spare = false;
    update();
    // Without frames (a DOM without rendering), every change at once.
    cooling ||= view?.requestAnimationFrame?.(cool) ?? 0;
  };
  const media = QUERIES.map((query) => view?.matchMedia?.(query));
  for (const list of media) list?.addEventListener?.("change", schedule);
  const observer = view?.MutationObserver
    ? new view.MutationObserver((records) => {
        if (records.some(mayChangeTheme)) schedule();
      })
    : null;
  const observeAncestors = () => {
    for (let up = parentOf(node); up && observer; up = parentOf(up))
      observer.observe(up, { attributes: true });
  };
  observeAncestors();
  if (doc.head)
    observer?.observe(doc.head, { attributes: true, childList: true, subtree: true, characterData: true });
  let frame = 0;
  let frames = 0;
  const whenAttached = () => {
    if (node.isConnected) {
      observeAncestors();
      update();
    } else if (++frames < MAX_FRAMES_DETACHED) frame = view?.requestAnimationFrame?.(whenAttached) ?? 0;
  };
  if (!node.isConnected) whenAttached();
  const settled = (event: Event) => {
    for (let up: Element | null = node; up; up = parentOf(up)) if (up === event.target) return schedule();
  };
  // A stylesheet link is measured again once its file has loaded (its insertion alone changes nothing yet).
  const loaded = (event: Event) => {
    if ((event.target as Element | null)?.localName === "link") schedule();
  };
  const listeners: [string, (event: Event) => void][] = [
    ["transitionend", settled],
    ["animationend", settled],
    ["load", loaded],
  ];
  for (const [type, listener] of listeners) doc.addEventListener(type, listener, true);
  return () => {
    for (const list of media) list?.removeEventListener?.("change", schedule);
    observer?.disconnect();
    for (const id of [frame, cooling]) if (id) view?.cancelAnimationFrame?.(id);
    clearTimeout(painted);
    for (const [type, listener] of listeners) doc.removeEventListener(type, listener, true);
    undo();
  };
}

/** Elements of `<head>` whose changes cannot change a theme: the page's title and scripts. */
const INERT_IN_HEAD = new Set(["title", "script", "noscript"]);

/** Whether a mutation may change the colours around the followed node (not those of the title, scripts, ARIA, layout marks). */
function mayChangeTheme(record: MutationRecord): boolean {
  const name = record.attributeName;
  if (name) return name !== "tabindex" && name !== "data-squeezed" && !name.startsWith("aria-");
  for (let el: Node | null = record.target; el; el = el.parentNode)
    if (INERT_IN_HEAD.has((el as Element).localName)) return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length === 0 || nodes.some((n) => !INERT_IN_HEAD.has((n as Element).localName));
}
