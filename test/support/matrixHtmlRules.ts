// Checks sanitiser output against the rule names used by the XSS corpus
// (test/fixtures/xss-corpus-dompurify-fixtures.json), and generates arbitrary markup for property tests. Written independently of src/ so that it judges the sanitiser
// rather than repeating it. Output is parsed with DOMParser (an inert document: nothing loads, nothing runs),
// after `<body>` so leading whitespace is kept.

import fc from "fast-check";

/** What a rule looks at: the input, the sanitiser's output, and the sanitiser itself (for idempotence). */
export interface RuleContext {
  readonly input: string;
  readonly output: string;
  /** The sanitiser with the same options that produced `output`. */
  readonly sanitize: (html: string) => string;
  /** The `mediaUrl` option `output` was produced with; without it no `img` may appear. */
  readonly mediaUrl?: ((mxc: string) => string | null) | undefined;
  /** Accept the deprecated `font` tag (default true, like the corpus's reference checker). */
  readonly legacyFont?: boolean;
}

/** A rule that failed, with what was wrong. */
export interface RuleFailure {
  readonly rule: string;
  readonly problem: string;
}

/** The rules every output must satisfy, whatever the input (the parameterless rules of the corpus). */
export const GENERAL_RULES = [
  "allowed_tags_only",
  "allowed_attrs_only",
  "no_event_handlers",
  "no_dangerous_scheme_in_attrs",
  "href_scheme_allowlist",
  "img_src_mxc_derived",
  "style_only_mx_colors",
  "code_class_language_only",
  "max_depth_100",
  "idempotent",
  "should:a_rel_noopener",
  "mx_color_format",
  "should:roundtrip_stable",
] as const;

const PERMITTED_TAGS = new Set(
  "del h1 h2 h3 h4 h5 h6 blockquote p a ul ol sup sub li b i u strong em s code hr br div table thead tbody tr th td caption pre span img details summary".split(
    " ",
  ),
);
const ATTRIBUTES_BY_TAG: Record<string, readonly string[]> = {
  span: ["data-mx-bg-color", "data-mx-color", "data-mx-spoiler", "data-mx-maths", "style"],
  a: ["href", "target", "rel"],
  img: ["width", "height", "alt", "title", "src", "data-mx-emoticon"],
  ol: ["start"],
  code: ["class"],
  div: ["data-mx-maths"],
  font: ["data-mx-bg-color", "data-mx-color", "color", "style"],
};
const LINK_PROTOCOLS = new Set(["http:", "https:", "ftp:", "mailto:", "magnet:"]);
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const MX_COLOR_STYLE =
  /^\s*(?:color|background-color)\s*:\s*#[0-9a-fA-F]{6}\s*(?:;\s*(?:color|background-color)\s*:\s*#[0-9a-fA-F]{6}\s*)*;?\s*$/;
const SCRIPT_SCHEME = /^(?:javascript|vbscript|data):/;
const SKIPPED_IN_SCHEME =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: C0 controls are what browsers skip here.
  /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff]/g;
const BROWSER_BASE = "https://client.example/app/#/room/!r:example.org";

/** Parses HTML as the body of an inert document, in quirks mode or not. */
export function parseBody(html: string, quirks = true): HTMLElement {
  const doctype = quirks ? "" : "<!DOCTYPE html>";
  return new DOMParser().parseFromString(`${doctype}<body>${html}`, "text/html").body;
}

/** Parses HTML as the content of a `div` (fragment parsing, like `innerHTML`) in an inert standards-mode document. */
export function parseAsDivContent(html: string): HTMLElement {
  const div = document.implementation.createHTMLDocument("").createElement("div");
  div.innerHTML = html;
  return div;
}

function elementsOf(root: Element): Element[] {
  return Array.from(root.querySelectorAll("*"));
}

/** The depth of the deepest element below `root` (its children are at depth 1); iterative for deep trees. */
function maxDepth(root: Element): number {
  let deepest = 0;
  const pending: Array<[Element, number]> = Array.from(root.children, (child) => [child, 1]);
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [element, depth] = item;
    deepest = Math.max(deepest, depth);
    for (const child of Array.from(element.children)) pending.push([child, depth + 1]);
  }
  return deepest;
}

