import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linkifyText, type TextSegment } from "../../src/core/linkifyText";

const text = (value: string): TextSegment => ({ kind: "text", text: value });
const link = (value: string, href = value): TextSegment => ({ kind: "link", text: value, href });

describe("linkifyText", () => {
  it.each<[string, string, TextSegment[]]>([
    ["plain text stays one text segment", "no links here", [text("no links here")]],
    ["an https URL becomes a link", "https://example.org", [link("https://example.org")]],
    [
      "an http URL inside a sentence",
      "see http://example.org/a?b=c#d now",
      [text("see "), link("http://example.org/a?b=c#d"), text(" now")],
    ],
    [
      "a www. link gets an https href",
      "go to www.example.org today",
      [text("go to "), link("www.example.org", "https://www.example.org"), text(" today")],
    ],
    ["the scheme is matched case-insensitively", "HTTPS://EXAMPLE.ORG", [link("HTTPS://EXAMPLE.ORG")]],
    [
      "a trailing full stop is left out",
      "Visit https://example.org.",
      [text("Visit "), link("https://example.org"), text(".")],
    ],
    [
      "several trailing punctuation marks are left out",
      "really https://example.org/x?!.",
      [text("really "), link("https://example.org/x"), text("?!.")],
    ],
    [
      "a right-to-left override ends the link (it would show the link's text reordered)",
      "https://evil.example/\u202Egro.elpmaxe//:sptth",
      [link("https://evil.example/"), text("\u202Egro.elpmaxe//:sptth")],
    ],
    [
      "a bidi isolate or mark ends the link as a space does",
      "https://a.example/x\u2067y https://b.example/z\u200Fw",
      [link("https://a.example/x"), text("\u2067y "), link("https://b.example/z"), text("\u200Fw")],
    ],
    [
      "quotes around a URL are left out",
      `"https://example.org/a" and 'https://example.org/b'`,
      [text('"'), link("https://example.org/a"), text(`" and '`), link("https://example.org/b"), text("'")],
    ],
    [
      "an unbalanced closing parenthesis is left out",
      "(see https://example.org/x)",
      [text("(see "), link("https://example.org/x"), text(")")],
    ],
    [
      "a balanced closing parenthesis stays in the link",
      "https://en.wikipedia.org/wiki/Matrix_(protocol)",
      [link("https://en.wikipedia.org/wiki/Matrix_(protocol)")],
    ],
    [
      "a balanced link inside parentheses loses only the outer one",
      "(https://en.wikipedia.org/wiki/Matrix_(protocol)).",
      [text("("), link("https://en.wikipedia.org/wiki/Matrix_(protocol)"), text(").")],
    ],
    [
      "typographic quotes around a URL are left out",
      "read \u201chttps://example.org/rules\u201d and \u2018https://example.org/faq\u2019",
      [
        text("read \u201c"),
        link("https://example.org/rules"),
        text("\u201d and \u2018"),
        link("https://example.org/faq"),
        text("\u2019"),
      ],
    ],
    [
      "guillemets and an ellipsis are left out",
      "\u00abhttps://example.org/r\u00bb \u2014 https://example.org/more\u2026",
      [
        text("\u00ab"),
        link("https://example.org/r"),
        text("\u00bb \u2014 "),
        link("https://example.org/more"),
        text("\u2026"),
      ],
    ],
    [
      "CJK full-width punctuation and brackets are left out",
      "\u898f\u5247\uff1ahttps://example.org/rules\u3002\u300chttps://example.org/faq\u300d\uff08https://example.org/x\uff09",
      [
        text("\u898f\u5247\uff1a"),
        link("https://example.org/rules"),
        text("\u3002\u300c"),
        link("https://example.org/faq"),
        text("\u300d\uff08"),
        link("https://example.org/x"),
        text("\uff09"),
      ],
    ],
    [
      "ideographs in a path stay in the link (only CJK punctuation ends it)",
      "\u898b\u3066 https://ja.wikipedia.org/wiki/\u65e5\u672c\u3002",
      [text("\u898b\u3066 "), link("https://ja.wikipedia.org/wiki/\u65e5\u672c"), text("\u3002")],
    ],
    [
      "letters of the CJK symbols block (々, 〆, 〇) stay in the link",
      "\u898b\u3066 https://ja.wikipedia.org/wiki/\u4f50\u3005\u6728 \u3068 https://example.org/\u3006\u3007",
      [
        text("\u898b\u3066 "),
        link("https://ja.wikipedia.org/wiki/\u4f50\u3005\u6728"),
        text(" \u3068 "),
        link("https://example.org/\u3006\u3007"),
      ],
    ],
    [
      "an unbalanced closing square bracket or brace is left out",
      "[see https://example.org/rules] {https://example.org/x}",
      [
        text("[see "),
        link("https://example.org/rules"),
        text("] {"),
        link("https://example.org/x"),
        text("}"),
      ],
    ],
    [
      "balanced square brackets stay in the link (an IPv6 host, a query)",
      "https://[2001:db8::1]/a?list[]=1 and https://example.org/q?a[0]",
      [link("https://[2001:db8::1]/a?list[]=1"), text(" and "), link("https://example.org/q?a[0]")],
    ],
    [
      "commas and semicolons inside a URL stay",
      "https://example.org/a,b;c:d done",
      [link("https://example.org/a,b;c:d"), text(" done")],
    ],
    [
      "a URL ends at < and >",
      "<https://example.org/x>",
      [text("<"), link("https://example.org/x"), text(">")],
    ],
    [
      "a URL ends at a newline or a tab",
      "https://a.example\nhttps://b.example\tend",
      [link("https://a.example"), text("\n"), link("https://b.example"), text("\tend")],
    ],
    [
      "a URL ends at a non-breaking space",
      "https://a.example\u00a0next",
      [link("https://a.example"), text("\u00a0next")],
    ],
    [
      "adjacent links are separate",
      "https://a.example https://b.example",
      [link("https://a.example"), text(" "), link("https://b.example")],
    ],
    ["a bare scheme is not a link", "https:// and http://", [text("https:// and http://")]],
    ["a scheme followed by punctuation is not a link", "https://.example", [text("https://.example")]],
    ["a bare www. is not a link", "www. and www.", [text("www. and www.")]],
    ["a scheme glued to a word is not a link", "xhttps://example.org", [text("xhttps://example.org")]],
    ["www. inside a host is not a separate link", "mail.www.example.org", [text("mail.www.example.org")]],
    ["www. after @ is not a link", "me@www.example.org", [text("me@www.example.org")]],
    [
      "other schemes are not linked",
      "javascript:alert(1) ftp://x.org mailto:a@b.org",
      [text("javascript:alert(1) ftp://x.org mailto:a@b.org")],
    ],
    [
      "an invalid URL stays text",
      "bad https://exa mple and https://[::1 and end",
      [text("bad "), link("https://exa"), text(" mple and https://[::1 and end")],
    ],
    ["an IPv6 host is linked", "https://[::1]:8448/x", [link("https://[::1]:8448/x")]],
    [
      "a scheme after non-ASCII punctuation is a link",
      "—https://example.org",
      [text("—"), link("https://example.org")],
    ],
    [
      "a scheme after a non-ASCII letter is not a link",
      "éhttps://example.org",
      [text("éhttps://example.org")],
    ],
    ["the empty string gives no segments", "", []],
  ])("%s", (_name, input, expected) => {
    expect(linkifyText(input)).toEqual(expected);
  });

  it.each([null, undefined, 42, {}, ["https://example.org"]])("returns [] for the non-string %s", (value) => {
    expect(linkifyText(value as unknown as string)).toEqual([]);
  });

  it.each([
    ["opening parentheses", `https://a.example/${"(".repeat(100_000)}`],
    ["closing parentheses", `https://a.example/${")".repeat(100_000)}`],
    ["full stops", `https://a.example/${".".repeat(100_000)}`],
    ["repeated schemes", "http://".repeat(15_000)],
    ["repeated schemes with spaces", "https:// ".repeat(12_000)],
    ["repeated www", "www.".repeat(25_000)],
    ["repeated h", "h".repeat(100_000)],
    ["repeated invalid candidates", "https://[".repeat(11_000)],
    ["alternating quotes and parentheses", `https://a.example/${"')\"(".repeat(25_000)}`],
  ])("handles 100 KB of pathological %s", (_name, input) => {
    const segments = linkifyText(input);
    expect(segments.map((s) => s.text).join("")).toBe(input);
  });

  it("keeps every character, merges adjacent text and links only http(s)", () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(
        "https://",
        "http://",
        "www.",
        "(",
        ")",
        ".",
        "'",
        '"',
        " ",
        "\n",
        "<",
        ">",
        "example.org",
      ),
      fc.webUrl(),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const input = pieces.join("");
        const segments = linkifyText(input);
        expect(segments.map((s) => s.text).join("")).toBe(input);
        segments.forEach((segment, index) => {
          expect(segment.text).not.toBe("");
          if (segment.kind === "text") expect(segments[index + 1]?.kind).not.toBe("text");
          else expect(new URL(segment.href).protocol).toMatch(/^https?:$/);
        });
      }),
    );
  });
});
