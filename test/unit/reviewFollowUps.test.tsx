import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createMemorySeenStore,
  useServerNotices,
  useWelcomeMessage,
  WelcomeDialog,
  WelcomeEditor,
} from "../../src";
import { isTooDeeplyNested, loadMarkdown } from "../../src/authoring/markdown";
import { ServerNoticesStore } from "../../src/notices/ServerNoticesStore";
import {
  createEvent,
  memberEvent,
  messageEvent,
  pinnedEventsEvent,
  serverNoticeEvent,
  stateEvent,
  textMessageEvent,
  welcomeEvent,
} from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom, welcomeRoom } from "../support/scenarios";
import { type SyncBatch, SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";
async function world(initial: SyncBatch = {}) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, initial);
  return { script, client };
}
const bodies = (r: { current: ReturnType<typeof useServerNotices> }) =>
  r.current.notices.map((n) => n.notice.body);
const editOf = (eventId: string, body: string) =>
  messageEvent(
    {
      msgtype: "m.server_notice",
      body: `* ${body}`,
      "m.new_content": { msgtype: "m.server_notice", body },
      "m.relates_to": { rel_type: "m.replace", event_id: eventId },
    },
    { sender: NOTICES_USER },
  );

afterEach(() => vi.restoreAllMocks());

describe("PinnedEventFetcher local entries", () => {
  it("a pinned notice first seen in the timeline still takes a live edit after a gappy (limited) sync dropped it from the timeline", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await world(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
    // A gappy sync: the live timeline is reset, the notice is no longer in it (the kit keeps showing its cached copy).
    await act(() =>
      script.push({
        join: {
          [NOTICES_ROOM]: { timeline: [textMessageEvent("filler", { sender: NOTICES_USER })], limited: true },
        },
      }),
    );
    expect(client.getRoom(NOTICES_ROOM)!.findEventById(notice.event_id)).toBeUndefined();
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
    await act(() =>
      script.push({ join: { [NOTICES_ROOM]: { timeline: [editOf(notice.event_id, "Maintenance at 11")] } } }),
    );
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });
});

describe("usage-limit first-seen map", () => {
  const limitError = (limitType: string) => ({
    errcode: "M_RESOURCE_LIMIT_EXCEEDED",
    data: { errcode: "M_RESOURCE_LIMIT_EXCEEDED", error: "Limit", limit_type: limitType },
  });

  it("a limit type that changed while active and later recurs after clearing gets a new synthetic id", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const store = new ServerNoticesStore(client);
    const unsubscribe = store.subscribe(() => {});
    const now = vi.spyOn(Date, "now");
    now.mockReturnValue(1_000);
    store.reportError(limitError("monthly_active_user"));
    const firstId = store.getSnapshot().notices[0]?.eventId;
    expect(firstId).toBe("resource-limit:monthly_active_user:1000");
    now.mockReturnValue(2_000);
    store.reportError(limitError("hs_disabled")); // the limit changes type while it lasts
    await script.push({}); // a good sync: the limit clears
    expect(store.getSnapshot().notices).toEqual([]);
    now.mockReturnValue(9_000);
    store.reportError(limitError("monthly_active_user")); // a new occurrence, long after
    // Expected a new id (a dismissal covers one occurrence); observed the first occurrence's id again.
    expect(store.getSnapshot().notices[0]?.eventId).toBe("resource-limit:monthly_active_user:9000");
    unsubscribe();
  });
});

const MOD = "@mod:example.org";
const BOB = "@bob:example.org";
const ROOM = "!lounge:example.org";
const LABEL = "Message shown to people when they join";
const NOTICE = /Someone else changed the welcome message/;

describe("WelcomeEditor own-edition bookkeeping", () => {
  it("after remove -> save whose echo arrives before the response, a later removal by someone else is announced", async () => {
    const script = new SyncScript({ userId: MOD });
    const client = script.createClient();
    await script.start(
      client,
      welcomeRoom(MOD, ROOM, {
        welcome: [
          stateEvent(
            "m.room.power_levels",
            { users: { [MOD]: 100, [BOB]: 100 }, state_default: 50 },
            { sender: MOD },
          ),
          welcomeEvent("v1", undefined, { unstable: true }),
        ],
      }),
    );
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.click(screen.getByRole("button", { name: "Remove welcome message" }));
    await screen.findByText("Welcome message removed.");
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [stateEvent("org.matrix.msc3857.welcome", {}, { sender: MOD })] } },
      }),
    );
    // The next save's echo reaches the client before the PUT's response (common on a fast sync).
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    script.route({ path: /\/state\//, method: "PUT" }, async () => {
      await gate;
      return { json: { event_id: "$mine:example.org" } };
    });
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v2" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(script.requestsTo(/\/state\//, "PUT").length).toBeGreaterThan(1));
    const mine = welcomeEvent("v2", undefined, { unstable: true, eventId: "$mine:example.org", sender: MOD });
    await act(() => script.push({ join: { [ROOM]: { timeline: [mine] } } }));
    await act(async () => release());
    await screen.findByText("Welcome message saved.");
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v2 and more" } });
    // Bob removes the welcome: saving now would silently bring it back.
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [stateEvent("org.matrix.msc3857.welcome", {}, { sender: BOB })] } },
      }),
    );
    expect(screen.queryByRole("button", { name: "Remove welcome message" })).toBeNull(); // the removal arrived
    expect(screen.getByText(NOTICE)).toBeInTheDocument();
  });
});

