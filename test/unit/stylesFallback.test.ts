/**
 * styles.css picks each colour through custom properties, with no light-dark(): a production build's lightningcss
 * lowers light-dark() for older targets into toggles that only a literal `color-scheme` sets, and every colour came out
 * invalid. The palette is written in six places (the roots' light defaults and dark-OS defaults, the dark and light
 * theme rules, the two --mnk-color-scheme style queries): they must agree. (Rendering: test/browser/themingLowered.)
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The project root is the working directory of every test run (vitest resolves the config from it).
const source = readFileSync(resolve(process.cwd(), "src/styles.css"), "utf8");
const css = source
  .replace(/\/\*[\s\S]*?\*\//g, "")
  .replace(/\s+/g, " ")
  .replace(/\( /g, "(")
  .replace(/ \)/g, ")");
const KIT_ROOTS = ".mnk-notice-banner, .mnk-welcome-overlay, .mnk-welcome-dialog, .mnk-welcome-editor";
/** The kit's roots, and a banner or a welcome's body an app shows by itself (outside the kit's own roots). */
const ROOTS = `:where(${KIT_ROOTS}), :where(:is(.mnk-notice, .mnk-welcome-html, .mnk-welcome-text):not(:is(${KIT_ROOTS}) *))`;

/** The declarations of the block that follows `opening` (balanced braces). */
function blockAfter(text: string, opening: string): string {
  const start = text.indexOf(opening);
  expect(start, opening).toBeGreaterThanOrEqual(0);
  let depth = 0;
  for (let i = text.indexOf("{", start); i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`unbalanced: ${opening}`);
}

/** name -> value of each `--_mnk-t-<name>: value;` in a block. */
const themeValues = (block: string) =>
  Object.fromEntries([...block.matchAll(/--_mnk-t-([a-z-]+): ([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
/** name -> default of each `--_mnk-<name>: var(--mnk-<name>, var(--_mnk-t-<name>, default));` in a block. */
const rootDefaults = (block: string) =>
  Object.fromEntries(
    [...block.matchAll(/--_mnk-([a-z-]+): var\(--mnk-\1, var\(--_mnk-t-\1, (.+?)\)\);/g)].map((m) => [
      m[1]!,
      m[2]!,
    ]),
  );

describe("styles.css colours", () => {
  const light = rootDefaults(blockAfter(css, `${ROOTS} {`));
  const dark = rootDefaults(blockAfter(blockAfter(css, "@media (prefers-color-scheme: dark)"), ROOTS));

  it("has no light-dark() (a production build's lightningcss lowers it into toggles nothing sets)", () => {
    expect(source).not.toContain("light-dark(");
  });

  it("knows every colour of the palette, the focus colour included, light and dark", () => {
    expect(Object.keys(light).length).toBeGreaterThanOrEqual(19);
    expect(light).toHaveProperty("focus-color", "#0467dd");
    expect(light).toHaveProperty("info-bg", "#eef4fc");
    expect(dark).toHaveProperty("info-bg", "#14233a");
    expect(Object.keys(dark).sort()).toEqual(Object.keys(light).sort());
  });

  it("gives the theme rules and the --mnk-color-scheme style queries the same palettes", () => {
    expect(
      themeValues(
        blockAfter(css, ':where([data-theme="dark"], .dark), :host([data-theme="dark"]), :host(.dark) {'),
      ),
    ).toEqual(dark);
    expect(
      themeValues(
        blockAfter(css, ':where([data-theme="light"], .light), :host([data-theme="light"]), :host(.light) {'),
      ),
    ).toEqual(light);
    expect(themeValues(blockAfter(css, "@container style(--mnk-color-scheme: dark)"))).toEqual(dark);
    expect(themeValues(blockAfter(css, "@container style(--mnk-color-scheme: light)"))).toEqual(light);
  });

  it("defines the palette on the same roots in every block, a banner and a body shown alone included", () => {
    for (const opening of [
      "@media (prefers-color-scheme: dark)",
      "@container style(--mnk-color-scheme: dark)",
      "@container style(--mnk-color-scheme: light)",
    ])
      expect(blockAfter(css, opening), opening).toContain(`{ ${ROOTS} {`);
  });

  it("lets the later rules win: the dark OS over the light default, the style queries over the theme rules", () => {
    const at = (s: string) => css.indexOf(s);
    expect(at("@media (prefers-color-scheme: dark)")).toBeGreaterThan(at(`${ROOTS} {`));
    expect(at("@container style(--mnk-color-scheme: dark)")).toBeGreaterThan(
      at(':where([data-theme="light"], .light), :host([data-theme="light"]), :host(.light) {'),
    );
  });
});
