/**
 * A review's mix of hostile HTML (script URLs, mxc traversal, remote images, event handlers on details, spoilers,
 * nested lists, links and headings, tables, svg and math, start and class attributes): every allowlist rule holds and
 * the output is stable under a second pass, with and without a media resolver.
 */
import { describe, expect, it } from "vitest";
import { sanitizeMatrixHtml } from "../../src/welcome/sanitizeMatrixHtml";
import { checkMatrixHtmlRules, corpusMediaUrl, GENERAL_RULES } from "../support/matrixHtmlRules";

const inputs = [
  '<a href="javascript:alert(1)">x</a>',
  '<a href="  JaVaScRiPt:alert(1)">x</a>',
  '<a href="https://ok.example/" data-mx-foo="1" onclick="x()">ok</a>',
  '<img src="mxc://example.org/abc" alt="a" onerror="x()">',
  '<img src="mxc://example.org/../../x" alt="trav">',
  '<img src="https://evil.example/x.png" alt="tracker">',
  '<details open ontoggle="alert(1)"><summary>s</summary>body</details>',
  "<p><details><summary>a</summary>b</details></p>",
  '<span data-mx-spoiler="reason">secret</span>',
  '<span data-mx-spoiler="javascript:alert(1)">secret</span>',
  '<span data-mx-color="#ff0000" data-mx-bg-color="#00ff00;position:fixed">c</span>',
  "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li></ul>",
  '<ol start="-1"><li>x</li></ol>',
  '<code class="language-js  evil language-x">c</code>',
  "<summary>lone</summary>",
  "<table><caption>c</caption><tr><td>a</td></tr></table>",
  "<p>a<table><tr><td>b</td></tr></table>c</p>",
  "<pre>\n\nx</pre>",
  '<a href="https://a.example/"><div><a href="https://b.example/">in</a></div></a>',
  '<font color="#ff0000" face="x">f</font>',
  "<h1><h2>x</h2></h1>",
  "<li>orphan<li>second",
  '<div data-mx-maths="\\\\def\\\\x{}">m</div>',
  '<img src="mxc://example.org/abc" data-mx-emoticon="x" width="999999">',
  '<a href="mxc://example.org/abc">mxc link</a>',
  '<a href="matrix:r/room:example.org">matrix link</a>',
  '<svg><a href="https://x/">s</a></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  "<form><input value=x><button>b</button></form>",
  "<p>a<summary>b</summary>c</p>",
  "<summary><p>x</p></summary>",
  "<details><summary><h1>t</h1></summary></details>",
  "<b><p>x</p></b>",
  '<a href="https://ok/"><p>para</p></a>',
  "<span><li>x</li></span>",
  "<ul><span><li>x</li></span></ul>",
  "<li><span><li>x</li></span></li>",
  "<caption>x</caption>",
  "<table><tbody><tr><th>a<table><tr><td>b</td></tr></table></th></tr></tbody></table>",
  "<p><hr></p>",
  '<p><img src="mxc://example.org/abc" alt=""></p>',
  "&#13;x\r\ny",
  "<br/><br>",
  "<blockquote><p>q</p></blockquote>",
  '<a href="https://ok/" target="_top">t</a>',
  "<sup><sub>x</sub></sup>",
  "<details><details><summary>x</summary></details></details>",
  "<span data-mx-spoiler><span data-mx-spoiler>inner</span></span>",
  "<p><ol><li>x</li></ol></p>",
  "<h1><p>x</p></h1>",
  "<h1><div><h2>x</h2></div></h1>",
  '<a href="https://x/"><table><tr><td><a href="https://y/">z</a></td></tr></table></a>',
];

describe("the sanitizer on a review's hostile mix", () => {
  for (const mediaUrl of [undefined, corpusMediaUrl]) {
    it(`rules hold (${mediaUrl ? "mediaUrl" : "none"})`, () => {
      const problems: string[] = [];
      for (const input of inputs) {
        const output = sanitizeMatrixHtml(input, mediaUrl ? { mediaUrl } : undefined);
        const f = checkMatrixHtmlRules(GENERAL_RULES, {
          input,
          output,
          sanitize: (h) => sanitizeMatrixHtml(h, mediaUrl ? { mediaUrl } : undefined),
          mediaUrl,
        });
        if (f.length) problems.push(`${input} => ${output} :: ${JSON.stringify(f)}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
