/**
 * The sender's text colours stay readable wherever the app puts the welcome and however it switches its theme: themes
 * no DOM change announces, bodies portalled or slotted, backgrounds that depend on the text, translucent surfaces,
 * highlights, and hidden spoilers.
 */
import "../../src/styles.css";
import { act, render } from "@testing-library/react";
import { type ReactNode, useEffect, useLayoutEffect, useState } from "react";
import { createPortal } from "react-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { commands } from "vitest/browser";
import "../support/browserCommands";
import { defaultWelcomeDialogLabels, WelcomeBody } from "../../src";
import { contrastRatio } from "../support/contrast";
import { htmlWelcome } from "../support/welcomeMessage";

const message = htmlWelcome;
const colorOf = (el: Element) => getComputedStyle(el).color;
const DARK_SURFACE = "rgb(29, 34, 40)";
const NAVY = '<p><font color="#000080">Rules</font></p>';
const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await commands.emulateMedia({ colorScheme: null, forcedColors: null });
});
/** An element of the app's, removed after the test. */
function added<T extends HTMLElement>(el: T, parent: HTMLElement = document.head): T {
  parent.append(el);
  cleanups.push(() => el.remove());
  return el;
}
const css = (text: string) => {
  const style = document.createElement("style");
  style.textContent = text;
  return added(style);
};
/** A WelcomeBody on the kit's dialog surface. */
const onSurface = (html: string, theme?: "dark" | "light", authorColors?: "readable" | "as-sent") =>
  render(
    <div className="mnk-welcome-dialog" data-theme={theme}>
      <WelcomeBody message={message(html)} labels={defaultWelcomeDialogLabels} authorColors={authorColors} />
    </div>,
  );
const darkCss = () =>
  URL.createObjectURL(new Blob([":root { --mnk-surface: #1d2228; }"], { type: "text/css" }));
/** Navy on the kit's dark surface reads once measured there. */
function expectNavyReadsOnDark(container: HTMLElement): void {
  expect(getComputedStyle(container.firstElementChild as Element).backgroundColor).toBe(DARK_SURFACE);
  expect(
    contrastRatio(colorOf(container.querySelector("font") as Element), DARK_SURFACE),
  ).toBeGreaterThanOrEqual(4.5);
}

describe("a theme switched where no element changes", () => {
  it("when the app adds its dark stylesheet as a <link>, the colours follow once the file has loaded", async () => {
    const { container } = onSurface(NAVY);
    expect(colorOf(container.querySelector("font") as Element)).toBe("rgb(0, 0, 128)");
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = darkCss();
    const loaded = new Promise((resolve) => link.addEventListener("load", resolve));
    added(link);
    await loaded;
    await settle();
    expectNavyReadsOnDark(container);
  });

  it("when the app points its theme <link> at the dark file, the colours follow once it has loaded", async () => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = URL.createObjectURL(new Blob([":root { --mnk-surface: #fff; }"], { type: "text/css" }));
    await new Promise((resolve) => {
      link.addEventListener("load", resolve, { once: true });
      added(link);
    });
    const { container } = onSurface(NAVY);
    await new Promise((resolve) => {
      link.addEventListener("load", resolve, { once: true });
      link.href = darkCss();
    });
    await settle();
    expectNavyReadsOnDark(container);
  });

  it("when CSS-in-JS inserts the dark rule through the CSSOM (insertRule), the colours follow", async () => {
    const style = css("");
    const { container } = onSurface(NAVY);
    style.sheet?.insertRule(":root { --mnk-surface: #1d2228; }");
    await settle();
    expectNavyReadsOnDark(container);
  });

  it("when the app adopts a dark constructable stylesheet, the colours follow", async () => {
    const dark = new CSSStyleSheet();
    dark.replaceSync(":root { --mnk-surface: #1d2228; }");
    // A copy: the property is a live array.
    const before = [...document.adoptedStyleSheets];
    cleanups.push(() => {
      document.adoptedStyleSheets = before;
    });
    const { container } = onSurface(NAVY);
    document.adoptedStyleSheets = [...before, dark];
    await settle();
    expectNavyReadsOnDark(container);
  });

  it("when high contrast mode is switched off, the colours are measured on the normal surface again", async () => {
    await commands.emulateMedia({ colorScheme: "dark", forcedColors: "active" });
    const { container } = onSurface(
      '<p><font color="#000080">Rules</font> <font color="#ffff00">news</font></p>',
      "light",
    );
    await commands.emulateMedia({ colorScheme: "dark", forcedColors: "none" });
    await settle(300);
    const surface = getComputedStyle(container.firstElementChild as Element).backgroundColor;
    for (const font of container.querySelectorAll("font"))
      expect(contrastRatio(colorOf(font), surface)).toBeGreaterThanOrEqual(4.5);
  });
});

