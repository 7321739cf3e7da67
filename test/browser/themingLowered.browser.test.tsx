/**
 * styles.css as the app gets it after a production build. Vite 8 (and Next's Turbopack) minify CSS with lightningcss
 * for browser targets without `light-dark()`, which it lowers into `var(--lightningcss-light, a)
 * var(--lightningcss-dark, b)`, set only beside a literal `color-scheme`: every colour of the kit came out invalid (a
 * transparent dialog, black text). Each theming case runs against the stylesheet as written and as lightningcss ships
 * it (the `lowerCss` command in vite.config.ts), in a light and a dark OS (Playwright's media emulation), on every kit
 * root, and compares the whole palette.
 */
import { render } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commands } from "vitest/browser";
import "../support/browserCommands";
import { createMemoryDismissStore, NoticeBannerList } from "../../src";
import rawCss from "../../src/styles.css?raw";
import { bannerBg, plainNotice } from "../support/bannerStyle";

const ROOTS = [
  "mnk-notice-banner",
  "mnk-welcome-overlay",
  "mnk-welcome-dialog",
  "mnk-welcome-editor",
] as const;

/** The default palettes (light, dark) by private colour variable, as the README and the public properties give them. */
const PALETTE: Record<string, readonly [string, string]> = {
  "focus-color": ["#0467dd", "#8ab8ff"],
  "info-bg": ["#eef4fc", "#14233a"],
  "info-fg": ["#1b1d22", "#e8eaed"],
  "info-border": ["#8db4e6", "#2f5a94"],
  "info-accent": ["#0467dd", "#7fb2ff"],
  "critical-bg": ["#fdf0f0", "#3a1414"],
  "critical-fg": ["#5c0c0c", "#ffdada"],
  "critical-border": ["#e59a9a", "#8f3434"],
  "critical-accent": ["#c62828", "#ff8a80"],
  link: ["#0b57c2", "#8ab8ff"],
  surface: ["#ffffff", "#1d2228"],
  "surface-fg": ["#1b1d22", "#e8eaed"],
  "muted-fg": ["#5b6270", "#a9b0bb"],
  border: ["#d6dae1", "#3a414b"],
  overlay: ["rgb(0 0 0 / 0.45)", "rgb(0 0 0 / 0.6)"],
  "button-bg": ["#0467dd", "#5b9dff"],
  "button-fg": ["#ffffff", "#0b0f14"],
  "code-bg": ["#f1f3f5", "#2a3038"],
  "spoiler-bg": ["#5b6270", "#a9b0bb"],
};