function show(element: Element): string {
  return `<${element.localName}${Array.from(element.attributes, (a) => ` ${a.name}="${a.value}"`).join("")}>`;
}

function parseUrl(value: string, base?: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The mxc URI a media URL was made from, assuming `mediaUrl` ends its path with `<server-name>/<media-id>`. */
function mxcOfMediaUrl(src: string): string | null {
  const url = parseUrl(src);
  if (url === null) return null;
  const segments = url.pathname.split("/");
  const server = safeDecode(segments.at(-2) ?? "");
  const mediaId = safeDecode(segments.at(-1) ?? "");
  if (
    server === null ||
    mediaId === null ||
    server === "" ||
    server.includes("/") ||
    server.includes("..") ||
    !/^[A-Za-z0-9_-]+$/.test(mediaId)
  ) {
    return null;
  }
  return `mxc://${server}/${mediaId}`;
}

function styleDeclarations(style: string): Array<{ property: string; value: string }> {
  return style
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split(";")
    .map((part) => part.split(":"))
    .filter((pair) => pair.length >= 2)
    .map(([property = "", ...rest]) => ({
      property: property.trim().toLowerCase(),
      value: rest.join(":").trim(),
    }));
}

type Check = (context: RuleContext, root: HTMLElement, elements: Element[]) => string | null;

function firstProblem<T>(items: Iterable<T>, problem: (item: T) => string | null): string | null {
  for (const item of items) {
    const found = problem(item);
    if (found !== null) return found;
  }
  return null;
}

function attributesOf(elements: Element[]): Array<{ element: Element; attr: Attr }> {
  return elements.flatMap((element) => Array.from(element.attributes, (attr) => ({ element, attr })));
}

const CHECKS: Record<string, Check> = {
  allowed_tags_only: (context, _root, elements) =>
    firstProblem(elements, (element) => {
      const legacy = (context.legacyFont ?? true) && element.localName === "font";
      const html = element.namespaceURI === "http://www.w3.org/1999/xhtml";
      return html && (PERMITTED_TAGS.has(element.localName) || legacy)
        ? null
        : `tag not allowed: ${show(element)}`;
    }),

  allowed_attrs_only: (_context, _root, elements) =>
    firstProblem(attributesOf(elements), ({ element, attr }) =>
      (Object.hasOwn(ATTRIBUTES_BY_TAG, element.localName)
        ? ATTRIBUTES_BY_TAG[element.localName]
        : []
      )?.includes(attr.name) && attr.namespaceURI === null
        ? null
        : `attribute ${attr.name} not allowed on ${element.localName}`,
    ),

  no_event_handlers: (_context, _root, elements) =>
    firstProblem(attributesOf(elements), ({ attr }) =>
      /^on/i.test(attr.name) ? `event handler attribute ${attr.name}` : null,
    ),

  // A dangerous scheme is one at the start of a value (where a URL's scheme sits), judged after skipping the
  // whitespace and controls browsers skip; href/src are also judged by the scheme the URL parser sees.
  no_dangerous_scheme_in_attrs: (_context, _root, elements) =>
    firstProblem(attributesOf(elements), ({ element, attr }) => {
      const compact = attr.value.replace(SKIPPED_IN_SCHEME, "").toLowerCase();
      if (SCRIPT_SCHEME.test(compact)) return `${attr.name}="${attr.value}" on ${element.localName}`;
      if (attr.name === "href" || attr.name === "src") {
        const protocol = parseUrl(attr.value, BROWSER_BASE)?.protocol ?? "";
        if (SCRIPT_SCHEME.test(protocol)) return `${attr.name} uses ${protocol}`;
      }
      if (
        attr.name === "style" &&
        /javascript:|vbscript:|expression\(|url\(/i.test(attr.value.replace(/\s/g, ""))
      ) {
        return `style="${attr.value}"`;
      }
      return null;
    }),

  // The value must be absolute on its own and mean the same in a browser page (so `https:foo`-style relative
  // forms fail), with an allowed scheme.
  href_scheme_allowlist: (_context, _root, elements) =>
    firstProblem(elements, (element) => {
      const href = element.getAttribute("href");
      if (href === null) return null;
      const alone = parseUrl(href);
      const inPage = parseUrl(href, BROWSER_BASE);
      if (alone === null || inPage === null || alone.href !== inPage.href)
        return `href not absolute: ${href}`;
      return LINK_PROTOCOLS.has(alone.protocol) ? null : `href scheme not allowed: ${href}`;
    }),

  img_src_mxc_derived: (context, _root, elements) =>
    firstProblem(
      elements.filter((element) => element.localName === "img"),
      (img) => {
        const src = img.getAttribute("src");
        if (src === null) return `img without src: ${show(img)}`;
        if (context.mediaUrl === undefined) return `img kept without a mediaUrl: ${show(img)}`;
        const mxc = mxcOfMediaUrl(src);
        return mxc !== null && context.mediaUrl(mxc) === src ? null : `img src not made by mediaUrl: ${src}`;
      },
    ),

  style_only_mx_colors: (_context, _root, elements) =>
    firstProblem(elements, (element) => {
      const style = element.getAttribute("style");
      if (style === null) return null;
      if (element.localName !== "span" && element.localName !== "font")
        return `style on ${element.localName}`;
      return MX_COLOR_STYLE.test(style) ? null : `style is more than mx colours: ${style}`;
    }),

  code_class_language_only: (_context, _root, elements) =>
    firstProblem(elements, (element) => {
      const value = element.getAttribute("class");
      if (value === null) return null;
      if (element.localName !== "code") return `class on ${element.localName}`;
      const tokens = value.split(/[\t\n\f\r ]+/).filter((token) => token !== "");
      const bad = tokens.find((token) => !token.startsWith("language-"));
      return tokens.length === 0 || bad !== undefined ? `class token not language-*: "${value}"` : null;
    }),

  max_depth_100: (_context, root) => {
    const depth = maxDepth(root);
    return depth <= 100 ? null : `nesting depth ${depth}`;
  },

  idempotent: (context) => {
    const again = context.sanitize(context.output);
    return again === context.output ? null : `second pass differs: ${JSON.stringify(again).slice(0, 300)}`;
  },

  "should:a_rel_noopener": (_context, _root, elements) =>
    firstProblem(
      elements.filter((element) => element.localName === "a"),
      (a) => {
        const rel = (a.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
        if (!rel.includes("noopener")) return `a without rel=noopener: ${show(a)}`;
        const target = a.getAttribute("target");
        return target === null || target === "_blank" ? null : `a target other than _blank: ${target}`;
      },
    ),

  mx_color_format: (_context, _root, elements) =>
    firstProblem(attributesOf(elements), ({ element, attr }) => {
      const colour =
        attr.name === "data-mx-color" ||
        attr.name === "data-mx-bg-color" ||
        (attr.name === "color" && element.localName === "font");
      return !colour || HEX_COLOR.test(attr.value) ? null : `${attr.name}="${attr.value}" is not #RRGGBB`;
    }),

  // Reading the output back must give the same markup: as a document body (quirks and standards mode, the way
  // DOMPurify parses) and through innerHTML on a div of an inert standards-mode document (the way React renders).
  "should:roundtrip_stable": (context) => {
    const readBacks = {
      "quirks-mode document": parseBody(context.output, true).innerHTML,
      "standards-mode document": parseBody(context.output, false).innerHTML,
      "div innerHTML": parseAsDivContent(context.output).innerHTML,
    };
    for (const [how, markup] of Object.entries(readBacks)) {
      if (markup !== context.output) return `${how} reparse differs: ${JSON.stringify(markup).slice(0, 300)}`;
    }
    return null;
  },
};

function parameterisedCheck(rule: string): Check | undefined {
  const [kind, argument = ""] = rule.split(/:(.*)/s);
  const name = argument.toLowerCase();
  switch (kind) {
    case "no_element":
      return (context, _root, elements) => {
        const element = elements.find((e) => e.localName === name);
        if (element !== undefined) return `element ${show(element)} present`;
        const tag = new RegExp(`<${name.replace(/[^a-z0-9-]/g, "")}[\\s/>]`, "i");
        return tag.test(context.output) ? `start tag <${name}> in output` : null;
      };
    case "no_attr":
      return (_context, _root, elements) =>
        firstProblem(attributesOf(elements), ({ element, attr }) =>
          attr.name.toLowerCase() === name ? `attribute ${attr.name} on ${element.localName}` : null,
        );
    case "no_css_function":
      return (_context, _root, elements) =>
        firstProblem(elements, (element) => {
          const style = (element.getAttribute("style") ?? "")
            .replace(/\s|\/\*[\s\S]*?\*\//g, "")
            .toLowerCase();
          return style.includes(`${name}(`) ? `css function ${name}() in style="${style}"` : null;
        });
    case "no_css_property":
      return (_context, _root, elements) =>
        firstProblem(elements, (element) => {
          const style = element.getAttribute("style");
          if (style === null) return null;
          const found = styleDeclarations(style).some((declaration) => declaration.property === name);
          return found ? `css property ${name} in style="${style}"` : null;
        });
    default:
      return undefined;
  }
}

/** Evaluates each named rule on the context's output; returns the failures (empty when all rules hold). */
export function checkMatrixHtmlRules(rules: readonly string[], context: RuleContext): RuleFailure[] {
  const root = parseBody(context.output);
  const elements = elementsOf(root);
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    const check = Object.hasOwn(CHECKS, rule) ? CHECKS[rule] : parameterisedCheck(rule);
    const problem = check === undefined ? "unknown rule" : check(context, root, elements);
    if (problem !== null) failures.push({ rule, problem });
  }
  return failures;
}

/** True when the checker knows how to evaluate a rule name. */
export function isKnownRule(rule: string): boolean {
  return Object.hasOwn(CHECKS, rule) || parameterisedCheck(rule) !== undefined;
}

/** The `mediaUrl` the corpus runs with: the homeserver's authenticated media download endpoint. */
export function corpusMediaUrl(mxc: string): string {
  return `https://hs.example/_matrix/client/v1/media/download/${mxc.slice("mxc://".length)}`;
}

/** One entry of test/fixtures/xss-corpus-dompurify-fixtures.json. */
export interface CorpusEntry {
  readonly id: string;
  readonly html: string;
  readonly why: string;
  readonly rules: readonly string[];
}

// --- Arbitrary markup for property tests ---
// HTML-ish strings from a grammar that leans on what makes sanitisers non-idempotent: tables (foster parenting),
// p/li/h*/a auto-closing, pre newlines, raw-text and foreign elements, comments, entities and CR characters.

const TAGS = [
  // permitted
  "p",
  "div",
  "span",
  "a",
  "b",
  "i",
  "u",
  "s",
  "em",
  "strong",
  "del",
  "sub",
  "sup",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "h1",
  "h2",
  "h6",
  "table",
  "thead",
  "tbody",
  "tr",
  "td",
  "th",
  "caption",
  "details",
  "summary",
  "img",
  "br",
  "hr",
  "font",
  // dropped, unwrapped or parsed specially
  "tfoot",
  "colgroup",
  "col",
  "svg",
  "math",
  "mtext",
  "mglyph",
  "foreignObject",
  "desc",
  "annotation-xml",
  "style",
  "script",
  "template",
  "select",
  "option",
  "form",
  "textarea",
  "title",
  "noscript",
  "noembed",
  "xmp",
  "iframe",
  "object",
  "marquee",
  "mx-reply",
  "section",
  "dl",
  "dd",
  "menu",
  "center",
  "button",
  "nobr",
  "listing",
  "image",
  "frameset",
  "body",
  "html",
  "head",
  "x-custom",
] as const;

const ATTRIBUTES = [
  ' href="https://example.org/a?b=1&amp;c=2"',
  " href=javascript:alert(1)",
  ' href="//evil.example/x"',
  " href=/relative",
  ' href="mailto:a@example.org"',
  ' href="magnet:?xt=urn:btih:abc"',
  ' href=" java&#09;script:alert(1)"',
  ' href="https:example.org"',
  ' src="mxc://hs.example/abc"',
  ' src="mxc://hs.example/../x"',
  ' src="https://tracker.example/t.png"',
  ' src="https://hs.example/_matrix/client/v1/media/download/hs.example/abc"',
  " src=x onerror=alert(1)",
  ' alt="al&#13;t"',
  ' alt="a\'b"',
  ' title="a<b>&quot;&#13;&#10;"',
  ' title="--&gt;&lt;/style&gt;"',
  ' style="position:fixed;background:url(x)"',
  ' data-mx-color="#00FF00"',
  ' data-mx-bg-color="#0a0b0c"',
  ' data-mx-color="red"',
  ' data-mx-spoiler="why: &lt;x&gt;"',
  " data-mx-spoiler",
  ' data-mx-maths="\\frac{1}{2}"',
  " data-mx-emoticon",
  ' class="language-js foo"',
  ' class="x"',
  ' start="3"',
  ' start="-1"',
  ' width="10"',
  ' height="1e3"',
  ' color="#123456"',
  ' id="x"',
  " name=body",
  ' target="_top"',
  ' rel="opener"',
  " open",
  ' xlink:href="javascript:x"',
  ' xmlns="http://www.w3.org/2000/svg"',
  ' encoding="text/html"',
  " colspan=2",
  ' is="x-y"',
] as const;

const TEXTS = [
  "x",
  "hello world",
  " ",
  "\n",
  "\nx",
  "\r\n",
  "\r",
  "\t",
  "\f",
  "\u0000",
  "\u00a0",
  "\u2028",
  "&amp;",
  "&lt;b&gt;",
  "&#13;",
  "&#0;",
  "&nbsp;",
  "&notanentity;",
  "&ampx",
  "&",
  "<",
  ">",
  '"',
  "'",
  "`",
  "javascript:alert(1)",
  "<!--c-->",
  "<!--",
  "-->",
  "<![CDATA[x]]>",
  "]]>",
  "<?pi x?>",
  "</p>",
  "</a>",
  "</table>",
  "</li>",
  "</br>",
  "<!DOCTYPE html>",
] as const;

const tag = fc.constantFrom(...TAGS);
const attributes = fc.array(fc.constantFrom(...ATTRIBUTES), { maxLength: 3 }).map((list) => list.join(""));
const text = fc.constantFrom(...TEXTS);

/** Unstructured markup: any sequence of start tags, end tags and text. */
const tokenSoup = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(tag, attributes).map(([name, attrs]) => `<${name}${attrs}>`) },
      { weight: 2, arbitrary: tag.map((name) => `</${name}>`) },
      { weight: 3, arbitrary: text },
    ),
    { maxLength: 30 },
  )
  .map((tokens) => tokens.join(""));

/** Well-nested trees (with the occasional missing end tag), to reach deeper structure. */
const { tree } = fc.letrec<{ tree: string }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    fc
      .tuple(tag, attributes, fc.array(tie("tree"), { maxLength: 4 }), fc.boolean())
      .map(
        ([name, attrs, children, closed]) =>
          `<${name}${attrs}>${children.join("")}${closed ? `</${name}>` : ""}`,
      ),
  ),
}));

