/**
 * matrix-js-sdk started as real clients (Element Web) run it. `threadSupport: true` (Element's default): it files an
 * edit or redaction whose target it holds in no timeline (a fetched notice, an event known only as state) nowhere; the
 * kit hears them all the same. lazyLoadMembers, small initial timelines (initialSyncLimit: 1), detached pending events
 * with the user's own local echo, timelineSupport.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import {
  ClientEvent,
  type ICreateClientOpts,
  type IStartClientOpts,
  type MatrixClient,
  PendingEventOrdering,
} from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createMemoryDismissStore,
  createMemorySeenStore,
  NoticeBanner,
  recordUnfiledRedactions,
  useServerNotices,
  useServerNoticesRoom,
  useWelcomeMessage,
  WelcomeDialog,
} from "../../src";
import {
  createEvent,
  memberEvent,
  messageEvent,
  nameEvent,
  pinnedEventsEvent,
  type RawEvent,
  redactionEvent,
  serverNoticeContent,
  serverNoticeEvent,
  textMessageEvent,
  welcomeEvent,
} from "../support/events";
import {
  NOTICES_ROOM,
  NOTICES_USER,
  noticeEdit,
  noticesRoom,
  noticesTimeline,
  welcomeRoom,
} from "../support/scenarios";
import { type SyncBatch, SyncScript } from "../support/syncScript";
import { ELEMENT_START_OPTIONS, noticeBodies, showFetchedNotice, startWorld } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!lounge:example.org";
const MOD = "@mod:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The world started with the SDK's `startOpts` (and `clientOpts`). */
const startWith = (
  initial: SyncBatch,
  startOpts: IStartClientOpts = {},
  clientOpts: Partial<ICreateClientOpts> = {},
) => startWorld(ME, initial, clientOpts, startOpts);

const threadReply = (root: string, body: string, sender = NOTICES_USER): RawEvent =>
  messageEvent(
    {
      ...serverNoticeContent(body),
      "m.relates_to": {
        rel_type: "m.thread",
        event_id: root,
        is_falling_back: true,
        "m.in_reply_to": { event_id: root },
      },
    },
    { sender },
  );

afterEach(() => vi.restoreAllMocks());

const T = { threadSupport: true };

