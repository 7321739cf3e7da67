/**
 * The stored Markdown source goes with the HTML it rendered to: once an app changes the HTML and keeps the Markdown
 * entry, the source is stale, and editors must not reopen it (a save would quietly revert that app's change).
 */
import { describe, expect, it } from "vitest";
import { buildWelcomeContent, MARKDOWN_HTML_DIGEST_KEY, markdownSourceOf } from "../../src";

type Entry = { mimetype: string; body: string; [key: string]: unknown };
type Inner = Record<string, Entry[]>;

/** Content this kit publishes, then `edit` applied to the representations under its wrapper, as another app would. */
function published(eventType: string, edit: (inner: Inner) => void = () => {}) {
  const content = buildWelcomeContent(
    { text: "Be kind", html: "<p>Be <strong>kind</strong></p>", markdown: "Be **kind**" },
    eventType,
  ) as unknown as Record<string, Inner>;
  const copy = structuredClone(content);
  edit(copy[eventType]!);
  return copy;
}
const setHtml = (list: Entry[] | undefined, body: string) => {
  for (const e of list ?? []) if (e.mimetype === "text/html") e.body = body;
};

describe.each(["m.room.welcome", "org.matrix.msc3857.welcome"])("markdownSourceOf (%s)", (type) => {
  it("given content this kit published, the source reopens", () => {
    expect(markdownSourceOf(published(type))).toBe("Be **kind**");
  });

  it("given another app changed the HTML everywhere and kept the Markdown entry, the source is stale: none", () => {
    const edited = published(type, (inner) => {
      for (const list of Object.values(inner)) setHtml(list, "<p>Be <em>very</em> kind</p>");
    });
    expect(markdownSourceOf(edited)).toBeUndefined();
  });

  it("given another app removed the HTML and kept the Markdown entry, the source is stale: none", () => {
    const edited = published(type, (inner) => {
      for (const [key, list] of Object.entries(inner))
        inner[key] = list.filter((e) => e.mimetype !== "text/html");
    });
    expect(markdownSourceOf(edited)).toBeUndefined();
  });

  it("given only the plain text changed, the HTML readers see is the same: the source reopens", () => {
    const edited = published(type, (inner) => {
      for (const list of Object.values(inner))
        for (const e of list) if (e.mimetype === "text/plain") e.body = "Be nice";
    });
    expect(markdownSourceOf(edited)).toBe("Be **kind**");
  });

  it("given a source without a fingerprint (an earlier version's), it is trusted as before", () => {
    const edited = published(type, (inner) => {
      for (const list of Object.values(inner)) for (const e of list) delete e[MARKDOWN_HTML_DIGEST_KEY];
      for (const list of Object.values(inner)) setHtml(list, "<p>changed</p>");
    });
    expect(markdownSourceOf(edited)).toBe("Be **kind**");
  });

  it("given a fingerprint of the wrong shape or hostile content, it never throws", () => {
    const edited = published(type, (inner) => {
      for (const list of Object.values(inner))
        for (const e of list) if (e.mimetype === "text/markdown") e[MARKDOWN_HTML_DIGEST_KEY] = 42;
    });
    expect(markdownSourceOf(edited)).toBe("Be **kind**");
    const hostile = {
      [type]: { "m.text": [{ mimetype: "text/markdown", body: "x", [MARKDOWN_HTML_DIGEST_KEY]: "1.2" }] },
    };
    Object.defineProperty(hostile[type]!, "m.message", {
      get: () => {
        throw new Error("boom");
      },
      enumerable: true,
    });
    expect(() => markdownSourceOf(hostile)).not.toThrow();
  });
});

it("given Markdown that rendered to no HTML (blank), the source still reopens", () => {
  const content = buildWelcomeContent({ text: "x", html: "  ", markdown: "<!-- -->" }, "m.room.welcome");
  expect(markdownSourceOf(content)).toBe("<!-- -->");
});
