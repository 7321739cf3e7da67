/** The sender's text colours in a welcome stay readable on the dialog's background, in light and dark themes. */
import "../../src/styles.css";
import { act, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody } from "../../src";
import kitCss from "../../src/styles.css?inline";
import { contrastRatio } from "../support/contrast";
import { openWelcomeDialog } from "../support/welcomeDialog";
import { htmlWelcome } from "../support/welcomeMessage";

const message = htmlWelcome;

const colorOf = (el: Element) => getComputedStyle(el).color;
const surfaceOf = (el: Element) => getComputedStyle(el.closest(".mnk-welcome-dialog") ?? el).backgroundColor;

const WELCOME =
  '<p><font color="#000080">Rules</font> and <span data-mx-color="#ffff00">news</span> and ' +
  '<span data-mx-color="#ffff00" data-mx-bg-color="#ffffff">a pair</span> and <font color="#c62828">red</font></p>';

const added: HTMLElement[] = [];
/** A stylesheet of the app's, removed after the test. */
function addCss(css: string): HTMLStyleElement {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  added.push(style);
  return style;
}

afterEach(() => {
  for (const el of added.splice(0)) el.remove();
  for (const name of ["data-theme", "data-bs-theme", "style"]) document.documentElement.removeAttribute(name);
});

const bgOf = (el: Element) => getComputedStyle(el).backgroundColor;
const DARK_SURFACE = "rgb(29, 34, 40)";
const NAVY = '<p><font color="#000080">Rules</font></p>';
/** A WelcomeBody on the kit's dialog surface, in the page's theme unless one is given. */
const onSurface = (html: string, theme?: "dark" | "light") =>
  render(
    <div data-theme={theme} className="mnk-welcome-dialog">
      <WelcomeBody message={message(html)} labels={defaultWelcomeDialogLabels} />
    </div>,
  );
const settle = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts the colour writes of the pass: each sets the marker on an element it changes. */
function countWrites(): () => number {
  let writes = 0;
  const count = (records: MutationRecord[]) => {
    for (const r of records) if (r.oldValue === null) writes += 1;
  };
  const observer = new MutationObserver(count);
  observer.observe(document, {
    subtree: true,
    attributes: true,
    attributeOldValue: true,
    attributeFilter: ["data-mnk-readable-color"],
  });
  return () => {
    count(observer.takeRecords());
    observer.disconnect();
    return writes;
  };
}

