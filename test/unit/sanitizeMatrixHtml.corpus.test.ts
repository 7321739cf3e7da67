import { describe, expect, it } from "vitest";
import { sanitizeMatrixHtml } from "../../src/welcome/sanitizeMatrixHtml";
import corpus from "../fixtures/xss-corpus-dompurify-fixtures.json";
import {
  type CorpusEntry,
  checkMatrixHtmlRules,
  corpusMediaUrl,
  isKnownRule,
} from "../support/matrixHtmlRules";

const entries: readonly CorpusEntry[] = corpus;

describe("the DOMPurify-derived XSS corpus", () => {
  it("holds 238 payloads, each naming only rules the checker knows", () => {
    expect(entries).toHaveLength(238);
    const unknown = [...new Set(entries.flatMap((entry) => entry.rules))].filter(
      (rule) => !isKnownRule(rule),
    );
    expect(unknown).toEqual([]);
  });
});

describe.each([
  { mode: "without mediaUrl", mediaUrl: undefined },
  { mode: "with mediaUrl", mediaUrl: corpusMediaUrl },
])("each corpus payload sanitised $mode", ({ mediaUrl }) => {
  const sanitize = (html: string) => sanitizeMatrixHtml(html, { mediaUrl });

  it.for(entries.map((entry) => [entry.id, entry] as const))(
    "given payload %s, the output satisfies every rule the entry lists",
    ([, entry]) => {
      const output = sanitize(entry.html);
      expect(checkMatrixHtmlRules(entry.rules, { input: entry.html, output, sanitize, mediaUrl })).toEqual(
        [],
      );
    },
  );
});
