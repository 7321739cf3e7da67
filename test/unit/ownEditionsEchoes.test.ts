/**
 * Which echo confirms an editor's unconfirmed save as the author's own: only an edition that publishes exactly what
 * the save sends, and not one that already answered another save. (Behaviour no test pinned down before a mutation
 * hunt of the stores.)
 */
import { describe, expect, it } from "vitest";
import { confirmByEcho, type OwnEditions, type UnconfirmedSave } from "../../src/authoring/ownEditions";

const records = (): OwnEditions => ({ published: new Set(), replaced: new Set(), unconfirmed: new Set() });
const save = (text: string, markdown?: string): UnconfirmedSave => ({
  text,
  markdown,
  draft: { format: markdown === undefined ? "plain" : "markdown", source: markdown ?? text },
  replaces: ["$before"],
});

describe("confirming a save by its echo", () => {
  it("given a failed save of a text with one Markdown source, an own edition of the same text in other Markdown does not confirm it", () => {
    const own = records();
    const failed = save("Hi all", "**Hi** all");
    own.unconfirmed.add(failed);
    expect(confirmByEcho(own, "$edition", "Hi all", "_Hi_ all")).toEqual([]);
    expect(own.unconfirmed.has(failed)).toBe(true);
  });

  it("given an edition that already answered an earlier save, its coming back (the newer one redacted) confirms no pending save of the same text", () => {
    const own = records();
    own.published.add("$hi");
    const pending = save("Hi");
    own.unconfirmed.add(pending);
    expect(confirmByEcho(own, "$hi", "Hi", undefined)).toEqual([]);
    expect(own.unconfirmed.has(pending)).toBe(true);
  });

  it("given a save whose echo publishes exactly its text and Markdown, the echo confirms it and the editions it replaced (a control)", () => {
    const own = records();
    const out = save("Hi all", "**Hi** all");
    own.unconfirmed.add(out);
    expect(confirmByEcho(own, "$edition", "Hi all", "**Hi** all")).toEqual([out]);
    expect(out.echo).toBe("$edition");
    expect([...own.published, ...own.replaced]).toEqual(["$edition", "$before"]);
  });
});
