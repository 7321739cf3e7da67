// The incumbent approach, for comparison: `sanitize-html` configured like Element Web's allowlist for
// `org.matrix.custom.html` (the Matrix spec's tags, per-tag attributes, http/https/ftp/mailto/magnet links,
// mxc-only images rewritten to media URLs, language-* code classes, data-mx-(bg-)color turned into inline style,
// links opened in a new tab with rel="noreferrer noopener", nesting limited to 50).
import sanitizeHtml from "sanitize-html";

const LINK_SCHEMES = ["http", "https", "ftp", "mailto", "magnet"];
const COLOR = /^#[0-9a-fA-F]{6}$/;
const COLOR_ATTRIBUTES: Record<string, string> = {
  "data-mx-color": "color",
  "data-mx-bg-color": "background-color",
};

export function elementLikeOptions(mediaUrl: (mxc: string) => string | null): sanitizeHtml.IOptions {
  return {
    allowedTags: [
      "font",
      "del",
      "s",
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
      "code",
      "hr",
      "br",
      "div",
      "table",
      "thead",
      "caption",
      "tbody",
      "tr",
      "th",
      "td",
      "pre",
      "span",
      "img",
      "details",
      "summary",
    ],
    allowedAttributes: {
      // `style` is allowed where the transforms below write it from data-mx-(bg-)color; input style is dropped.
      font: ["color", "data-mx-bg-color", "data-mx-color", "style"],
      span: ["data-mx-maths", "data-mx-bg-color", "data-mx-color", "data-mx-spoiler", "style"],
      div: ["data-mx-maths"],
      a: ["href", "name", "target", "rel"],
      img: ["src", "alt", "title", "width", "height"],
      ol: ["start"],
      code: ["class"],
    },
    selfClosing: ["img", "br", "hr", "area", "base", "basefont", "input", "link", "meta"],
    allowedSchemes: LINK_SCHEMES,
    allowProtocolRelative: false,
    nestingLimit: 50,
    transformTags: {
      a: (tagName, attribs) => {
        if (attribs.href) attribs.target = "_blank";
        attribs.rel = "noreferrer noopener";
        return { tagName, attribs };
      },
      img: (tagName, attribs) => {
        // Only mxc images, shown through the homeserver's media endpoint; anything else loses its attributes.
        const src = attribs.src?.startsWith("mxc://") ? mediaUrl(attribs.src) : null;
        if (!src) return { tagName, attribs: {} };
        attribs.src = src;
        return { tagName, attribs };
      },
      code: (tagName, attribs) => {
        if (attribs.class !== undefined) {
          attribs.class = attribs.class
            .split(/\s/)
            .filter((name) => name.startsWith("language-") && !name.startsWith("language-_"))
            .join(" ");
        }
        return { tagName, attribs };
      },
      "*": (tagName, attribs) => {
        delete attribs.style;
        let style = "";
        for (const [attribute, property] of Object.entries(COLOR_ATTRIBUTES)) {
          const value = attribs[attribute];
          if (value && COLOR.test(value)) {
            style += `${property}:${value};`;
            delete attribs[attribute];
          }
        }
        if (style) attribs.style = style;
        return { tagName, attribs };
      },
    },
  };
}

export function createElementLikeSanitizer(
  mediaUrl: (mxc: string) => string | null,
): (html: string) => string {
  const options = elementLikeOptions(mediaUrl);
  return (html) => sanitizeHtml(html, options);
}
