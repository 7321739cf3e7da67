/**
 * Ids a hostile homeserver or link can hand the kit that break naive code (a fuzz review's findings; each failed
 * before): room ids naming an `Object.prototype` member (the SDK's memory store answers `getRoom("constructor")` with
 * a function), half a surrogate pair in a pinned id or a room id (`encodeURIComponent` throws on it), and an edit whose
 * relation id is an object that cannot be made a string. A throw there came out of a render, or out of the kit's
 * listener inside the SDK's sync processing, which then dropped the rest of the room's batch or stopped syncing.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { ClientEvent, type MatrixClient } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import {
  createAccountDataSeenStore,
  createMemoryDismissStore,
  createMemorySeenStore,
  NoticeBanner,
  useServerNotices,
  useWelcomeMessage,
  WelcomeDialog,
  WelcomeEditor,
} from "../../src";
import {
  memberEvent,
  messageEvent,
  nameEvent,
  pinnedEventsEvent,
  serverNoticeEvent,
  stateEvent,
  welcomeEvent,
} from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom, noticesTimeline } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the kit or React logged (the SDK's own chatter about push rules and RTC transports left out). */
function logged(): () => string[] {
  const calls: string[] = [];
  const record = (...args: unknown[]) => void calls.push(args.map(String).join(" ").slice(0, 300));
  vi.spyOn(console, "error").mockImplementation(record);
  vi.spyOn(console, "warn").mockImplementation(record);
  return () => calls.filter((c) => !/push rule|RTCTransports|PollingCachedValue/.test(c));
}

/** A first join of ROOM with a welcome, its create event's content given. */
function lounge(create: Record<string, unknown>) {
  return {
    join: {
      [ROOM]: {
        state: [
          stateEvent("m.room.create", create, { sender: MOD }),
          memberEvent(MOD, "join"),
          nameEvent("Rules Lounge"),
          welcomeEvent("Be kind", undefined, { sender: MOD }),
        ],
        timeline: [memberEvent(ME, "join", { prevMembership: "invite" })],
      },
    },
  };
}

const inTimeline = (client: MatrixClient, roomId: string, eventId: string) =>
  !!client
    .getRoom(roomId)
    ?.getLiveTimeline()
    .getEvents()
    .some((e) => e.getId() === eventId);

describe("given a room whose predecessor is named after an Object.prototype member", () => {
  for (const predecessor of ["constructor", "valueOf", "__proto__"])
    it(`"${predecessor}": the welcome dialog opens, nothing logged`, async () => {
      const log = logged();
      const { client } = await startWorld(
        ME,
        lounge({ creator: MOD, room_version: "10", predecessor: { room_id: predecessor, event_id: "$t:x" } }),
      );
      render(
        <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />,
      );
      expect(await screen.findByRole("dialog")).toHaveTextContent("Be kind");
      expect(log()).toEqual([]);
    });

  it('"constructor": the moderator\'s editor opens', async () => {
    const log = logged();
    const { client } = await startWorld(
      MOD,
      lounge({ creator: MOD, room_version: "10", predecessor: { room_id: "constructor", event_id: "$t:x" } }),
    );
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(await screen.findByRole("textbox")).toBeInTheDocument();
    expect(log()).toEqual([]);
  });

  it("arriving (MSC3946 'valueOf') while the dialog is mounted: the room's later syncs are still processed", async () => {
    const log = logged();
    const { client, script } = await startWorld(ME, lounge({ creator: MOD }));
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    await screen.findByRole("dialog");
    const after = messageEvent({ msgtype: "m.text", body: "after" }, { sender: MOD });
    const later = messageEvent({ msgtype: "m.text", body: "later" }, { sender: MOD });
    await act(async () => {
      await script.push({
        join: {
          [ROOM]: {
            timeline: [
              stateEvent(
                "org.matrix.msc3946.room_predecessor",
                { predecessor_room_id: "valueOf" },
                { sender: MOD },
              ),
              after,
            ],
          },
        },
      });
      // A state event the welcome store listens to, and a message after it.
      await script.push({ join: { [ROOM]: { timeline: [nameEvent("Renamed", { sender: MOD }), later] } } });
    });
    expect(inTimeline(client, ROOM, after.event_id)).toBe(true);
    expect(inTimeline(client, ROOM, later.event_id)).toBe(true);
    expect(log()).toEqual([]);
  });
});

describe("given an app that routes a room id from a link", () => {
  it('roomId "constructor" or "__proto__": the hook finds no room and the dialog stays closed', async () => {
    const { client } = await startWorld(ME, lounge({ creator: MOD }));
    for (const roomId of ["constructor", "__proto__", "hasOwnProperty"]) {
      const { unmount } = render(<WelcomeDialog client={client} roomId={roomId} />);
      const Probe = () => <p>{String(useWelcomeMessage(client, roomId).message)}</p>;
      const probe = render(<Probe />);
      expect(probe.container.textContent).toBe("null");
      expect(screen.queryByRole("dialog")).toBeNull();
      probe.unmount();
      unmount();
    }
  });
});

