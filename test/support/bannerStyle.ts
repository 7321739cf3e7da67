/** What the theming tests render and read: one ordinary notice, and the computed background of its banner. */
import { noticeItem } from "./noticeItems";

/** An ordinary notice, built by hand for `NoticeBannerList`. */
export const plainNotice = noticeItem("$n", "Hello");

/** The computed background colour of the first banner under `container`. */
export const bannerBg = (container: HTMLElement) =>
  getComputedStyle(container.querySelector('[data-part="banner"]') as HTMLElement).backgroundColor;
