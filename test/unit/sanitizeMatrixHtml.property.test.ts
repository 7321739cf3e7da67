import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SanitizeMatrixHtmlOptions, sanitizeMatrixHtml } from "../../src/welcome/sanitizeMatrixHtml";
import {
  arbitraryMatrixHtml,
  arbitraryUrlish,
  checkMatrixHtmlRules,
  corpusMediaUrl,
  GENERAL_RULES,
} from "../support/matrixHtmlRules";

const options = fc.constantFrom<SanitizeMatrixHtmlOptions | undefined>(undefined, {
  mediaUrl: corpusMediaUrl,
});

/** Generous per-test limit: the whole file takes about 4 s on an idle machine, but CI machines are shared. */
const TIMEOUT_MS = 30_000;

describe("sanitizeMatrixHtml properties", () => {
  it(
    "never throws and always returns a string, whatever the markup",
    () => {
      fc.assert(
        fc.property(arbitraryMatrixHtml, options, (input, opts) => {
          expect(typeof sanitizeMatrixHtml(input, opts)).toBe("string");
        }),
        { numRuns: 800 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "is idempotent: sanitising the output again returns it unchanged",
    () => {
      fc.assert(
        fc.property(arbitraryMatrixHtml, options, (input, opts) => {
          const once = sanitizeMatrixHtml(input, opts);
          expect(sanitizeMatrixHtml(once, opts)).toBe(once);
        }),
        { numRuns: 2500 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "gives output that satisfies every general rule of the XSS corpus",
    () => {
      fc.assert(
        fc.property(arbitraryMatrixHtml, options, (input, opts) => {
          const sanitize = (value: string) => sanitizeMatrixHtml(value, opts);
          const output = sanitize(input);
          const context = { input, output, sanitize, mediaUrl: opts?.mediaUrl };
          expect(checkMatrixHtmlRules(GENERAL_RULES, context)).toEqual([]);
        }),
        { numRuns: 1500 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "keeps link and image URLs stable: whatever the URL, a second pass changes nothing and the rules hold",
    () => {
      const markup = fc
        .tuple(arbitraryUrlish, arbitraryUrlish)
        .map(([href, src]) => `<a href="${href}">link</a><img src="${src}" alt="image">`);
      fc.assert(
        fc.property(markup, options, (input, opts) => {
          const sanitize = (value: string) => sanitizeMatrixHtml(value, opts);
          const output = sanitize(input);
          const context = { input, output, sanitize, mediaUrl: opts?.mediaUrl };
          expect(checkMatrixHtmlRules(GENERAL_RULES, context)).toEqual([]);
        }),
        { numRuns: 1200 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "returns plain text without markup characters unchanged, as the full parse would",
    () => {
      const plain = fc
        .string({ unit: "grapheme", maxLength: 60 })
        .filter((value) => !/[<>&\r\f\0\u00a0]/.test(value));
      fc.assert(
        fc.property(plain, (value) => {
          expect(sanitizeMatrixHtml(value)).toBe(value);
          // The same text behind an element goes through the DOM path and must serialise identically.
          expect(sanitizeMatrixHtml(`<b></b>${value}`)).toBe(`<b></b>${value}`);
        }),
        { numRuns: 500 },
      );
    },
    TIMEOUT_MS,
  );
});