/** A portal into a div of its own, attached to `target` in an effect (as many apps and older libraries do). */
function OwnPortal({ target, children }: { target: HTMLElement; children: ReactNode }) {
  const [el] = useState(() => document.createElement("div"));
  useEffect(() => {
    target.append(el);
    return () => el.remove();
  }, [el, target]);
  return createPortal(children, el);
}

describe("where the app puts the welcome", () => {
  it("given a portal into a div the app attaches in an effect, on a dark surface, navy is measured there and follows the theme", async () => {
    const surface = document.createElement("div");
    surface.className = "mnk-welcome-dialog";
    surface.setAttribute("data-theme", "dark");
    added(surface, document.body);
    render(
      <OwnPortal target={surface}>
        <WelcomeBody message={message(NAVY)} labels={defaultWelcomeDialogLabels} />
      </OwnPortal>,
    );
    await act(() => settle(100));
    const navy = surface.querySelector("font") as Element;
    expect(contrastRatio(colorOf(navy), DARK_SURFACE)).toBeGreaterThanOrEqual(4.5);
    // Its ancestors are followed once attached: the light theme makes navy as sent again.
    surface.setAttribute("data-theme", "light");
    await settle(100);
    expect(colorOf(navy)).toBe("rgb(0, 0, 128)");
  });

  it("given a welcome slotted into a web component's dark panel on a light page, colours are measured on the panel", () => {
    const page = added(document.createElement("div"), document.body);
    page.style.background = "#ffffff";
    const host = document.createElement("div");
    host.attachShadow({ mode: "open" }).innerHTML =
      '<div style="background: #1d2228; color: #e8eaed; padding: 1rem"><slot></slot></div>';
    const mount = document.createElement("div");
    host.append(mount);
    page.append(host);
    render(
      <WelcomeBody
        message={message('<p><font color="#000080">Rules</font> <font color="#ffff00">news</font></p>')}
        labels={defaultWelcomeDialogLabels}
      />,
      { container: mount },
    );
    const [navy, yellow] = mount.querySelectorAll("font");
    expect(contrastRatio(colorOf(navy as Element), DARK_SURFACE)).toBeGreaterThanOrEqual(4.5);
    // Yellow reads on the dark panel as sent (it would be darkened if measured on the white page).
    expect(colorOf(yellow as Element)).toBe("rgb(255, 255, 0)");
  });
});

/** `color` over `under` (an opaque `rgb()`), as painted. */
function paintedOver(color: string, under: [number, number, number]): string {
  const [r = 0, g = 0, b = 0, a = 1] = (color.match(/[\d.]+/g) ?? []).map(Number);
  const scale = color.startsWith("color(srgb") ? 255 : 1;
  return `rgb(${[r, g, b].map((v, i) => v * scale * a + (under[i] ?? 0) * (1 - a)).join(", ")})`;
}

