/**
 * What the colour pass measures inside a message, and how often: code and code blocks in the sender's colour (only
 * where they show it), the sender's highlights on the theme's or a link's text, and an app that animates its theme
 * switch.
 */
import "../../src/styles.css";
import { render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody } from "../../src";
import { contrastRatio } from "../support/contrast";
import { htmlWelcome } from "../support/welcomeMessage";

const colorOf = (el: Element) => getComputedStyle(el).color;
const bgOf = (el: Element) => getComputedStyle(el).backgroundColor;
const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));
const styles: HTMLStyleElement[] = [];
afterEach(() => {
  for (const style of styles.splice(0)) style.remove();
});
/** A stylesheet of the app's, removed after the test. */
function css(text: string): void {
  const style = document.createElement("style");
  style.textContent = text;
  document.head.append(style);
  styles.push(style);
}
type AuthorColors = "readable" | "as-sent";
/** A WelcomeBody on the kit's dialog surface. */
const Body = ({
  html,
  theme,
  authorColors,
}: {
  html: string;
  theme: string;
  authorColors?: AuthorColors;
}) => (
  <div className="mnk-welcome-dialog" data-theme={theme}>
    <WelcomeBody
      message={htmlWelcome(html)}
      labels={defaultWelcomeDialogLabels}
      authorColors={authorColors}
    />
  </div>
);
/** The colour `selector` shows, with the pass and as sent. */
function shownBothWays(html: string, theme: string, selector: string): Record<AuthorColors, string> {
  const shown = (authorColors: AuthorColors) => {
    const { container, unmount } = render(<Body html={html} theme={theme} authorColors={authorColors} />);
    const color = colorOf(container.querySelector(selector) as Element);
    unmount();
    return color;
  };
  return { readable: shown("readable"), "as-sent": shown("as-sent") };
}

describe("code in the sender's colour", () => {
  const PRE = '<font color="#000080"><p>Rules</p><pre><code>/join #room</code></pre></font>';

  it("given a code block in navy text on the dark dialog, it is measured again when the app lightens code blocks", async () => {
    const { container } = render(<Body html={PRE} theme="dark" />);
    (container.firstElementChild as HTMLElement).style.setProperty("--mnk-code-bg", "#e0e0e0");
    await settle();
    const code = container.querySelector("code") as Element;
    expect(contrastRatio(colorOf(code), bgOf(code))).toBeGreaterThanOrEqual(4.5);
  });

  it('given the same, switched to authorColors="as-sent", no colour of the pass is left on it', () => {
    const { container, rerender } = render(<Body html={PRE} theme="dark" />);
    rerender(<Body html={PRE} theme="dark" authorColors="as-sent" />);
    expect(container.querySelector("code")?.outerHTML).toBe("<code>/join #room</code>");
  });

  it("given the app's own code colour (Bootstrap's crimson), code in navy text keeps it, as it does as sent", () => {
    css(".mnk-welcome-html code { color: crimson; }");
    const shown = shownBothWays(
      '<p><font color="#000080">Type <code>/rules</code> now</font></p>',
      "light",
      "code",
    );
    expect(shown.readable).toBe("rgb(220, 20, 60)");
    expect(shown.readable).toBe(shown["as-sent"]);
  });
});

