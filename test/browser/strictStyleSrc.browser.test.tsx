/**
 * In Chromium: the welcome in a page whose CSP has `style-src 'self'` and a nonce, without 'unsafe-inline' (a strict
 * CSP: the app's own stylesheets are files; inline `style` attributes in markup are refused). Enforced for real in
 * this file's page by a CSP meta tag added after the kit's stylesheet is in (an app ships it as a file). Style set
 * through the CSSOM (`el.style.color = ...`, React's `style` prop) is not governed by style-src: the sender's colours
 * are painted that way, and the colour pass measures what is really painted.
 */
import "../../src/styles.css";
import { render } from "@testing-library/react";
import { setNonce } from "get-nonce";
import { afterEach, describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody } from "../../src";
import { contrastRatio } from "../support/contrast";
import { openWelcomeDialog } from "../support/welcomeDialog";
import { htmlWelcome } from "../support/welcomeMessage";

const meta = document.createElement("meta");
meta.httpEquiv = "Content-Security-Policy";
meta.content = "style-src 'self' 'nonce-k1t'";
document.head.prepend(meta);

afterEach(() => document.documentElement.removeAttribute("data-theme"));

const colorOf = (el: Element) => getComputedStyle(el).color;
const bgOf = (el: Element) => getComputedStyle(el).backgroundColor;
const DARK_SURFACE = "rgb(29, 34, 40)";
const LIGHT_SURFACE = "rgb(255, 255, 255)";

const onSurface = (html: string, theme: "dark" | "light") =>
  render(
    <div data-theme={theme} className="mnk-welcome-dialog">
      <WelcomeBody message={htmlWelcome(html)} labels={defaultWelcomeDialogLabels} />
    </div>,
  );

/** What shows behind an element: its own background if it paints one, else the surface. */
const behind = (el: Element, surface: string) => (bgOf(el) === "rgba(0, 0, 0, 0)" ? surface : bgOf(el));

describe("under a strict style-src (no 'unsafe-inline')", () => {
  it("the page really refuses inline style attributes from markup, and allows CSSOM writes", () => {
    const div = document.createElement("div");
    document.body.append(div);
    div.innerHTML = '<span style="color: #ff0000">x</span>';
    expect(colorOf(div.firstElementChild!)).not.toBe("rgb(255, 0, 0)");
    (div.firstElementChild as HTMLElement).style.color = "#ff0000";
    expect(colorOf(div.firstElementChild!)).toBe("rgb(255, 0, 0)");
    div.remove();
  });

  it("a sender's highlight on the dark dialog: its text stays readable on what is really behind it", () => {
    const { container } = onSurface(
      '<p>Please <span data-mx-bg-color="#ffff00">read the rules</span></p>',
      "dark",
    );
    const mark = container.querySelector("span[data-mx-bg-color]")!;
    expect(contrastRatio(colorOf(mark), behind(mark, DARK_SURFACE))).toBeGreaterThanOrEqual(4.5);
  });

  it("a sender's black highlight on the light dialog: its text stays readable on what is really behind it", () => {
    const { container } = onSurface(
      '<p>Please <span data-mx-bg-color="#000000">read the rules</span></p>',
      "light",
    );
    const mark = container.querySelector("span[data-mx-bg-color]")!;
    expect(contrastRatio(colorOf(mark), behind(mark, LIGHT_SURFACE))).toBeGreaterThanOrEqual(4.5);
  });

  it("a word on the sender's own white background inside navy text (dark dialog) stays readable", () => {
    const { container } = onSurface(
      '<p><font color="#000080">Read <span data-mx-bg-color="#ffffff">this</span></font></p>',
      "dark",
    );
    const pair = container.querySelector("span[data-mx-bg-color]")!;
    expect(contrastRatio(colorOf(pair), behind(pair, DARK_SURFACE))).toBeGreaterThanOrEqual(4.5);
  });

  it("a sender colour that already reads is shown (not silently replaced by the theme's text colour)", () => {
    const { container } = onSurface('<p><span data-mx-color="#c62828">red</span> text</p>', "light");
    expect(colorOf(container.querySelector("span[data-mx-color]")!)).toBe("rgb(198, 40, 40)");
  });

  it("given the page's nonce set as the README says, an open welcome dialog locks the page's scrolling behind it", async () => {
    setNonce("k1t");
    await openWelcomeDialog();
    expect(getComputedStyle(document.body).overflow).toBe("hidden");
  });
});
