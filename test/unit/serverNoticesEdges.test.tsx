/**
 * Server notices at their edges, through the real SDK: redactions the SDK cannot apply (to fetched pinned events,
 * during a fetch or while nothing was mounted), edits of pinned notices, usage limits reported by both sync and a
 * send, auto-join after the invite is gone, and two dismiss stores sharing one storage key.
 */
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import type { IEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createStorageDismissStore, useServerNotices, useServerNoticesRoom } from "../../src";
import {
  memberEvent,
  nameEvent,
  redactionEvent,
  serverNoticeEvent,
  textMessageEvent,
} from "../support/events";
import {
  NOTICES_ROOM,
  NOTICES_USER,
  noticeEditAt,
  noticesGap,
  noticesRoom,
  noticesTimeline,
  withBundledEdit,
} from "../support/scenarios";
import type { SyncBatch, SyncScript } from "../support/syncScript";
import {
  noticeBodies as bodies,
  dropSyncOnce,
  noticeEdit as editOf,
  holdNoticeFetch,
  showFetchedNotice,
  startPinningWorld,
  startWorld,
} from "../support/world";

const ME = "@alice:example.org";
const LIMIT = {
  status: 403,
  errcode: "M_RESOURCE_LIMIT_EXCEEDED",
  error: "MAU",
  data: { limit_type: "monthly_active_user" },
} as const;

const world = (initial: SyncBatch = {}) => startWorld(ME, initial);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const showFetched = (notice: ReturnType<typeof serverNoticeEvent>) => showFetchedNotice(ME, notice);
/** A sync with a gap in the notices room (a later message, `limited`). */
const gappySync = (script: SyncScript) => script.push(noticesGap());
/** A fetched notice shown, then nothing mounted while a gappy sync comes. */
async function fetchedThenGap(notice: ReturnType<typeof serverNoticeEvent>) {
  const world = await showFetchedNotice(ME, notice);
  cleanup();
  await gappySync(world.script);
  return world;
}

/** An in-memory Web Storage whose reads or writes can be made to throw. */
function fakeStorage(initial: [string, string][] = []) {
  const data = new Map<string, string>(initial);
  const fail = { reads: false, writes: false };
  const storage = {
    getItem: (k: string) => {
      if (fail.reads) throw new DOMException("denied", "SecurityError");
      return data.get(k) ?? null;
    },
    setItem: (k: string, v: string) => {
      if (fail.writes) throw new DOMException("quota", "QuotaExceededError");
      data.set(k, v);
    },
  };
  return { data, fail, storage };
}

describe("redactions the SDK cannot apply", () => {
  it("given a pinned notice is being fetched, when it is redacted before the fetch returns, it never shows", async () => {
    const notice = serverNoticeEvent("Secret");
    const { client, script } = await startPinningWorld(ME, notice);
    const release = holdNoticeFetch(script, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    await act(() => script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER }))));
    await act(async () => {
      release();
      await sleep(20);
    });
    expect(bodies(result)).toEqual([]);
  });

  it("given a fetched notice was redacted while no banner was mounted, it stays hidden on remount", async () => {
    const notice = serverNoticeEvent("Old");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    const first = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(first.result)).toEqual(["Old"]));
    first.unmount();
    await script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER })));
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual([]);
    expect(script.requestsTo(/\/event\//)).toHaveLength(1); // no refetch was needed to know
  });
});