/**
 * Children worth trying under each parent: the combinations the parser rebuilds (table parts out of place, block
 * content in `p`, `li` in `li`, `a` in `a`, headings in headings), often behind a wrapper that gets unwrapped.
 */
const CHILD_TAGS: Record<string, readonly string[]> = {
  "": [
    "table",
    "p",
    "li",
    "a",
    "h1",
    "pre",
    "ul",
    "ol",
    "td",
    "tr",
    "caption",
    "marquee",
    "div",
    "svg",
    "math",
  ],
  table: [
    "tr",
    "tbody",
    "tfoot",
    "thead",
    "caption",
    "td",
    "th",
    "colgroup",
    "form",
    "div",
    "table",
    "marquee",
  ],
  tbody: ["tr", "td", "th", "form", "tfoot", "table"],
  thead: ["tr", "td", "th", "tbody"],
  tfoot: ["tr", "td", "th", "tbody"],
  tr: ["td", "th", "div", "tr", "tbody"],
  td: ["table", "tr", "td", "caption", "p", "div", "a", "li", "marquee"],
  th: ["table", "tr", "th", "caption", "p", "span"],
  caption: ["table", "caption", "td", "tr", "p", "b"],
  p: [
    "div",
    "marquee",
    "table",
    "li",
    "hr",
    "p",
    "b",
    "pre",
    "object",
    "h1",
    "ul",
    "details",
    "summary",
    "span",
  ],
  li: ["li", "menu", "ul", "div", "p", "b", "dl", "section", "ol", "span", "marquee"],
  a: ["a", "marquee", "div", "table", "b", "object", "span", "p"],
  h1: ["h2", "hgroup", "b", "h1", "span", "div", "marquee"],
  h2: ["h1", "h6", "hgroup", "section"],
  pre: ["pre", "code", "b", "img", "span", "marquee"],
  ul: ["li", "ul", "menu", "p"],
  ol: ["li", "ol", "dl"],
};
const TREE_TAGS = [...new Set([...TAGS, "hgroup", "menu", "marquee", "section", "dl", "object"])];

