import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitizeMatrixHtml } from "../../src/welcome/sanitizeMatrixHtml";
import corpus from "../fixtures/xss-corpus-dompurify-fixtures.json";
import {
  arbitraryMatrixHtml,
  type CorpusEntry,
  checkMatrixHtmlRules,
  corpusMediaUrl,
  GENERAL_RULES,
} from "../support/matrixHtmlRules";

const entries: readonly CorpusEntry[] = corpus;

describe("sanitizeMatrixHtml in a real browser", () => {
  it("given the browser's own DOM, sanitising uses it rather than the escaped server fallback", () => {
    expect(sanitizeMatrixHtml('<b onclick="x()">bold</b>')).toBe("<b>bold</b>");
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
        const rules = [...new Set([...GENERAL_RULES, ...entry.rules])];
        expect(checkMatrixHtmlRules(rules, { input: entry.html, output, sanitize, mediaUrl })).toEqual([]);
      },
    );
  });

  it("given arbitrary markup, the output satisfies the general rules in this browser's parser too", () => {
    const options = fc.constantFrom(undefined, corpusMediaUrl);
    fc.assert(
      fc.property(arbitraryMatrixHtml, options, (input, mediaUrl) => {
        const sanitize = (html: string) => sanitizeMatrixHtml(html, { mediaUrl });
        const output = sanitize(input);
        expect(checkMatrixHtmlRules(GENERAL_RULES, { input, output, sanitize, mediaUrl })).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  }, 30_000);

  it("given a pre starting with a newline, Chromium's serialiser and parser agree with the output", () => {
    const output = sanitizeMatrixHtml("<pre>\n\ncode\n</pre>");
    expect(output).toBe("<pre>code\n</pre>");
    expect(sanitizeMatrixHtml(output)).toBe(output);
  });

  it("given an attribute with markup characters, the output escapes them the way this browser does, stably", () => {
    const output = sanitizeMatrixHtml('<span data-mx-spoiler="a<b>&amp;&quot;c">t</span>');
    expect(sanitizeMatrixHtml(output)).toBe(output);
    const span = new DOMParser().parseFromString(output, "text/html").querySelector("span");
    expect(span?.getAttribute("data-mx-spoiler")).toBe('a<b>&"c');
  });
});