describe("a gappy sync while a banner is mounted (what came in the gap was never synced)", () => {
  /** The notice as the homeserver answers from now on: redacted. */
  const servedRedacted = (script: SyncScript, notice: ReturnType<typeof serverNoticeEvent>) =>
    script.serveEvent(NOTICES_ROOM, {
      ...notice,
      content: {},
      unsigned: { redacted_because: redactionEvent(notice.event_id, { sender: NOTICES_USER }) as IEvent },
    });

  it("given a fetched notice redacted in the gap, it is gone after the gappy sync", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { script, result } = await showFetched(notice);
    servedRedacted(script, notice);
    await act(() => gappySync(script));
    await waitFor(() => expect(bodies(result)).toEqual([]));
    expect(script.requestsTo(/\/event\//)).toHaveLength(2);
  });

  it("given a notice in the timeline redacted in the gap, it is gone after the gappy sync", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
    servedRedacted(script, notice);
    await act(() => gappySync(script));
    await waitFor(() => expect(bodies(result)).toEqual([]));
  });

  it("given a fetched notice edited in the gap, the edit shows after the gappy sync", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { script, result } = await showFetched(notice);
    script.serveEvent(
      NOTICES_ROOM,
      withBundledEdit(
        { ...notice, room_id: NOTICES_ROOM },
        {
          ...noticeEditAt(notice.event_id, "Maintenance at 11", 2_000),
          room_id: NOTICES_ROOM,
        },
      ),
    );
    await act(() => gappySync(script));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"]));
  });

  it("given nothing changed in the gap, the notice shows throughout, and is checked with one fetch", async () => {
    const notice = serverNoticeEvent("Still current");
    const { script, result } = await showFetched(notice);
    await act(() => gappySync(script));
    expect(bodies(result)).toEqual(["Still current"]);
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    await act(() => sleep(50));
    expect(bodies(result)).toEqual(["Still current"]);
  });
});

