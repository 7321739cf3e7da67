import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ADMIN_CONTACT_SCHEMES, isSafeLinkUrl, LINK_SCHEMES } from "../../src/core/safeUrl";

describe("isSafeLinkUrl", () => {
  it.each([
    "mailto:admin@example.org",
    "https://example.org/contact",
    "http://example.org",
    "HTTPS://EXAMPLE.ORG/",
    " https://example.org ",
    "https://example.org\n",
  ])("accepts the admin contact URL %j by default", (value) => {
    expect(isSafeLinkUrl(value)).toBe(true);
  });

  it.each([
    ["javascript:alert(1)", "javascript scheme"],
    ["JaVaScRiPt:alert(1)", "mixed-case javascript scheme"],
    [" javascript:alert(1)", "leading space before javascript"],
    ["\u0001javascript:alert(1)", "leading control before javascript"],
    ["java\tscript:alert(1)", "tab inside the scheme"],
    ["java\nscript:alert(1)", "newline inside the scheme"],
    ["https://exa\u0000mple.org", "NUL inside the URL"],
    ["https://example.org/\u007f", "DEL inside the URL"],
    ["data:text/html,<script>alert(1)</script>", "data scheme"],
    ["vbscript:msgbox", "vbscript scheme"],
    ["ftp://example.org", "ftp is not an admin contact scheme"],
    ["/relative/path", "relative path"],
    ["//example.org", "protocol-relative URL"],
    ["example.org", "bare host"],
    ["admin@example.org", "bare email address"],
    ["https://", "scheme without host"],
    ["", "empty string"],
    ["   ", "only spaces"],
  ])("rejects %j (%s)", (value) => {
    expect(isSafeLinkUrl(value)).toBe(false);
  });

  it.each([null, undefined, 42, {}, [], ["https://example.org"], true, Symbol("x"), () => "https://x.org"])(
    "rejects the non-string %s",
    (value) => {
      expect(isSafeLinkUrl(value)).toBe(false);
    },
  );

  it("honours a custom scheme list", () => {
    expect(isSafeLinkUrl("ftp://example.org/file", LINK_SCHEMES)).toBe(true);
    expect(isSafeLinkUrl("magnet:?xt=urn:btih:abc", LINK_SCHEMES)).toBe(true);
    expect(isSafeLinkUrl("mailto:a@b.org", ["https:"])).toBe(false);
    expect(isSafeLinkUrl("https://example.org", [])).toBe(false);
  });

  it("accepts scheme list entries without the colon or in upper case", () => {
    expect(isSafeLinkUrl("https://example.org", ["HTTPS"])).toBe(true);
  });

  it("exports the documented scheme lists", () => {
    expect(LINK_SCHEMES).toEqual(["http:", "https:", "ftp:", "mailto:", "magnet:"]);
    expect(ADMIN_CONTACT_SCHEMES).toEqual(["mailto:", "https:", "http:"]);
  });

  it("narrows the value to a string", () => {
    const value: unknown = "https://example.org";
    if (isSafeLinkUrl(value)) expect(value.length).toBeGreaterThan(0);
    else expect.unreachable();
  });

  it("never throws and only accepts strings whose parsed scheme is allowed", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.webUrl()), (value) => {
        const safe = isSafeLinkUrl(value);
        if (safe) {
          expect(typeof value).toBe("string");
          expect(ADMIN_CONTACT_SCHEMES).toContain(new URL(value).protocol);
        }
      }),
    );
  });

  it("never throws for a hostile scheme list", () => {
    const hostile = [null, 1, { toString: () => "https:" }] as unknown as readonly string[];
    expect(isSafeLinkUrl("https://example.org", hostile)).toBe(false);
    expect(isSafeLinkUrl("https://example.org", null as unknown as readonly string[])).toBe(false);
  });
});
