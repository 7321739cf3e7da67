import "../../src/styles.css";
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBannerList, type ServerNoticeItem } from "../../src";

const notice: ServerNoticeItem = {
  eventId: "$n",
  sender: "",
  ts: 0,
  source: "pinned",
  notice: { body: "Hello" },
};
const bannerBg = (container: HTMLElement) =>
  getComputedStyle(container.querySelector('[data-part="banner"]') as HTMLElement).backgroundColor;

describe("theming in a real browser", () => {
  it("a custom property set on an ancestor (or :root) themes the banner", () => {
    const { container } = render(
      <div style={{ "--mnk-info-bg": "rgb(1, 2, 3)" } as React.CSSProperties}>
        <NoticeBannerList notices={[notice]} dismissStore={createMemoryDismissStore()} />
      </div>,
    );
    expect(bannerBg(container)).toBe("rgb(1, 2, 3)");
  });

  it("data-theme on an ancestor switches the palette between light and dark", () => {
    const light = render(
      <div data-theme="light">
        <NoticeBannerList notices={[notice]} dismissStore={createMemoryDismissStore()} />
      </div>,
    );
    const dark = render(
      <div data-theme="dark">
        <NoticeBannerList notices={[notice]} dismissStore={createMemoryDismissStore()} />
      </div>,
    );
    expect(bannerBg(light.container)).toBe("rgb(238, 244, 252)");
    expect(bannerBg(dark.container)).toBe("rgb(20, 35, 58)");
  });

  it("in an RTL container the accent border is on the inline start (the right)", () => {
    const { container } = render(
      <div dir="rtl">
        <NoticeBannerList notices={[notice]} dismissStore={createMemoryDismissStore()} />
      </div>,
    );
    const banner = container.querySelector('[data-part="banner"]') as HTMLElement;
    expect(getComputedStyle(banner).borderRightWidth).toBe("4px");
    expect(getComputedStyle(banner).borderLeftWidth).toBe("1px");
  });
});
