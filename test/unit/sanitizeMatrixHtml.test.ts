import DOMPurify from "dompurify";
import { describe, expect, it, vi } from "vitest";
import {
  createMatrixHtmlSanitizer,
  escapeHtml,
  type SanitizeMatrixHtmlOptions,
  sanitizeMatrixHtml,
} from "../../src/welcome/sanitizeMatrixHtml";
import { checkMatrixHtmlRules, GENERAL_RULES, parseBody } from "../support/matrixHtmlRules";

const MEDIA_BASE = "https://hs.example/_matrix/client/v1/media/download/";
const mediaUrl = (mxc: string) => `${MEDIA_BASE}${mxc.slice("mxc://".length)}`;
const withMedia: SanitizeMatrixHtmlOptions = { mediaUrl };
const REL = 'rel="noopener noreferrer" target="_blank"';

/** Sanitises, and checks that the output is a fixed point and conforms, so every case below also proves those. */
function sanitize(html: string, options?: SanitizeMatrixHtmlOptions): string {
  const output = sanitizeMatrixHtml(html, options);
  expect(sanitizeMatrixHtml(output, options), "sanitising the output again").toBe(output);
  const again = (value: string) => sanitizeMatrixHtml(value, options);
  const context = { input: html, output, sanitize: again, mediaUrl: options?.mediaUrl };
  expect(checkMatrixHtmlRules(GENERAL_RULES, context)).toEqual([]);
  return output;
}

function depthOf(html: string): number {
  let deepest = 0;
  const visit = (element: Element, depth: number) => {
    deepest = Math.max(deepest, depth);
    for (const child of Array.from(element.children)) visit(child, depth + 1);
  };
  for (const child of Array.from(parseBody(html).children)) visit(child, 1);
  return deepest;
}

describe("sanitizeMatrixHtml: permitted formatting survives", () => {
  it.each([
    ["headings", "<h1>One</h1><h2>Two</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>"],
    ["inline formatting", "<b>b</b><i>i</i><u>u</u><s>s</s><del>d</del><strong>st</strong><em>em</em>"],
    ["superscript and subscript", "x<sup>2</sup> H<sub>2</sub>O"],
    ["a blockquote with paragraphs", "<blockquote><p>quoted</p><p>twice</p></blockquote>"],
    ["an unordered list", "<ul><li>one</li><li>two</li></ul>"],
    ["an ordered list with a start", '<ol start="3"><li>three</li><li>four</li></ol>'],
    ["nested lists", "<ul><li>a<ol><li>a.1</li></ol></li></ul>"],
    [
      "a table with caption, head and body",
      "<table><caption>Cap</caption><thead><tr><th>H</th></tr></thead><tbody><tr><td>D</td></tr></tbody></table>",
    ],
    [
      "a code block with a language class",
      '<pre><code class="language-js">let a = 1;\nlet b = 2;</code></pre>',
    ],
    ["inline code", "use <code>npm test</code>"],
    ["rules and breaks", "a<br>b<hr>c"],
    ["details with a summary", "<details><summary>More</summary>Hidden text</details>"],
    ["a spoiler with a reason", '<span data-mx-spoiler="plot: twist">Bruce is dead</span>'],
    ["a spoiler without a reason", '<span data-mx-spoiler="">secret</span>'],
    ["inline maths", '<span data-mx-maths="\\frac{1}{2}">1/2</span>'],
    ["block maths", '<div data-mx-maths="E = mc^2"><code>E = mc^2</code></div>'],
    [
      "a mailto link",
      '<a href="mailto:admin@example.org" rel="noopener noreferrer" target="_blank">mail</a>',
    ],
    [
      "a magnet link",
      '<a href="magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a" rel="noopener noreferrer" target="_blank">m</a>',
    ],
    [
      "an ftp link",
      '<a href="ftp://ftp.example.org/file.txt" rel="noopener noreferrer" target="_blank">f</a>',
    ],
    ["text with escaped markup", "1 &lt; 2 &amp;&amp; 3 &gt; 2 &nbsp;"],
  ])("given %s, the output is the input unchanged", (_name, html) => {
    expect(sanitize(html)).toBe(html);
  });

  it("given colours on a span, they are kept and translated to a colour style", () => {
    expect(sanitize('<span data-mx-color="#FF0000" data-mx-bg-color="#00ff00">c</span>')).toBe(
      '<span data-mx-color="#FF0000" data-mx-bg-color="#00ff00" style="color: #ff0000; background-color: #00ff00">c</span>',
    );
  });

  it("given a legacy font tag with colours, it is kept with its colour attributes", () => {
    expect(sanitize('<font color="#123456" data-mx-color="#abcdef" face="Comic Sans">old</font>')).toBe(
      '<font color="#123456" data-mx-color="#abcdef" style="color: #abcdef">old</font>',
    );
  });

  it("given divs nested exactly 100 deep, every level is preserved", () => {
    const html = `${"<div>".repeat(100)}deep${"</div>".repeat(100)}`;
    expect(sanitize(html)).toBe(html);
  });

  it("given a plain-text message, it comes back unchanged", () => {
    const text = '  Hello, world! It\'s "fine" -- 100% \u{1F600}\n\tsecond line  ';
    expect(sanitize(text)).toBe(text);
  });

  it("given an empty string, the output is empty", () => {
    expect(sanitize("")).toBe("");
  });
});