describe("the sender's text colours in a welcome", () => {
  it("given a dark dialog, navy text is lightened to 4.5:1 and keeps its blue; a pair the sender coloured stays", async () => {
    document.documentElement.setAttribute("data-theme", "dark");
    const dialog = await openWelcomeDialog({ text: "Rules and news", html: WELCOME });
    const navy = dialog.querySelector("font")!;
    expect(surfaceOf(navy)).toBe("rgb(29, 34, 40)");
    expect(contrastRatio(colorOf(navy), surfaceOf(navy))).toBeGreaterThanOrEqual(4.5);
    // Just far enough, not to white; still blue.
    expect(contrastRatio(colorOf(navy), surfaceOf(navy))).toBeLessThan(5);
    const [r, g, b] = (colorOf(navy).match(/\d+/g) ?? []).map(Number);
    expect(b!).toBeGreaterThan(r! + 60);
    expect(b!).toBeGreaterThan(g! + 30);
    // Yellow already reads on dark: as sent. So does the sender's own yellow-on-white pair.
    const [yellow, pair] = dialog.querySelectorAll("span[data-mx-color]");
    expect(colorOf(yellow!)).toBe("rgb(255, 255, 0)");
    expect(colorOf(pair!)).toBe("rgb(255, 255, 0)");
    expect(getComputedStyle(pair!).backgroundColor).toBe("rgb(255, 255, 255)");
  });

  it("given a light dialog, navy stays as sent and yellow is darkened to 4.5:1", async () => {
    document.documentElement.setAttribute("data-theme", "light");
    const dialog = await openWelcomeDialog({ text: "Rules and news", html: WELCOME });
    const navy = dialog.querySelector("font")!;
    const yellow = dialog.querySelector("span[data-mx-color]")!;
    expect(colorOf(navy)).toBe("rgb(0, 0, 128)");
    expect(contrastRatio(colorOf(yellow), surfaceOf(yellow))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(colorOf(yellow), surfaceOf(yellow))).toBeLessThan(5);
    // The red that already reads is untouched.
    expect(colorOf(dialog.querySelectorAll("font")[1]!)).toBe("rgb(198, 40, 40)");
  });

  it("when the app switches its theme on <html> while the welcome shows, the colours follow", async () => {
    document.documentElement.setAttribute("data-theme", "light");
    const dialog = await openWelcomeDialog({ text: "Rules and news", html: WELCOME });
    const navy = dialog.querySelector("font")!;
    const yellow = dialog.querySelector("span[data-mx-color]")!;
    expect(colorOf(navy)).toBe("rgb(0, 0, 128)");
    act(() => document.documentElement.setAttribute("data-theme", "dark"));
    await expect.poll(() => contrastRatio(colorOf(navy), surfaceOf(navy))).toBeGreaterThanOrEqual(4.5);
    // Back to the sender's yellow, which reads on dark.
    expect(colorOf(yellow)).toBe("rgb(255, 255, 0)");
    act(() => document.documentElement.setAttribute("data-theme", "light"));
    await expect.poll(() => colorOf(navy)).toBe("rgb(0, 0, 128)");
    expect(contrastRatio(colorOf(yellow), surfaceOf(yellow))).toBeGreaterThanOrEqual(4.5);
  });

  it('with authorColors="as-sent", the colours are the sender\'s, and switching to it puts them back', async () => {
    const html = '<p><font color="#000080">Rules</font></p>';
    const { container, rerender } = render(
      <div data-theme="dark" className="mnk-welcome-dialog">
        <WelcomeBody message={message(html)} labels={defaultWelcomeDialogLabels} />
      </div>,
    );
    const navy = container.querySelector("font")!;
    expect(colorOf(navy)).not.toBe("rgb(0, 0, 128)");
    rerender(
      <div data-theme="dark" className="mnk-welcome-dialog">
        <WelcomeBody message={message(html)} labels={defaultWelcomeDialogLabels} authorColors="as-sent" />
      </div>,
    );
    expect(colorOf(navy)).toBe("rgb(0, 0, 128)");
    expect(navy.getAttribute("style")).toBeNull();
  });

  it("given an app theme whose surface is an oklch() colour (as Tailwind 4's are), navy is lightened against it", () => {
    const html = '<p><font color="#000080">Rules</font></p>';
    const { container } = render(
      <div
        className="mnk-welcome-dialog"
        style={{ "--mnk-surface": "oklch(0.21 0.034 264.665)" } as React.CSSProperties}
      >
        <WelcomeBody message={message(html)} labels={defaultWelcomeDialogLabels} />
      </div>,
    );
    const navy = container.querySelector("font")!;
    expect(getComputedStyle(container.firstElementChild!).backgroundColor).toMatch(/^oklch/);
    // oklch(0.21 0.034 264.665) is about rgb(16, 24, 40).
    expect(contrastRatio(colorOf(navy), "rgb(16, 24, 40)")).toBeGreaterThanOrEqual(4.4);
  });

  it("given coloured text in a spoiler, it is measured on the cover, and again on the page once revealed", () => {
    const html = '<p><span data-mx-spoiler=""><font color="#eeeeee">secret</font></span></p>';
    const { container } = render(
      <div data-theme="light" className="mnk-welcome-dialog">
        <WelcomeBody message={message(html)} labels={defaultWelcomeDialogLabels} />
      </div>,
    );
    const text = container.querySelector("font")!;
    // Light grey on the grey cover (#5b6270) reads: as sent.
    expect(colorOf(text)).toBe("rgb(238, 238, 238)");
    act(() => (container.querySelector("span[data-mx-spoiler]") as HTMLElement).click());
    expect(contrastRatio(colorOf(text), "rgb(255, 255, 255)")).toBeGreaterThanOrEqual(4.5);
  });

  it("a colour on a translucent app background is measured against what shows through", () => {
    const html = '<p><span data-mx-color="#202020">Rules</span></p>';
    const { container } = render(
      <div style={{ background: "rgb(0, 0, 0)" }}>
        <div style={{ background: "rgb(255 255 255 / 0.1)" }}>
          <WelcomeBody message={message(html)} labels={defaultWelcomeDialogLabels} />
        </div>
      </div>,
    );
    const span = container.querySelector("span[data-mx-color]")!;
    // Behind it: white at 10% over black, not the white page.
    expect(contrastRatio(colorOf(span), "rgb(25.5, 25.5, 25.5)")).toBeGreaterThanOrEqual(4.5);
  });

  it("given navy text around inline code on the dark dialog, the code's text reads on the code's own background", () => {
    const { container } = onSurface(
      '<p><font color="#000080">type <code>/rules</code> now</font></p>',
      "dark",
    );
    const code = container.querySelector("code")!;
    const navy = container.querySelector("font")!;
    expect(bgOf(code)).not.toBe(DARK_SURFACE);
    expect(contrastRatio(colorOf(code), bgOf(code))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(colorOf(navy), DARK_SURFACE)).toBeGreaterThanOrEqual(4.5);
  });

  it("given a word on the sender's own white background inside navy text, that word stays navy on white", () => {
    const { container } = onSurface(
      '<p><font color="#000080">Read <span data-mx-bg-color="#ffffff">this</span></font></p>',
      "dark",
    );
    const pair = container.querySelector("span[data-mx-bg-color]")!;
    expect(colorOf(pair)).toBe("rgb(0, 0, 128)");
    expect(bgOf(pair)).toBe("rgb(255, 255, 255)");
    expect(contrastRatio(colorOf(container.querySelector("font")!), DARK_SURFACE)).toBeGreaterThanOrEqual(
      4.5,
    );
  });

  it("when another library's theme attribute switches (Bootstrap's data-bs-theme), the colours follow", async () => {
    addCss('html[data-bs-theme="dark"] { --mnk-surface: #1d2228; }');
    const { container } = onSurface(NAVY);
    const navy = container.querySelector("font")!;
    expect(colorOf(navy)).toBe("rgb(0, 0, 128)");
    act(() => document.documentElement.setAttribute("data-bs-theme", "dark"));
    await expect.poll(() => contrastRatio(colorOf(navy), DARK_SURFACE)).toBeGreaterThanOrEqual(4.5);
    expect(bgOf(container.firstElementChild!)).toBe(DARK_SURFACE);
  });

  it("when the app adds its dark stylesheet, the colours follow", async () => {
    const { container } = onSurface(NAVY);
    const navy = container.querySelector("font")!;
    expect(colorOf(navy)).toBe("rgb(0, 0, 128)");
    addCss(":root { --mnk-surface: #1d2228; }");
    await expect.poll(() => contrastRatio(colorOf(navy), DARK_SURFACE)).toBeGreaterThanOrEqual(4.5);
  });

  it("given a surface whose background transitions, the colours are measured again once it ends", async () => {
    addCss(".mnk-welcome-dialog { transition: background-color 200ms linear; }");
    document.documentElement.setAttribute("data-theme", "light");
    const { container } = onSurface(NAVY);
    const navy = container.querySelector("font")!;
    act(() => document.documentElement.setAttribute("data-theme", "dark"));
    await settle(400);
    expect(bgOf(container.firstElementChild!)).toBe(DARK_SURFACE);
    expect(contrastRatio(colorOf(navy), DARK_SURFACE)).toBeGreaterThanOrEqual(4.5);
  });

  it("given the welcome in a shadow root, a theme switch on <html> reaches its colours", async () => {
    document.documentElement.setAttribute("data-theme", "light");
    const host = document.createElement("div");
    document.body.append(host);
    const shadow = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = kitCss;
    const mount = document.createElement("div");
    mount.className = "mnk-welcome-dialog";
    shadow.append(style, mount);
    const { unmount } = render(<WelcomeBody message={message(NAVY)} labels={defaultWelcomeDialogLabels} />, {
      container: mount,
    });
    try {
      const navy = mount.querySelector("font")!;
      expect(colorOf(navy)).toBe("rgb(0, 0, 128)");
      act(() => document.documentElement.setAttribute("data-theme", "dark"));
      await expect.poll(() => contrastRatio(colorOf(navy), DARK_SURFACE)).toBeGreaterThanOrEqual(4.5);
    } finally {
      unmount();
      host.remove();
    }
  });

  it("over a background image it cannot measure, or no background at all, a colour stays as sent", () => {
    const { container } = render(
      <div>
        <div style={{ backgroundImage: "linear-gradient(#000, #000)" }}>
          <WelcomeBody message={message(NAVY)} labels={defaultWelcomeDialogLabels} />
        </div>
        <WelcomeBody
          message={message('<p><font color="#ffff00">News</font></p>')}
          labels={defaultWelcomeDialogLabels}
        />
      </div>,
    );
    const [navy, yellow] = container.querySelectorAll("font");
    expect(colorOf(navy!)).toBe("rgb(0, 0, 128)");
    expect(colorOf(yellow!)).toBe("rgb(255, 255, 0)");
  });

  it("opening the dialog writes the colours once, and unrelated style writes on <html> write nothing", async () => {
    document.documentElement.setAttribute("data-theme", "dark");
    const writes = countWrites();
    const dialog = await openWelcomeDialog({ text: "Rules", html: NAVY });
    await settle(200);
    expect(dialog.querySelector("font")!.hasAttribute("data-mnk-readable-color")).toBe(true);
    expect(writes()).toBe(1);
    const later = countWrites();
    for (let i = 0; i < 30; i++) {
      document.documentElement.style.setProperty("--scroll-y", `${i}px`);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    expect(later()).toBe(0);
  });

  it("given a welcome in more distinct colours than it searches in one pass (a long /rainbow), the rest stay as sent", () => {
    // 300 distinct near-blacks (#000000 to #00012b), all unreadable on the dark surface.
    const html = `<p>${Array.from({ length: 300 }, (_, i) => `<font color="#${i.toString(16).padStart(6, "0")}">x</font>`).join("")}</p>`;
    const { container } = onSurface(html, "dark");
    expect(container.querySelectorAll("font")).toHaveLength(300);
    expect(container.querySelectorAll("[data-mnk-readable-color]")).toHaveLength(256);
  });
});