describe("threadSupport: fetched notices", () => {
  it("given the banner mounted before the app started the client with threads, a fetched notice's redaction still hides it", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    script.serveEvent(NOTICES_ROOM, notice);
    await script.start(client, noticesRoom(ME, { pinned: [notice.event_id] }), T);
    await screen.findByText("Maintenance tonight");
    await act(() => script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(50));
    expect(screen.queryByText("Maintenance tonight")).toBeNull();
  });

  it("without thread support, the stores add no Event listener to the client (the SDK files every edit and redaction)", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, script } = await startWith(noticesRoom(ME, { pinned: [notice.event_id] }), {});
    script.serveEvent(NOTICES_ROOM, notice);
    const before = client.listenerCount(ClientEvent.Event);
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await screen.findByText("Maintenance tonight");
    expect(client.listenerCount(ClientEvent.Event)).toBe(before);
  });

  for (const [label, options] of [
    ["with threadSupport", T],
    ["without it (the control)", {}],
  ] as const)
    it(`a fetched pinned notice, when redacted, disappears (${label})`, async () => {
      const notice = serverNoticeEvent("Maintenance tonight");
      const { client, script } = await startWith(noticesRoom(ME, { pinned: [notice.event_id] }), options);
      script.serveEvent(NOTICES_ROOM, notice);
      render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
      await screen.findByText("Maintenance tonight");
      await act(() =>
        script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER }))),
      );
      await act(() => sleep(50));
      expect(screen.queryByText("Maintenance tonight")).toBeNull();
    });

  it("a fetched notice redacted while nothing is mounted is hidden on the next mount (threadSupport)", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, script, unmount } = await showFetchedNotice(ME, notice, T);
    unmount();
    await script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER })));
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(50));
    expect(noticeBodies(result)).toEqual([]);
  });

  it("a fetched notice edited while nothing is mounted shows the edit on the next mount (threadSupport)", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script, unmount } = await showFetchedNotice(ME, notice, T);
    unmount();
    await script.push(noticesTimeline(noticeEdit(notice.event_id, "Maintenance at 11")));
    await act(() => sleep(20));
    // The SDK looks the edit's target up itself (to place it in a thread or not); the kit asks nothing more.
    const asked = script.requestsTo(/\/event\//).length;
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(50));
    expect(noticeBodies(result)).toEqual(["Maintenance at 11"]);
    expect(script.requestsTo(/\/event\//)).toHaveLength(asked);
  });

  it("a fetched notice edited while nothing is mounted, then a gappy sync, is checked with the server on the next mount (threadSupport)", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script, unmount } = await showFetchedNotice(ME, notice, T);
    unmount();
    const edit = noticeEdit(notice.event_id, "Maintenance at 11");
    await script.push(noticesTimeline(edit));
    // The edit was redacted in the gap: the server's answer (without it) decides.
    await script.push({
      join: {
        [NOTICES_ROOM]: { limited: true, timeline: [messageEvent({ msgtype: "m.text", body: "hi" })] },
      },
    });
    await act(() => sleep(20));
    const asked = script.requestsTo(/\/event\//).length;
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(asked + 1));
    await act(() => sleep(50));
    expect(noticeBodies(result)).toEqual(["Maintenance at 10"]);
  });

  it("given a client first run without threads, then stopped and started again with them, a fetched notice redacted while nothing is mounted is hidden on the next mount", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, script, unmount } = await showFetchedNotice(ME, notice);
    unmount();
    client.stopClient();
    await script.start(client, {}, T);
    // Heard from the next mount: this one only starts the recorder, which the thread-less run left off.
    renderHook(() => useServerNotices(client)).unmount();
    await script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER })));
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(50));
    expect(noticeBodies(result)).toEqual([]);
  });

  it("given the app removed every Event listener from its client while nothing was mounted, a fetched notice redacted after the next mount is hidden on the mount after (threadSupport)", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, script, unmount } = await showFetchedNotice(ME, notice, T);
    unmount();
    client.removeAllListeners(ClientEvent.Event);
    // This mount puts the recorder back; the redaction arrives while nothing is mounted.
    renderHook(() => useServerNotices(client)).unmount();
    await script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER })));
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(50));
    expect(noticeBodies(result)).toEqual([]);
  });

  it("given the app removed every Sync listener before starting its client with threads, a fetched notice redacted while nothing is mounted is hidden on the next mount", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    // Mounted before the start: the recorder waits for the first sync state to learn about threads.
    renderHook(() => useServerNotices(client)).unmount();
    client.removeAllListeners(ClientEvent.Sync);
    script.serveEvent(NOTICES_ROOM, notice);
    await script.start(client, noticesRoom(ME, { pinned: [notice.event_id] }), T);
    const shown = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(noticeBodies(shown.result)).toEqual(["Maintenance tonight"]));
    shown.unmount();
    await script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER })));
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(50));
    expect(noticeBodies(result)).toEqual([]);
  });

  it("given a banner mounted while the client is stopped, when the app starts it again with threads, a fetched notice's redaction hides it (the stopped run's last sync state does not decide)", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, script, unmount } = await showFetchedNotice(ME, notice);
    unmount();
    await act(() => sleep(30));
    client.stopClient();
    // Kept up across the restart; the stopped run's STOPPED state arrives after this mount, with threads still off.
    const { result } = renderHook(() => useServerNotices(client));
    await script.start(client, {}, T);
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Maintenance tonight"]));
    await act(() => script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(50));
    expect(noticeBodies(result)).toEqual([]);
  });

  it("given an app whose client wraps each listener it is given (error reporting), mounts add no recorder after the first (threadSupport)", async () => {
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(client, noticesRoom(ME), T);
    const on = client.on.bind(client) as (e: string, f: (...a: unknown[]) => void) => MatrixClient;
    (client as unknown as { on: typeof on }).on = (e, f) =>
      on(e, (...a) => {
        try {
          f(...a);
        } catch (error) {
          console.warn(error);
        }
      });
    const before = client.listenerCount(ClientEvent.Event);
    for (let i = 0; i < 10; i++) renderHook(() => useServerNotices(client)).unmount();
    // The stores' own wrapped listeners stay too (off() cannot find a wrapper): 10, and one recorder.
    expect(client.listenerCount(ClientEvent.Event) - before).toBeLessThanOrEqual(11);
  });

  it("given the app called removeAllListeners() with no argument, the client still syncs, and the next mount's recorder hears a redaction while nothing is mounted (threadSupport)", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, script, unmount } = await showFetchedNotice(ME, notice, T);
    unmount();
    client.removeAllListeners();
    await script.push(noticesTimeline());
    renderHook(() => useServerNotices(client)).unmount();
    await script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER })));
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(50));
    expect(noticeBodies(result)).toEqual([]);
  });

  it("a client's recorder stays one listener however often stores mount (threadSupport)", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, unmount } = await showFetchedNotice(ME, notice, T);
    unmount();
    const after = client.listenerCount(ClientEvent.Event);
    for (let i = 0; i < 5; i++) renderHook(() => useServerNotices(client)).unmount();
    expect(client.listenerCount(ClientEvent.Event)).toBe(after);
  });

  it("the pinned_events event delivered in the state section, when redacted, pins nothing (threadSupport)", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const pins = pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER });
    const base = noticesRoom(ME, { timeline: [notice] });
    base.join![NOTICES_ROOM]!.state!.push(pins);
    const { client, script } = await startWith(base, T);
    const { result } = renderHook(() => useServerNotices(client));
    expect(noticeBodies(result)).toEqual(["Maintenance tonight"]);
    await act(() => script.push(noticesTimeline(redactionEvent(pins.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(50));
    expect(noticeBodies(result)).toEqual([]);
  });

  it("a fetched pinned notice, edited live, shows the edit (threadSupport)", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await startWith(noticesRoom(ME, { pinned: [notice.event_id] }), T);
    script.serveEvent(NOTICES_ROOM, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Maintenance at 10"]));
    await act(() => script.push(noticesTimeline(noticeEdit(notice.event_id, "Maintenance at 11"))));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Maintenance at 11"]));
  });

  it("a fetched pinned notice that is a thread reply, edited live, shows the edit (threadSupport)", async () => {
    const root = serverNoticeEvent("Root");
    const reply = { ...threadReply(root.event_id, "Reply notice at 10"), room_id: NOTICES_ROOM };
    const { client, script } = await startWith(noticesRoom(ME, { pinned: [reply.event_id] }), T);
    script.serveEvent(NOTICES_ROOM, reply);
    script.serveEvent(NOTICES_ROOM, root);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Reply notice at 10"]));
    const edit = noticeEdit(reply.event_id, "Reply notice at 11");
    await act(() => script.push(noticesTimeline(edit)));
    await act(() => sleep(50));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Reply notice at 11"]));
  });
});

