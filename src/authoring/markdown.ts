/** Markdown (CommonMark, via micromark) to HTML, loaded on demand so only the editor pays for it. */

type Micromark = (value: string) => string;
let loading: Promise<Micromark> | null = null;

/**
 * Loads the CommonMark renderer (once; a failed load may be retried). Raw HTML in Markdown is escaped; every URL
 * protocol is let through (mxc:// images must survive), because the output always goes through `sanitizeMatrixHtml`,
 * which enforces the Matrix link and image rules.
 */
export function loadMarkdown(): Promise<Micromark> {
  loading ??= import("micromark").then(
    (m) => (value: string) => m.micromark(value, { allowDangerousProtocol: true }),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