describe("sanitizeMatrixHtml: disallowed elements", () => {
  it.each([
    ["script", "<script>alert(1)</script>"],
    ["style", "<style>body{display:none}</style>"],
    ["template", "<template><b>t</b></template>"],
    ["iframe", '<iframe src="https://evil.example">frame text</iframe>'],
    ["object", '<object data="x.swf">fallback</object>'],
    ["embed", '<embed src="x.swf">'],
    ["svg", "<svg><text>svg text</text><script>alert(1)</script></svg>"],
    ["math", "<math><mi>x</mi><mtext>math text</mtext></math>"],
    ["noscript", "<noscript>enable js</noscript>"],
    ["title", "<title>page title</title>"],
    ["textarea", "<textarea>typed</textarea>"],
    ["select", "<select><option>choice</option></select>"],
    ["audio", "<audio src=x>no audio</audio>"],
    ["video", "<video src=x>no video</video>"],
    ["xmp", "<xmp><b>raw</b></xmp>"],
    ["frameset", "<frameset><frame src=x></frameset>"],
  ])("given a %s element, it is removed together with its content", (_tag, html) => {
    expect(sanitize(`before${html}after`)).toBe("beforeafter");
  });

  it("given an mx-reply fallback, it is removed with everything inside it", () => {
    const html =
      '<mx-reply><blockquote><a href="https://matrix.to/#/!r:x/$e">In reply to</a> <b>@u</b><br>quoted</blockquote></mx-reply>My answer';
    expect(sanitize(html)).toBe("My answer");
  });

  it.each([
    ["mark", "<mark>text</mark>"],
    ["small", "<small>text</small>"],
    ["big", "<big>text</big>"],
    ["strike", "<strike>text</strike>"],
    ["center", "<center>text</center>"],
    ["section", "<section>text</section>"],
    ["abbr", '<abbr title="t">text</abbr>'],
    ["a custom element", "<x-widget>text</x-widget>"],
    ["label", "<label>text</label>"],
    ["button", "<button onclick=alert(1)>text</button>"],
    ["form", '<form action="https://evil.example">text</form>'],
  ])("given a harmless %s element, it is unwrapped and its text kept", (_tag, html) => {
    expect(sanitize(`[${html}]`)).toBe("[text]");
  });

  it("given comments, CDATA and processing instructions, none reach the output", () => {
    expect(sanitize("a<!-- c --><![CDATA[x]]><?pi y?>b")).toBe("ab");
  });

  it("given an unwrapped element inside a kept one, the kept structure stays", () => {
    expect(sanitize("<p>a <mark><b>b</b></mark> c</p>")).toBe("<p>a <b>b</b> c</p>");
  });
});

