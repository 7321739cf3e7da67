/**
 * The spec's `admin_contact` is "A URI giving a contact method for the server administrator". The banner links only
 * `mailto:`, `https:` and `http:`; any other contact a user can act on (a `matrix:` or `tel:` URI, a bare email an
 * administrator typed) is shown as text after the sentence, never as a link, and never a script URI.
 */
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, parseServerNotice } from "../../src";
import { usageLimitNoticeEvent } from "../support/events";
import { noticesRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";

/** A banner on a real client whose notices room pins a usage-limit notice with `contact`; returns its alert. */
async function alertWithContact(contact: string | null): Promise<HTMLElement> {
  const notice = usageLimitNoticeEvent("monthly_active_user", contact);
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }));
  render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
  return screen.getByRole("alert");
}

describe("an administrator contact the banner cannot link", () => {
  it.each(["matrix:u/admin:example.org", "tel:+15551234567", "xmpp:admin@example.org", "admin@example.org"])(
    "given a pinned usage-limit notice whose admin_contact is %s, the user reads the contact after the sentence, unlinked",
    async (contact) => {
      const alert = await alertWithContact(contact);
      expect(alert).toHaveTextContent(`Please contact your server administrator. ${contact}`);
      expect(within(alert).queryByRole("link")).toBeNull();
      const text = alert.querySelector('[data-part="contact-text"]');
      expect(text).toHaveTextContent(contact);
      // Isolated from the sentence, in the direction of its own words (a URI's are left to right).
      expect(text).toHaveAttribute("dir", "auto");
    },
  );

  it("given a mailto: contact, it is the link as before and no text is added", async () => {
    const alert = await alertWithContact("mailto:admin@example.org");
    expect(within(alert).getByRole("link", { name: /Contact your server administrator/ })).toHaveAttribute(
      "href",
      "mailto:admin@example.org",
    );
    expect(alert.querySelector('[data-part="contact-text"]')).toBeNull();
  });

  it.each([
    ["a javascript: URI", "javascript:alert(document.cookie)"],
    ["a data: URI", "data:text/html,<script>alert(1)</script>"],
    ["a URI with a control character", "matrix:u/admin\n:example.org"],
    ["an over-long string", `matrix:u/${"a".repeat(300)}:example.org`],
    ["only invisible characters", "\u200b\u2060"],
    ["a javascript: URI behind a zero-width space", "\u200bjavascript:alert(document.cookie)"],
    ["a phone number with a right-to-left override (shown reversed)", "tel:+1555\u202e7654321"],
    ["a contact with a bidi isolate", "tel:+1555\u20661234567"],
  ])("given %s, only the sentence shows", async (_name, contact) => {
    const alert = await alertWithContact(contact);
    expect(alert.querySelector('[data-part="contact"]')?.textContent).toBe(
      "Please contact your server administrator.",
    );
    expect(alert.querySelector('[data-part="contact-text"]')).toBeNull();
  });

  it("given no admin_contact (Synapse's default null), only the sentence shows", async () => {
    const alert = await alertWithContact(null);
    expect(alert.querySelector('[data-part="contact"]')?.textContent).toBe(
      "Please contact your server administrator.",
    );
  });

  it("parses a contact with spaces around it trimmed, and a safe link never also as text", () => {
    expect(
      parseServerNotice({ msgtype: "m.server_notice", body: "b", admin_contact: "  tel:+15551234567 " }),
    ).toEqual({ body: "b", adminContactText: "tel:+15551234567" });
    expect(
      parseServerNotice({ msgtype: "m.server_notice", body: "b", admin_contact: "https://example.org/help" }),
    ).toEqual({ body: "b", adminContact: "https://example.org/help" });
  });

  it("given a sync refused with M_RESOURCE_LIMIT_EXCEEDED naming a matrix: contact, the banner built from the error shows it as text", async () => {
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(client, noticesRoom(ME, { pinned: [] }));
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    script.pushSyncFailure({
      status: 403,
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      error: "Monthly Active User Limit Exceeded",
      data: { limit_type: "monthly_active_user", admin_contact: "matrix:u/admin:example.org" },
    });
    const alert = await screen.findByRole("alert");
    expect(alert.querySelector('[data-part="contact-text"]')).toHaveTextContent("matrix:u/admin:example.org");
  });
});
