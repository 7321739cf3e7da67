"use client";

import { useMemo } from "react";
import { linkifyText } from "./linkifyText.js";

/** Props of {@link LinkifiedText}. */
export interface LinkifiedTextProps {
  /** Plain text from the server; never interpreted as HTML. */
  text: string;
  /** Screen-reader text appended to each link, which opens in a new tab (e.g. "(opens in a new tab)"). */
  newTabLabel?: string | undefined;
}

/** Renders plain text with its http(s) URLs as safe links (new tab, `rel="noopener noreferrer"`); line breaks show where the container has `white-space: pre-wrap` (the kit's styles set it on the kit's own banners and welcome text only: set it on your container). */
export function LinkifiedText({ text, newTabLabel }: LinkifiedTextProps) {
  const segments = useMemo(() => linkifyText(typeof text === "string" ? text : ""), [text]);
  return (
    <>
      {segments.map((segment, i) =>
        segment.kind === "link" ? (
          // Left to right, as a URL reads; with its own dir it also leaves a dir="auto" around it to the words.
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reordered.
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer" data-part="link" dir="ltr">
            {/* Each text alone in its element, which React updates whole: a page translator's copy of a bare text
                node would keep showing the old URL after an edit. */}
            <span>{segment.text}</span>
            {newTabLabel ? <span className="mnk-visually-hidden">{` ${newTabLabel}`}</span> : null}
          </a>
        ) : (
          // In a span, not a bare text node: a page translator (Chrome's, Google Translate) replaces text nodes, and
          // React removing one it no longer finds under its parent throws, unmounting the app.
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reordered.
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}
