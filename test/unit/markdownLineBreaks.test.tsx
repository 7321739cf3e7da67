/**
 * Lines a moderator types in Markdown stay lines, as Element's composer renders Markdown (CommonMark alone would join
 * them into one), while code, link titles and hard breaks keep their own rules.
 */
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { parseWelcomeContent, WelcomeEditor } from "../../src";
import { loadMarkdown } from "../../src/authoring/markdown";
import { EDITOR_LABEL, EDITOR_ROOM, moderatorsWorld, statePuts } from "../support/editor";

afterEach(() => localStorage.clear());

describe("Markdown line breaks", () => {
  it("a line break inside a paragraph, a list item, a quote or a heading becomes a line break on screen", async () => {
    const md = await loadMarkdown();
    expect(md("Welcome!\nRead the rules.")).toBe("<p>Welcome!<br />\nRead the rules.</p>");
    expect(md("- first\n  still first")).toBe("<ul>\n<li>first<br />\nstill first</li>\n</ul>");
    expect(md("> one\n> two")).toBe("<blockquote>\n<p>one<br />\ntwo</p>\n</blockquote>");
    expect(md("Title\nsecond line\n===")).toBe("<h1>Title<br />\nsecond line</h1>");
    expect(md("a\r\nb")).toBe("<p>a<br />\r\nb</p>");
  });

  it("a source too costly to parse, shown as escaped text, keeps its lines too, whatever their line endings", async () => {
    const md = await loadMarkdown();
    const costly = "*_".repeat(8_000);
    expect(md(`${costly}\r\nb\rc\nd`)).toBe(`<p>${costly}<br>b<br>c<br>d</p>`);
  });

  it("a hard break already written (two spaces or a backslash) gives one break, not two", async () => {
    const md = await loadMarkdown();
    expect(md("a  \nb")).toBe("<p>a<br />\nb</p>");
    expect(md("a\\\nb")).toBe("<p>a<br />\nb</p>");
  });

  it("inline code, a link's title and code blocks keep their line endings as CommonMark has them", async () => {
    const md = await loadMarkdown();
    expect(md("run `npm\ntest` now")).toBe("<p>run <code>npm test</code> now</p>");
    expect(md('[rules](https://example.org "the\nrules")')).toBe(
      '<p><a href="https://example.org" title="the\nrules">rules</a></p>',
    );
    expect(md("```\nx\ny\n```")).toBe("<pre><code>x\ny\n</code></pre>");
    expect(md("a\n\nb")).toBe("<p>a</p>\n<p>b</p>");
  });

  it("given a moderator types three lines in Markdown, the preview and the published welcome show three lines", async () => {
    const { client, script } = await moderatorsWorld();
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), {
      target: { value: "Welcome!\nRead the **rules**.\nBe kind." },
    });
    const save = screen.getByRole("button", { name: "Save" });
    await waitFor(() => expect(save).not.toHaveAttribute("aria-disabled")); // the Markdown renderer loads on demand
    fireEvent.click(save);
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    const published = parseWelcomeContent(statePuts(script)[0]!.body);
    expect(published?.html).toBe("<p>Welcome!<br>\nRead the <strong>rules</strong>.<br>\nBe kind.</p>");
    expect(published?.text).toBe("Welcome!\nRead the rules.\nBe kind.");
    const preview = screen.getByRole("region", { name: "Preview" });
    expect(preview.querySelectorAll("br")).toHaveLength(2);
  });

  it("given a line break inside something tag-like (raw HTML is escaped, so it shows as text), then the line break still shows as one", async () => {
    const md = await loadMarkdown();
    // On screen this is literal text, so the author's line break must stay a line break like any other.
    expect(md("Say hi to <Alice\nand Bob>")).toBe("<p>Say hi to &lt;Alice<br />\nand Bob&gt;</p>");
    expect(md("Rules <!-- draft\nnotes --> end")).toBe("<p>Rules &lt;!-- draft<br />\nnotes --&gt; end</p>");
  });
});
