/** hasFormatting: which sanitized HTML carries formatting that its plain text loses. */
import { describe, expect, it } from "vitest";
import { hasFormatting } from "../../src/authoring/hasFormatting";

describe("hasFormatting", () => {
  it("paragraphs, line breaks and plain divisions are no formatting", () => {
    expect(hasFormatting("")).toBe(false);
    expect(hasFormatting("Just text")).toBe(false);
    expect(hasFormatting("<p>One</p><p>Two<br>lines<br/></p><div>three</div>")).toBe(false);
    expect(hasFormatting("<P>Upper case</P><BR />")).toBe(false);
  });

  it("links, emphasis, lists, quotations, code, headings, images and colours are", () => {
    for (const html of [
      '<p>Read <a href="https://example.org">the rules</a></p>',
      "<p>Be <b>kind</b></p>",
      "<p><em>Please</em></p>",
      "<ul><li>one</li></ul>",
      "<blockquote>quoted</blockquote>",
      "<pre><code>code</code></pre>",
      "<h1>Title</h1>",
      '<img src="mxc://example.org/abc" alt="logo">',
      '<span data-mx-color="#ff0000">red</span>',
      "<hr>",
    ])
      expect(hasFormatting(html), html).toBe(true);
  });

  it("an attribute on a paragraph or division counts (direction, say)", () => {
    expect(hasFormatting('<p dir="rtl">مرحبا</p>')).toBe(true);
    expect(hasFormatting('<div align="center">x</div>')).toBe(true);
  });

  it("escaped markup in the text is text", () => {
    expect(hasFormatting("<p>Use &lt;b&gt; for bold, 1 &lt; 2</p>")).toBe(false);
  });
});