describe("threadSupport: notices in the timeline", () => {
  it("a pinned notice that is a thread root shows, and its edit shows", async () => {
    const root = serverNoticeEvent("Root notice v1");
    const reply = threadReply(root.event_id, "a reply");
    const { client, script } = await startWith(
      noticesRoom(ME, { pinned: [root.event_id], timeline: [root, reply] }),
      T,
    );
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await screen.findByText("Root notice v1");
    await act(() => script.push(noticesTimeline(noticeEdit(root.event_id, "Root notice v2"))));
    await screen.findByText("Root notice v2");
    expect(script.requestsTo(/\/event\//).filter((r) => r.path.includes(root.event_id))).toEqual([]);
  });

  it("a pinned notice that is a thread reply in the timeline shows, and its edit shows, and its redaction hides it", async () => {
    const root = serverNoticeEvent("Root");
    const reply = threadReply(root.event_id, "Reply notice v1");
    const { client, script } = await startWith(
      noticesRoom(ME, { pinned: [reply.event_id], timeline: [root, reply] }),
      T,
    );
    script.serveEvent(NOTICES_ROOM, reply);
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await screen.findByText("Reply notice v1");
    await act(() => script.push(noticesTimeline(noticeEdit(reply.event_id, "Reply notice v2"))));
    await screen.findByText("Reply notice v2");
    await act(() => script.push(noticesTimeline(redactionEvent(reply.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(50));
    expect(screen.queryByText(/Reply notice/)).toBeNull();
  });

  it("a pinned thread-reply notice's edit redacted falls back to the original", async () => {
    const root = serverNoticeEvent("Root");
    const reply = threadReply(root.event_id, "Reply notice v1");
    const { client, script } = await startWith(
      noticesRoom(ME, { pinned: [reply.event_id], timeline: [root, reply] }),
      T,
    );
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Reply notice v1"]));
    const edit = noticeEdit(reply.event_id, "Reply notice v2");
    await act(() => script.push(noticesTimeline(edit)));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["Reply notice v2"]));
    await act(() => script.push(noticesTimeline(redactionEvent(edit.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(50));
    expect(noticeBodies(result)).toEqual(["Reply notice v1"]);
  });
});

describe("threadSupport: welcome", () => {
  it("a welcome shows on first join", async () => {
    const { client } = await startWith(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Be nice")] }),
      T,
    );
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.message?.text).toBe("Be nice");
    expect(result.current.shouldShow).toBe(true);
  });

  for (const [label, options] of [
    ["with threadSupport", T],
    ["without it (the control)", {}],
  ] as const)
    it(`a welcome known only from the state section, when redacted, no longer shows (${label})`, async () => {
      const welcome = welcomeEvent("Posted by mistake");
      const { client, script } = await startWith(
        welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcome] }),
        options,
      );
      const { result } = renderHook(() =>
        useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
      );
      expect(result.current.shouldShow).toBe(true);
      await act(() =>
        script.push({ join: { [ROOM]: { timeline: [redactionEvent(welcome.event_id, { sender: MOD })] } } }),
      );
      await act(() => sleep(50));
      expect(result.current.message).toBeNull();
      expect(result.current.shouldShow).toBe(false);
    });

  it("a welcome set live (in the timeline) after the join shows, then its redaction hides it", async () => {
    const { client, script } = await startWith(welcomeRoom(ME, ROOM, { prevMembership: "invite" }), T);
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    const welcome = welcomeEvent("Rules");
    await act(() => script.push({ join: { [ROOM]: { timeline: [welcome] } } }));
    expect(result.current.shouldShow).toBe(true);
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [redactionEvent(welcome.event_id, { sender: MOD })] } } }),
    );
    expect(result.current.message).toBeNull();
  });

  it("a profile change after the first join inside a thread-heavy room keeps the welcome", async () => {
    const { client, script } = await startWith(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Rules")] }),
      T,
    );
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.shouldShow).toBe(true);
    const root = textMessageEvent("root", { sender: MOD });
    const reply = messageEvent(
      { msgtype: "m.text", body: "r", "m.relates_to": { rel_type: "m.thread", event_id: root.event_id } },
      { sender: MOD },
    );
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: [root, reply, memberEvent(ME, "join", { prevMembership: "join", displayName: "Al" })],
          },
        },
      }),
    );
    expect(result.current.shouldShow).toBe(true);
  });
});

