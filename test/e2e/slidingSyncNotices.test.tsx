/**
 * Server notices through Simplified Sliding Sync against a real Synapse, with a notices list of timeline_limit 1:
 * pins older than the timeline, the room leaving and re-entering the list's window, and a client started again with a
 * new sliding sync. matrix-js-sdk's sliding sync resets no timeline at a gap (`limited`, `initial`): it appends what
 * follows, so the kit hears the gaps from the sliding sync and checks its pinned notices with the server again.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { ClientEvent, type MatrixClient, SyncState } from "matrix-js-sdk";
import type { MSC3575List, SlidingSync } from "matrix-js-sdk/lib/sliding-sync.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, useServerNotices, useServerNoticesRoom } from "../../src";
import {
  connect,
  KIT_REQUIRED_STATE,
  NOTICES_USER_ID,
  pinServerNotices,
  type RegisteredUser,
  type SynapseServer,
  sendServerNotice,
  slidingSyncClient,
  slidingSyncFor,
  startServer,
  stopClients,
  until,
  waitForSyncState,
} from "./harness";

let server: SynapseServer;
let admin: RegisteredUser;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const opts = { noticesUserIds: [NOTICES_USER_ID], autoJoin: true };

beforeAll(async () => {
  server = await startServer();
  admin = await server.registerUser("admin", { admin: true });
});
afterAll(async () => {
  stopClients();
  await server?.stop();
});

const notice = (body: string) => ({ msgtype: "m.server_notice", body });
const edit = (id: string, body: string) => ({
  msgtype: "m.server_notice",
  body: `* ${body}`,
  "m.new_content": { msgtype: "m.server_notice", body },
  "m.relates_to": { rel_type: "m.replace", event_id: id },
});

function noticesList(ranges: number[][] = [[0, 0]]): MSC3575List {
  return {
    ranges,
    timeline_limit: 1,
    required_state: KIT_REQUIRED_STATE,
    filters: { tags: ["m.server_notice"] } as never,
  };
}

/** A sliding sync with one list, of the notices room (by its tag), 3 s long-polls. */
const newSlidingSync = (client: MatrixClient, ranges?: number[][]) =>
  slidingSyncFor(server, client, "notices", noticesList(ranges));

async function startSliding(user: RegisteredUser, ranges?: number[][]) {
  const { client, ss } = slidingSyncClient(server, user, "notices", noticesList(ranges));
  const prepared = waitForSyncState(client, [SyncState.Prepared, SyncState.Syncing]);
  await client.startClient({ slidingSync: ss } as never);
  await prepared;
  return { client, ss };
}

/** Stops the client and its sliding sync; the function returned starts it again with a new one (`initial` again). */
async function restart(client: MatrixClient, ss: SlidingSync) {
  client.stopClient();
  ss.stop();
  return async () => {
    const syncing = waitForSyncState(client, [SyncState.Syncing]);
    await client.startClient({ slidingSync: newSlidingSync(client) } as never);
    await syncing;
  };
}

/** Pins a "Maintenance at 10." notice behind three newer ones (older than the list's timeline), and shows it. */
async function bannerWithOldPin(user: RegisteredUser, client: MatrixClient) {
  const pinned = await sendServerNotice(server, admin, user.userId, notice("Maintenance at 10."));
  await sendNotices(user, "filler");
  await pinServerNotices(server, admin, user.userId, [pinned]);
  const view = render(
    <NoticeBanner client={client} options={opts} dismissStore={createMemoryDismissStore()} />,
  );
  await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("Maintenance at 10."), {
    timeout: 15_000,
  });
  return { pinned, view };
}

/** Three notices `<prefix> 0` to `<prefix> 2`, which push older ones out of a timeline of 1. */
async function sendNotices(user: RegisteredUser, prefix: string) {
  for (let i = 0; i < 3; i++) await sendServerNotice(server, admin, user.userId, notice(`${prefix} ${i}`));
}

/** The client's joined notices room, once "later 2" (the last of the notices after a gap) is in its live timeline. */
async function untilLaterNotices(client: MatrixClient) {
  const room = await until("the notices room", () =>
    client.getRooms().find((r) => r.getMyMembership() === "join"),
  );
  await until("later 2 in the timeline", () =>
    room
      .getLiveTimeline()
      .getEvents()
      .some((e) => e.getContent().body === "later 2"),
  );
  return room;
}

