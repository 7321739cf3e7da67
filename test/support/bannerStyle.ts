/** What the theming tests render and read: one ordinary notice, and the computed background of its banner. */
import type { ServerNoticeItem } from "../../src";

/** An ordinary notice, built by hand for `NoticeBannerList`. */
export const plainNotice: ServerNoticeItem = {
  eventId: "$n",
  sender: "",
  ts: 0,
  source: "pinned",
  notice: { body: "Hello" },
};

/** The computed background colour of the first banner under `container`. */
export const bannerBg = (container: HTMLElement) =>
  getComputedStyle(container.querySelector('[data-part="banner"]') as HTMLElement).backgroundColor;