/** Element Web's whole setup: threads on, lazy-loaded members, detached pending events, small initial timelines. */

describe("Element's setup (threads + LL + detached + initialSyncLimit 1)", () => {
  it("with Element's whole setup, a fetched pinned notice goes when the server redacts it", async () => {
    const notice = serverNoticeEvent("Posted by mistake");
    const { client, script } = await startWith(
      noticesRoom(ME, { pinned: [notice.event_id] }),
      ELEMENT_START_OPTIONS,
    );
    script.serveEvent(NOTICES_ROOM, notice);
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await screen.findByText("Posted by mistake");
    await act(() => script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(50));
    expect(screen.queryByText("Posted by mistake")).toBeNull();
  });

  it("with Element's whole setup, a fetched pinned notice shows a live edit", async () => {
    const notice = serverNoticeEvent("Maintenance at 10:00");
    const { client, script } = await startWith(
      noticesRoom(ME, { pinned: [notice.event_id] }),
      ELEMENT_START_OPTIONS,
    );
    script.serveEvent(NOTICES_ROOM, notice);
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await screen.findByText("Maintenance at 10:00");
    await act(() => script.push(noticesTimeline(noticeEdit(notice.event_id, "Maintenance moved to 11:00"))));
    await act(() => sleep(50));
    expect(screen.queryByText("Maintenance moved to 11:00")).not.toBeNull();
  });

  it("with Element's whole setup, the welcome dialog closes when the welcome (known from the state section) is redacted", async () => {
    const welcome = welcomeEvent("Posted by mistake");
    const { client, script } = await startWith(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcome] }),
      ELEMENT_START_OPTIONS,
    );
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    await screen.findByRole("dialog");
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [redactionEvent(welcome.event_id, { sender: MOD })] } } }),
    );
    await act(() => sleep(50));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("given the app records unfiled redactions from the start, a welcome redacted before any dialog was mounted does not open", async () => {
    const welcome = welcomeEvent("Posted by mistake");
    const { client, script } = await startWith(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcome] }),
      ELEMENT_START_OPTIONS,
    );
    // As the README asks of an app with thread support: right after creating (here: starting) the client.
    recordUnfiledRedactions(client);
    await script.push({
      join: { [ROOM]: { timeline: [redactionEvent(welcome.event_id, { sender: MOD })] } },
    });
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    await act(() => sleep(50));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("control: the welcome shows on first join", async () => {
    const { client } = await startWith(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Be nice")] }),
      ELEMENT_START_OPTIONS,
    );
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    expect(await screen.findByRole("dialog")).toBeTruthy();
  });
});

