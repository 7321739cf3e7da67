/**
 * A server notice reads in the direction a welcome with the same words does: an Arabic or Hebrew notice opening with a
 * product name, an email or a Matrix ID is right to left (not laid out by its first letter).
 */
import "../../src/styles.css";
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBannerList, WelcomeBody } from "../../src";
import { noticeItem } from "../support/noticeItems";

const notice = (body: string) => noticeItem("$n", body);

const CASES = [
  // An Arabic notice that opens with the homeserver's product name (the welcome's "iPhone" case).
  "Synapse سيتم تحديث الخادم الليلة عند الساعة العاشرة وقد تنقطع الخدمة لمدة ساعة.",
  // An Arabic notice that opens with the administrators' address (not made into a link).
  "admin@example.org هو عنوان الدعم الجديد، يرجى مراسلتنا عليه.",
  // A Hebrew notice that opens with a Matrix ID.
  "@support:example.org יענה על שאלות בנושא השדרוג של השרת.",
];

describe("a notice's direction, as a welcome's of the same text", () => {
  for (const text of CASES) {
    it(`given "${text.slice(0, 24)}…", the banner's body is right to left`, () => {
      const { container } = render(
        <div>
          <NoticeBannerList notices={[notice(text)]} dismissStore={createMemoryDismissStore()} />
          <WelcomeBody
            message={{ eventId: "$w", eventType: "m.room.welcome", sender: "@a:x", ts: 0, text }}
          />
        </div>,
      );
      const welcome = container.querySelector<HTMLElement>(".mnk-welcome-text")!;
      const body = container.querySelector<HTMLElement>('.mnk-notice-banner [data-part="body"]')!;
      expect(welcome.matches(":dir(rtl)")).toBe(true);
      expect(body.matches(":dir(rtl)")).toBe(true);
    });
  }

  it("given an English notice opening with an Arabic name, the banner's body is left to right", () => {
    const { container } = render(
      <NoticeBannerList
        notices={[notice("محمد will answer questions about the server upgrade tonight.")]}
        dismissStore={createMemoryDismissStore()}
      />,
    );
    expect(container.querySelector('.mnk-notice-banner [data-part="body"]')!.matches(":dir(ltr)")).toBe(true);
  });
});