/** Trees whose child tags are picked for their parent, to reach the parser's rebuilding rules often. */
function structuredTree(parent: string, depth: number): fc.Arbitrary<string> {
  if (depth === 0) return text;
  const element = fc
    .tuple(fc.constantFrom(...(CHILD_TAGS[parent] ?? TREE_TAGS)), attributes, fc.boolean())
    .chain(([name, attrs, closed]) =>
      fc
        .array(structuredTree(name, depth - 1), { maxLength: 3 })
        .map((children) => `<${name}${attrs}>${children.join("")}${closed ? `</${name}>` : ""}`),
    );
  return fc.oneof({ weight: 1, arbitrary: text }, { weight: 3, arbitrary: element });
}

/** Character-level noise over markup pieces: half-formed tags, entities and comments. */
const PIECES = [
  "<",
  ">",
  "/",
  "!",
  "-",
  "?",
  "&",
  "#",
  ";",
  "=",
  '"',
  "'",
  " ",
  "\n",
  "\r",
  "\f",
  "x",
  "1",
  "13",
];
const NAMES = [
  "p",
  "a",
  "li",
  "b",
  "pre",
  "table",
  "tr",
  "td",
  "svg",
  "math",
  "style",
  "img",
  "br",
  "amp",
  "lt",
];
const characterSoup = fc
  .array(fc.constantFrom(...PIECES, ...NAMES), { maxLength: 40 })
  .map((pieces) => pieces.join(""));