/** Element Web's setup without threads, for the options other than thread support. */
const ELEMENT_NO_THREADS: IStartClientOpts = {
  initialSyncLimit: 1,
  lazyLoadMembers: true,
  threadSupport: false,
  pendingEventOrdering: PendingEventOrdering.Detached,
};

/** A lazy-loaded, limited initial sync of a room the user joined a moment ago: state has only the mod's and my member. */
function llWelcomeRoom(
  opts: { prev?: string; welcome?: RawEvent[]; name?: boolean; joinAge?: number } = {},
): SyncBatch {
  const join = memberEvent(ME, "join", {
    prevMembership: opts.prev ?? "invite",
    ts: Date.now() - (opts.joinAge ?? 2000),
    unsigned: { age: opts.joinAge ?? 2000 },
  });
  return {
    join: {
      [ROOM]: {
        limited: true,
        state: [
          createEvent({ creator: MOD }),
          ...(opts.name === false ? [] : [nameEvent("Rules Lounge")]),
          join,
          ...(opts.welcome ?? []),
        ],
        timeline: [textMessageEvent("hi", { sender: "@other:elsewhere.org", unsigned: { age: 500 } })],
      },
    },
  };
}

describe("lazyLoadMembers / initialSyncLimit: 1 — welcome", () => {
  it("a first join seen only in the state section (limited timeline, LL) shows the welcome dialog", async () => {
    const { client } = await startWith(
      llWelcomeRoom({ welcome: [welcomeEvent("Be kind")] }),
      ELEMENT_NO_THREADS,
    );
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    expect(await screen.findByRole("dialog")).toBeTruthy();
    expect(screen.getByText("Be kind")).toBeTruthy();
    expect(screen.getByText(/Rules Lounge/)).toBeTruthy();
  });

  it("unnamed room (LL, heroes only): the title falls back to 'this room', not a member's name", async () => {
    const batch = llWelcomeRoom({ welcome: [welcomeEvent("Be kind")], name: false });
    const { client } = await startWith(batch, ELEMENT_NO_THREADS);
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.roomName).toBeNull();
    expect(result.current.shouldShow).toBe(true);
  });

  it("a rejoin (prev leave) in the state section does not show by default", async () => {
    const { client } = await startWith(
      llWelcomeRoom({ prev: "leave", welcome: [welcomeEvent("Be kind")] }),
      ELEMENT_NO_THREADS,
    );
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.shouldShow).toBe(false);
    expect(result.current.decision.reason).toBe("not-a-qualifying-join");
  });

  it("after the app loads members (/members, LL), the shown welcome stays and nothing throws", async () => {
    const { client, script } = await startWith(
      llWelcomeRoom({ welcome: [welcomeEvent("Be kind")] }),
      ELEMENT_NO_THREADS,
    );
    script.route({ path: /\/members$/ }, () => ({
      json: {
        chunk: [
          { ...memberEvent(MOD, "join"), room_id: ROOM },
          { ...memberEvent(ME, "join"), room_id: ROOM },
          { ...memberEvent("@other:elsewhere.org", "join"), room_id: ROOM },
        ],
      },
    }));
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.shouldShow).toBe(true);
    await act(async () => {
      await client.getRoom(ROOM)!.loadMembersIfNeeded();
    });
    expect(result.current.shouldShow).toBe(true);
    // a fresh mount also agrees
    const { result: again } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(again.current.shouldShow).toBe(true);
  });

  it("a state-only welcome redacted later is hidden (limited timeline)", async () => {
    const welcome = welcomeEvent("Posted by mistake");
    const { client, script } = await startWith(llWelcomeRoom({ welcome: [welcome] }), ELEMENT_NO_THREADS);
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.shouldShow).toBe(true);
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [redactionEvent(welcome.event_id, { sender: MOD })] } } }),
    );
    expect(result.current.message).toBeNull();
  });

  it("a profile change after the state-only join keeps the welcome (LL, small timeline)", async () => {
    const { client, script } = await startWith(
      llWelcomeRoom({ welcome: [welcomeEvent("Be kind")] }),
      ELEMENT_NO_THREADS,
    );
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.shouldShow).toBe(true);
    await act(() =>
      script.push({
        join: {
          [ROOM]: { timeline: [memberEvent(ME, "join", { prevMembership: "join", displayName: "Al" })] },
        },
      }),
    );
    expect(result.current.shouldShow).toBe(true);
  });
});

