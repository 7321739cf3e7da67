import "../../src/styles.css";
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBannerList } from "../../src";
import { bannerBg, plainNotice } from "../support/bannerStyle";

describe("theming in a real browser", () => {
  it("a custom property set on an ancestor (or :root) themes the banner", () => {
    const { container } = render(
      <div style={{ "--mnk-info-bg": "rgb(1, 2, 3)" } as React.CSSProperties}>
        <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />
      </div>,
    );
    expect(bannerBg(container)).toBe("rgb(1, 2, 3)");
  });

  it("data-theme on an ancestor switches the palette between light and dark", () => {
    const light = render(
      <div data-theme="light">
        <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />
      </div>,
    );
    const dark = render(
      <div data-theme="dark">
        <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />
      </div>,
    );
    expect(bannerBg(light.container)).toBe("rgb(238, 244, 252)");
    expect(bannerBg(dark.container)).toBe("rgb(20, 35, 58)");
  });

  it("in an RTL container the accent border is on the inline start (the right)", () => {
    const { container } = render(
      <div dir="rtl">
        <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />
      </div>,
    );
    const banner = container.querySelector('[data-part="banner"]') as HTMLElement;
    expect(getComputedStyle(banner).borderRightWidth).toBe("4px");
    expect(getComputedStyle(banner).borderLeftWidth).toBe("1px");
  });

  it("a dark panel inside a light page (and a light one inside a dark page) takes the nearest theme", () => {
    const darkInLight = render(
      <div data-theme="light">
        <div className="dark">
          <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />
        </div>
      </div>,
    );
    const lightInDark = render(
      <div className="dark">
        <div data-theme="light">
          <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />
        </div>
      </div>,
    );
    // Before: both light (the later of two equally specific rules won, not the nearer ancestor).
    expect(bannerBg(darkInLight.container)).toBe("rgb(20, 35, 58)");
    expect(bannerBg(lightInDark.container)).toBe("rgb(238, 244, 252)");
    // Three levels: a dark preview in a light card in a dark app.
    const deep = render(
      <div className="dark">
        <div data-theme="light">
          <div data-theme="dark">
            <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />
          </div>
        </div>
      </div>,
    );
    expect(bannerBg(deep.container)).toBe("rgb(20, 35, 58)");
  });

  it("an app with its own dark-mode toggle says so with --mnk-color-scheme", () => {
    const { container } = render(
      <div style={{ "--mnk-color-scheme": "dark" } as React.CSSProperties}>
        <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />
      </div>,
    );
    expect(bannerBg(container)).toBe("rgb(20, 35, 58)");
  });

  it("the welcome dialog is centred whatever its direction and the page's (an English room in an Arabic app)", () => {
    for (const [page, dialog] of [
      ["rtl", "ltr"],
      ["ltr", "rtl"],
      ["rtl", "rtl"],
      ["ltr", "ltr"],
    ] as const) {
      const { container, unmount } = render(
        <div dir={page}>
          <div className="mnk-welcome-dialog" dir={dialog}>
            Welcome
          </div>
        </div>,
      );
      const box = (container.querySelector(".mnk-welcome-dialog") as HTMLElement).getBoundingClientRect();
      // Before: an LTR dialog in an RTL page sat half off-screen (its left edge at the viewport's centre).
      expect(box.left, `${dialog} dialog in ${page} page`).toBeGreaterThanOrEqual(0);
      expect(box.right, `${dialog} dialog in ${page} page`).toBeLessThanOrEqual(window.innerWidth);
      expect(Math.abs(box.left + box.width / 2 - window.innerWidth / 2)).toBeLessThan(2);
      unmount();
    }
  });
});