describe("a fetched notice and a gappy sync while no banner was mounted", () => {
  it("given a fetched notice was redacted while no banner was mounted and a gappy sync followed, it is fetched again on remount and stays hidden", async () => {
    const notice = serverNoticeEvent("Redacted while away");
    const { client, script } = await showFetchedNotice(ME, notice);
    cleanup();
    const redaction = redactionEvent(notice.event_id, { sender: NOTICES_USER });
    await script.push(noticesTimeline(redaction));
    // What the homeserver answers from now on: the redacted event.
    script.serveEvent(NOTICES_ROOM, {
      ...notice,
      content: {},
      unsigned: { redacted_because: redaction as IEvent },
    });
    await gappySync(script);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(bodies(result)).toEqual([]);
  });

  it("given a fetched notice and a gappy sync while no banner was mounted, remounting shows it again after one new fetch", async () => {
    const notice = serverNoticeEvent("Still current");
    const { client, script } = await fetchedThenGap(notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Still current"]));
    expect(script.requestsTo(/\/event\//)).toHaveLength(2);
  });

  it("given the check after the gap fails (offline), the notice still shows as it was, the failure is reported, and the retry confirms it", async () => {
    const notice = serverNoticeEvent("Still current");
    const { client, script } = await fetchedThenGap(notice);
    script.fail({ method: "GET", path: /\/event\// }, "network");
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Still current"]);
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    await waitFor(() => expect(result.current.error).not.toBeNull());
    expect(bodies(result)).toEqual(["Still current"]);
    expect(result.current.failedEventIds).toEqual([notice.event_id]);
    expect(result.current.loading).toBe(false);
    // The retry (after the first backoff step, 1 s) gets the answer.
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(3), { timeout: 15_000 });
    await waitFor(() => expect(result.current.error).toBeNull());
    expect(result.current.failedEventIds).toEqual([]);
    expect(bodies(result)).toEqual(["Still current"]);
  });

  it("given the checks after the gap keep failing until the retries run out, the notice still shows and the failure stays reported", async () => {
    const notice = serverNoticeEvent("Checked again");
    const { client, script } = await fetchedThenGap(notice);
    script.fail({ path: /\/event\// }, { status: 502 }, 50);
    const { result } = renderHook(() =>
      useServerNotices(client, { retry: { baseDelayMs: 5, maxAttempts: 3 } }),
    );
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(4));
    await act(() => sleep(100));
    expect(script.requestsTo(/\/event\//)).toHaveLength(4);
    expect(bodies(result)).toEqual(["Checked again"]);
    expect(result.current.error).not.toBeNull();
    expect(result.current.failedEventIds).toEqual([notice.event_id]);
  });

  /** A fetched notice checked after a gap, each check failing (502), the failure reported. */
  async function checkFailing(text: string, times = 50) {
    const notice = serverNoticeEvent(text);
    const world = await fetchedThenGap(notice);
    world.script.fail({ path: /\/event\// }, { status: 502 }, times);
    const hook = renderHook(() =>
      useServerNotices(world.client, { retry: { baseDelayMs: 5, maxAttempts: 3 } }),
    );
    await waitFor(() => expect(hook.result.current.error).not.toBeNull());
    return { ...world, ...hook, notice };
  }

  it("given a notice whose check after the gap is failing, when it is redacted, it goes and so does the failure", async () => {
    const { script, result, notice } = await checkFailing("Posted by mistake");
    await act(() => script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER }))));
    await waitFor(() => expect(bodies(result)).toEqual([]));
    expect(result.current.error).toBeNull();
    expect(result.current.failedEventIds).toEqual([]);
  });

  it("given the checks after the gap gave up, a remount starts afresh: no old failure shown while the new check is out", async () => {
    const { script, unmount, client, notice } = await checkFailing("Checked on remount", 3);
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(4));
    unmount();
    script.serveEvent(NOTICES_ROOM, notice);
    const again = renderHook(() => useServerNotices(client));
    expect(again.result.current.error).toBeNull();
    expect(bodies(again.result)).toEqual(["Checked on remount"]);
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(5));
    expect(again.result.current.error).toBeNull();
  });

  it("given a check after the gap still out at unmount, failing afterwards, a remount shows no old failure", async () => {
    const notice = serverNoticeEvent("Checked while away");
    const { client, script } = await fetchedThenGap(notice);
    const release = script.hold({ path: /\/event\// }, () => ({ status: 502 }));
    const first = renderHook(() => useServerNotices(client, { retry: { baseDelayMs: 5, maxAttempts: 3 } }));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    first.unmount();
    await act(async () => {
      release();
      await sleep(50);
    });
    const again = renderHook(() => useServerNotices(client));
    expect(again.result.current.error).toBeNull();
    expect(bodies(again.result)).toEqual(["Checked while away"]);
  });

  it("given the server no longer has the notice when it is checked after the gap (404), it disappears", async () => {
    const notice = serverNoticeEvent("Deleted while away");
    const { client, script } = await fetchedThenGap(notice);
    script.forgetEvent(NOTICES_ROOM, notice.event_id);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual([]));
    expect(result.current.failedEventIds).toEqual([notice.event_id]);
  });

  it("given the check after the gap is out, an edit that arrives meanwhile is kept when the older answer lands", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await showFetchedNotice(ME, notice);
    cleanup();
    await script.push(noticesGap());
    const release = holdNoticeFetch(script, notice); // the server read the event before the edit
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    await act(() => script.push(noticesTimeline(editOf(notice.event_id, "Maintenance at 11"))));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
    await act(async () => {
      release();
      await sleep(20);
    });
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });

  it("given an edit of a fetched notice redacted in a gap while no banner was mounted, the remounted banner shows the server's text", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script, result } = await showFetchedNotice(ME, notice);
    const edit = { ...editOf(notice.event_id, "Maintenance at 11"), origin_server_ts: 2_000 };
    await act(() => script.push(noticesTimeline(edit)));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
    cleanup();
    script.serveEvent(NOTICES_ROOM, notice); // the edit was redacted in the gap: the server bundles none
    await script.push(noticesGap());
    const again = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(again.result)).toEqual(["Maintenance at 10"]));
  });

  it("given the check after the gap fails and is retried, a live edit between the attempts is kept", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script } = await showFetchedNotice(ME, notice);
    cleanup();
    await script.push(noticesGap());
    script.fail({ method: "GET", path: /\/event\// }, "network");
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    const release = holdNoticeFetch(script, notice); // the retry's answer, read before the edit
    const edit = { ...editOf(notice.event_id, "Maintenance at 11"), origin_server_ts: 2_000 };
    await act(() => script.push(noticesTimeline(edit)));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(3), { timeout: 15_000 });
    await act(async () => {
      release();
      await sleep(20);
    });
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });

  it("given a first fetch still out when the banner unmounts and a gap redacts the notice, the remount checks it again", async () => {
    const notice = serverNoticeEvent("Redacted in the gap");
    const { client, script } = await world(noticesRoom(ME, { pinned: [notice.event_id] }));
    const release = holdNoticeFetch(script, notice); // the server read it before the redaction
    const first = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    first.unmount();
    const redaction = redactionEvent(notice.event_id, { sender: NOTICES_USER });
    script.route({ path: /\/event\// }, () => ({
      json: { ...notice, content: {}, room_id: NOTICES_ROOM, unsigned: { redacted_because: redaction } },
    }));
    await script.push(noticesGap());
    await act(async () => {
      release();
      await sleep(20);
    });
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    await waitFor(() => expect(bodies(result)).toEqual([]));
  });

  it("given a fetched notice and no gap while no banner was mounted, remounting fetches nothing", async () => {
    const notice = serverNoticeEvent("Still current");
    const { client, script } = await showFetchedNotice(ME, notice);
    cleanup();
    await script.push(noticesTimeline(textMessageEvent("later", { sender: NOTICES_USER })));
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Still current"]);
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
  });
});