describe("isTooDeeplyNested misses shapes that still freeze micromark", () => {
  it("list markers after a lone CR (a line ending micromark honours) are counted", () => {
    expect(isTooDeeplyNested(`- ${"- ".repeat(100)}x`)).toBe(true); // sanity: the LF form is caught
    expect(isTooDeeplyNested(`a\r${"- ".repeat(100)}x`)).toBe(true);
  });

  it("list markers on a continuation line indented 4+ spaces inside a list item are counted", () => {
    expect(isTooDeeplyNested(`- a\n    ${"- ".repeat(100)}x`)).toBe(true);
  });

  // (micromark takes 8-20 s on this; no timing assertion here: the guard routes it around the parser.)
  it("a 16 KB run of alternating emphasis delimiters is rendered as escaped text, not parsed", async () => {
    expect(isTooDeeplyNested("*_".repeat(8_000))).toBe(true);
    expect(isTooDeeplyNested("Be *kind*, and read the _rules_. ".repeat(100))).toBe(false);
    const md = await loadMarkdown();
    expect(md("*_".repeat(8_000))).toBe(`<p>${"*_".repeat(8_000)}</p>`);
  });

  it("deep indentation from ASCII art in a code block is not taken for nesting", () => {
    expect(isTooDeeplyNested(`\`\`\`\n${" ".repeat(120)}/\\\n\`\`\``)).toBe(false);
  });
});

describe("WelcomeStore roomName", () => {
  it("with a whitespace-only m.room.name, roomName follows a canonical alias change", async () => {
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(
      client,
      welcomeRoom(ME, ROOM, {
        name: "   ",
        welcome: [stateEvent("m.room.canonical_alias", { alias: "#old:example.org" }, { sender: MOD })],
      }),
    );
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    expect(result.current.roomName).toBe("#old:example.org");
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: [stateEvent("m.room.canonical_alias", { alias: "#new:example.org" }, { sender: MOD })],
          },
        },
      }),
    );
    expect(result.current.roomName).toBe("#new:example.org");
  });
});

describe("newest edit of a fetched notice on equal timestamps", () => {
  it("two edits with the same origin_server_ts: the lexicographically larger event_id wins (spec), whatever the arrival order", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script } = await world(noticesRoom(ME, { pinned: [notice.event_id] }));
    script.serveEvent(NOTICES_ROOM, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 10"]));
    const a = {
      ...editOf(notice.event_id, "Maintenance at 11"),
      event_id: "$edit-a:example.org",
      origin_server_ts: 5_000,
    };
    const b = {
      ...editOf(notice.event_id, "Maintenance at 12"),
      event_id: "$edit-b:example.org",
      origin_server_ts: 5_000,
    };
    await act(() => script.push({ join: { [NOTICES_ROOM]: { timeline: [a, b] } } }));
    // What the homeserver would bundle, and what the SDK itself shows for an event in its timeline.
    expect(bodies(result)).toEqual(["Maintenance at 12"]);
  });
});

describe("MSC4279 typed rooms from the user's own server", () => {
  it("a room another local account created with type m.server_notice is not taken for the notices room (app named its notices sender)", async () => {
    const MALLORY = "@mallory:example.org"; // an ordinary account on the user's (public) homeserver
    const FAKE = "!fake:example.org";
    const fake = serverNoticeEvent("Your account will be deleted: verify at https://evil.example", {
      sender: MALLORY,
    });
    const { client } = await world({
      join: {
        [FAKE]: {
          state: [
            createEvent({ creator: MALLORY, roomType: "m.server_notice" }),
            memberEvent(MALLORY, "join"),
            memberEvent(ME, "join", { prevMembership: "invite", sender: ME }),
            pinnedEventsEvent([fake.event_id], { sender: MALLORY }),
          ],
          timeline: [fake],
        },
      },
    });
    const { result } = renderHook(() => useServerNotices(client, { noticesUserIds: [NOTICES_USER] }));
    expect(result.current.room).toBeNull();
    expect(bodies(result)).toEqual([]);
  });
});

describe("one fetch in flight per pinned event", () => {
  it("a remount while the first fetch is still out does not start a second request for the same event", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await world(noticesRoom(ME, { pinned: [notice.event_id] }));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    script.route({ path: /\/event\// }, async () => {
      await gate;
      return { json: { ...notice, room_id: NOTICES_ROOM } };
    });
    const first = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    first.unmount(); // e.g. StrictMode's double mount, or navigating between two pages with a banner
    const { result } = renderHook(() => useServerNotices(client));
    await act(async () => release());
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 10"]));
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
  });
});

describe("WelcomeDialog dismissed without marking seen, then a later join", () => {
  it("given the dialog was dismissed (not marked seen), when the user leaves and rejoins with showOn every-join, it opens again", async () => {
    const user = userEvent.setup();
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(client, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore: createMemorySeenStore(), showOn: "every-join" }}
        markSeenOnDismiss={false}
      />,
    );
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } } }),
    );
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [memberEvent(ME, "join", { prevMembership: "leave" })] } } }),
    );
    expect(await screen.findByRole("dialog")).toBeInTheDocument();
  });
});

describe("welcome HTML that only seems to show something", () => {
  it("an image tag inside an attribute value is not visible content: the plain text shows", async () => {
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(
      client,
      welcomeRoom(ME, ROOM, {
        welcome: [welcomeEvent("Read the rules.", '<p><span data-mx-spoiler="<img src=x>"></span></p>')],
      }),
    );
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    expect(result.current.message?.html).toBeUndefined();
    expect(result.current.message?.text).toBe("Read the rules.");
  });
});