describe("given half a surrogate pair in an id", () => {
  it("in a pinned id at mount: the banner shows the other notice", async () => {
    const log = logged();
    const ok = serverNoticeEvent("Maintenance tonight");
    const { client } = await startWorld(
      "@alice:example.org",
      noticesRoom("@alice:example.org", { pinned: ["$\ud800:example.org", ok.event_id], timeline: [ok] }),
    );
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    expect(await screen.findByText("Maintenance tonight")).toBeInTheDocument();
    expect(log()).toEqual([]);
  });

  it("in a pinned id arriving after mount: the client keeps syncing and the other notice shows", async () => {
    const log = logged();
    const ok = serverNoticeEvent("Maintenance tonight");
    const { client, script } = await startWorld(
      "@alice:example.org",
      noticesRoom("@alice:example.org", { pinned: [], timeline: [ok] }),
    );
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    const states: string[] = [];
    client.on(ClientEvent.Sync, (state) => states.push(state));
    await act(() =>
      script.push(
        noticesTimeline(pinnedEventsEvent(["$\ud800:example.org", ok.event_id], { sender: NOTICES_USER })),
      ),
    );
    expect(await screen.findByText("Maintenance tonight")).toBeInTheDocument();
    expect(states).toEqual(["SYNCING"]);
    expect(log()).toEqual([]);
  });

  it("in the notices room's id, pinning an event the kit must fetch: the banner mounts and the fetch fails as refused", async () => {
    const log = logged();
    const ok = serverNoticeEvent("Maintenance tonight");
    const roomId = "!\udc00:example.org";
    const { client, script } = await startWorld(
      "@alice:example.org",
      noticesRoom("@alice:example.org", {
        roomId,
        pinned: [ok.event_id, "$remote:example.org"],
        timeline: [ok],
      }),
    );
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    expect(await screen.findByText("Maintenance tonight")).toBeInTheDocument();
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.failedEventIds).toEqual(["$remote:example.org"]));
    // Said as what it is, not as something the homeserver answered.
    expect(result.current.error).toMatchObject({
      errcode: "M_INVALID_PARAM",
      message: expect.stringContaining("cannot be put in a URL"),
    });
    await act(() => sleep(50));
    // Never sent (it cannot be put in a URL), and not asked again.
    expect(script.requestsTo(/\/event\//)).toHaveLength(0);
    expect(log()).toEqual([]);
  });

  it("in a room id a seen mark is written for: markSeen does not throw, and each mark is tried and refused", async () => {
    const { client, script } = await startWorld(ME, lounge({ creator: MOD }));
    const onWriteError = vi.fn();
    const store = createAccountDataSeenStore(client, { onWriteError });
    expect(() => store.markSeen("!\udc00:example.org", "$first:x")).not.toThrow();
    await waitFor(() => expect(onWriteError).toHaveBeenCalledTimes(1));
    expect(onWriteError.mock.calls[0]![0]).toMatchObject({ errcode: "M_INVALID_PARAM" });
    // Not stuck "in flight": the next mark is tried (and refused) too; none was sent.
    store.markSeen("!\udc00:example.org", "$second:x");
    await waitFor(() => expect(onWriteError).toHaveBeenCalledTimes(2));
    expect(script.requestsTo(/account_data/, "PUT")).toHaveLength(0);
  });
});

describe("given an edit in the notices room whose relation id is an object", () => {
  it('{"toString": 1}: the rest of that sync (a new notice and its pin) still lands', async () => {
    const log = logged();
    const first = serverNoticeEvent("First notice");
    const second = serverNoticeEvent("Second notice");
    const { client, script } = await startWorld(
      "@alice:example.org",
      noticesRoom("@alice:example.org", { pinned: [first.event_id], timeline: [first] }),
    );
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await screen.findByText("First notice");
    const hostileEdit = messageEvent(
      {
        msgtype: "m.server_notice",
        body: "* x",
        "m.new_content": { msgtype: "m.server_notice", body: "x" },
        "m.relates_to": { rel_type: "m.replace", event_id: { toString: 1 } },
      },
      { sender: NOTICES_USER },
    );
    await act(() =>
      script.push(
        noticesTimeline(
          hostileEdit,
          second,
          pinnedEventsEvent([first.event_id, second.event_id], { sender: NOTICES_USER }),
        ),
      ),
    );
    expect(inTimeline(client, NOTICES_ROOM, second.event_id)).toBe(true);
    expect(await screen.findByText("Second notice")).toBeInTheDocument();
    expect(log()).toEqual([]);
  });
});
