/**
 * What a banner shows, for apps that show it their own way (a count on a bell, their own banners):
 * `useVisibleServerNotices` lists exactly the notices `<NoticeBanner>` with the same dismiss store shows.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  type DismissStore,
  NoticeBanner,
  useVisibleServerNotices,
  visibleServerNotices,
} from "../../src";
import { pinnedEventsEvent, serverNoticeEvent, usageLimitNoticeEvent } from "../support/events";
import { mauLimitFailure } from "../support/limits";
import { NOTICES_USER, noticesRoom, noticesTimeline } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";

/** A notices room pinning `notices`, on a started client. */
const pinningWorld = (...notices: ReturnType<typeof serverNoticeEvent>[]) =>
  startWorld(ME, noticesRoom(ME, { pinned: notices.map((n) => n.event_id), timeline: notices }));

const ids = (items: readonly { eventId: string }[]) => items.map((n) => n.eventId);

/** A dismiss store whose `isDismissed` throws. */
const brokenDismissStore = (): DismissStore => ({
  ...createMemoryDismissStore(),
  isDismissed: () => {
    throw new Error("storage broke");
  },
});

/** Runs `body` with `reportError` recorded; resolves to what was reported. */
async function reportedDuring(body: () => Promise<void>): Promise<unknown[]> {
  const reported: unknown[] = [];
  const original = globalThis.reportError;
  globalThis.reportError = (error) => reported.push(error);
  try {
    await body();
  } finally {
    globalThis.reportError = original;
  }
  return reported;
}

describe("the notices a banner shows, as a hook", () => {
  it("given two pinned notices, when the user dismisses one in the banner, the hook lists the other only", async () => {
    const first = serverNoticeEvent("Maintenance at 10");
    const second = serverNoticeEvent("New terms of service");
    const { client } = await pinningWorld(first, second);
    const dismissStore = createMemoryDismissStore();
    const { result } = renderHook(() => useVisibleServerNotices(client, dismissStore));
    render(<NoticeBanner client={client} dismissStore={dismissStore} />);
    await waitFor(() => expect(ids(result.current)).toEqual([first.event_id, second.event_id]));
    await userEvent.click(screen.getAllByRole("button", { name: "Dismiss notice" })[0]!);
    expect(ids(result.current)).toEqual([second.event_id]);
    expect(document.querySelectorAll("[data-part=banner]")).toHaveLength(1);
  });

  it("given a pinned notice, when it is unpinned, the hook lists nothing", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await pinningWorld(notice);
    const { result } = renderHook(() => useVisibleServerNotices(client, createMemoryDismissStore()));
    await waitFor(() => expect(result.current).toHaveLength(1));
    await act(() => script.push(noticesTimeline(pinnedEventsEvent([], { sender: NOTICES_USER }))));
    await waitFor(() => expect(result.current).toHaveLength(0));
  });

  it("given a pinned notice with a blank body, the hook does not count it, as the banner shows none", async () => {
    const blank = serverNoticeEvent("  \u200b ");
    const real = serverNoticeEvent("Maintenance at 10");
    const { client } = await pinningWorld(blank, real);
    const { result } = renderHook(() => useVisibleServerNotices(client, createMemoryDismissStore()));
    await waitFor(() => expect(ids(result.current)).toEqual([real.event_id]));
  });

  it("given the pinned usage-limit notice dismissed, when sync is refused over the limit, the hook lists the error's notice", async () => {
    const pinned = usageLimitNoticeEvent("monthly_active_user");
    const { client, script } = await pinningWorld(pinned);
    const dismissStore = createMemoryDismissStore([pinned.event_id]);
    const { result } = renderHook(() => useVisibleServerNotices(client, dismissStore));
    expect(result.current).toHaveLength(0);
    script.pushSyncFailure(mauLimitFailure);
    await waitFor(() => expect(result.current.map((n) => n.source)).toEqual(["resource-limit-error"]), {
      timeout: 15_000,
    });
  }, 30_000);

  it("keeps the same array across renders while nothing changes", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client } = await pinningWorld(notice);
    const dismissStore = createMemoryDismissStore();
    const { result, rerender } = renderHook(() => useVisibleServerNotices(client, dismissStore));
    await waitFor(() => expect(result.current).toHaveLength(1));
    const before = result.current;
    rerender();
    expect(result.current).toBe(before);
  });

  it("given a dismiss store that throws, the hook reports it and lists every notice", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client } = await pinningWorld(notice);
    const reported = await reportedDuring(async () => {
      const { result } = renderHook(() => useVisibleServerNotices(client, brokenDismissStore()));
      await waitFor(() => expect(ids(result.current)).toEqual([notice.event_id]));
    });
    expect(reported).toContainEqual(expect.objectContaining({ message: "storage broke" }));
  });
});

describe("a dismiss store that throws, in the banner", () => {
  it("given isDismissed throws, the banner still shows the notice and the error is reported", async () => {
    const { client } = await pinningWorld(serverNoticeEvent("Maintenance at 10"));
    const reported = await reportedDuring(async () => {
      render(<NoticeBanner client={client} dismissStore={brokenDismissStore()} />);
      await waitFor(() => expect(screen.getByText("Maintenance at 10")).toBeTruthy());
    });
    expect(reported).toContainEqual(expect.objectContaining({ message: "storage broke" }));
  });
});

describe("a dismiss store whose subscribe or getVersion throws", () => {
  for (const [name, broken] of [
    [
      "getVersion",
      {
        getVersion: () => {
          throw new Error("storage broke");
        },
      },
    ],
    [
      "subscribe",
      {
        subscribe: () => {
          throw new Error("storage broke");
        },
      },
    ],
  ] as const)
    it(`given ${name} throws, the hook and the banner still list and show the notice, and it is reported`, async () => {
      const { client } = await pinningWorld(serverNoticeEvent("Maintenance at 10"));
      const store: DismissStore = { ...createMemoryDismissStore(), ...broken };
      const reported = await reportedDuring(async () => {
        const { result } = renderHook(() => useVisibleServerNotices(client, store));
        render(<NoticeBanner client={client} dismissStore={store} />);
        await waitFor(() => expect(result.current).toHaveLength(1));
        await waitFor(() => expect(screen.getByText("Maintenance at 10")).toBeTruthy());
      });
      expect(reported).toContainEqual(expect.objectContaining({ message: "storage broke" }));
    });
});

describe("visibleServerNotices", () => {
  it("lists nothing for no notices", () => {
    expect(visibleServerNotices([], null, createMemoryDismissStore())).toEqual([]);
  });
});