describe("what the colours are measured on", () => {
  it("given code tinted from its text colour (currentColor) in yellow text on the light dialog, the code reads on its tint", () => {
    css(".mnk-welcome-html code { background: color-mix(in srgb, currentColor 25%, transparent); }");
    const { container } = onSurface(
      '<p><font color="#ffff00">Type <code>/rules</code> now</font></p>',
      "light",
    );
    const code = container.querySelector("code") as Element;
    const behind = paintedOver(getComputedStyle(code).backgroundColor, [255, 255, 255]);
    expect(contrastRatio(colorOf(code), behind)).toBeGreaterThanOrEqual(4.5);
  });

  it("on a translucent surface (white at 8% over #121212), every moved colour reaches 4.5:1 on what is painted", () => {
    const sent = ["#000080", "#0000ff", "#800000", "#008000", "#4b0082", "#8b4513", "#2f4f4f", "#800080"];
    const html = `<p>${sent.map((c) => `<font color="${c}">word</font> `).join("")}</p>`;
    const { container } = render(
      <div style={{ background: "#121212" }}>
        <div style={{ background: "rgb(255 255 255 / 0.08)" }}>
          <WelcomeBody message={message(html)} labels={defaultWelcomeDialogLabels} />
        </div>
      </div>,
    );
    const painted = "rgb(36.96, 36.96, 36.96)";
    const ratios = [...container.querySelectorAll("font")].map((f) => contrastRatio(colorOf(f), painted));
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(4.5);
  });

  it("given links that inherit their colour (a { color: inherit }), linked code in navy text reads on the code's background", () => {
    css("a { color: inherit; }");
    const { container } = onSurface(
      '<p><font color="#000080">Type <a href="https://example.org/join"><code>/join</code></a> to start</font></p>',
      "dark",
    );
    const code = container.querySelector("code") as Element;
    expect(contrastRatio(colorOf(code), getComputedStyle(code).backgroundColor)).toBeGreaterThanOrEqual(4.5);
  });

  it("given code in a quotation inside navy text, the code keeps the quotation's theme colour, as it does as sent", () => {
    const html = '<font color="#000080">Rules<blockquote>quoted <code>/rules</code></blockquote></font>';
    const codeColor = (authorColors: "readable" | "as-sent") => {
      const { container, unmount } = onSurface(html, "dark", authorColors);
      const color = colorOf(container.querySelector("code") as Element);
      unmount();
      return color;
    };
    expect(codeColor("readable")).toBe(codeColor("as-sent"));
  });

  it("given a sender's yellow highlight on the dark dialog, the theme's text on it is darkened to read", () => {
    const { container } = onSurface('<p>Rules: <span data-mx-bg-color="#ffff00">be kind</span></p>', "dark");
    const mark = container.querySelector("span[data-mx-bg-color]") as Element;
    const { color, backgroundColor } = getComputedStyle(mark);
    expect(backgroundColor).toBe("rgb(255, 255, 0)");
    expect(contrastRatio(color, backgroundColor)).toBeGreaterThanOrEqual(4.5);
  });

  it("given near-black #010203 on the dark dialog, it is lightened like any other colour", () => {
    const { container } = onSurface('<p><font color="#010203">a</font></p>', "dark");
    expect(
      contrastRatio(colorOf(container.querySelector("font") as Element), DARK_SURFACE),
    ).toBeGreaterThanOrEqual(4.5);
  });
});

/** Reads the spoiler as the first paint shows it: a layout effect after WelcomeBody's own. */
function FirstFrame({ seen }: { seen: string[] }) {
  useLayoutEffect(() => {
    const spoiler = document.querySelector("span[data-mx-spoiler]") as Element;
    seen.push(colorOf(spoiler));
  });
  return null;
}

describe("a spoiler in the sender's colour, or in one of its own", () => {
  it("stays hidden in the first frame, as it is as sent, until it is revealed", async () => {
    const seen: string[] = [];
    const { container } = render(
      <div className="mnk-welcome-dialog" data-theme="dark">
        <WelcomeBody
          message={message(
            '<p><font color="#000080">The password is <span data-mx-spoiler="">hunter2</span></font></p>',
          )}
          labels={defaultWelcomeDialogLabels}
        />
        <FirstFrame seen={seen} />
      </div>,
    );
    expect(seen[0]).toBe("rgba(0, 0, 0, 0)");
    const spoiler = container.querySelector("span[data-mx-spoiler]") as HTMLElement;
    act(() => spoiler.click());
    expect(contrastRatio(colorOf(spoiler), DARK_SURFACE)).toBeGreaterThanOrEqual(4.5);
  });

  it("is hidden from the first frame (the sender's inline colour does not show its text)", () => {
    const seen: string[] = [];
    render(
      <div className="mnk-welcome-dialog">
        <WelcomeBody
          message={message('<p>The answer: <span data-mx-spoiler="" data-mx-color="#ff0000">42</span></p>')}
          labels={defaultWelcomeDialogLabels}
        />
        <FirstFrame seen={seen} />
      </div>,
    );
    expect(seen[0]).toBe("rgba(0, 0, 0, 0)");
  });
});

describe("when measuring fails", () => {
  it("given the browser throws while colours are read, the welcome still shows and the error is reported, not thrown", () => {
    const reported: unknown[] = [];
    const report = vi.spyOn(globalThis, "reportError").mockImplementation((error) => {
      reported.push(error);
    });
    const read = vi.spyOn(window, "getComputedStyle").mockImplementation(() => {
      throw new Error("a browser's quirk");
    });
    try {
      const { container } = onSurface(NAVY, "dark");
      expect(container.textContent).toContain("Rules");
    } finally {
      read.mockRestore();
      report.mockRestore();
    }
    expect(reported.map((e) => (e as Error).message)).toContain("a browser's quirk");
  });
});