describe("edits", () => {
  it("given a pinned notice in the timeline, when the server edits it, the banner shows the new text", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await world(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
    await act(() => script.push(noticesTimeline(editOf(notice.event_id, "Maintenance at 11"))));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });
});

describe("edits of fetched notices", () => {
  it("given the server bundles an edit with a fetched pinned notice, the banner shows the edited text", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const edit = editOf(notice.event_id, "Maintenance at 11");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, {
      ...notice,
      unsigned: { "m.relations": { "m.replace": { ...edit, room_id: NOTICES_ROOM } } },
    });
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"]));
  });

  it("given a bundled edit from someone else, the fetched notice keeps its own text", async () => {
    const notice = serverNoticeEvent("The real notice");
    const forged = { ...editOf(notice.event_id, "Forged"), sender: ME };
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, {
      ...notice,
      unsigned: { "m.relations": { "m.replace": { ...forged, room_id: NOTICES_ROOM } } },
    });
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["The real notice"]));
  });

  it("given a bundled edit whose new content is null, the fetched notice keeps its own text", async () => {
    const notice = serverNoticeEvent("The real notice");
    const broken = {
      ...editOf(notice.event_id, "ignored"),
      content: {
        "m.new_content": null,
        "m.relates_to": { rel_type: "m.replace", event_id: notice.event_id },
      },
    };
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, {
      ...notice,
      unsigned: { "m.relations": { "m.replace": { ...broken, room_id: NOTICES_ROOM } } },
    });
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["The real notice"]));
  });

  it("given a fetched pinned notice, when the server edits it live, the banner shows the new text", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { script, result } = await showFetched(notice);
    await act(() => script.push(noticesTimeline(editOf(notice.event_id, "Maintenance at 11"))));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });
});

describe("edits of fetched notices arriving out of order", () => {
  it("given a fetched notice edited live, when scrolling back brings an older edit, the banner keeps the newer text", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const older = { ...editOf(notice.event_id, "Maintenance at 10:30"), origin_server_ts: 2_000 };
    const newer = { ...editOf(notice.event_id, "Maintenance at 11"), origin_server_ts: 3_000 };
    const { client, script, result } = await showFetched(notice);
    script.route({ path: /\/messages$/ }, () => ({
      json: { chunk: [{ ...older, room_id: NOTICES_ROOM }], start: "p_1", end: "p_0" },
    }));
    await act(() => script.push(noticesTimeline(newer)));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);

    const room = client.getRoom(NOTICES_ROOM);
    if (room) await act(() => client.scrollback(room, 10));
    expect(script.requestsTo(/\/messages$/)).toHaveLength(1);
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });

  it("given an edit of another event type pointing at a fetched notice, the banner keeps its text", async () => {
    const notice = serverNoticeEvent("The real notice");
    const { script, result } = await showFetched(notice);
    const sticker = { ...editOf(notice.event_id, "Replaced by a sticker"), type: "m.sticker" };
    await act(() => script.push(noticesTimeline(sticker)));
    expect(bodies(result)).toEqual(["The real notice"]);
  });
});