describe("sanitizeMatrixHtml: attributes", () => {
  it.each([
    ["an id", '<p id="x">t</p>', "<p>t</p>"],
    ["a name", '<a name="top">t</a>', '<a rel="noopener noreferrer" target="_blank">t</a>'],
    ["an input style", '<p style="position:fixed;top:0">t</p>', "<p>t</p>"],
    ["a dir", '<p dir="rtl">t</p>', "<p>t</p>"],
    ["an event handler", '<b onclick="alert(1)" onmouseover=alert(2)>t</b>', "<b>t</b>"],
    ["a class outside code", '<span class="language-js">t</span>', "<span>t</span>"],
    ["an unlisted data attribute", '<span data-foo="1" data-mx-unknown="2">t</span>', "<span>t</span>"],
    ["an aria attribute", '<div aria-hidden="true">t</div>', "<div>t</div>"],
    [
      "open on details",
      "<details open><summary>s</summary>t</details>",
      "<details><summary>s</summary>t</details>",
    ],
    [
      "colspan on a cell",
      '<table><tbody><tr><td colspan="2">t</td></tr></tbody></table>',
      "<table><tbody><tr><td>t</td></tr></tbody></table>",
    ],
    ["maths on a paragraph", '<p data-mx-maths="x">t</p>', "<p>t</p>"],
    ["a spoiler on a div", '<div data-mx-spoiler="">t</div>', "<div>t</div>"],
    [
      "xlink:href",
      '<a xlink:href="javascript:alert(1)">t</a>',
      '<a rel="noopener noreferrer" target="_blank">t</a>',
    ],
  ])("given %s where the spec does not permit it, the attribute is dropped", (_name, html, expected) => {
    expect(sanitize(html)).toBe(expected);
  });

  it.each([
    ['start="3"', '<ol start="3"><li>x</li></ol>'],
    ['start="-1"', "<ol><li>x</li></ol>"],
    ['start="2e3"', "<ol><li>x</li></ol>"],
    ['start=""', "<ol><li>x</li></ol>"],
  ])("given an ordered list with %s, only a digits-only start is kept", (attribute, expected) => {
    expect(sanitize(`<ol ${attribute}><li>x</li></ol>`)).toBe(expected);
  });

  it.each([
    ["language-js", '<code class="language-js">x</code>'],
    ["hljs language-rust extra", '<code class="language-rust">x</code>'],
    ["language-a  language-b", '<code class="language-a language-b">x</code>'],
    ["hljs", "<code>x</code>"],
    ["Language-js", "<code>x</code>"],
  ])("given code with class %j, only language- classes are kept", (value, expected) => {
    expect(sanitize(`<code class="${value}">x</code>`)).toBe(expected);
  });

  it("given the same attributes in a different order, the output is identical", () => {
    const a = sanitize('<span data-mx-spoiler="r" data-mx-color="#010203" id="x">t</span>');
    const b = sanitize('<span id="x" data-mx-color="#010203" data-mx-spoiler="r">t</span>');
    expect(a).toBe(b);
    expect(a).toBe('<span data-mx-color="#010203" data-mx-spoiler="r" style="color: #010203">t</span>');
  });

  it.each([
    ["red", "a named colour"],
    ["#fff", "a 3-digit colour"],
    ["#12345g", "a non-hex digit"],
    ["#1234567", "7 digits"],
    ["#123456;position:fixed", "trailing CSS"],
    ["expression(alert(1))", "a CSS expression"],
  ])("given data-mx-color=%j (%s), the colour is dropped and no style is emitted", (value) => {
    expect(sanitize(`<span data-mx-color="${value}" data-mx-bg-color="${value}">t</span>`)).toBe(
      "<span>t</span>",
    );
  });

  it("given a style attribute in the input, it is never copied, only regenerated from the colours", () => {
    expect(
      sanitize('<span style="background:url(https://t.example/x)" data-mx-bg-color="#000000">t</span>'),
    ).toBe('<span data-mx-bg-color="#000000" style="background-color: #000000">t</span>');
  });

  it("given free-text attributes that read as a script URL, they are dropped", () => {
    expect(sanitize('<span data-mx-spoiler=" javascript:alert(1)">t</span>')).toBe("<span>t</span>");
  });

  it("given a carriage return in an attribute, it becomes a newline (as a second parse would make it)", () => {
    expect(sanitize('<span data-mx-spoiler="a&#13;b&#13;&#10;c">t</span>')).toBe(
      '<span data-mx-spoiler="a\nb\nc">t</span>',
    );
  });
});

