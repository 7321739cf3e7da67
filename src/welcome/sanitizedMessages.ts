/**
 * HTML the welcome store sanitized, counted by the live messages holding it: a copy of a message, or one the app
 * built around the same HTML, is recognised too, and a message's collection lets its HTML go. A message whose `html`
 * the app later replaces is not trusted for the new HTML.
 */
const live = new Map<string, number>();
const release =
  typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry<string>((html) => {
        const holders = (live.get(html) ?? 1) - 1;
        if (holders > 0) live.set(html, holders);
        else live.delete(html);
      })
    : undefined;

/** Records that `message` holds `html`, which the kit sanitized (only where its collection can be heard). */
export function markSanitized(message: object, html: string): void {
  if (!release) return;
  live.set(html, (live.get(html) ?? 0) + 1);
  release.register(message, html);
}

/** Whether a live message of the welcome store holds this HTML. */
export const isStoreSanitized = (html: string): boolean => live.has(html);
