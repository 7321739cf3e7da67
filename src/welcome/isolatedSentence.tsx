"use client";

import type { ReactNode } from "react";

/** Stand for a name and an ID while a label is asked for its sentence (private-use characters). */
export const NAME_SLOT = "\uE000";
export const ID_SLOT = "\uE001";

/**
 * Text in a span, keyed by its shape (a sentence around values, a plain one): a page translator replaces bare text
 * nodes, and React removing one it no longer finds under its parent throws, unmounting the app. Anything else (a
 * label's element or number) as it is.
 */
export const inSpan = (node: ReactNode) =>
  typeof node === "string" ? <span key="plain">{node}</span> : node;

/**
 * A label's text `plain` with each value in it isolated (`isolate`'s `<bdi>`), where `sentence` (the same label asked
 * with slots in place of the values, split by `slots`) puts them in unchanged (`fill` gives a slot's value, undefined
 * for text): a value in another script neither turns the sentence around it nor is turned by it. A label that
 * shortens a value, changes its case, picks words by it or holds a slot itself is shown as it returns it (`inSpan`).
 * One span per sentence (keyed by its wording around the values): a language switch replaces the span, not the text
 * nodes inside it, which a page translator has replaced with its own (React removing one it no longer finds throws,
 * and one it updates in place keeps the old words). Bare text, not spans, between the values: an accessible name
 * computed by part (jsdom's) would lose the spaces at their ends.
 */
export function isolatedSentence(
  plain: ReactNode,
  sentence: ReactNode,
  slots: RegExp,
  fill: (part: string) => string | undefined,
  isolate: (slot: string, key: number) => ReactNode,
): ReactNode {
  if (typeof sentence !== "string" || typeof plain !== "string") return inSpan(plain);
  const parts = sentence.split(slots);
  if (parts.length === 1 || parts.map((part) => fill(part) ?? part).join("") !== plain) return inSpan(plain);
  return (
    <span key={`sentence:${sentence}`}>
      {parts.map((part, i) => (fill(part) === undefined ? part : isolate(part, i)))}
    </span>
  );
}
