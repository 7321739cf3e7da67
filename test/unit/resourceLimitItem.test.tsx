/**
 * resourceLimitItem and a NoticeBannerItem without labels: what a login or registration page (no syncing client yet)
 * renders for a homeserver's `M_RESOURCE_LIMIT_EXCEEDED`, as the banner shows it once a client syncs.
 */
import { render, renderHook, screen, waitFor, within } from "@testing-library/react";
import { MatrixError } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { defaultNoticeBannerLabels, NoticeBannerItem, resourceLimitItem, useServerNotices } from "../../src";
import { type Failure, SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";

const hsDisabled: Failure = {
  status: 403,
  errcode: "M_RESOURCE_LIMIT_EXCEEDED",
  error: "Down for migration until Monday 09:00 UTC.",
  data: { limit_type: "hs_disabled", admin_contact: "mailto:ops@example.org" },
};

async function loginRefusedWith(failure: Failure): Promise<unknown> {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  script.fail({ path: "/login" }, failure);
  return client
    .loginRequest({
      type: "m.login.password",
      identifier: { type: "m.id.user", user: "alice" },
      password: "x",
    })
    .catch((e: unknown) => e);
}

describe("given a login refused with M_RESOURCE_LIMIT_EXCEEDED", () => {
  it("when the page renders <NoticeBannerItem item={resourceLimitItem(error)} /> without labels, then it shows the banner's headline, the admin's words and the contact link", async () => {
    const error = await loginRefusedWith(hsDisabled);
    const item = resourceLimitItem(error);
    expect(item).not.toBeNull();
    render(<NoticeBannerItem item={item!} />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent(defaultNoticeBannerLabels.hsDisabled);
    expect(alert).toHaveTextContent("Down for migration until Monday 09:00 UTC.");
    expect(within(alert).getByRole("link", { name: /Contact your server administrator/ })).toHaveAttribute(
      "href",
      "mailto:ops@example.org",
    );
    expect(alert).toHaveAttribute("data-source", "resource-limit-error");
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("then the item has the store's synthetic id and shape, and the same error gives the same item", async () => {
    const before = Date.now();
    const error = await loginRefusedWith(hsDisabled);
    const item = resourceLimitItem(error)!;
    expect(item).toMatchObject({ sender: "", source: "resource-limit-error" });
    expect(item.eventId).toBe(`resource-limit:hs_disabled:${item.ts}`);
    expect(item.ts).toBeGreaterThanOrEqual(before);
    expect(item).not.toHaveProperty("event");
    expect(resourceLimitItem(error)).toBe(item);
  });

  it("when limit_type is not a string, then the item's id says unknown and the generic headline shows", async () => {
    const error = await loginRefusedWith({ ...hsDisabled, data: { limit_type: ["hs_disabled"] } });
    const item = resourceLimitItem(error)!;
    expect(item.eventId).toMatch(/^resource-limit:unknown:\d+$/);
    render(<NoticeBannerItem item={item} />);
    expect(screen.getByRole("alert")).toHaveTextContent(defaultNoticeBannerLabels.resourceLimit);
    // No safe contact: the sentence without a link.
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.getByRole("alert")).toHaveTextContent(defaultNoticeBannerLabels.contactAdminNoLink);
  });
});

describe("given errors that are no resource limit", () => {
  it("then resourceLimitItem gives null, without throwing on hostile values", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("hostile");
        },
      },
    );
    for (const error of [
      new MatrixError({ errcode: "M_FORBIDDEN" }, 403),
      "M_RESOURCE_LIMIT_EXCEEDED",
      null,
      7,
      hostile,
    ])
      expect(resourceLimitItem(error)).toBeNull();
  });
});

describe("given a client whose first /sync is refused for a monthly-active-user limit", () => {
  it("then useServerNotices' error-derived notice and resourceLimitItem of the same error agree (one code builds both)", async () => {
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    script.pushSyncFailure({
      status: 403,
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      error: "Monthly Active User Limit Exceeded",
      data: { limit_type: "monthly_active_user", admin_contact: "mailto:ops@example.org" },
    });
    await client.startClient({ initialSyncLimit: 1 });
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.notices).toHaveLength(1));
    const fromStore = result.current.notices[0]!;
    const fromError = resourceLimitItem(client.getSyncStateData()?.error)!;
    expect(fromError.notice).toEqual(fromStore.notice);
    expect({ ...fromError, eventId: "", ts: 0 }).toEqual({ ...fromStore, eventId: "", ts: 0 });
    expect(fromStore.eventId).toBe(`resource-limit:monthly_active_user:${fromStore.ts}`);
  });
});

describe("NoticeBannerItem labels", () => {
  it("given full labels, then they are used as before", async () => {
    const item = resourceLimitItem(await loginRefusedWith(hsDisabled))!;
    render(
      <NoticeBannerItem
        item={item}
        labels={{ ...defaultNoticeBannerLabels, hsDisabled: "Serveur bloqué." }}
      />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Serveur bloqué.");
  });

  it("given a partial set (a catalogue missing keys, or an entry undefined or of the wrong type), then English fills what it does not say", async () => {
    const item = resourceLimitItem(await loginRefusedWith(hsDisabled))!;
    const partial = { contactAdmin: "Contactez l'administrateur", hsDisabled: undefined, dismiss: 42 };
    render(<NoticeBannerItem item={item} labels={partial as never} onDismiss={() => {}} />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent(defaultNoticeBannerLabels.hsDisabled);
    expect(within(alert).getByRole("link", { name: /^Contactez l'administrateur/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: defaultNoticeBannerLabels.dismiss })).toBeTruthy();
  });
});