/** HTML-ish strings for property tests: token soup, nested trees, character noise and arbitrary strings. */
export const arbitraryMatrixHtml: fc.Arbitrary<string> = fc.oneof(
  tokenSoup,
  tree,
  fc.array(structuredTree("", 4), { minLength: 1, maxLength: 3 }).map((parts) => parts.join("")),
  characterSoup,
  fc.string({ maxLength: 40 }),
);

const URL_STARTS = [
  "https://",
  "http://",
  "ftp://",
  "mailto:",
  "magnet:?",
  "HTTPS://",
  "https:",
  "mailto:/",
  " https://",
  "javascript:",
  "//",
  "mxc://",
  "",
];
const URL_CHARACTERS = [
  "--&#9;&gt;",
  "]&#10;&gt;",
  "&lt;&#9;/style&gt;",
  "-",
  "--",
  "&gt;",
  "&lt;",
  "]",
  "&#9;",
  "&#10;",
  "style",
  "\u00a0",
  "\u2028",
  "/",
  ".",
  "..",
  "%",
  "%2e",
  "?",
  "#",
  "\\",
  " ",
  "\t",
  "@",
  ":",
  "[",
  "]",
  "a",
  "é",
  "|",
  "&amp;",
];

/** URL-like attribute values (already escaped for a double-quoted attribute). */
export const arbitraryUrlish: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...URL_STARTS), fc.array(fc.constantFrom(...URL_CHARACTERS), { maxLength: 12 }))
  .map(([start, rest]) => start + rest.join(""));
