/**
 * An image the user's media preview setting hides is out of the page in a real browser (no stylesheet, the kit's or a
 * host's reset, can show it or its alt text), its link is named once, and the prompts pass axe wherever they sit.
 * The last test failed before stop 48: the button of an image in a link inside a summary went inside the summary.
 */
import "../../src/styles.css";
import { render, screen } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import { keepMxcMedia, sanitizeMatrixHtml, WelcomeBody } from "../../src";
import { axTree } from "../support/axTree";
import { welcomeOf } from "../support/welcomeMessage";

/** `html` as the kit sanitizes it, its mxc images kept for the resolver. */
const welcome = (html: string) => welcomeOf({ html: sanitizeMatrixHtml(html, { mediaUrl: keepMxcMedia }) });

/** The body with previews off, images resolved to their own URL. */
const hiddenBody = (html: string) =>
  render(
    <main>
      <WelcomeBody message={welcome(html)} resolveMedia={async (u) => u} mediaPreviews={false} />
    </main>,
  );

describe("a hidden image in Chromium", () => {
  it("given previews off, the image is neither painted nor in the accessibility tree; its button is", async () => {
    hiddenBody('<p>Hi <img src="mxc://example.org/logo" alt="Our logo"> there</p>');
    expect(await screen.findByRole("button", { name: /Show image/ })).toBeVisible();
    expect(document.querySelector("img")).toBeNull();
    const { nodes } = await axTree();
    expect(nodes.some((n) => !n.ignored && n.role?.value === "image")).toBe(false);
  });

  it("given an image in a link, the link is named by its alt text once", async () => {
    hiddenBody('<p><a href="https://example.org/"><img src="mxc://example.org/logo" alt="Home"></a></p>');
    await screen.findByRole("button", { name: /Show image/ });
    const { nodes } = await axTree();
    const links = nodes.filter((n) => !n.ignored && n.role?.value === "link").map((n) => n.name?.value);
    expect(links).toEqual(["Home (opens in a new tab)"]);
  });

  it("given images in a spoiler, a link, a table and a summary, axe finds nothing", async () => {
    const { container } = hiddenBody(
      '<p><span data-mx-spoiler="r">secret <img src="mxc://example.org/a" alt="A"></span></p>' +
        '<p><a href="https://example.org/"><img src="mxc://example.org/b"></a></p>' +
        '<table><tr><td><img src="mxc://example.org/c" alt="C"></td></tr></table>' +
        '<details><summary>S <img src="mxc://example.org/d" alt="D"></summary>x</details>',
    );
    await screen.findAllByRole("button", { name: /Show image/ });
    const results = await axe.run(container);
    expect(results.violations).toEqual([]);
  });

  it("given an image in a link inside a summary, its button comes after the summary, not inside it", async () => {
    hiddenBody(
      '<details><summary><a href="https://example.org/"><img src="mxc://example.org/d" alt="Map"></a></summary>x</details>',
    );
    const button = await screen.findByRole("button", { name: /Show image/, hidden: true });
    expect(button.closest("summary")).toBeNull();
    expect(button.previousElementSibling?.tagName).toBe("SUMMARY");
    expect(screen.getByRole("link")).toHaveTextContent("Map");
  });
});
