/**
 * A host app's CSS reset: Tailwind v4's preflight (its compiled output, test/fixtures/host-css, in its `base` layer)
 * and Bootstrap's reboot (imported into a layer, as README says to) take from the whole page what browsers show a
 * message's blocks with. The welcome's links, lists, paragraphs and headings still read as sent, with the kit's
 * stylesheet as README says to load it: unlayered, or in a layer above the reset so that the app's utility classes
 * win over the kit. Each case also runs without a reset (the href-less link and the emote failed there too).
 */
import { render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBannerList } from "../../src";
import kitCss from "../../src/styles.css?raw";
import bootstrapReboot from "../fixtures/host-css/bootstrap-reboot.css?raw";
import tailwindPreflight from "../fixtures/host-css/tailwind4-preflight.css?raw";
import { noticeItem } from "../support/noticeItems";
import { openWelcomeDialog } from "../support/welcomeDialog";

/** Two of Tailwind v4's utilities, as it compiles them (in its `utilities` layer). */
const UTILITIES = "@layer utilities { .gap-8 { gap: calc(var(--spacing) * 8); } }";

const added: Element[] = [];
const urls: string[] = [];
afterEach(() => {
  for (const el of added.splice(0)) el.remove();
  for (const url of urls.splice(0)) URL.revokeObjectURL(url);
});
/** The page's stylesheets, in order: the host's (index.css, imported first as in Vite's template), then the kit's. */
async function page(host: string, kit: "unlayered" | "layer(components)") {
  const url = URL.createObjectURL(new Blob([kitCss], { type: "text/css" }));
  urls.push(url);
  for (const css of [host, kit === "unlayered" ? kitCss : `@import url("${url}") layer(components);`]) {
    const style = document.createElement("style");
    style.textContent = css;
    document.head.append(style);
    added.push(style);
  }
  // An @import loads asynchronously.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
}

const HTML =
  '<h2>House rules</h2><p>Read <a href="https://example.org/coc">the code of conduct</a> before posting.</p>' +
  "<p>Steps to get verified:</p><ol><li>Set a display name</li><li>Say hello<ul><li>in #lobby</li></ul></li></ol>" +
  "<ul><li>Be kind</li></ul>";
const cs = (el: Element | null) => getComputedStyle(el as Element);
const px = (value: string) => Number.parseFloat(value);

for (const [name, host] of [
  ["no reset", ""],
  ["Tailwind v4's preflight", `${tailwindPreflight}\n${UTILITIES}`],
  // An unlayered reset imported into a layer, as README says (`@import "…/bootstrap-reboot.css" layer(reset)`).
  ["Bootstrap's reboot in a layer", `@layer reset {\n${bootstrapReboot}\n}`],
] as const)
  for (const kit of ["unlayered", "layer(components)"] as const)
    describe(`${name}, the kit's stylesheet ${kit}`, () => {
      it("given a welcome with a link, the link is underlined", async () => {
        await page(host, kit);
        const dialog = await openWelcomeDialog({ text: "House rules", html: HTML });
        expect(cs(dialog.querySelector(".mnk-welcome-html a")).textDecorationLine).toBe("underline");
      });

      it("given a welcome with lists, the numbered and bulleted lists keep their markers and their indent", async () => {
        await page(host, kit);
        const dialog = await openWelcomeDialog({ text: "House rules", html: HTML });
        const [ol, nested, ul] = [...dialog.querySelectorAll(".mnk-welcome-html :is(ol, ul)")];
        expect([ol, nested, ul].map((list) => cs(list!).listStyleType)).toEqual([
          "decimal",
          "circle",
          "disc",
        ]);
        expect(px(cs(ol!).paddingInlineStart)).toBeGreaterThanOrEqual(24);
      });

      it("given a welcome with a heading and paragraphs, the paragraphs stay apart and the heading stands out", async () => {
        await page(host, kit);
        const dialog = await openWelcomeDialog({ text: "House rules", html: HTML });
        const [first, second] = [...dialog.querySelectorAll(".mnk-welcome-html p")];
        const heading = dialog.querySelector(".mnk-welcome-html h2")!;
        expect(second!.getBoundingClientRect().top - first!.getBoundingClientRect().bottom).toBeGreaterThan(
          8,
        );
        expect(px(cs(heading).fontSize)).toBeGreaterThan(px(cs(first!).fontSize) * 1.2);
        expect(Number(cs(heading).fontWeight)).toBeGreaterThanOrEqual(600);
      });

      it("given a welcome with inline code, the code keeps the text's colour on the kit's code background", async () => {
        await page(host, kit);
        const dialog = await openWelcomeDialog({
          text: "Say hi",
          html: "<p>Type <code>/join #lobby</code> to start.</p>",
        });
        const code = dialog.querySelector(".mnk-welcome-html code")!;
        expect(cs(code).color).toBe(cs(code.parentElement!).color);
      });

      it("the dialog's Got it keeps its fill and its title stays bold", async () => {
        await page(host, kit);
        const dialog = await openWelcomeDialog({ text: "House rules", html: HTML });
        expect(cs(dialog.querySelector('[data-part="confirm"]')).backgroundColor).toBe("rgb(4, 103, 221)");
        expect(Number(cs(dialog.querySelector('[data-part="title"]')).fontWeight)).toBeGreaterThanOrEqual(
          600,
        );
      });

      it("given a link whose URL the sanitizer dropped, it reads as text: not underlined, in the text's colour", async () => {
        await page(host, kit);
        const dialog = await openWelcomeDialog({
          text: "Click here",
          html: '<p>Click <a href="javascript:alert(1)">here</a> now.</p>',
        });
        const a = dialog.querySelector(".mnk-welcome-html a")!;
        expect(a.hasAttribute("href")).toBe(false);
        expect(cs(a).textDecorationLine).toBe("none");
        expect(cs(a).color).toBe(cs(a.parentElement!).color);
      });

      it("given an emote sized by its height alone, it shows at that height", async () => {
        await page(host, kit);
        const big = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128"/>')}`;
        const dialog = await openWelcomeDialog({
          text: "Hi :wave:",
          html: `<p>Hi <img data-mx-emoticon height="32" src="mxc://example.org/wave" alt=":wave:"> all</p>`,
          resolveMedia: async () => big,
        });
        const img = dialog.querySelector<HTMLImageElement>(".mnk-welcome-html img")!;
        await expect.poll(() => img.complete && img.naturalHeight).toBe(128);
        expect(img.getBoundingClientRect().height).toBe(32);
        expect(cs(img).display).toBe("inline");
      });

      if (host.includes("utilities") && kit === "layer(components)")
        it("a utility class the app gives the banner list wins over the kit's spacing", async () => {
          await page(host, kit);
          const { container } = render(
            <NoticeBannerList
              className="gap-8"
              notices={[noticeItem("$a", "First"), noticeItem("$b", "Second")]}
              dismissStore={createMemoryDismissStore()}
            />,
          );
          const [a, b] = [...container.querySelectorAll('[data-part="banner"]')].map((el) =>
            el.getBoundingClientRect(),
          );
          expect(b!.top - a!.bottom).toBe(32);
        });
    });
