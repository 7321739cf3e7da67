/**
 * Images past the cap of those shown unasked, in a real browser: each one's place stays in sight until the one
 * "Show N more images" button shows them, its alt text in a quiet dashed box, and an image without alt text an empty
 * box rather than nothing, and in a link its text underlined as the link's; forced colours keep the box's edge; axe
 * finds nothing.
 */
import "../../src/styles.css";
import { render, screen } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it } from "vitest";
import { commands } from "vitest/browser";
import "../support/browserCommands";
import { keepMxcMedia, sanitizeMatrixHtml, WelcomeBody } from "../../src";
import { welcomeOf } from "../support/welcomeMessage";

afterEach(async () => {
  await commands.emulateMedia({ colorScheme: null, forcedColors: null });
});

/** 50 different images (the cap), then one without alt text and one with. */
const html =
  `<p>${Array.from({ length: 50 }, (_, i) => `<img src="mxc://example.org/m${i}" alt="picture ${i}">`).join("")}</p>` +
  '<p>Before <img src="mxc://example.org/bare"> after, and <img src="mxc://example.org/last" alt="The last one">.</p>';

/** A link whose only content is an image, past the cap after `html`'s. */
const linkedImage =
  '<p><a href="https://example.org/rules"><img src="mxc://example.org/rules" alt="Our rules"></a></p>';

/** The body of `html` and then `more`, inside an app's element of class `className`. */
const cappedBody = (more = "", className?: string) =>
  render(
    <main className={className}>
      <WelcomeBody
        message={welcomeOf({ html: sanitizeMatrixHtml(html + more, { mediaUrl: keepMxcMedia }) })}
        resolveMedia={async (u) => u}
      />
    </main>,
  );

describe("images past the cap in Chromium", () => {
  it("given an image past the cap without alt text, its place shows as an empty box in the line", async () => {
    cappedBody();
    await screen.findByRole("button", { name: /Show 2 more images/ });
    const [bare] = document.querySelectorAll<HTMLElement>('[data-part="capped-image"]');
    expect(bare!.textContent).toBe("");
    const box = bare!.getBoundingClientRect();
    expect(box.width).toBeGreaterThan(8);
    expect(box.height).toBeGreaterThan(8);
    expect(getComputedStyle(bare!).borderTopStyle).toBe("dashed");
  });

  it("given an image past the cap with alt text, the text shows in a dashed box of the line", async () => {
    cappedBody();
    await screen.findByRole("button", { name: /Show 2 more images/ });
    const last = document.querySelectorAll<HTMLElement>('[data-part="capped-image"]')[1]!;
    expect(last).toHaveTextContent("The last one");
    expect(last).toBeVisible();
    expect(getComputedStyle(last).borderTopStyle).toBe("dashed");
    // In the line: the text around the two boxes stays on one line with them (the paragraph is one line high).
    const box = last.getBoundingClientRect();
    expect(last.parentElement!.getBoundingClientRect().height).toBeLessThan(2 * box.height);
  });

  it("given an image past the cap in a link, its alt text is underlined as the link's text is", async () => {
    cappedBody(linkedImage);
    await screen.findByRole("button", { name: /Show 3 more images/ });
    const inLink = screen.getByText("Our rules");
    expect(inLink.closest("a")).not.toBeNull();
    expect(getComputedStyle(inLink).textDecorationLine).toBe("underline");
  });

  it("given an app that styles its links without an underline, a capped image's alt text in a link follows it", async () => {
    const style = document.createElement("style");
    style.textContent = ".app-links a { text-decoration: none; }";
    document.head.append(style);
    try {
      cappedBody(linkedImage, "app-links");
      await screen.findByRole("button", { name: /Show 3 more images/ });
      expect(getComputedStyle(screen.getByText("Our rules")).textDecorationLine).toBe("none");
    } finally {
      style.remove();
    }
  });

  it("given forced colours, a capped image's box keeps its dashed edge in the text's colour", async () => {
    cappedBody();
    await screen.findByRole("button", { name: /Show 2 more images/ });
    await commands.emulateMedia({ forcedColors: "active" });
    const [bare, last] = document.querySelectorAll<HTMLElement>('[data-part="capped-image"]');
    for (const box of [bare!, last!]) {
      const style = getComputedStyle(box);
      expect(style.borderTopStyle).toBe("dashed");
      expect(style.borderTopWidth).toBe("1px");
      // Forced colours paint the edge a system colour: the text's, never the page's background.
      expect(style.borderTopColor).toBe(style.color);
      expect(style.borderTopColor).not.toBe(getComputedStyle(document.body).backgroundColor);
    }
    expect(last).toHaveTextContent("The last one");
  });

  it("given capped images, axe finds nothing", async () => {
    const { container } = cappedBody();
    await screen.findByRole("button", { name: /Show 2 more images/ });
    const results = await axe.run(container);
    expect(results.violations).toEqual([]);
  });
});