describe("retrying pinned-event fetches", () => {
  it("given a fetch gave up while offline, when sync recovers, it is fetched again and shows", async () => {
    const notice = serverNoticeEvent("Back online");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    script.fail({ path: /\/event\// }, "network", 2);
    const { result } = renderHook(() =>
      useServerNotices(client, { retry: { baseDelayMs: 5, maxAttempts: 2 } }),
    );
    await waitFor(() => expect(result.current.failedEventIds).toEqual([notice.event_id]));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    await sleep(30);
    expect(script.requestsTo(/\/event\//)).toHaveLength(2); // it gave up
    await dropSyncOnce(client, script);
    await waitFor(() => expect(bodies(result)).toEqual(["Back online"]), { timeout: 15_000 });
  }, 40_000);

  it("given two hooks need one pinned event, the more patient retry policy governs the shared fetch", async () => {
    const notice = serverNoticeEvent("Shared");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    script.fail({ path: /\/event\// }, { status: 500 }, 1);
    renderHook(() => useServerNotices(client, { retry: { maxAttempts: 1 } }));
    const patient = renderHook(() => useServerNotices(client, { retry: { baseDelayMs: 5 } }));
    await waitFor(() => expect(bodies(patient.result)).toEqual(["Shared"]));
  });
});

describe("usage limits reported by sync and by a send", () => {
  it("given sync and then a send hit the limit, a good sync alone keeps the notice; a sent message clears it", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const { result } = renderHook(() => useServerNotices(client));
    script.pushSyncFailure(LIMIT);
    await waitFor(() => expect(result.current.notices).toHaveLength(1), { timeout: 15_000 });
    script.fail({ method: "PUT", path: /\/send\// }, LIMIT);
    await act(async () => {
      await client.sendTextMessage(NOTICES_ROOM, "blocked").catch(() => undefined);
    });
    script.queueBatch({});
    await waitFor(() => expect(client.getSyncState()).toBe("SYNCING"), { timeout: 15_000 });
    await act(() => script.push({}));
    // Sync works again, but the last send was refused: no evidence yet that sending works.
    expect(result.current.notices).toHaveLength(1);
    await act(async () => {
      await client.sendTextMessage(NOTICES_ROOM, "works");
    });
    expect(result.current.notices).toHaveLength(0);
  }, 40_000);
});

describe("auto-join", () => {
  it("given auto-join keeps failing, when the invite goes away, the retries stop", async () => {
    const { client, script } = await world({
      invite: {
        [NOTICES_ROOM]: [
          memberEvent(ME, "invite", { sender: NOTICES_USER }),
          nameEvent("Server Notices", { sender: NOTICES_USER }),
        ],
      },
    });
    script.fail({ method: "POST", path: /\/join/ }, { status: 500 }, 100);
    renderHook(() =>
      useServerNoticesRoom(client, {
        noticesUserIds: [NOTICES_USER],
        autoJoin: true,
        retry: { baseDelayMs: 30, maxDelayMs: 30 },
      }),
    );
    await waitFor(() => expect(script.requestsTo(/\/join/).length).toBeGreaterThanOrEqual(1));
    await act(() =>
      script.push({
        leave: { [NOTICES_ROOM]: { timeline: [memberEvent(ME, "leave", { sender: NOTICES_USER })] } },
      }),
    );
    const joins = script.requestsTo(/\/join/).length;
    await sleep(200);
    expect(script.requestsTo(/\/join/)).toHaveLength(joins);
  });
});

describe("dismiss stores on one storage key", () => {
  it("given two stores on one key (two tabs, or two banners), neither erases the other's dismissals", () => {
    const { storage } = fakeStorage();
    const a = createStorageDismissStore(storage);
    const b = createStorageDismissStore(storage);
    a.dismiss("$x");
    b.dismiss("$y");
    const later = createStorageDismissStore(storage);
    expect(later.isDismissed("$x")).toBe(true);
    expect(later.isDismissed("$y")).toBe(true);
  });

  it("given a dismissal could not be written (storage full), the next successful write keeps it too", () => {
    const { fail, storage } = fakeStorage();
    fail.writes = true;
    const store = createStorageDismissStore(storage);
    store.dismiss("$first");
    fail.writes = false;
    store.dismiss("$second");
    const later = createStorageDismissStore(storage);
    expect(later.isDismissed("$first")).toBe(true);
    expect(later.isDismissed("$second")).toBe(true);
  });

  it("given the stored list is at its cap, another tab's newer dismissals outlast this session's older ones", () => {
    const { data, storage } = fakeStorage();
    const tabA = createStorageDismissStore(storage, "k", 3);
    const tabB = createStorageDismissStore(storage, "k", 3);
    tabA.dismiss("$a1");
    tabA.dismiss("$a2");
    tabB.dismiss("$b1");
    tabB.dismiss("$b2");
    tabA.dismiss("$a3");
    expect(JSON.parse(data.get("k") ?? "")).toEqual(["$b1", "$b2", "$a3"]);
  });

  it("given the stored value was corrupted and another tab wrote first, this tab's earlier dismissals are kept", () => {
    const { data, storage } = fakeStorage();
    const tabA = createStorageDismissStore(storage, "k");
    const tabB = createStorageDismissStore(storage, "k");
    tabA.dismiss("$a1");
    data.set("k", "{oops");
    tabB.dismiss("$b1");
    tabA.dismiss("$a2");
    expect(JSON.parse(data.get("k") ?? "")).toEqual(["$b1", "$a1", "$a2"]);
  });

  it("given reading the storage throws, a dismissal does not overwrite other tabs' ids, and is written later", () => {
    const { data, fail, storage } = fakeStorage([["k", JSON.stringify(["$other"])]]);
    const store = createStorageDismissStore(storage, "k");
    fail.reads = true;
    store.dismiss("$mine");
    expect(store.isDismissed("$mine")).toBe(true);
    expect(JSON.parse(data.get("k") ?? "")).toEqual(["$other"]);
    fail.reads = false;
    store.dismiss("$next");
    expect(JSON.parse(data.get("k") ?? "")).toEqual(["$other", "$mine", "$next"]);
  });

  it("given the stored value was corrupted by something else, this session's dismissals are all written again", () => {
    const { data, storage } = fakeStorage();
    const store = createStorageDismissStore(storage);
    store.dismiss("$one");
    data.set("matrix-notice-kit:dismissed-notices", "{not json");
    store.dismiss("$two");
    const later = createStorageDismissStore(storage);
    expect(later.isDismissed("$one")).toBe(true);
    expect(later.isDismissed("$two")).toBe(true);
  });
});

describe("a pinned notice found in the timeline and a gappy sync while no banner was mounted", () => {
  it("given an edit arrived after the gap while nothing was mounted, remounting shows the edit", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const first = renderHook(() => useServerNotices(client));
    expect(bodies(first.result)).toEqual(["Maintenance at 10"]);
    cleanup();
    await gappySync(script);
    const edit = editOf(notice.event_id, "Maintenance at 11");
    await script.push(noticesTimeline(edit));
    // The homeserver bundles the newest edit with the event.
    script.serveEvent(NOTICES_ROOM, {
      ...notice,
      unsigned: { "m.relations": { "m.replace": edit as IEvent } },
    });
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"]));
  });
});
