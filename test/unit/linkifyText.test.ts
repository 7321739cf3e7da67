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
