/**
 * styles.css in browsers without `light-dark()`: every colour and the focus ring keep a value (else a transparent
 * dialog and no visible keyboard focus), light by default and dark where the OS or a theme attribute asks.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The project root is the working directory of every test run (vitest resolves the config from it).
const css = readFileSync(resolve(process.cwd(), "src/styles.css"), "utf8").replace(/\s+/g, " ");

/** Each private colour variable with its light and dark defaults, from the `light-dark()` declarations. */
const pairs = [...css.matchAll(/(--_mnk-[a-z-]+): var\((--mnk-[a-z-]+), light-dark\((.+?)\)\);/g)].map(
  (m) => {
    const [light, dark] = m[3]!.split(/,(?![^(]*\))/).map((v) => v.trim());
    return { name: m[1]!, pub: m[2]!, light: light!, dark: dark! };
  },
);

/** The text of the block that follows `opening` (balanced braces). */
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

describe("styles.css without light-dark()", () => {
  const fallback = blockAfter(css, "@supports not (color: light-dark(#000, #fff))");
  const darkOs = blockAfter(fallback, "@media (prefers-color-scheme: dark)");
  const darkTheme = blockAfter(fallback, ':where([data-theme="dark"], .dark) :where(');
  const lightTheme = blockAfter(fallback, ':where([data-theme="light"], .light) :where(');

  it("knows every colour of the palette (the focus colour included)", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(19);
    expect(pairs.map((p) => p.name)).toContain("--_mnk-focus-color");
  });

  it("gives each colour its light value by default and in a light theme, its dark value for a dark OS or theme, still overridable by its public property", () => {
    const outsideMedia = fallback.replace(darkOs, "").replace(darkTheme, "").replace(lightTheme, "");
    for (const { name, pub, light, dark } of pairs) {
      expect(outsideMedia, name).toContain(`${name}: var(${pub}, ${light});`);
      expect(lightTheme, name).toContain(`${name}: var(${pub}, ${light});`);
      expect(darkOs, name).toContain(`${name}: var(${pub}, ${dark});`);
      expect(darkTheme, name).toContain(`${name}: var(${pub}, ${dark});`);
    }
    // The light theme comes after the dark one, so that an explicit light theme wins over a dark OS.
    expect(fallback.indexOf(lightTheme)).toBeGreaterThan(fallback.indexOf(darkOs));
  });
});