/**
 * Moves the notices room out of the list's window, edits the pinned notice to "Maintenance at 11." and sends three
 * more (the room comes back with a gap), then brings the room back and waits for the last of them.
 */
async function editWhileOutOfWindow(
  user: RegisteredUser,
  client: MatrixClient,
  ss: SlidingSync,
  pinned: string,
) {
  ss.setListRanges("notices", [[1, 1]]);
  await responses(client, 1);
  await sendServerNotice(server, admin, user.userId, edit(pinned, "Maintenance at 11."));
  await sendNotices(user, "later");
  await sleep(1000);
  ss.setListRanges("notices", [[0, 0]]);
  await untilLaterNotices(client);
}

/** The notices sender redacts `eventId` in the user's notices room (through Synapse's server notices admin API). */
async function redactAsNotices(user: RegisteredUser, eventId: string) {
  await server.adminRequest(
    "POST",
    "/_synapse/admin/v1/send_server_notice",
    { user_id: user.userId, type: "m.room.redaction", content: { redacts: eventId } },
    admin.accessToken,
  );
}

/** Waits until the client has seen `n` more sync responses. */
function responses(client: MatrixClient, n: number) {
  return new Promise<void>((resolve) => {
    let seen = 0;
    const on = (state: SyncState) => {
      if (state === SyncState.Syncing && ++seen >= n) {
        client.off(ClientEvent.Sync, on);
        resolve();
      }
    };
    client.on(ClientEvent.Sync, on);
  });
}

/** A user whose notices room is joined and seen by the sliding client, with `count` notices (all but the last old). */
async function userWithNoticesRoom(name: string) {
  const user = await server.registerUser(name);
  const { client, ss } = await startSliding(user);
  const hook = renderHook(() => useServerNoticesRoom(client, opts));
  const first = await sendServerNotice(server, admin, user.userId, notice("First notice."));
  await waitFor(() => expect(hook.result.current.room).not.toBeNull(), { timeout: 20_000 });
  hook.unmount();
  return { user, client, ss, first };
}

describe("pinned notices older than timeline_limit 1", () => {
  it("a pin of an event older than the list's timeline is fetched and shown", async () => {
    const { user, client, first } = await userWithNoticesRoom("p1");
    await sendNotices(user, "filler");
    await pinServerNotices(server, admin, user.userId, [first]);
    render(<NoticeBanner client={client} options={opts} dismissStore={createMemoryDismissStore()} />);
    const banner = await screen.findByRole("group", {}, { timeout: 15_000 });
    expect(banner).toHaveTextContent("First notice.");
  });
});

describe("the notices room leaving and re-entering the list window (same connection)", () => {
  it("an edit of a fetched pinned notice made while the room was out of the window shows after it comes back (banner unmounted meanwhile)", async () => {
    const { user, client, ss } = await userWithNoticesRoom("p2");
    const { pinned, view } = await bannerWithOldPin(user, client);
    view.unmount();
    await editWhileOutOfWindow(user, client, ss, pinned);
    render(<NoticeBanner client={client} options={opts} dismissStore={createMemoryDismissStore()} />);
    await act(() => sleep(3000));
    expect(screen.getByRole("group")).toHaveTextContent("Maintenance at 11.");
  });

  it("same, with the banner mounted the whole time", async () => {
    const { user, client, ss } = await userWithNoticesRoom("p3");
    const { pinned } = await bannerWithOldPin(user, client);
    await editWhileOutOfWindow(user, client, ss, pinned);
    await act(() => sleep(3000));
    expect(screen.getByRole("group")).toHaveTextContent("Maintenance at 11.");
  });

  it("control: the same edit arriving live (room in the window) shows", async () => {
    const { user, client } = await userWithNoticesRoom("p4");
    const { pinned } = await bannerWithOldPin(user, client);
    await sendServerNotice(server, admin, user.userId, edit(pinned, "Maintenance at 11."));
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("Maintenance at 11."), {
      timeout: 10_000,
    });
  });

  it("the sliding-sync client stopped and started again with a new SlidingSync (initial: true again): an edit made meanwhile shows (banner unmounted meanwhile)", async () => {
    const { user, client, ss } = await userWithNoticesRoom("p5");
    const { pinned, view } = await bannerWithOldPin(user, client);
    view.unmount();
    const start = await restart(client, ss);
    const editId = await sendServerNotice(server, admin, user.userId, edit(pinned, "Maintenance at 11."));
    await sendNotices(user, "later");
    await start();
    const room = await untilLaterNotices(client);
    expect(room.findEventById(editId)).toBeUndefined(); // the gap hid the edit
    expect(
      room
        .getLiveTimeline()
        .getEvents()
        .some((e) => e.getContent().body === "later 1"),
    ).toBe(false);
    render(<NoticeBanner client={client} options={opts} dismissStore={createMemoryDismissStore()} />);
    await act(() => sleep(3000));
    expect(screen.getByRole("group")).toHaveTextContent("Maintenance at 11.");
  });
});