describe("the sender's highlight", () => {
  const markOf = (container: Element) => container.querySelector("span[data-mx-bg-color]") as Element;

  const inLinks: [string, string][] = [
    ["alone", '<p>Go <a href="https://example.org/"><span data-mx-bg-color="#ffff00">join</span></a></p>'],
    [
      "in navy text",
      '<p><font color="#000080">Go <a href="https://example.org/"><span data-mx-bg-color="#ffff00">join</span></a></font></p>',
    ],
  ];
  for (const [where, html] of inLinks)
    it(`given a yellow highlight inside a link, ${where}, on the dark dialog, the link's text reads on it`, () => {
      const { container } = render(<Body html={html} theme="dark" />);
      expect(contrastRatio(colorOf(markOf(container)), bgOf(markOf(container)))).toBeGreaterThanOrEqual(4.5);
    });

  const onTheme: [string, string][] = [
    ["alone", '<p>Rules: <span data-mx-bg-color="#ffff00">be kind</span></p>'],
    [
      "beside navy text",
      '<p><font color="#000080">Rules</font>: <span data-mx-bg-color="#ffff00">be kind</span></p>',
    ],
  ];
  for (const [where, html] of onTheme)
    it(`given the theme's text on a yellow highlight, ${where}, a switch to the dark theme shows what opening in it does`, async () => {
      const fresh = render(<Body html={html} theme="dark" />);
      const expected = colorOf(markOf(fresh.container));
      fresh.unmount();
      const { container } = render(<Body html={html} theme="light" />);
      (container.firstElementChild as HTMLElement).setAttribute("data-theme", "dark");
      await settle();
      expect(colorOf(markOf(container))).toBe(expected);
    });

  const linksOnHighlights: [string, string, string][] = [
    [
      "dark",
      "alone",
      '<p><span data-mx-bg-color="#ffff00">Read <a href="https://example.org/">the rules</a></span></p>',
    ],
    [
      "light",
      "alone",
      '<p><span data-mx-bg-color="#000080">Read <a href="https://example.org/">the rules</a></span></p>',
    ],
    [
      "dark",
      "in a list item",
      '<ul><li><span data-mx-bg-color="#ffff00"><a href="https://example.org/">rules</a></span></li></ul>',
    ],
  ];
  for (const [theme, where, html] of linksOnHighlights)
    it(`given a link on the sender's highlight, ${where}, on the ${theme} dialog, the link reads on the highlight and stays underlined`, () => {
      const { container } = render(<Body html={html} theme={theme} />);
      const link = container.querySelector("a") as HTMLElement;
      expect(contrastRatio(colorOf(link), bgOf(markOf(container)))).toBeGreaterThanOrEqual(4.5);
      expect(getComputedStyle(link).textDecorationLine).toBe("underline");
    });

  /** Code holding `inner` on a yellow highlight, on the dark dialog. */
  const codeOnYellow = (inner: string) =>
    render(
      <Body html={`<p><span data-mx-bg-color="#ffff00">Run <code>${inner}</code></span></p>`} theme="dark" />,
    ).container.querySelector("code") as HTMLElement;

  it("given a link in code on the sender's highlight, on the dark dialog, it reads on the code's background", () => {
    const code = codeOnYellow('<a href="https://example.org/">setup</a>');
    expect(contrastRatio(colorOf(code.querySelector("a") as Element), bgOf(code))).toBeGreaterThanOrEqual(
      4.5,
    );
  });

  const codeOnHighlights: [string, string][] = [
    ["dark", '<p><span data-mx-bg-color="#ffff00">Run <code>/join #rules</code> first</span></p>'],
    ["light", '<p><span data-mx-bg-color="#000080">Run <code>/join #rules</code> first</span></p>'],
    ["dark", '<p><span data-mx-bg-color="#ffff00"><b>Run <code>/join #rules</code></b></span></p>'],
  ];
  for (const [theme, html] of codeOnHighlights)
    it(`given code on the sender's highlight (${html.includes("<b>") ? "in bold" : "alone"}), on the ${theme} dialog, its text reads on the code's own background`, () => {
      const { container } = render(<Body html={html} theme={theme} />);
      const code = container.querySelector("code") as HTMLElement;
      expect(contrastRatio(colorOf(code), bgOf(code))).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(colorOf(markOf(container)), bgOf(markOf(container)))).toBeGreaterThanOrEqual(4.5);
    });

  it("given code on the sender's highlight that the app gives no background, its text and a link in it read on the highlight", () => {
    css(".mnk-welcome-html code { background: none !important; }");
    const code = codeOnYellow('/join <a href="https://example.org/">#rules</a>');
    expect(
      contrastRatio(
        colorOf(code.querySelector("a") as Element),
        bgOf(code.closest("span[data-mx-bg-color]") as Element),
      ),
    ).toBeGreaterThanOrEqual(4.5);
    expect(
      contrastRatio(colorOf(code), bgOf(code.closest("span[data-mx-bg-color]") as Element)),
    ).toBeGreaterThanOrEqual(4.5);
  });

  it("given a link on the sender's highlight in the sender's own text colour (their pair), it shows that colour", () => {
    const { container } = render(
      <Body
        html='<p><span data-mx-color="#000000" data-mx-bg-color="#ffff00"><a href="https://example.org/">rules</a></span></p>'
        theme="dark"
      />,
    );
    expect(colorOf(container.querySelector("a") as Element)).toBe("rgb(0, 0, 0)");
  });

  it("given the theme's text that reads on the highlight, it is left to follow the theme (nothing written)", () => {
    const { container } = render(
      <Body html='<p><span data-mx-bg-color="#ffff00">be kind</span></p>' theme="light" />,
    );
    expect(markOf(container).hasAttribute("data-mnk-readable-color")).toBe(false);
  });
});

describe("an app that animates its theme switch over 300 ms", () => {
  it("has the colours measured a few times, not on every frame, and right at the end", async () => {
    css(".mnk-welcome-dialog { transition: background-color 300ms linear, color 300ms linear; }");
    const { container } = render(
      <Body
        html='<p><font color="#000080">Rules</font> <font color="#ffff00">news</font></p>'
        theme="light"
      />,
    );
    await settle(100);
    const dialog = container.firstElementChild as HTMLElement;
    // Each pass that writes does so in one task: one observer callback per pass.
    let passes = 0;
    const observer = new MutationObserver(() => {
      passes += 1;
    });
    observer.observe(dialog, { subtree: true, attributes: true, attributeFilter: ["style"] });
    dialog.setAttribute("data-theme", "dark");
    await settle(500);
    observer.disconnect();
    expect(passes).toBeLessThanOrEqual(4);
    const navy = container.querySelector("font") as Element;
    expect(contrastRatio(colorOf(navy), bgOf(dialog))).toBeGreaterThanOrEqual(4.5);
  });
});
