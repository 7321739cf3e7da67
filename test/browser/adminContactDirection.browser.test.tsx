/**
 * An administrator contact the banner cannot link is shown as text, isolated from the sentence before it and laid out
 * in the direction of its own words: a URI left to right also in a right-to-left page, an administrator's Arabic
 * instruction right to left. One that carries a bidi override, which would show a phone number's digits reversed,
 * is not shown at all.
 */
import "../../src/styles.css";
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  NoticeBannerList,
  parseServerNotice,
  type ServerNoticeItem,
} from "../../src";
import { usageLimitItem } from "../support/noticeItems";
import { rectOf } from "../support/textRects";

/** The banner of a usage-limit notice naming `admin_contact`, in a page of direction `dir`; its contact text. */
function contactOf(admin_contact: string, dir: "ltr" | "rtl" = "ltr"): HTMLElement | null {
  const notice = parseServerNotice({
    msgtype: "m.server_notice",
    body: "",
    server_notice_type: "m.server_notice.usage_limit_reached",
    limit_type: "monthly_active_user",
    admin_contact,
  })!;
  const item: ServerNoticeItem = { ...usageLimitItem, notice };
  const { container } = render(
    <div dir={dir}>
      <NoticeBannerList notices={[item]} dismissStore={createMemoryDismissStore()} />
    </div>,
  );
  return container.querySelector<HTMLElement>('[data-part="contact-text"]');
}

describe("the direction of an administrator contact shown as text", () => {
  it("given a matrix: URI in a right-to-left page, it reads left to right, its parts in order", () => {
    const contact = contactOf("matrix:u/admin:example.org", "rtl")!;
    expect(contact.matches(":dir(ltr)")).toBe(true);
    expect(rectOf(contact, "matrix").left).toBeLessThan(rectOf(contact, "example").left);
  });

  it("given a phone number in a right-to-left page, its digits read in order", () => {
    const contact = contactOf("tel:+15557654321", "rtl")!;
    expect(rectOf(contact, "76").left).toBeLessThan(rectOf(contact, "21").left);
  });

  it("given an administrator's Arabic instruction, it reads right to left", () => {
    expect(contactOf("راسلوا قسم الدعم.")!.matches(":dir(rtl)")).toBe(true);
  });

  it("given a phone number with a right-to-left override inside, it is not shown (its digits would show reversed)", () => {
    expect(contactOf("tel:+1555\u202e7654321")).toBeNull();
  });
});
