// The Matrix spec's HTML allowlist for `formatted_body` (client-server API, m.room.message msgtypes),
// as plain data. The sanitizer reads these tables; nothing here touches the DOM.

/** The 37 tags the Matrix spec permits in `org.matrix.custom.html`. */
export const MATRIX_PERMITTED_TAGS = [
  "del",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "p",
  "a",
  "ul",
  "ol",
  "sup",
  "sub",
  "li",
  "b",
  "i",
  "u",
  "strong",
  "em",
  "s",
  "code",
  "hr",
  "br",
  "div",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "caption",
  "pre",
  "span",
  "img",
  "details",
  "summary",
] as const;

/** Deprecated tags still found in old events and rendered for compatibility (`font`, spec v1.10). */
export const MATRIX_LEGACY_TAGS = ["font"] as const;

/**
 * The attributes each tag may carry in the output, in the order the sanitizer writes them. Tags not listed
 * carry none. `data-mx-emoticon` on `img` comes from the image-packs module; `rel`, `target` and `style` are
 * generated (see `MATRIX_GENERATED_ATTRIBUTES`).
 */
export const MATRIX_ATTRIBUTES_BY_TAG: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "rel", "target"],
  img: ["src", "alt", "title", "width", "height", "data-mx-emoticon"],
  span: ["data-mx-color", "data-mx-bg-color", "data-mx-spoiler", "data-mx-maths", "style"],
  font: ["color", "data-mx-color", "data-mx-bg-color", "style"],
  ol: ["start"],
  code: ["class"],
  div: ["data-mx-maths"],
};

/**
 * Attributes the sanitizer writes itself and never copies from input: `rel="noopener noreferrer"` and
 * `target="_blank"` on every link, `style` as the translation of the `data-mx-*` colours.
 */
export const MATRIX_GENERATED_ATTRIBUTES: readonly string[] = ["rel", "target", "style"];

/** Every attribute read from input on some tag: the per-tag lists without the generated ones. */
export const MATRIX_INPUT_ATTRIBUTES: readonly string[] = [
  ...new Set(Object.values(MATRIX_ATTRIBUTES_BY_TAG).flat()),
].filter((name) => !MATRIX_GENERATED_ATTRIBUTES.includes(name));

/** Input attributes that hold free text or short tokens rather than URLs (exempt from DOMPurify's URI check). */
export const MATRIX_NON_URL_ATTRIBUTES: readonly string[] = MATRIX_INPUT_ATTRIBUTES.filter(
  (name) => name !== "href" && name !== "src",
);

/**
 * Tags removed together with their content. `mx-reply` is the spec's reply fallback ("strip this tag and its
 * content"); the rest hold raw text, scripts, embedded or foreign content, or form fields, none of it message text.
 */
export const MATRIX_REMOVE_WITH_CONTENT = [
  "mx-reply",
  "script",
  "style",
  "template",
  "iframe",
  "object",
  "embed",
  "applet",
  "svg",
  "math",
  "noscript",
  "noembed",
  "noframes",
  "title",
  "textarea",
  "select",
  "datalist",
  "head",
  "frameset",
  "xmp",
  "plaintext",
  "audio",
  "video",
] as const;

/** The spec's nesting limit: output elements sit at depth 1 (top level) to 100. */
export const MATRIX_MAX_DEPTH = 100;