describe("sanitizeMatrixHtml: links", () => {
  it("given a link without an href, it stays a link-less anchor around its text, with rel and target like every a", () => {
    expect(sanitize('<a name="anchor" title="t">text</a>')).toBe(`<a ${REL}>text</a>`);
  });

  it("given a link with a javascript: href, the link text survives without the href", () => {
    expect(sanitize('<a href="javascript:alert(1)">click</a>')).toBe(`<a ${REL}>click</a>`);
  });

  it.each([
    ["a relative path", "/room/!abc"],
    ["a fragment", "#/room/!abc:example.org"],
    ["a protocol-relative URL", "//evil.example/x"],
    ["a bare host", "example.org"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["a vbscript: URL", "vbscript:msgbox(1)"],
    ["an entity-encoded javascript: URL", "&#106;avascript:alert(1)"],
    ["a tab inside the scheme", "java&#x09;script:alert(1)"],
    ["a newline inside the scheme", "java&#10;script:alert(1)"],
    ["leading control characters", "&#1;&#2; javascript:alert(1)"],
    ["a leading line separator", "\u2028javascript:alert(1)"],
    ["a matrix: URI", "matrix:r/room:example.org"],
    ["an mxc: URI", "mxc://example.org/abc"],
    ["a tel: URI", "tel:+1234"],
    ["a scheme-only https", "https://"],
  ])("given an href that is %s, the href is dropped", (_name, href) => {
    expect(sanitize(`<a href="${href}">t</a>`)).toBe(`<a ${REL}>t</a>`);
  });

  it.each([
    ["https://example.org", "https://example.org/"],
    [" HTTPS://Example.ORG/a b ", "https://example.org/a%20b"],
    ["http://example.org/?q=1&amp;r=2#f", "http://example.org/?q=1&amp;r=2#f"],
    ["https://exa&#x09;mple.org/", "https://example.org/"],
    ["MAILTO:admin@example.org", "mailto:admin@example.org"],
  ])("given the href %j, the link points at the URL the browser would use", (href, expected) => {
    expect(sanitize(`<a href="${href}">t</a>`)).toBe(`<a href="${expected}" ${REL}>t</a>`);
  });

  it.each([
    ["a tab inside a comment-closing -->", "mailto:a--&#9;>b"],
    ["a newline inside a closing </style", "mailto:x<&#10;/style>"],
  ])("given an href whose serialised URL would contain %s, the href is dropped", (_name, href) => {
    expect(sanitize(`<a href="${href}">t</a>`)).toBe(`<a ${REL}>t</a>`);
  });

  it("given a target and rel in the input, target is forced to _blank and rel to noopener noreferrer", () => {
    expect(sanitize('<a href="https://e.example/" target="_top" rel="opener">t</a>')).toBe(
      `<a href="https://e.example/" ${REL}>t</a>`,
    );
  });

  it("given a link that ends up inside a link once a wrapper is dropped, the inner link gives way to its text", () => {
    // The marquee keeps the parser from closing the outer link; dropping the marquee nests the links.
    const html = '<a href="https://a.example/">a<marquee><a href="https://b.example/">b</a></marquee></a>';
    expect(sanitize(html)).toBe(`<a href="https://a.example/" ${REL}>ab</a>`);
  });

  it("given a link in a table cell inside a link, the inner link gives way to its text", () => {
    expect(
      sanitize(
        '<a href="https://a.example/"><table><tr><td><a href="https://b.example/">b</a></td></tr></table></a>',
      ),
    ).toBe(`<a href="https://a.example/" ${REL}><table><tbody><tr><td>b</td></tr></tbody></table></a>`);
  });

  it("given links around a table (adoption agency case), no link nests in another and the javascript: one has no href", () => {
    const output = sanitize(
      '<a href="https://example.org"><table><a href="javascript:alert(1)">inner</a></table></a>',
    );
    expect(output).not.toContain("javascript");
    expect(parseBody(output).querySelectorAll("a a")).toHaveLength(0);
  });
});

describe("sanitizeMatrixHtml: images", () => {
  it("given an mxc image and no mediaUrl, the image is replaced by its alt text", () => {
    expect(sanitize('before <img src="mxc://hs.example/abc123" alt="a cat"> after')).toBe(
      "before a cat after",
    );
  });

  it("given an image without alt text and no usable source, nothing is left of it", () => {
    expect(sanitize('a<img src="mxc://hs.example/abc">b')).toBe("ab");
  });

  it.each([
    ["a dot", "mxc://./abc"],
    ["two dots", "mxc://../abc"],
    ["a leading dot", "mxc://.hs.example/abc"],
    ["a trailing dot", "mxc://hs.example./abc"],
    ["an empty label", "mxc://hs..example/abc"],
  ])(
    "given an mxc image whose server name has %s (a path segment in its media URL), it is not loaded, and sanitizing is stable",
    (_, src) => {
      const resolver = vi.fn(mediaUrl);
      expect(sanitize(`<img src="${src}" alt="A">`, { mediaUrl: resolver })).toBe("A");
      expect(resolver).not.toHaveBeenCalled();
    },
  );

  it("given an mxc image whose server name is longer than a DNS name may be (255), it is not loaded", () => {
    const label = "a".repeat(63);
    const name = `${label}.${label}.${label}.${label}.example`.slice(0, 260);
    const resolver = vi.fn(mediaUrl);
    expect(sanitize(`<img src="mxc://${name}/abc" alt="A">`, { mediaUrl: resolver })).toBe("A");
    expect(resolver).not.toHaveBeenCalled();
  });

  it.each([
    ["an IPv4 address with a port", "mxc://192.0.2.1:8448/abc"],
    ["an IPv6 literal", "mxc://[2001:db8::1]/abc"],
    ["a single-label name", "mxc://localhost/abc"],
    ["a punycode name with a port", "mxc://xn--bcher-kva.example:443/abc"],
    [
      "a 255-character name with a port",
      `mxc://${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}:8448/abc`,
    ],
  ])("given an mxc image on %s, it is loaded through mediaUrl", (_, src) => {
    const resolver = vi.fn(mediaUrl);
    expect(sanitize(`<img src="${src}" alt="A">`, { mediaUrl: resolver })).toContain("<img");
    expect(resolver).toHaveBeenCalledWith(src);
  });

  it("given an mxc image and a mediaUrl, the source is the URL mediaUrl returns", () => {
    const resolver = vi.fn(mediaUrl);
    const html =
      '<img src="mxc://hs.example/abc_-123" alt="cat" title="T" width="32" height="24" data-mx-emoticon="whatever">';
    expect(sanitize(html, { mediaUrl: resolver })).toBe(
      `<img src="${MEDIA_BASE}hs.example/abc_-123" alt="cat" title="T" width="32" height="24" data-mx-emoticon="">`,
    );
    expect(resolver).toHaveBeenCalledWith("mxc://hs.example/abc_-123");
  });

  it.each([
    ["an https URL", "https://tracker.example/pixel.png"],
    ["an http URL", "http://tracker.example/pixel.png"],
    ["a protocol-relative URL", "//tracker.example/pixel.png"],
    ["a data: URL", "data:image/png;base64,iVBORw0KGgo="],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative URL", "pixel.png"],
    ["path traversal", "mxc://127.0.0.1/../../../etc/passwd"],
    ["a server name with a dot-dot", "mxc://a..b/abc"],
    ["a media id with a dot", "mxc://hs.example/abc.png"],
    ["a media id with a query", "mxc://hs.example/abc?x=1"],
    ["a server name with a space", "mxc://hs example/abc"],
    ["an upper-case scheme", "MXC://hs.example/abc"],
    ["a missing media id", "mxc://hs.example/"],
  ])("given an image source that is %s, the image is dropped even with a mediaUrl", (_name, src) => {
    expect(sanitize(`<img src="${src}" alt="alt">`, withMedia)).toBe("alt");
  });

  it("given an https source that is not exactly what mediaUrl makes, it is dropped", () => {
    expect(sanitize(`<img src="${MEDIA_BASE}hs.example/abc?x=1" alt="alt">`, withMedia)).toBe("alt");
    expect(sanitize(`<img src="https://evil.example/download/hs.example/abc" alt="alt">`, withMedia)).toBe(
      "alt",
    );
  });

  it("given the output of a first pass, the media URL it produced is recognised and kept", () => {
    const first = sanitizeMatrixHtml('<img src="mxc://hs.example:8448/abc" alt="x">', withMedia);
    expect(first).toBe(`<img src="${MEDIA_BASE}hs.example:8448/abc" alt="x">`);
    expect(sanitizeMatrixHtml(first, withMedia)).toBe(first);
  });

  it("given a mediaUrl that encodes the server name, its URLs are still recognised on a second pass", () => {
    const encoding = (mxc: string) => {
      const [server = "", id = ""] = mxc.slice(6).split("/");
      return `https://hs.example/_matrix/media/v3/thumbnail/${encodeURIComponent(server)}/${id}?width=64&height=64`;
    };
    expect(sanitize('<img src="mxc://[::1]:8448/abc" alt="x">', { mediaUrl: encoding })).toBe(
      '<img src="https://hs.example/_matrix/media/v3/thumbnail/%5B%3A%3A1%5D%3A8448/abc?width=64&amp;height=64" alt="x">',
    );
  });

  it("given a mediaUrl that returns a blob URL, the blob URL is used", () => {
    const output = sanitizeMatrixHtml('<img src="mxc://hs.example/abc">', {
      mediaUrl: () => "blob:https://app.example/0b5d-11aa",
    });
    expect(output).toBe('<img src="blob:https://app.example/0b5d-11aa">');
  });

  it("given blob media URLs from a first pass, a second pass drops them (a blob URL names no mxc URI)", () => {
    const cache = new Map([["mxc://hs.example/abc", "blob:https://app.example/0b5d-11aa"]]);
    const blobs = { mediaUrl: (mxc: string) => cache.get(mxc) ?? null };
    const first = sanitizeMatrixHtml('<img src="mxc://hs.example/abc" alt="a">', blobs);
    expect(sanitizeMatrixHtml(first, blobs)).toBe("a");
  });

  it.each<[string, (mxc: string) => unknown]>([
    ["null", () => null],
    ["undefined", () => undefined],
    ["a number", () => 42],
    ["a javascript: URL", () => "javascript:alert(1)"],
    ["a data: URL", () => "data:image/png;base64,AAAA"],
    ["a relative URL", () => "/media/abc"],
    [
      "nothing, because it throws",
      () => {
        throw new Error("offline");
      },
    ],
  ])("given a mediaUrl that returns %s, the image is dropped and its alt text kept", (_name, resolver) => {
    const options = { mediaUrl: resolver as (mxc: string) => string | null };
    expect(sanitize('<img src="mxc://hs.example/abc" alt="alt text">', options)).toBe("alt text");
  });

  it.each([
    ['width="32" height="10"', 'width="32" height="10"'],
    ['width="32px" height="-1"', ""],
    ['width="100%" height="1e3"', ""],
  ])("given image dimensions %s, only digits-only values are kept", (dimensions, kept) => {
    const output = sanitize(`<img src="mxc://hs.example/abc" ${dimensions}>`, withMedia);
    expect(output).toBe(`<img src="${MEDIA_BASE}hs.example/abc"${kept ? ` ${kept}` : ""}>`);
  });

  it("given a mediaUrl on one call, the next call without one does not inherit it", () => {
    expect(sanitizeMatrixHtml('<img src="mxc://hs.example/abc" alt="a">', withMedia)).toContain("<img");
    expect(sanitizeMatrixHtml('<img src="mxc://hs.example/abc" alt="a">')).toBe("a");
  });

  it("given a mediaUrl that itself sanitises HTML, the outer call keeps its own mediaUrl", () => {
    const reentrant = (mxc: string) => {
      expect(sanitizeMatrixHtml('<img src="mxc://hs.example/inner" alt="inner">')).toBe("inner");
      return mediaUrl(mxc);
    };
    expect(
      sanitizeMatrixHtml('<img src="mxc://hs.example/a"><img src="mxc://hs.example/b">', {
        mediaUrl: reentrant,
      }),
    ).toBe(`<img src="${MEDIA_BASE}hs.example/a"><img src="${MEDIA_BASE}hs.example/b">`);
  });
});

describe("sanitizeMatrixHtml: nesting limit", () => {
  it("given 150 nested divs, the output is cut at depth 100 and the text below the cut is dropped", () => {
    const output = sanitize(`${"<div>".repeat(150)}deep${"</div>".repeat(150)}`);
    expect(depthOf(output)).toBe(100);
    expect(output).toBe(`${"<div>".repeat(100)}${"</div>".repeat(100)}`);
  });

  it("given text at depth 100 and an element at depth 101, the text stays and the element goes", () => {
    const html = `${"<span>".repeat(100)}kept<b>gone</b>${"</span>".repeat(100)}`;
    expect(sanitize(html)).toBe(`${"<span>".repeat(100)}kept${"</span>".repeat(100)}`);
  });

  it("given 2000 nested formatting elements, it finishes and stays within the limit", () => {
    const output = sanitize(`${"<b><i>".repeat(1000)}x`);
    expect(depthOf(output)).toBeLessThanOrEqual(100);
  });

  it.each([
    ["a table whose rows need a tbody", "<table><tfoot><tr><td>x</td></tr></tfoot></table>"],
    ["a paragraph around a div", "<p>a<marquee><div>b</div></marquee></p>"],
    ["a list item inside a list item", "<li>a<menu><li>b</li></menu></li>"],
    [
      "a link inside a link",
      '<a href="https://a.example/">a<marquee><a href="https://b.example/">b</a></marquee></a>',
    ],
    ["a pre starting with newlines", "<pre>\n\nx</pre>"],
    ["an image", '<img src="mxc://hs.example/abc" alt="alt">'],
  ])("given %s right at the depth limit, the output is within the limit and stable", (_name, inner) => {
    for (let depth = 95; depth <= 101; depth++) {
      const html = `${"<div>".repeat(depth)}${inner}${"</div>".repeat(depth)}`;
      for (const options of [undefined, withMedia]) {
        expect(depthOf(sanitize(html, options))).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe("sanitizeMatrixHtml: structures a second parse would rebuild", () => {
  it("given a paragraph around block content, it becomes a div so the content stays inside", () => {
    expect(sanitize("<p>a<marquee><div>b</div></marquee>c</p>")).toBe("<div>a<div>b</div>c</div>");
  });

  it("given a paragraph around a table (quirks-mode parsing), it becomes a div", () => {
    expect(sanitize("<p>a<table><tbody><tr><td>x</td></tr></tbody></table></p>")).toBe(
      "<div>a<table><tbody><tr><td>x</td></tr></tbody></table></div>",
    );
  });

  it("given a list item directly inside a list item, the inner one gives way to its content", () => {
    expect(sanitize("<ul><li>a<menu><li>b</li></menu></li></ul>")).toBe("<ul><li>ab</li></ul>");
  });

  it("given a list item inside a nested list, it is kept", () => {
    expect(sanitize("<ul><li>a<ul><li>b</li></ul></li></ul>")).toBe("<ul><li>a<ul><li>b</li></ul></li></ul>");
  });

  it("given a heading directly inside a heading, the inner one gives way to its content", () => {
    expect(sanitize("<h1>a<hgroup><h2>b</h2></hgroup></h1>")).toBe("<h1>ab</h1>");
  });

  it("given table rows from a dropped tfoot, they are wrapped in a tbody", () => {
    expect(sanitize("<table><tfoot><tr><td>f</td></tr></tfoot></table>")).toBe(
      "<table><tbody><tr><td>f</td></tr></tbody></table>",
    );
  });

  it("given whitespace between table parts, it is dropped (the parser would move or merge it)", () => {
    expect(sanitize("<table>\n <tbody>\n <tr>\n <td>x</td>\n </tr>\n </tbody>\n</table>")).toBe(
      "<table><tbody><tr><td>x</td></tr></tbody></table>",
    );
  });

  it("given table text the parser foster-parents, it comes out before the table once", () => {
    expect(sanitize("<table>oops<tr><td>x</td></tr></table>")).toBe(
      "oops<table><tbody><tr><td>x</td></tr></tbody></table>",
    );
  });

  it("given a pre starting with newlines, they are removed because a parser would eat the first one", () => {
    expect(sanitize("<pre>\n\ncode</pre>")).toBe("<pre>code</pre>");
    expect(sanitize("<pre>&#10;&#10;</pre>")).toBe("<pre></pre>");
  });

  it("given a pre whose first child is an element, its text keeps its newlines", () => {
    expect(sanitize("<pre><code>\nx</code></pre>")).toBe("<pre><code>\nx</code></pre>");
  });

  it("given carriage returns from character references, they become newlines", () => {
    expect(sanitize("a&#13;b&#13;&#10;c\r\nd")).toBe("a\nb\nc\nd");
  });

  it("given misnested formatting tags, the output is the tree the parser built, written well-nested", () => {
    expect(sanitize('<p><b><i>unclosed <a href="https://example.org">mis</p>nested</i></b></a> tags')).toBe(
      `<p><b><i>unclosed <a href="https://example.org/" ${REL}>mis</a></i></b></p><b><i><a href="https://example.org/" ${REL}>nested</a></i></b> tags`,
    );
  });

  it.each([
    "<p><p>x</p></p>",
    "<p>a</p></p>b",
    "<table><td>cell</td><caption>c</caption></table>",
    "<table><tr><td><table><tr><td>in</td></tr></table></td></tr></table>",
    "<ol><li>a<li>b</ol>",
    "<li>orphan</li>",
    "<h1><h2>x</h2></h1>",
    "<a href=https://a.example/><div><a href=https://b.example/>x</a></div></a>",
    "<b><table><tr><td>x</b>y</td></tr></table>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<select><template><style></template></select><img src=x onerror=alert(1)>",
    "<pre>\n<pre>\nx</pre></pre>",
    "<span>\r</span><pre>\r\nx</pre>",
    "<table><tbody></tbody><thead></thead><tr></tr></table>",
    "<caption>x</caption><tr><td>y</td></tr>",
    "<details><p>a<summary>s</summary></p></details>",
    "<ul><li><div><li>x</li></div></li></ul>",
  ])("given %j, a second pass returns the first pass's output", (html) => {
    const once = sanitize(html);
    expect(sanitizeMatrixHtml(once)).toBe(once);
    expect(sanitizeMatrixHtml(once, withMedia)).toBe(sanitize(html, withMedia));
  });
});

describe("sanitizeMatrixHtml: without a DOM", () => {
  it("given no window (server rendering), the input comes back HTML-escaped", () => {
    const serverSide = createMatrixHtmlSanitizer(() => undefined);
    expect(serverSide(`<b onclick="x">it's & <i>me</i></b>`)).toBe(
      "&lt;b onclick=&quot;x&quot;&gt;it&#39;s &amp; &lt;i&gt;me&lt;/i&gt;&lt;/b&gt;",
    );
  });

  it("given a window DOMPurify cannot use, the input comes back HTML-escaped", () => {
    const broken = createMatrixHtmlSanitizer(() => ({}) as never);
    expect(broken("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(broken("plain")).toBe("plain");
  });

  it("given a window that appears later, the sanitiser starts sanitising", () => {
    let current: typeof window | undefined;
    const lazy = createMatrixHtmlSanitizer(() => current);
    expect(lazy("<b>x</b>")).toBe("&lt;b&gt;x&lt;/b&gt;");
    current = window;
    expect(lazy("<b onclick=x>x</b>")).toBe("<b>x</b>");
  });

  it("given the DOMPurify factory, it makes one private instance, lazily, and configures it once", () => {
    const instances: Array<ReturnType<typeof DOMPurify>> = [];
    const factory = vi.fn((root: Parameters<typeof DOMPurify>[0]) => {
      const instance = DOMPurify(root);
      vi.spyOn(instance, "addHook");
      vi.spyOn(instance, "setConfig");
      instances.push(instance);
      return instance;
    });
    const lazy = createMatrixHtmlSanitizer(() => window, factory);
    expect(factory).not.toHaveBeenCalled();
    lazy("<b>a</b>");
    lazy('<img src="mxc://hs.example/a">', withMedia);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(factory).toHaveBeenCalledWith(window);
    expect(instances[0]).not.toBe(DOMPurify);
    expect(instances[0]?.addHook).toHaveBeenCalledTimes(1);
    expect(instances[0]?.setConfig).toHaveBeenCalledTimes(1);
  });

  it("escapeHtml escapes the five HTML-significant characters and nothing else", () => {
    expect(escapeHtml(`&<>"' ok é`)).toBe("&amp;&lt;&gt;&quot;&#39; ok é");
  });
});

describe("sanitizeMatrixHtml: robustness", () => {
  it.each<[string, unknown, string]>([
    ["null", null, ""],
    ["undefined", undefined, ""],
    ["a number", 42, "42"],
    ["an object", { toString: () => "<b onclick=x>o</b>" }, "<b>o</b>"],
    [
      "an object whose toString throws",
      {
        toString: () => {
          throw new Error("no");
        },
      },
      "",
    ],
    ["a symbol", Symbol("s"), "Symbol(s)"],
  ])(
    "given %s from a JavaScript caller, it returns a string and does not throw",
    (_name, value, expected) => {
      expect(sanitizeMatrixHtml(value as string)).toBe(expected);
    },
  );

  it("given options that are not what the types say, it ignores them", () => {
    const odd = { mediaUrl: "https://not-a-function" } as unknown as SanitizeMatrixHtmlOptions;
    expect(sanitizeMatrixHtml('<img src="mxc://hs.example/a" alt="a">', odd)).toBe("a");
  });

  it("given options whose mediaUrl getter throws, it returns a string instead of throwing", () => {
    const hostile = {
      get mediaUrl(): never {
        throw new Error("boom");
      },
    };
    expect(sanitizeMatrixHtml("<b>x</b>", hostile)).toBe("&lt;b&gt;x&lt;/b&gt;");
  });

  it("given a frameset that replaces the document body, the output is empty", () => {
    expect(sanitize('<div id="31"><frameset onload=alert(31)>')).toBe("");
  });

  // Speed is measured by `npm run bench` (sanitizer part), not here.
  it("given a large message, every paragraph of it is kept and every link gets its rel and target", () => {
    const html = '<p>Hello <b>world</b> <a href="https://example.org">link</a></p>'.repeat(2000);
    const out = sanitizeMatrixHtml(html);
    expect(out.match(/<p>Hello <b>world<\/b>/g)).toHaveLength(2000);
    expect(out.match(/rel="noopener noreferrer" target="_blank"/g)).toHaveLength(2000);
  }, 20_000);
});

describe("sanitizeMatrixHtml: isolation from the global DOMPurify", () => {
  it("given sanitizeMatrixHtml has run, the default DOMPurify instance keeps its own behaviour", () => {
    sanitizeMatrixHtml('<a href="https://example.org" id="x">t</a>');
    expect(DOMPurify.sanitize('<a href="/relative" id="x" title="t">t</a>')).toBe(
      '<a href="/relative" id="x" title="t">t</a>',
    );
    expect(DOMPurify.sanitize("<table><tr><td>x</td></tr></table>")).toBe(
      "<table><tbody><tr><td>x</td></tr></tbody></table>",
    );
  });
});

describe("sanitizeMatrixHtml: free text that reads as a data: URL", () => {
  it("given an image that cannot load, whose alt text is a data: URL, no data: text takes its place", () => {
    expect(sanitizeMatrixHtml('<p><img src="mxc://a.example/b" alt="data:text/html,hi"></p>')).not.toContain(
      "data:",
    );
  });

  it("given a spoiler whose reason is a data: URL, the reason is dropped", () => {
    expect(sanitizeMatrixHtml('<span data-mx-spoiler="data:text/html,hi">x</span>')).not.toContain("data:");
  });
});
