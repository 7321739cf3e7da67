import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasVisibleText } from "../../src/core/visibleText";
import {
  createDetailedMatrixHtmlSanitizer,
  sanitizeMatrixHtmlForDisplay,
} from "../../src/welcome/sanitizeMatrixHtml";
import { arbitraryMatrixHtml, corpusMediaUrl } from "../support/matrixHtmlRules";

/** What a reader would see: the output parsed again in a template. */
const showsSomething = (html: string) => {
  const template = document.createElement("template");
  template.innerHTML = html;
  return !!template.content.querySelector("img, hr") || hasVisibleText(template.content.textContent);
};

const extra = fc
  .array(
    fc.constantFrom(
      " ",
      "\n",
      "\t",
      "\0",
      "\f",
      "\r",
      "\u00a0",
      "\u200b",
      "a",
      "<",
      ">",
      "&",
      "&#0;",
      "&nbsp;",
      "<p>",
      "</p>",
      "<hr>",
      "<table>",
      "<img src=mxc://hs.example/abc>",
      "<pre>",
      "\u2028",
      "\ufeff",
      "&#13;",
      "&#12;",
    ),
    { maxLength: 12 },
  )
  .map((a) => a.join(""));

describe("whether a sanitised welcome shows anything, for generated input", () => {
  it("given generated Matrix HTML and character soups, it equals a re-parse of the output", () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryMatrixHtml, extra), fc.boolean(), (input, media) => {
        const opts = media ? { mediaUrl: corpusMediaUrl } : {};
        const { html, visible } = sanitizeMatrixHtmlForDisplay(input, opts);
        expect(visible, JSON.stringify(input)).toBe(showsSomething(html));
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it("given no working DOMPurify (escaped text), a NUL-only welcome shows nothing, as a re-parse sees it", () => {
    const sanitize = createDetailedMatrixHtmlSanitizer(
      () => window,
      () => ({ isSupported: false }) as never,
    );
    const { html, visible } = sanitize("\u0000");
    expect(visible).toBe(showsSomething(html));
  });
});