describe("an edit seen live, redacted while the room was out of the window", () => {
  it("the notice from the timeline shows its original text once the room is back", async () => {
    const { user, client, ss } = await userWithNoticesRoom("e1");
    const pinned = await sendServerNotice(server, admin, user.userId, notice("Maintenance at 10."));
    await pinServerNotices(server, admin, user.userId, [pinned]);
    render(<NoticeBanner client={client} options={opts} dismissStore={createMemoryDismissStore()} />);
    const editId = await sendServerNotice(server, admin, user.userId, edit(pinned, "Maintenance at 11."));
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("Maintenance at 11."), {
      timeout: 15_000,
    });
    ss.setListRanges("notices", [[1, 1]]);
    await responses(client, 1);
    await redactAsNotices(user, editId);
    await sendNotices(user, "later");
    await sleep(1000);
    ss.setListRanges("notices", [[0, 0]]);
    await untilLaterNotices(client);
    await act(() => sleep(3000));
    expect(screen.getByRole("group")).toHaveTextContent("Maintenance at 10.");
    expect(screen.getByRole("group")).not.toHaveTextContent("Maintenance at 11.");
  });
});

describe("redactions and dismissals across a new connection", () => {
  it("a fetched pinned notice the admin redacts while the client is stopped is gone after the restart", async () => {
    const { user, client, ss } = await userWithNoticesRoom("r1");
    const { pinned, view } = await bannerWithOldPin(user, client);
    view.unmount();
    const start = await restart(client, ss);
    await redactAsNotices(user, pinned);
    await sendNotices(user, "later");
    await start();
    await untilLaterNotices(client);
    render(<NoticeBanner client={client} options={opts} dismissStore={createMemoryDismissStore()} />);
    await act(() => sleep(3000));
    expect(screen.queryByRole("group")).toBeNull();
  });

  it("a dismissal survives the room coming back with initial: true, and the notice is counted once", async () => {
    const { user, client, ss } = await userWithNoticesRoom("r2");
    const pinned = await sendServerNotice(server, admin, user.userId, notice("Maintenance at 10."));
    const recent = await sendServerNotice(server, admin, user.userId, notice("Quota changes."));
    await pinServerNotices(server, admin, user.userId, [pinned, recent]);
    const dismissStore = createMemoryDismissStore();
    const hook = renderHook(() => useServerNotices(client, opts));
    render(<NoticeBanner client={client} options={opts} dismissStore={dismissStore} />);
    await waitFor(() => expect(screen.getAllByRole("group")).toHaveLength(2), { timeout: 15_000 });
    dismissStore.dismiss(pinned);
    await waitFor(() => expect(screen.getAllByRole("group")).toHaveLength(1));
    const start = await restart(client, ss);
    await sendServerNotice(server, admin, user.userId, notice("later"));
    await start();
    await act(() => sleep(4000));
    expect(hook.result.current.notices.map((n) => n.notice.body)).toEqual([
      "Maintenance at 10.",
      "Quota changes.",
    ]);
    expect(screen.getAllByRole("group")).toHaveLength(1);
    expect(screen.getByRole("group")).toHaveTextContent("Quota changes.");
  });
});

