/** The plain text derived from an author's HTML reads as the HTML renders. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { htmlToPlainText } from "../../src/authoring/htmlToPlainText";

describe("htmlToPlainText", () => {
  it("given a list item with a paragraph and then a code block whose second line is indented, when derived as plain text, then the code's lines keep their indentation relative to each other", () => {
    // Markdown "1. a\n\n   ```\n   x\n     y\n   ```": a loose list item with code under it.
    const text = htmlToPlainText("<ol><li><p>a</p><pre><code>x\n  y\n</code></pre></li></ol>");
    // Bug: "1. a\n\n   x\n  y": only the first line moved to the item's text, so "y" (two deeper than "x") now
    // reads one to the left of it.
    expect(text).toMatch(/\n( *)x\n\1 {2}y$/);
    expect(htmlToPlainText("<ul><li>a<pre>x\n  y</pre>b</li></ul>")).toMatch(/\n( *)x\n\1 {2}y\n/);
  });

  it("given a list item with two paragraphs (a loose Markdown list), when derived as plain text, then its second paragraph starts at the item's text, as its <br> lines do", () => {
    expect(htmlToPlainText("<ul><li>one<br>two</li></ul>")).toBe("- one\n  two");
    // Before a fix: "- one\n\nthree" (the paragraph's lines start at column 0: it reads as outside the list).
    expect(htmlToPlainText("<ul><li><p>one</p><p>three</p></li></ul>")).toBe("- one\n\n  three");
  });

  // 100 levels took 2.2 s and made 6.4 MB of text (each level re-read and re-prefixed everything inside it). No timing
  // here: the work shows in the text made, which now stays near the input's size.
  it("given 64 KB of HTML with 100 nested quotations around a preformatted block, when converted to plain text, then only the first 4 levels are marked and the text stays near the input's size", () => {
    const open = "<blockquote>".repeat(100);
    const close = "</blockquote>".repeat(100);
    const lines = (64 * 1024 - open.length - close.length - 20) >> 1;
    const text = htmlToPlainText(`${open}<pre>${"a\n".repeat(lines)}</pre>${close}`);
    expect(text.split("\n")[0]).toBe("> > > > a");
    expect(text.length).toBeLessThan(6 * 64 * 1024);
    expect(htmlToPlainText("<blockquote><blockquote>two</blockquote></blockquote>")).toBe("> > two");
  });

  it("marks each line of a quotation with > , as plain-text Matrix clients show quotes", () => {
    expect(
      htmlToPlainText("<p>Rules:</p><blockquote><p>Be kind.</p><p>Be patient.</p></blockquote><p>Thanks</p>"),
    ).toBe("Rules:\n\n> Be kind.\n>\n> Be patient.\n\nThanks");
    expect(htmlToPlainText("<blockquote>one<br>two</blockquote>")).toBe("> one\n> two");
  });

  it("marks a nested quotation twice, and a quotation inside a list item after its marker", () => {
    expect(htmlToPlainText("<blockquote><blockquote>deep</blockquote>outer</blockquote>")).toBe(
      "> > deep\n> outer",
    );
    expect(htmlToPlainText("<ul><li><blockquote>quoted</blockquote></li></ul>")).toBe("- > quoted");
  });

  it("starts a list item's later lines (a line break, a quotation's lines) at its text, not at the margin", () => {
    expect(htmlToPlainText("<ul><li>first<br>still first</li><li>second</li></ul>")).toBe(
      "- first\n  still first\n- second",
    );
    expect(htmlToPlainText("<ol><li>a<ul><li>b<br>b2</li></ul></li></ol>")).toBe("1. a\n  - b\n    b2");
    expect(htmlToPlainText("<ul><li><blockquote>one<br>two</blockquote></li></ul>")).toBe("- > one\n  > two");
    expect(htmlToPlainText("<ul><li><pre>x\ny</pre></li></ul>")).toBe("- x\ny");
  });

  it("given a code block with two blank lines inside it, when derived as plain text, then both stay (only blank lines between blocks are collapsed), and its closing line break adds no line", () => {
    // Before a fix: "x\n\ny" (the code's own blank lines were collapsed like the spacing between paragraphs).
    expect(htmlToPlainText("<pre><code>x\n\n\ny\n</code></pre><p>after</p>")).toBe("x\n\n\ny\n\nafter");
    expect(htmlToPlainText("<p>a</p><pre>x<br><br><br>y</pre>")).toBe("a\n\nx\n\n\ny");
    expect(htmlToPlainText("<blockquote><pre>x\n\n\ny\n</pre></blockquote>")).toBe("> x\n>\n>\n> y");
    // A line break ending the block is not shown; a second one is a blank line, as a browser shows it.
    expect(htmlToPlainText("<pre>x\n\n</pre><p>b</p>")).toBe("x\n\n\nb");
    expect(htmlToPlainText("<p>a</p><p></p><p></p><p>b</p>")).toBe("a\n\nb");
  });

  it("drops an empty quotation, and keeps preformatted text inside one as it is", () => {
    expect(htmlToPlainText("<blockquote> </blockquote><p>x</p>")).toBe("x");
    expect(htmlToPlainText("<blockquote><pre>  code\n  more</pre></blockquote>")).toBe(">   code\n>   more");
  });

  it("indents nested list items under their parent, with no blank lines between them", () => {
    const html =
      "<ul><li>fruit<ul><li>apple</li><li>pear</li></ul></li><li>bread<ol><li>rye</li></ol></li></ul>";
    expect(htmlToPlainText(html)).toBe("- fruit\n  - apple\n  - pear\n- bread\n  1. rye");
  });

  it("keeps the indentation of a message that starts with preformatted text", () => {
    expect(htmlToPlainText("<pre><code>    indented first line\nnext</code></pre>")).toBe(
      "    indented first line\nnext",
    );
  });

  it("counts a reversed list down, from its start or from its length", () => {
    expect(htmlToPlainText("<ol reversed><li>a</li><li>b</li><li>c</li></ol>")).toBe("3. a\n2. b\n1. c");
    expect(htmlToPlainText('<ol reversed start="10"><li>a</li><li>b</li></ol>')).toBe("10. a\n9. b");
  });

  it("puts a loose list item's paragraph on its marker's line", () => {
    expect(htmlToPlainText("<ul><li><p>one</p></li><li><p>two</p></li></ul>")).toBe("- one\n\n- two");
  });

  it("starts a table row's first cell at the line start", () => {
    expect(htmlToPlainText("<table><tr><td>a</td><td>b</td></tr></table>")).toBe("a b");
  });

  it("never throws on markup nested far deeper than any sanitized message", () => {
    expect(htmlToPlainText(`${"<div>".repeat(3_000)}deep`)).toBe("deep");
  });

  it("never throws on broken markup", () => {
    expect(htmlToPlainText("<ol start='x'><li>a<li><ul><li></ol></p></table><")).toBeTypeOf("string");
  });

  it("numbers nested reversed lists each on their own", () => {
    expect(htmlToPlainText("<ol reversed><li>a<ol><li>x</li><li>y</li></ol></li><li>b</li></ol>")).toBe(
      "2. a\n  1. x\n  2. y\n1. b",
    );
  });

  it("trims a leading image description even when preformatted text follows", () => {
    expect(htmlToPlainText("<p><img alt='&nbsp;Logo'></p><pre>  code</pre>")).toBe("Logo\n\n  code");
  });

  it("drops the indentation of ordinary text, like a browser (&nbsp; included)", () => {
    expect(htmlToPlainText("<div>\n  <p>&nbsp;&nbsp;Welcome</p>\n</div>")).toBe("Welcome");
  });

  describe("without a DOM (a bot on Node)", () => {
    afterEach(() => vi.unstubAllGlobals());
    it("drops a U+0000 as an HTML parser would (it is no line break)", () => {
      vi.stubGlobal("document", undefined);
      expect(htmlToPlainText("<p>a\u0000b</p><pre>c\u0000\nd</pre>")).toBe("ab\n\nc\nd");
    });
    it("drops the markup's source indentation", () => {
      vi.stubGlobal("document", undefined);
      expect(htmlToPlainText("<div>\n  <p>Welcome</p>\n</div>")).toBe("Welcome");
    });
    it("puts each list item on a line of its own, a nested one too, without blank lines from the source's line breaks", () => {
      vi.stubGlobal("document", undefined);
      expect(htmlToPlainText("<ul>\n<li>one</li>\n<li>two<ul>\n<li>nested</li>\n</ul>\n</li>\n</ul>")).toBe(
        "- one\n- two\n- nested",
      );
      expect(htmlToPlainText("<p>Rules:</p><ol><li>one</li><li>two<ol><li>nested</li></ol></li></ol>")).toBe(
        "Rules:\n\n- one\n- two\n- nested",
      );
    });
    // Each item once looked at the end of the text so far, which copied it all: 41 s for 1 MB of "<li>a".
    it("a megabyte of list items is read in one pass", () => {
      vi.stubGlobal("document", undefined);
      const text = htmlToPlainText("<li>a".repeat(200_000));
      expect(text.split("\n")).toHaveLength(200_000);
      expect(text.startsWith("- a\n- a")).toBe(true);
    });
    it("gives a comment between list items no line of its own", () => {
      vi.stubGlobal("document", undefined);
      expect(htmlToPlainText("<ul>\n  <li>a</li>\n  <!-- note -->\n  <li>b</li>\n</ul>")).toBe("- a\n- b");
    });
    it("keeps a space between inline elements, and a preformatted block's own line breaks and indentation", () => {
      vi.stubGlobal("document", undefined);
      expect(htmlToPlainText("<p><b>a</b> <i>b</i></p>")).toBe("a b");
      expect(htmlToPlainText("<p>x</p>\n<pre>\n  <code>a</code>\n\n  b\n</pre>")).toBe("x\n\n  a\n\n  b");
    });
  });

  // Long runs of spaces: a backtracking regex took seconds for 50 KB here; 400 KB would outlast the test's timeout.
  describe("given a very long run of spaces (a hostile or careless source)", () => {
    const run = " ".repeat(400_000);

    it("inside a <pre>, the run is kept, and dropped before a line break", () => {
      expect(htmlToPlainText(`<pre>a${run}a</pre>`)).toBe(`a${run}a`);
      expect(htmlToPlainText(`<pre>a${run}\nb</pre>`)).toBe("a\nb");
    });

    it("without a DOM, the same", () => {
      vi.stubGlobal("document", undefined);
      expect(htmlToPlainText(`a${run}a`)).toBe(`a${run}a`);
      expect(htmlToPlainText(`a${run}<br>b`)).toBe("a\nb");
    });
  });
});
