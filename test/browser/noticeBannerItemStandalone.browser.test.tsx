/**
 * A `<NoticeBannerItem>` an app shows in its own live region (README: "put yours in one"), with styles.css and no
 * NoticeBannerList around it: it looks as in the list and takes the app's --mnk-* properties and theme (it had no
 * styles at all: every banner rule was under the list's class).
 */
import "../../src/styles.css";
import { render } from "@testing-library/react";
import type { CSSProperties } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { commands } from "vitest/browser";
import "../support/browserCommands";
import { createMemoryDismissStore, NoticeBannerItem, NoticeBannerList } from "../../src";
import { bannerBg, plainNotice } from "../support/bannerStyle";
import { usageLimitItem } from "../support/noticeItems";

afterEach(async () => {
  await commands.emulateMedia({ colorScheme: null, forcedColors: null });
});

/** What the banner's look is made of, for the banner and its parts under `container`. */
const look = (container: HTMLElement) => {
  const style = (part: string) =>
    getComputedStyle(container.querySelector(`[data-part="${part}"]`) as HTMLElement);
  const banner = style("banner");
  return {
    display: banner.display,
    background: banner.backgroundColor,
    color: banner.color,
    border: [banner.borderTopWidth, banner.borderLeftWidth, banner.borderTopColor, banner.borderLeftColor],
    padding: [banner.paddingTop, banner.paddingLeft],
    radius: banner.borderTopLeftRadius,
    font: [banner.fontFamily, banner.lineHeight],
    icon: style("icon").color,
    title: style("title").fontWeight,
    body: [style("body").whiteSpace, style("body").overflowY],
    dismiss: [style("dismiss").inlineSize, style("dismiss").borderTopLeftRadius],
  };
};

describe("a NoticeBannerItem shown alone, with styles.css", () => {
  it("given an ordinary notice in the app's own live region, when it renders, then it looks as in NoticeBannerList", () => {
    const alone = render(
      <div aria-live="polite">
        <NoticeBannerItem item={plainNotice} onDismiss={() => {}} />
      </div>,
    );
    const inList = render(
      <NoticeBannerList notices={[plainNotice]} dismissStore={createMemoryDismissStore()} />,
    );
    expect(look(alone.container)).toEqual(look(inList.container));
    expect(look(alone.container).display).toBe("flex");
  });

  it("given a usage limit, when it renders alone, then it has the critical look of the list's", () => {
    const alone = render(<NoticeBannerItem item={usageLimitItem} onDismiss={() => {}} />);
    const inList = render(
      <NoticeBannerList notices={[usageLimitItem]} dismissStore={createMemoryDismissStore()} />,
    );
    expect(look(alone.container)).toEqual(look(inList.container));
  });

  it("given --mnk-info-bg on an ancestor, when it renders alone, then its background takes it", () => {
    const { container } = render(
      <div aria-live="polite" style={{ "--mnk-info-bg": "rgb(1, 2, 3)" } as CSSProperties}>
        <NoticeBannerItem item={plainNotice} />
      </div>,
    );
    expect(bannerBg(container)).toBe("rgb(1, 2, 3)");
  });

  it("given a dark theme or --mnk-color-scheme: dark on an ancestor, when it renders alone, then it is dark", () => {
    const themed = render(
      <div data-theme="dark">
        <NoticeBannerItem item={plainNotice} />
      </div>,
    );
    const switched = render(
      <div style={{ "--mnk-color-scheme": "dark" } as CSSProperties}>
        <NoticeBannerItem item={plainNotice} />
      </div>,
    );
    expect(bannerBg(themed.container)).toBe("rgb(20, 35, 58)");
    expect(bannerBg(switched.container)).toBe("rgb(20, 35, 58)");
  });

  it("given a dark OS, when it renders alone, then it is dark", async () => {
    await commands.emulateMedia({ colorScheme: "dark" });
    const { container } = render(<NoticeBannerItem item={plainNotice} />);
    expect(bannerBg(container)).toBe("rgb(20, 35, 58)");
  });

  it("given forced colours, when it renders alone, then its dismiss button keeps an edge and its icon the text's colour", async () => {
    const { container } = render(<NoticeBannerItem item={usageLimitItem} onDismiss={() => {}} />);
    const part = (name: string) => container.querySelector(`[data-part="${name}"]`) as Element;
    await commands.emulateMedia({ forcedColors: "active" });
    expect(getComputedStyle(part("dismiss")).borderTopStyle).toBe("solid");
    expect(getComputedStyle(part("dismiss")).borderTopWidth).toBe("1px");
    expect(getComputedStyle(part("icon")).color).toBe(getComputedStyle(part("title")).color);
  });

  it("given a right-to-left page, when it renders alone, then its accent border is on the inline start (the right)", () => {
    const { container } = render(
      <div dir="rtl">
        <NoticeBannerItem item={plainNotice} />
      </div>,
    );
    const banner = container.querySelector('[data-part="banner"]') as HTMLElement;
    expect(getComputedStyle(banner).borderRightWidth).toBe("4px");
    expect(getComputedStyle(banner).borderLeftWidth).toBe("1px");
  });
});

describe("a NoticeBannerItem inside NoticeBannerList, with styles.css", () => {
  it("given --mnk-color-scheme: dark on the list itself (not an ancestor), when it renders, then its banner keeps the list's palette", () => {
    // The list answers only an ancestor's --mnk-color-scheme (README); its banners are not roots of their own there.
    const { container } = render(
      <NoticeBannerList
        notices={[plainNotice]}
        dismissStore={createMemoryDismissStore()}
        style={{ "--mnk-color-scheme": "dark" } as CSSProperties}
      />,
    );
    expect(bannerBg(container)).toBe("rgb(238, 244, 252)");
  });
});
