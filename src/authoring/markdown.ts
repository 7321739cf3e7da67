/** Markdown (CommonMark, via micromark) to HTML, loaded on demand so only the editor pays for it. */

type Micromark = (value: string) => string;
let loading: Promise<Micromark> | null = null;

/** Loads the CommonMark renderer (once). Raw HTML in Markdown is escaped by micromark's safe defaults. */
export function loadMarkdown(): Promise<Micromark> {
  loading ??= import("micromark").then((m) => (value: string) => m.micromark(value));
  return loading;
}
