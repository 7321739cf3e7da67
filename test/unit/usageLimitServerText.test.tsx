/**
 * A usage-limit banner shows the server's own words under its headline where they say something the headline does
 * not: the administrator's message for `hs_disabled` (Synapse's `hs_disabled_message`), any text for a limit type the
 * kit has no words for, a homeserver's own words for a monthly-active-user limit. Not Synapse's fixed "Monthly Active
 * User Limit Exceeded", which only repeats the headline in English.
 */
import { render, screen, waitFor, within } from "@testing-library/react";
import { MatrixError } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, NoticeBannerList, type ServerNoticeItem } from "../../src";
import { noticeFromResourceLimitError } from "../../src/notices/resourceLimit";
import { noticesRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";

const usageLimit = (limitType: string, body: string): ServerNoticeItem => ({
  eventId: `$${limitType}`,
  sender: "@notices:example.org",
  ts: 0,
  source: "pinned",
  notice: { body, serverNoticeType: "m.server_notice.usage_limit_reached", limitType },
});

const renderList = (items: ServerNoticeItem[]) =>
  render(<NoticeBannerList notices={items} dismissStore={createMemoryDismissStore()} />);

/** Mounts a banner on a synced client, has the next sync refused with M_RESOURCE_LIMIT_EXCEEDED, returns the alert. */
async function alertAfterRefusedSync(error: string, data: Record<string, unknown>): Promise<HTMLElement> {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, noticesRoom(ME, { pinned: [] }));
  render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
  script.pushSyncFailure({ status: 403, errcode: "M_RESOURCE_LIMIT_EXCEEDED", error, data });
  return screen.findByRole("alert");
}

describe("the server's own text on a usage-limit banner", () => {
  it("given the administrator disabled the homeserver with a message, the alert shows the headline and their message, its address a link", () => {
    renderList([
      usageLimit("hs_disabled", "Down for maintenance until 18:00 UTC, see https://status.example.org"),
    ]);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("This homeserver has been blocked by its administrator.");
    expect(alert).toHaveTextContent("Down for maintenance until 18:00 UTC");
    expect(within(alert).getByRole("link", { name: /^https:\/\/status\.example\.org/ })).toHaveAttribute(
      "href",
      "https://status.example.org",
    );
  });

  it("given a limit type the kit has no words for, the server's text explains it", () => {
    renderList([usageLimit("storage_quota", "Your uploads have used the 10 GB storage quota.")]);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("This homeserver has exceeded one of its resource limits.");
    expect(alert).toHaveTextContent("Your uploads have used the 10 GB storage quota.");
  });

  it("given a monthly-active-user limit, Synapse's English text is not repeated under the headline", () => {
    renderList([usageLimit("monthly_active_user", "Monthly Active User Limit Exceeded")]);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("This homeserver has hit its monthly active user limit.");
    expect(alert).not.toHaveTextContent("Limit Exceeded");
  });

  it("given Synapse's fixed text with other case, spacing or a full stop, it is still not repeated", () => {
    renderList([
      usageLimit("monthly_active_user", "  monthly active user limit exceeded.\n"),
      { ...usageLimit("monthly_active_user", "MONTHLY ACTIVE USER LIMIT EXCEEDED!"), eventId: "$shout" },
    ]);
    for (const alert of screen.getAllByRole("alert")) {
      expect(alert.querySelector('[data-part="body"]')).toBeNull();
    }
  });

  it("given a monthly-active-user limit with the homeserver's own words, they show under the headline", () => {
    renderList([
      usageLimit(
        "monthly_active_user",
        "We are at capacity this month. New sign-ins reopen on the 1st, see https://status.example.org",
      ),
    ]);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("This homeserver has hit its monthly active user limit.");
    expect(alert).toHaveTextContent("We are at capacity this month.");
    expect(within(alert).getByRole("link", { name: /^https:\/\/status\.example\.org/ })).toHaveAttribute(
      "href",
      "https://status.example.org",
    );
  });

  it("given a sync refused for monthly active users with Synapse's text, the alert shows the headline alone", async () => {
    const alert = await alertAfterRefusedSync("Monthly Active User Limit Exceeded", {
      limit_type: "monthly_active_user",
      admin_contact: "mailto:admin@example.org",
    });
    expect(alert).toHaveTextContent("This homeserver has hit its monthly active user limit.");
    expect(alert).not.toHaveTextContent("Limit Exceeded");
  });

  it("given a blank server text, nothing is added", () => {
    renderList([usageLimit("hs_disabled", " \u200b ")]);
    expect(screen.getByRole("alert").querySelector('[data-part="body"]')).toBeNull();
  });

  it("given a sync refused with M_RESOURCE_LIMIT_EXCEEDED (hs_disabled) and a message, the banner shows that message", async () => {
    const alert = await alertAfterRefusedSync("Back at 18:00 UTC.", { limit_type: "hs_disabled" });
    await waitFor(() => expect(alert).toHaveTextContent("Back at 18:00 UTC."));
  });

  it("given an error without the server's words, the notice carries no text of the SDK's own (no 'MatrixError: [403] ...')", () => {
    const error = new MatrixError({ errcode: "M_RESOURCE_LIMIT_EXCEEDED", limit_type: "hs_disabled" }, 403);
    expect(error.message).toMatch(/MatrixError/);
    expect(noticeFromResourceLimitError(error)).toEqual({
      body: "",
      serverNoticeType: "m.server_notice.usage_limit_reached",
      limitType: "hs_disabled",
    });
  });
});