describe("pins changed while the room is out of the window; a room first outside the range", () => {
  it("unpin and a new pin of an old notice while out of the window: after re-entry the banner follows", async () => {
    const { user, client, ss } = await userWithNoticesRoom("w1");
    const a = await sendServerNotice(server, admin, user.userId, notice("Notice A."));
    const b = await sendServerNotice(server, admin, user.userId, notice("Notice B."));
    await sendNotices(user, "filler");
    await pinServerNotices(server, admin, user.userId, [a]);
    render(<NoticeBanner client={client} options={opts} dismissStore={createMemoryDismissStore()} />);
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("Notice A."), {
      timeout: 15_000,
    });
    ss.setListRanges("notices", [[1, 1]]);
    await responses(client, 1);
    await pinServerNotices(server, admin, user.userId, []);
    await pinServerNotices(server, admin, user.userId, [b]);
    await sendNotices(user, "later");
    await sleep(500);
    expect(screen.getByRole("group")).toHaveTextContent("Notice A."); // out of the window: nothing new yet
    ss.setListRanges("notices", [[0, 0]]);
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("Notice B."), {
      timeout: 15_000,
    });
    expect(screen.getAllByRole("group")).toHaveLength(1);
  });

  it("a notices room outside the list's range from the start shows its pinned notice once the range covers it", async () => {
    const user = await server.registerUser("w2");
    const first = await sendServerNotice(server, admin, user.userId, notice("Before login."));
    // Join it through a throwaway sync v2 client, so the room exists and is tagged.
    const v2 = await connect(server, user);
    const h = renderHook(() => useServerNoticesRoom(v2, opts));
    await waitFor(() => expect(h.result.current.room).not.toBeNull(), { timeout: 20_000 });
    h.unmount();
    stopClients(v2);
    await sendNotices(user, "filler");
    await pinServerNotices(server, admin, user.userId, [first]);
    const { client, ss } = await startSliding(user, [[1, 1]]);
    render(<NoticeBanner client={client} options={opts} dismissStore={createMemoryDismissStore()} />);
    await act(() => sleep(1000));
    expect(screen.queryByRole("group")).toBeNull();
    ss.setListRanges("notices", [[0, 0]]);
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("Before login."), {
      timeout: 15_000,
    });
  });
});

/** Counts the client's requests for single events (`/event/`, `/context/`): the kit's checks of pinned notices. */
function countEventFetches(client: MatrixClient): () => number {
  let fetches = 0;
  const request = client.http.authedRequest.bind(client.http);
  client.http.authedRequest = ((...args: Parameters<typeof request>) => {
    if (/\/(event|context)\//.test(String(args[1]))) fetches += 1;
    return request(...args);
  }) as typeof request;
  return () => fetches;
}

/** Opens the notices room as an app does (a room subscription with a larger timeline), and waits for its data. */
async function openRoom(client: MatrixClient, ss: SlidingSync, roomId: string) {
  ss.addCustomSubscription("open", { timeline_limit: 10, required_state: KIT_REQUIRED_STATE });
  // biome-ignore lint/correctness/useHookAtTopLevel: the SDK's SlidingSync method, not a React hook.
  ss.useCustomSubscription(roomId, "open");
  ss.modifyRoomSubscriptions(new Set([roomId]));
  await act(async () => {
    await responses(client, 2);
    await sleep(1500);
  });
}

describe("opening the notices room (a room subscription with timeline_limit 10; Synapse sends it limited)", () => {
  it("costs no check of the pinned notices with the server when its timeline reaches back to what the client had, also opened twice", async () => {
    const { user, client, ss } = await userWithNoticesRoom("o1");
    await bannerWithOldPin(user, client);
    const roomId = client.getRooms().find((r) => r.getMyMembership() === "join")!.roomId;
    const fetches = countEventFetches(client);
    await openRoom(client, ss, roomId);
    ss.modifyRoomSubscriptions(new Set());
    await act(() => responses(client, 1));
    await openRoom(client, ss, roomId);
    expect(fetches()).toBe(0);
    expect(screen.getByRole("group")).toHaveTextContent("Maintenance at 10.");
  });

  for (const [later, gap] of [
    [3, false],
    [12, true],
  ] as const)
    it(`an edit and ${later} notices while the room was out of the window, then opened: the edit shows (${gap ? "a real gap: checked with the server" : "no gap: no check"})`, async () => {
      const { user, client, ss } = await userWithNoticesRoom(`o${later}`);
      const { pinned } = await bannerWithOldPin(user, client);
      const roomId = client.getRooms().find((r) => r.getMyMembership() === "join")!.roomId;
      ss.setListRanges("notices", [[1, 1]]);
      await act(() => responses(client, 1));
      await sendServerNotice(server, admin, user.userId, edit(pinned, "Maintenance at 11."));
      for (let i = 0; i < later; i++) await sendServerNotice(server, admin, user.userId, notice(`late ${i}`));
      const fetches = countEventFetches(client);
      await openRoom(client, ss, roomId);
      await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("Maintenance at 11."), {
        timeout: 10_000,
      });
      expect(fetches()).toBe(gap ? 1 : 0);
    });
});