describe("detached pending events: the user's own local echo", () => {
  it("my message still sending in the welcome room neither hides the welcome nor throws", async () => {
    const { client, script } = await startWith(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Be kind")] }),
      ELEMENT_NO_THREADS,
    );
    const release = script.hold({ method: "PUT", path: /\/send\// }, () => ({
      json: { event_id: "$mine:example.org" },
    }));
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    await screen.findByRole("dialog");
    let sent!: Promise<unknown>;
    act(() => {
      sent = client.sendTextMessage(ROOM, "hello all");
    });
    await act(() => sleep(30));
    expect(screen.getByRole("dialog")).toBeTruthy();
    release();
    await act(async () => {
      await sent;
    });
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: [
              {
                ...textMessageEvent("hello all", { sender: ME, eventId: "$mine:example.org" }),
                unsigned: { age: 10, transaction_id: "x" },
              },
            ],
          },
        },
      }),
    );
    expect(screen.getByRole("dialog")).toBeTruthy();
  });

  it("my message sent before the welcome hook mounts, failed to send, does not change the join decision", async () => {
    const { client, script } = await startWith(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Be kind")] }),
      ELEMENT_NO_THREADS,
    );
    script.fail({ method: "PUT", path: /\/send\// }, { status: 400, errcode: "M_BAD_JSON" }, 10);
    await client.sendTextMessage(ROOM, "hello").catch(() => undefined);
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.shouldShow).toBe(true);
  });

  it("my message still sending in the notices room does not disturb the shown notices", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const fetched = serverNoticeEvent("Fetched notice");
    const { client, script } = await startWith(
      noticesRoom(ME, { pinned: [notice.event_id, fetched.event_id], timeline: [notice] }),
      ELEMENT_NO_THREADS,
    );
    script.serveEvent(NOTICES_ROOM, fetched);
    const release = script.hold({ method: "PUT", path: /\/send\// }, () => ({
      json: { event_id: "$mine2:example.org" },
    }));
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await screen.findByText("Fetched notice");
    let sent!: Promise<unknown>;
    act(() => {
      sent = client.sendTextMessage(NOTICES_ROOM, "ok thanks");
    });
    await act(() => sleep(30));
    expect(screen.getByText("Maintenance tonight")).toBeTruthy();
    expect(screen.getByText("Fetched notice")).toBeTruthy();
    release();
    await act(async () => {
      await sent;
    });
    expect(screen.getByText("Fetched notice")).toBeTruthy();
  });

  it("a usage-limit send failure via my local echo shows a usage-limit banner, cleared by the next send", async () => {
    const { client, script } = await startWith(noticesRoom(ME, { pinned: [] }), ELEMENT_NO_THREADS);
    script.fail(
      { method: "PUT", path: /\/send\// },
      {
        status: 403,
        errcode: "M_RESOURCE_LIMIT_EXCEEDED",
        data: { limit_type: "monthly_active_user", admin_contact: "mailto:a@example.org" },
      },
    );
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await act(async () => {
      await client.sendTextMessage(NOTICES_ROOM, "x").catch(() => undefined);
    });
    await waitFor(() => expect(screen.getByRole("alert")).toBeTruthy());
  });
});

