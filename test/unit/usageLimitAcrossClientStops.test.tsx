/**
 * A usage limit across a client the app stops or has not started yet: a banner remounted meanwhile (a key or route
 * change: its old store stops before its new one starts) keeps showing the same limit, since nothing ended it; with
 * nothing mounted through a stop and a restart, a refusal after the restart is a new notice.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { ClientEvent, SyncState } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  NoticeBanner,
  reportResourceLimitError,
  useServerNotices,
} from "../../src";
import { mauLimitFailure } from "../support/limits";
import { noticesRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const limitError = {
  errcode: "M_RESOURCE_LIMIT_EXCEEDED",
  data: { errcode: "M_RESOURCE_LIMIT_EXCEEDED", error: "Limit", limit_type: "monthly_active_user" },
};

/** A started client with a notices room, and a mounted banner showing a usage limit sync ran into. */
async function limitShown() {
  const world = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
  const dismissStore = createMemoryDismissStore();
  const banner = render(<NoticeBanner key="a" client={world.client} dismissStore={dismissStore} />);
  world.script.pushSyncFailure(mauLimitFailure);
  const alert = await screen.findByRole("alert", {}, { timeout: 15_000 });
  return { ...world, banner, dismissStore, firstId: alert.getAttribute("data-notice-id") };
}

describe("a usage limit and a banner remounted while its client is not running", () => {
  it("given a client not started yet and a limit the app reported, a banner remount keeps showing the limit", () => {
    const client = new SyncScript({ userId: ME }).createClient();
    const dismissStore = createMemoryDismissStore();
    const { rerender } = render(<NoticeBanner key="a" client={client} dismissStore={dismissStore} />);
    act(() => reportResourceLimitError(client, limitError));
    const id = screen.getByRole("alert").getAttribute("data-notice-id");
    rerender(<NoticeBanner key="b" client={client} dismissStore={dismissStore} />);
    expect(screen.getByRole("alert").getAttribute("data-notice-id")).toBe(id);
  });

  it("given a dismissed sync limit, the client stopped and the banner remounted meanwhile, the restarted client's refusal is still the dismissed limit", async () => {
    const { client, script, banner, dismissStore, firstId } = await limitShown();
    await act(async () => screen.getByRole("button", { name: "Dismiss notice" }).click());
    expect(screen.queryByRole("alert")).toBeNull();
    client.stopClient();
    banner.rerender(<NoticeBanner key="b" client={client} dismissStore={dismissStore} />);
    // Restarted while the limit lasts: its first /sync is refused again (no good sync in between).
    script.pushSyncFailure(mauLimitFailure);
    const refused = new Promise<void>((resolve) =>
      client.on(ClientEvent.Sync, (_s, _p, data) => {
        if ((data?.error as { errcode?: string } | undefined)?.errcode === "M_RESOURCE_LIMIT_EXCEEDED")
          resolve();
      }),
    );
    await act(() => client.startClient({ initialSyncLimit: 50 }));
    await act(() => refused);
    await act(async () => {});
    // Still the dismissed occurrence: not shown again.
    expect(screen.queryByRole("alert")).toBeNull();
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.notices.map((n) => n.eventId)).toEqual([firstId]);
  }, 40_000);
});

describe("a usage limit with nothing mounted through a stop and a restart", () => {
  it("given a dismissed limit and the client stopped with nothing mounted, when it starts again and sync is refused again, the limit shows as a new notice", async () => {
    const { client, script, banner, dismissStore, firstId } = await limitShown();
    await act(async () => screen.getByRole("button", { name: "Dismiss notice" }).click());
    banner.unmount();
    client.stopClient();
    await script.start(client, {});
    script.pushSyncFailure(mauLimitFailure);
    await waitFor(() => expect(client.getSyncState()).not.toBe(SyncState.Syncing), { timeout: 15_000 });
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.notices).toHaveLength(1));
    expect(result.current.notices[0]!.eventId).not.toBe(firstId);
    expect(dismissStore.isDismissed(result.current.notices[0]!.eventId)).toBe(false);
  }, 40_000);
});
