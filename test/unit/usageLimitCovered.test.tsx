// A pinned usage-limit notice covers the usage-limit notice a sync or send error gives (one banner, not two); once the
// user dismissed the pinned one, the error's still tells them why nothing syncs.
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, type DismissStore, NoticeBanner, useServerNotices } from "../../src";
import { serverNoticeEvent, usageLimitNoticeEvent } from "../support/events";
import { mauLimitFailure } from "../support/limits";
import { noticesRoom } from "../support/scenarios";
import type { Failure } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";

/** The homeserver's pinned MAU notice (in the timeline, or `pinned`), on a started client. */
async function pinnedLimitWorld(
  pinned = usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org"),
  failure: Failure = mauLimitFailure,
) {
  const world = await startWorld(ME, noticesRoom(ME, { pinned: [pinned.event_id], timeline: [pinned] }));
  /** The homeserver refuses sync over the limit; resolves once the client heard it. */
  const refuseSync = async () => {
    world.script.pushSyncFailure(failure);
    await waitFor(() => expect(world.client.getSyncStateData()?.error).toBeDefined(), { timeout: 15_000 });
  };
  return { ...world, pinned, refuseSync };
}

const banner = (client: Parameters<typeof NoticeBanner>[0]["client"], dismissStore: DismissStore) =>
  render(<NoticeBanner client={client} dismissStore={dismissStore} />);

/** With the banner shown, sync refused over the limit leaves one banner: the pinned notice's. */
async function expectOnlyThePinnedBanner(
  client: Parameters<typeof NoticeBanner>[0]["client"],
  refuseSync: () => Promise<void>,
) {
  banner(client, createMemoryDismissStore());
  await refuseSync();
  expect(screen.getAllByRole("alert")).toHaveLength(1);
  expect(screen.getByRole("alert").dataset.source).toBe("pinned");
}

describe("a pinned usage-limit notice and a usage-limit sync error", () => {
  it("given the pinned notice dismissed earlier, when sync is refused over the limit, a usage-limit banner shows", async () => {
    const { client, pinned, refuseSync } = await pinnedLimitWorld();
    const dismissStore = createMemoryDismissStore();
    dismissStore.dismiss(pinned.event_id);
    banner(client, dismissStore);
    expect(screen.queryByRole("alert")).toBeNull();
    await refuseSync();
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/monthly active user limit/i));
    expect(screen.getByRole("alert").dataset.source).toBe("resource-limit-error");
  }, 30_000);

  it("given the pinned notice shown, sync refused over the limit still shows one banner: the pinned one", async () => {
    const { client, refuseSync } = await pinnedLimitWorld();
    await expectOnlyThePinnedBanner(client, refuseSync);
  }, 30_000);

  it("given both, when the user dismisses the pinned banner, the error's banner takes its place", async () => {
    const { client, refuseSync } = await pinnedLimitWorld();
    banner(client, createMemoryDismissStore());
    await refuseSync();
    await userEvent.click(screen.getByRole("button", { name: "Dismiss notice" }));
    expect(screen.getByRole("alert").dataset.source).toBe("resource-limit-error");
  }, 30_000);

  it("the hook gives the covered limit apart: notices hold the pinned one only", async () => {
    const { client, pinned, refuseSync } = await pinnedLimitWorld();
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.coveredUsageLimit).toBeNull();
    await act(refuseSync);
    await waitFor(() => expect(result.current.coveredUsageLimit?.source).toBe("resource-limit-error"));
    expect(result.current.notices.map((n) => n.eventId)).toEqual([pinned.event_id]);
  }, 30_000);
});

describe("a pinned usage-limit notice and a sync error, only one of them naming the limit type", () => {
  it("given a pinned MAU notice, sync refused over a limit without limit_type still shows one banner: the pinned one", async () => {
    const { data: _named, ...unnamed } = mauLimitFailure;
    const { client, refuseSync } = await pinnedLimitWorld(undefined, { ...unnamed, data: {} });
    await expectOnlyThePinnedBanner(client, refuseSync);
  }, 30_000);

  it("given a pinned usage-limit notice without limit_type, sync refused over the MAU limit still shows one banner", async () => {
    const pinned = serverNoticeEvent("You have reached a usage limit.", {
      serverNoticeType: "m.server_notice.usage_limit_reached",
    });
    const { client, refuseSync } = await pinnedLimitWorld(pinned);
    await expectOnlyThePinnedBanner(client, refuseSync);
  }, 30_000);

  it("given a pinned notice of another limit type, sync refused over the MAU limit shows both (a control)", async () => {
    const { client, refuseSync } = await pinnedLimitWorld(usageLimitNoticeEvent("hs_disabled", null));
    banner(client, createMemoryDismissStore());
    await refuseSync();
    await waitFor(() => expect(screen.getAllByRole("alert")).toHaveLength(2));
  }, 30_000);
});