describe("initialSyncLimit: 1 — notices", () => {
  it("a pinned notice outside the small timeline is fetched, shown, and hidden when redacted", async () => {
    const notice = serverNoticeEvent("Fetched one");
    const batch = noticesRoom(ME, {
      pinned: [notice.event_id],
      timeline: [textMessageEvent("later", { sender: NOTICES_USER })],
    });
    batch.join![NOTICES_ROOM]!.limited = true;
    const { client, script } = await startWith(batch, ELEMENT_NO_THREADS);
    script.serveEvent(NOTICES_ROOM, notice);
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await screen.findByText("Fetched one");
    await act(() => script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(30));
    expect(screen.queryByText("Fetched one")).toBeNull();
  });

  it("a fetched notice's edit arriving in a later gappy sync's one-event timeline shows", async () => {
    const notice = serverNoticeEvent("v1");
    const { client, script } = await startWith(
      noticesRoom(ME, { pinned: [notice.event_id] }),
      ELEMENT_NO_THREADS,
    );
    script.serveEvent(NOTICES_ROOM, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(noticeBodies(result)).toEqual(["v1"]));
    await act(() =>
      script.push({
        join: { [NOTICES_ROOM]: { limited: true, timeline: [noticeEdit(notice.event_id, "v2")] } },
      }),
    );
    await waitFor(() => expect(noticeBodies(result)).toEqual(["v2"]));
  });

  it("LL: the notices invite from noticesUserIds is recognised and auto-joined", async () => {
    const { client, script } = await startWith(
      {
        invite: {
          [NOTICES_ROOM]: [
            createEvent({ creator: NOTICES_USER }),
            nameEvent("Server Notices"),
            memberEvent(ME, "invite", { sender: NOTICES_USER }),
          ],
        },
      },
      ELEMENT_NO_THREADS,
    );
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, { noticesUserIds: [NOTICES_USER], autoJoin: true }),
    );
    expect(result.current.invite?.roomId).toBe(NOTICES_ROOM);
    await waitFor(() => expect(script.requestsTo(/\/join/, "POST")).toHaveLength(1));
  });
});

describe("timelineSupport: true", () => {
  it("a fetched notice redacted after a gappy sync (mounted) disappears", async () => {
    const notice = serverNoticeEvent("Fetched one");
    const { client, script } = await startWith(
      noticesRoom(ME, { pinned: [notice.event_id] }),
      {},
      { timelineSupport: true },
    );
    script.serveEvent(NOTICES_ROOM, notice);
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await screen.findByText("Fetched one");
    await act(() =>
      script.push({
        join: {
          [NOTICES_ROOM]: { limited: true, timeline: [textMessageEvent("x", { sender: NOTICES_USER })] },
        },
      }),
    );
    await act(() => script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(30));
    expect(screen.queryByText("Fetched one")).toBeNull();
  });

  it("a shown welcome stays shown across a gappy sync, and a fresh mount still shows it", async () => {
    const { client, script } = await startWith(
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Be kind")] }),
      {},
      { timelineSupport: true },
    );
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.shouldShow).toBe(true);
    await act(() =>
      script.push({
        join: { [ROOM]: { limited: true, timeline: [textMessageEvent("x", { sender: MOD })] } },
      }),
    );
    expect(result.current.shouldShow).toBe(true);
    const { result: again } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(again.current.shouldShow).toBe(true);
  });

  it("a pinned notice in the timeline, redacted, then a gappy sync: it stays hidden on a fresh mount", async () => {
    const notice = serverNoticeEvent("In timeline");
    const { client, script } = await startWith(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
      {},
      { timelineSupport: true },
    );
    await script.push(noticesTimeline(redactionEvent(notice.event_id, { sender: NOTICES_USER })));
    await script.push({
      join: {
        [NOTICES_ROOM]: { limited: true, timeline: [textMessageEvent("x", { sender: NOTICES_USER })] },
      },
    });
    script.serveEvent(NOTICES_ROOM, {
      ...notice,
      content: {},
      unsigned: { redacted_because: redactionEvent(notice.event_id, { sender: NOTICES_USER }) as never },
    });
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(50));
    expect(noticeBodies(result)).toEqual([]);
  });
});