/** A colour as the browser computes it (`rgb(...)`), from a probe element under `parent`. */
function computed(parent: Element, color: string): string {
  const probe = document.createElement("span");
  probe.style.color = color;
  parent.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

/** Every colour the kit's rules read (its private variables), as computed under `root`. */
function paletteAt(root: Element): Record<string, string> {
  return Object.fromEntries(
    Object.keys(PALETTE).map((name) => [name, computed(root, `var(--_mnk-${name})`)]),
  );
}

function expectedPalette(
  scheme: "light" | "dark",
  overrides: Record<string, string> = {},
): Record<string, string> {
  const index = scheme === "light" ? 0 : 1;
  return Object.fromEntries(
    Object.entries(PALETTE).map(([name, pair]) => [
      name,
      computed(document.body, overrides[name] ?? pair[index]),
    ]),
  );
}

/**
 * A tree from outermost to innermost wrapper, each given as attributes (`class`, `data-theme`, `style`), around one
 * kit root with `rootAttrs`. Returns the root.
 */
function mount(
  wrappers: Record<string, string>[],
  rootClass: string,
  rootAttrs: Record<string, string> = {},
) {
  const top = document.createElement("div");
  let parent: HTMLElement = top;
  for (const attrs of wrappers) {
    const el = document.createElement("div");
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    parent.append(el);
    parent = el;
  }
  const root = document.createElement("div");
  for (const [k, v] of Object.entries(rootAttrs)) root.setAttribute(k, v);
  root.className = [rootClass, rootAttrs.class].filter(Boolean).join(" ");
  parent.append(root);
  document.body.append(top);
  mounted.push(top);
  return root;
}
const mounted: HTMLElement[] = [];

type Case = {
  name: string;
  os: "light" | "dark";
  wrappers: Record<string, string>[];
  root?: Record<string, string>;
  expected: "light" | "dark";
  colorScheme?: string;
};
const CASES: Case[] = [
  // 1. The OS decides by default.
  { name: "no theme, light OS", os: "light", wrappers: [], expected: "light", colorScheme: "light dark" },
  { name: "no theme, dark OS", os: "dark", wrappers: [], expected: "dark", colorScheme: "light dark" },
  // 2. Theme attributes and classes, the nearest winning at any depth, the root's own included.
  { name: 'data-theme="dark"', os: "light", wrappers: [{ "data-theme": "dark" }], expected: "dark" },
  { name: "class dark", os: "light", wrappers: [{ class: "dark" }], expected: "dark", colorScheme: "dark" },
  {
    name: 'data-theme="light" in a dark OS',
    os: "dark",
    wrappers: [{ "data-theme": "light" }],
    expected: "light",
  },
  { name: "class light in a dark OS", os: "dark", wrappers: [{ class: "light" }], expected: "light" },
  {
    name: "dark in light",
    os: "light",
    wrappers: [{ "data-theme": "light" }, { class: "dark" }],
    expected: "dark",
    colorScheme: "dark",
  },
  {
    name: "light in dark, dark OS",
    os: "dark",
    wrappers: [{ class: "dark" }, { "data-theme": "light" }],
    expected: "light",
    colorScheme: "light",
  },
  {
    name: "dark in light in dark",
    os: "light",
    wrappers: [{ class: "dark" }, { "data-theme": "light" }, {}, { "data-theme": "dark" }, {}],
    expected: "dark",
  },
  {
    name: "light in dark in light, dark OS",
    os: "dark",
    wrappers: [{ class: "light" }, { "data-theme": "dark" }, { class: "light" }],
    expected: "light",
  },
  {
    name: "the root's own class dark",
    os: "light",
    wrappers: [{ class: "light" }],
    root: { class: "dark" },
    expected: "dark",
  },
  {
    name: "the root's own class light",
    os: "dark",
    wrappers: [{ class: "dark" }],
    root: { class: "light" },
    expected: "light",
  },
  // 3. An app's own switch wins over the theme attributes, from any ancestor.
  {
    name: "--mnk-color-scheme: dark in a light theme",
    os: "light",
    wrappers: [{ style: "--mnk-color-scheme: dark" }, { class: "light" }, {}],
    expected: "dark",
    colorScheme: "dark",
  },
  {
    name: "--mnk-color-scheme: light in a dark theme, dark OS",
    os: "dark",
    wrappers: [{ style: "--mnk-color-scheme: light", "data-theme": "dark" }],
    root: { "data-theme": "dark" },
    expected: "light",
    colorScheme: "light",
  },
  {
    name: "--mnk-color-scheme: dark in a light theme, dark OS",
    os: "dark",
    wrappers: [{ "data-theme": "light" }, { style: "--mnk-color-scheme: dark" }],
    expected: "dark",
  },
];

afterEach(async () => {
  for (const el of mounted.splice(0)) el.remove();
  document.documentElement.removeAttribute("style");
  await commands.emulateMedia({ colorScheme: null, forcedColors: null });
});

describe("the test's lowering", () => {
  it("is Vite 8's default build target, for which lightningcss lowers light-dark() (the bug this file guards)", async () => {
    const { css, targets } = await commands.lowerCss("a { color: light-dark(#eef4fc, #14233a) }");
    expect(targets).toEqual(["chrome 111", "edge 111", "firefox 114", "safari 16.4", "ios_saf 16.4"]);
    expect(css).toContain("var(--lightningcss-light,#eef4fc)var(--lightningcss-dark,#14233a)");
  });
});

describe("src/styles.css source", () => {
  it("has no light-dark() at all", async () => {
    expect(rawCss).not.toContain("light-dark(");
    expect(rawCss).toContain("color-scheme: var(--mnk-color-scheme, var(--_mnk-scheme, light dark));");
  });
});

for (const variant of ["as written", "as lightningcss ships it"] as const) {
  describe(`styles.css ${variant}`, () => {
    let css = "";
    let style: HTMLStyleElement;
    beforeAll(async () => {
      css = variant === "as written" ? rawCss : (await commands.lowerCss()).css;
      style = document.createElement("style");
      style.textContent = css;
      document.head.append(style);
    });
    afterAll(() => style.remove());

    it("ships no lowered colour toggles, and keeps color-scheme and the style queries", () => {
      expect(css).not.toContain("--lightningcss-");
      expect(css).not.toContain("light-dark(");
      expect(css.replace(/\s+/g, "")).toContain(
        "color-scheme:var(--mnk-color-scheme,var(--_mnk-scheme,lightdark))",
      );
      expect(css.replace(/\s+/g, "")).toContain("@containerstyle(--mnk-color-scheme:dark)");
      expect(css.replace(/\s+/g, "")).toContain("@containerstyle(--mnk-color-scheme:light)");
    });

    for (const c of CASES) {
      it(`${c.name}: the ${c.expected} palette on every kit root`, async () => {
        await commands.emulateMedia({ colorScheme: c.os });
        expect(matchMedia("(prefers-color-scheme: dark)").matches).toBe(c.os === "dark");
        for (const rootClass of ROOTS) {
          const root = mount(c.wrappers, rootClass, c.root);
          expect(paletteAt(root), rootClass).toEqual(expectedPalette(c.expected));
          if (c.colorScheme) expect(getComputedStyle(root).colorScheme, rootClass).toBe(c.colorScheme);
        }
      });
    }

    it("4. an --mnk-* property on :root, an ancestor or the root itself wins over the default in any mode", async () => {
      for (const os of ["light", "dark"] as const) {
        await commands.emulateMedia({ colorScheme: os });
        document.documentElement.style.setProperty("--mnk-info-bg", "rgb(1, 2, 3)");
        const themes: Record<string, string>[][] = [[], [{ class: "dark" }], [{ "data-theme": "light" }]];
        for (const wrappers of themes) {
          const scheme = wrappers[0]?.class === "dark" ? "dark" : wrappers.length ? "light" : os;
          const fromRoot = mount(wrappers, "mnk-welcome-dialog");
          expect(paletteAt(fromRoot)).toEqual(expectedPalette(scheme, { "info-bg": "rgb(1, 2, 3)" }));
          const fromAncestor = mount(
            [...wrappers, { style: "--mnk-surface: rgb(4, 5, 6); --mnk-focus-color: rgb(7, 8, 9)" }],
            "mnk-welcome-editor",
          );
          expect(paletteAt(fromAncestor)).toEqual(
            expectedPalette(scheme, {
              "info-bg": "rgb(1, 2, 3)",
              surface: "rgb(4, 5, 6)",
              "focus-color": "rgb(7, 8, 9)",
            }),
          );
          const onItself = mount(wrappers, "mnk-notice-banner", {
            style: "--mnk-critical-fg: rgb(10, 11, 12)",
          });
          expect(paletteAt(onItself)).toEqual(
            expectedPalette(scheme, { "info-bg": "rgb(1, 2, 3)", "critical-fg": "rgb(10, 11, 12)" }),
          );
        }
        document.documentElement.removeAttribute("style");
      }
    });

    it("the banner component itself: light, dark by theme, nested, by --mnk-color-scheme, overridden", async () => {
      const light = render(
        <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />,
      );
      const dark = render(
        <div data-theme="light">
          <div className="dark">
            <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />
          </div>
        </div>,
      );
      const switched = render(
        <div style={{ "--mnk-color-scheme": "dark" } as React.CSSProperties}>
          <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />
        </div>,
      );
      const overridden = render(
        <div className="dark" style={{ "--mnk-info-bg": "rgb(1, 2, 3)" } as React.CSSProperties}>
          <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />
        </div>,
      );
      expect(bannerBg(light.container)).toBe("rgb(238, 244, 252)");
      expect(bannerBg(dark.container)).toBe("rgb(20, 35, 58)");
      expect(bannerBg(switched.container)).toBe("rgb(20, 35, 58)");
      expect(bannerBg(overridden.container)).toBe("rgb(1, 2, 3)");
      const text = getComputedStyle(
        dark.container.querySelector('[data-part="banner"]') as HTMLElement,
      ).color;
      expect(text).toBe("rgb(232, 234, 237)");
      await commands.emulateMedia({ colorScheme: "dark" });
      expect(bannerBg(light.container)).toBe("rgb(20, 35, 58)");
    });

    it("in a shadow root that adopts the stylesheet: the OS, a theme inside, a theme outside the host", async () => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      /** A welcome dialog root in a shadow root whose host is inside `wrappers`, itself inside `innerAttrs`. */
      const inShadow = (wrappers: Record<string, string>[], innerAttrs = "") => {
        const host = mount(wrappers, "");
        const shadow = host.attachShadow({ mode: "open" });
        shadow.adoptedStyleSheets = [sheet];
        const root = '<div class="mnk-welcome-dialog"></div>';
        shadow.innerHTML = innerAttrs ? `<div ${innerAttrs}>${root}</div>` : root;
        return shadow.querySelector(".mnk-welcome-dialog") as HTMLElement;
      };
      await commands.emulateMedia({ colorScheme: "dark" });
      expect(paletteAt(inShadow([]))).toEqual(expectedPalette("dark"));
      expect(paletteAt(inShadow([], 'data-theme="light"'))).toEqual(expectedPalette("light"));
      // Outside the host: the document's copy of the stylesheet themes the ancestor, the palette inherits in.
      expect(paletteAt(inShadow([{ class: "light" }]))).toEqual(expectedPalette("light"));
      await commands.emulateMedia({ colorScheme: "light" });
      expect(paletteAt(inShadow([]))).toEqual(expectedPalette("light"));
      expect(paletteAt(inShadow([], 'class="dark"'))).toEqual(expectedPalette("dark"));
      expect(paletteAt(inShadow([{ "data-theme": "dark" }]))).toEqual(expectedPalette("dark"));
      expect(paletteAt(inShadow([{ style: "--mnk-color-scheme: dark" }, { class: "light" }]))).toEqual(
        expectedPalette("dark"),
      );
    });

    it("the editor is a card of its own surface: readable on a page of the other palette", async () => {
      await commands.emulateMedia({ colorScheme: "dark" });
      // A dark OS on a light page (the page paints its own white), and a light-themed editor in a dark app.
      const onLightPage = mount([{ style: "background: #fff" }], "mnk-welcome-editor");
      const lightInDark = mount([{ "data-theme": "dark" }], "mnk-welcome-editor", { "data-theme": "light" });
      expect(getComputedStyle(onLightPage).backgroundColor).toBe(
        computed(document.body, PALETTE.surface![1]),
      );
      expect(getComputedStyle(onLightPage).color).toBe(computed(document.body, PALETTE["surface-fg"]![1]));
      expect(getComputedStyle(lightInDark).backgroundColor).toBe(
        computed(document.body, PALETTE.surface![0]),
      );
      expect(getComputedStyle(lightInDark).color).toBe(computed(document.body, PALETTE["surface-fg"]![0]));
    });

    it("forced colours: the dialog's confirm and close and a banner's dismiss keep a visible edge", async () => {
      const dialog = mount([], "mnk-welcome-dialog");
      dialog.innerHTML = '<button data-part="confirm">Got it</button><button data-part="close">x</button>';
      const banner = mount([], "mnk-notice-banner");
      banner.innerHTML = '<div data-part="banner"><button data-part="dismiss">x</button></div>';
      const buttons = [...dialog.querySelectorAll("button"), banner.querySelector("button")!];
      const confirmHeight = buttons[0]!.getBoundingClientRect().height;
      for (const button of buttons) expect(getComputedStyle(button).borderTopColor).toBe("rgba(0, 0, 0, 0)");
      await commands.emulateMedia({ forcedColors: "active" });
      for (const button of buttons) {
        expect(getComputedStyle(button).borderTopStyle).toBe("solid");
        expect(getComputedStyle(button).borderTopWidth).toBe("1px");
        expect(getComputedStyle(button).borderTopColor).not.toBe("rgba(0, 0, 0, 0)");
      }
      // The border takes no room of its own: the round buttons keep 2rem, the confirm button its height.
      expect(buttons[1]!.getBoundingClientRect().width).toBe(32);
      expect(buttons[2]!.getBoundingClientRect().width).toBe(32);
      expect(buttons[0]!.getBoundingClientRect().height).toBe(confirmHeight);
      await commands.emulateMedia({ forcedColors: "none" });
    });

    it("forced colours under a dark app theme in a light OS: a banner's icon takes its text's colour (an SVG's own is kept)", async () => {
      const banner = mount([{ "data-theme": "dark" }], "mnk-notice-banner");
      banner.innerHTML =
        '<div data-part="banner" data-severity="critical"><svg data-part="icon"></svg><p>Limit</p></div>' +
        '<div data-part="banner" data-severity="info"><svg data-part="icon"></svg><p>Notice</p></div>';
      await commands.emulateMedia({ colorScheme: "light", forcedColors: "active" });
      for (const b of banner.querySelectorAll('[data-part="banner"]')) {
        const text = getComputedStyle(b.querySelector("p")!).color;
        expect(getComputedStyle(b.querySelector("svg")!).color, b.getAttribute("data-severity")!).toBe(text);
      }
    });

    it("forced colours: the dialog's backdrop still fades the page (the page's colour at 85%, not at 45%)", async () => {
      const overlay = mount([{ "data-theme": "dark" }], "mnk-welcome-overlay");
      const canvas = mount([], "not-a-kit-root", { style: "background-color: Canvas" });
      await commands.emulateMedia({ forcedColors: "active" });
      const [r, g, b, a = "1"] = getComputedStyle(overlay).backgroundColor.match(/[\d.]+/g) ?? [];
      expect(Number(a)).toBeCloseTo(0.85, 2);
      expect(`rgb(${r}, ${g}, ${b})`).toBe(getComputedStyle(canvas).backgroundColor);
    });

    it("forced colours: a hidden spoiler keeps its border", async () => {
      const html = mount([{ class: "mnk-welcome-dialog" }], "mnk-welcome-html");
      html.innerHTML = "<span data-mx-spoiler>secret</span>";
      const spoiler = html.querySelector("span") as HTMLElement;
      expect(getComputedStyle(spoiler).borderTopStyle).toBe("none");
      await commands.emulateMedia({ forcedColors: "active" });
      expect(matchMedia("(forced-colors: active)").matches).toBe(true);
      expect(getComputedStyle(spoiler).borderTopStyle).toBe("solid");
      expect(getComputedStyle(spoiler).borderTopWidth).toBe("1px");
    });
  });
}
