// @vitest-environment node
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiReference, withReference } from "../../scripts/api-reference.mjs";
import * as kit from "../../src/index.js";

const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
const reference = apiReference();

describe("the README's API reference", () => {
  it("is the one the source's exports and TSDoc give today (run `node scripts/api-reference.mjs` after a change)", () => {
    expect(withReference(readme, reference.markdown)).toBe(readme);
  });

  it("names every runtime export of the package's entry point", () => {
    const runtime = Object.keys(kit);
    expect(runtime.filter((name) => !reference.exports.includes(name))).toEqual([]);
    for (const name of runtime) expect(reference.markdown).toMatch(new RegExp(`\`<?${name}[>(\` ]`));
  });

  it("leaves no export and no field of an exported type without a TSDoc line", () => {
    expect(reference.undocumented).toEqual([]);
    expect(reference.undocumentedFields).toEqual([]);
  });

  it("names in its field types only exported types, React's, matrix-js-sdk's and the DOM's", () => {
    const named = new Set<string>();
    for (const line of reference.markdown.split("\n")) {
      const type = /^\| `[^`]+` \| `(.+?)` \| /.exec(line)?.[1];
      for (const id of type?.matchAll(/\b[A-Z][A-Za-z0-9]+\b/g) ?? []) named.add(id[0]);
    }
    const outside = [
      "CSSProperties",
      "ReactNode",
      "MatrixClient",
      "MatrixEvent",
      "Room",
      "Error",
      "HTMLElement",
    ];
    expect([...named].filter((name) => !reference.exports.includes(name) && !outside.includes(name))).toEqual(
      [],
    );
  });

  it("gives each component's props a table, with the props an app passes most", () => {
    const table = (type: string) => {
      const start = reference.markdown.indexOf(`<code>${type}</code>`);
      return start < 0
        ? ""
        : reference.markdown.slice(start, reference.markdown.indexOf("</details>", start));
    };
    expect(table("NoticeBannerProps")).toMatch(/\| `client` \| `MatrixClient` \|/);
    expect(table("NoticeBannerProps")).toMatch(/\| `dismissStore\?` \| `DismissStore` \|/);
    expect(table("WelcomeDialogProps")).toMatch(/\| `roomId` \| `string` \|/);
    expect(table("WelcomeDialogProps")).toMatch(
      /\| `fallbackFocus\?` \| `\(\) => HTMLElement \\\| null \\\| undefined` \|/,
    );
    expect(table("WelcomeEditorProps")).toMatch(/\| `confirmRemoval\?` \| `boolean` \|/);
    expect(table("WelcomeSeenStore")).toMatch(
      /\| `getSeen` \| `\(roomId: string, userId\?: string\) => readonly string\[\]` \|/,
    );
  });
});

describe("the README's links within itself", () => {
  it("each lead to a heading (GitHub's anchors: lower case, punctuation dropped, spaces as hyphens)", () => {
    const slugs = new Map<string, number>();
    const anchors = new Set<string>();
    for (const [, heading] of readme.matchAll(/^#{1,6} (.+)$/gm)) {
      const slug = heading!
        .replace(/`/g, "")
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\- ]/gu, "")
        .replace(/ /g, "-");
      const seen = slugs.get(slug) ?? 0;
      slugs.set(slug, seen + 1);
      anchors.add(seen ? `${slug}-${seen}` : slug);
    }
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((link) => !anchors.has(link))).toEqual([]);
  });
});
