/**
 * The sanitizer's latest outputs for display, newest last, about a million characters in all (hundreds of welcome
 * messages; the newest stays even when it alone is longer), so that `WelcomeBody` does not sanitize them again.
 * Apart from the sanitizer (and its DOMPurify) so that a logout can drop them without loading either.
 */

const recentOutputs = new Set<string>();
let recentLength = 0;
const RECENT_MAX_LENGTH = 1_000_000;

/** Notes `html` as the newest output, dropping the oldest past the limit. */
export function noteSanitizerOutput(html: string): void {
  if (recentOutputs.delete(html)) recentLength -= html.length;
  recentOutputs.add(html);
  recentLength += html.length;
  for (const oldest of recentOutputs) {
    if (recentLength <= RECENT_MAX_LENGTH || oldest === html) break;
    recentOutputs.delete(oldest);
    recentLength -= oldest.length;
  }
}

/**
 * Whether `html` is one of the sanitizer's latest outputs (HTML it made need not be sanitized again, which without
 * the same `mediaUrl` would drop its images).
 * @internal
 */
export const isRecentSanitizerOutput = (html: string): boolean => recentOutputs.has(html);

/** Drops every output noted (a logout: the welcomes the user read stay nowhere in the kit's memory). */
export function forgetSanitizerOutputs(): void {
  recentOutputs.clear();
  recentLength = 0;
}
