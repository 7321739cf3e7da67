/**
 * Which tagged room counts as the notices room when someone other than the homeserver got the tag onto a room, and
 * whose pinned notices count there. Room tags are the user's own account data, but Synapse (older versions at least)
 * copies them from a room's `predecessor` when the homeserver first joins that room, without checking for a
 * tombstone: a remote attacker who names the user's notices room as the predecessor of a room of their own gets the
 * `m.server_notice` tag onto it, and the user joining it (an ordinary invite) gives the kit two joined tagged rooms.
 * The attacker also chooses the create event's timestamp. Through the real sync pipeline.
 */
import { act, render, renderHook, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, pickNoticesRoom, useServerNotices } from "../../src";
import {
  createEvent,
  memberEvent,
  nameEvent,
  pinnedEventsEvent,
  type RawEvent,
  serverNoticeEvent,
  stateEvent,
  tagEvent,
  usageLimitNoticeEvent,
} from "../support/events";
import { mergeBatches, NOTICES_ROOM, NOTICES_USER, noticesRoom } from "../support/scenarios";
import { type SyncBatch, SyncScript } from "../support/syncScript";
import { noticeBodies, startWorld } from "../support/world";

const ME = "@alice:example.org";
/** A user of another homeserver. */
const REMOTE_MALLORY = "@mallory:evil.example";
/** An ordinary account on the user's own homeserver. */
const LOCAL_MALLORY = "@mallory:example.org";
const FAKE = "!dm:evil.example";
/** The year 3000: a create timestamp the attacker's server chose. */
const YEAR_3000 = 32503680000000;

/** A room `creator` made naming the notices room as its predecessor, joined by the user, carrying the copied tag. */
function taggedRoomBy(creator: string, opts: { createdTs?: number; roomId?: string; create?: boolean } = {}) {
  const fakeLimit = usageLimitNoticeEvent("hs_disabled", "https://example-org-support.evil.example/login", {
    body: "Your account is suspended. Re-verify your password within 24 hours or it will be deleted.",
    sender: creator,
  });
  const fakeNotice = serverNoticeEvent(
    "Security notice: sign in again at https://matrix-example.org.evil.example",
    {
      sender: creator,
    },
  );
  const state: RawEvent[] = [
    memberEvent(creator, "join"),
    memberEvent(ME, "join", { prevMembership: "invite" }),
    nameEvent("Mallory", { sender: creator }),
    pinnedEventsEvent([fakeLimit.event_id, fakeNotice.event_id], { sender: creator }),
  ];
  if (opts.create !== false) state.unshift(predecessorCreate(creator, opts.createdTs ?? YEAR_3000));
  const batch: SyncBatch = {
    join: {
      [opts.roomId ?? FAKE]: {
        state,
        timeline: [fakeLimit, fakeNotice],
        // What Synapse copied from the predecessor.
        accountData: [tagEvent({ "m.server_notice": { order: 0.5 } })],
      },
    },
  };
  return { batch, fakeLimit, fakeNotice };
}

/** `creator`'s create event naming the notices room as the predecessor. */
function predecessorCreate(creator: string, ts: number): RawEvent {
  return createEvent({ creator, ts, predecessor: NOTICES_ROOM });
}

const REAL_BODY = "Planned maintenance Sunday 02:00 UTC";

/** The homeserver's notices room, created by its notices user, with one pinned notice. */
function genuine(extra: RawEvent[] = []) {
  const real = serverNoticeEvent(REAL_BODY, { sender: NOTICES_USER });
  return noticesRoom(ME, {
    pinned: [real.event_id, ...extra.map((e) => e.event_id)],
    timeline: [real, ...extra],
    createdTs: 1_000,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `useServerNotices` mounted on a client before its first sync, which brings `batch`. */
async function mountedBeforeFirstSync(batch: SyncBatch) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  const { result } = renderHook(() => useServerNotices(client));
  await act(() => script.start(client, batch));
  await act(() => sleep(20));
  return { result, client };
}

describe("a tagged room created on another homeserver is not the notices room", () => {
  it("given the genuine room and a remote user's tagged room created 'in the year 3000', with default options the genuine room is chosen and shows its notice alone", async () => {
    const { client } = await startWorld(ME, mergeBatches(genuine(), taggedRoomBy(REMOTE_MALLORY).batch));
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(noticeBodies(result)).toEqual([REAL_BODY]);
  });

  it("given both rooms and noticesUserIds naming the real sender, no notice of the remote user's shows", async () => {
    const { client } = await startWorld(ME, mergeBatches(genuine(), taggedRoomBy(REMOTE_MALLORY).batch));
    const { result } = renderHook(() => useServerNotices(client, { noticesUserIds: [NOTICES_USER] }));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(result.current.notices.map((n) => n.sender)).not.toContain(REMOTE_MALLORY);
    expect(noticeBodies(result)).toEqual([REAL_BODY]);
  });

  it("given a remote tagged room simply created later than the genuine one, the banner shows the genuine notice and no forged alert or link", async () => {
    const { client } = await startWorld(
      ME,
      mergeBatches(genuine(), taggedRoomBy(REMOTE_MALLORY, { createdTs: 2_000 }).batch),
    );
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    expect(await screen.findByText(/Planned maintenance/)).toBeTruthy();
    expect(screen.queryByText(/Re-verify your password/)).toBeNull();
    expect(screen.queryByText(/sign in again/)).toBeNull();
    expect(document.body.innerHTML).not.toContain("evil.example");
  });

  it("given only the remote user's tagged room (the user never joined the genuine one), there is no notices room, with or without noticesUserIds", async () => {
    const { client } = await startWorld(ME, taggedRoomBy(REMOTE_MALLORY, { createdTs: 2_000 }).batch);
    for (const options of [{}, { noticesUserIds: [NOTICES_USER] }]) {
      const { result, unmount } = renderHook(() => useServerNotices(client, options));
      expect(result.current.room).toBeNull();
      expect(result.current.notices).toEqual([]);
      unmount();
    }
  });

  it("given the remote user's tagged room arriving live after the genuine one, the genuine room stays the notices room", async () => {
    const { client, script } = await startWorld(ME, genuine());
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    await act(() => script.push(taggedRoomBy(REMOTE_MALLORY).batch));
    await act(() => sleep(20));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(noticeBodies(result)).toEqual([REAL_BODY]);
  });

  it("given a tagged room whose creator is not known, it still counts; once its create event shows a remote creator, it no longer does", async () => {
    const { client, script } = await startWorld(ME, taggedRoomBy(REMOTE_MALLORY, { create: false }).batch);
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room?.roomId).toBe(FAKE);
    await act(() => script.push({ join: { [FAKE]: { state: [predecessorCreate(REMOTE_MALLORY, 2_000)] } } }));
    await act(() => sleep(20));
    expect(result.current.room).toBeNull();
    expect(result.current.notices).toEqual([]);
  });

  it("control: a tagged room a local user created still counts, with default options", async () => {
    const { client } = await startWorld(ME, genuine());
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(noticeBodies(result)).toEqual([REAL_BODY]);
  });
});

describe("with noticesUserIds, a tagged room a listed sender created comes before other tagged rooms", () => {
  it("given the genuine room and a local user's tagged room created 'in the year 3000', the genuine room is chosen", async () => {
    const { client } = await startWorld(
      ME,
      mergeBatches(genuine(), taggedRoomBy(LOCAL_MALLORY, { roomId: "!fake:example.org" }).batch),
    );
    const { result } = renderHook(() => useServerNotices(client, { noticesUserIds: [NOTICES_USER] }));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(noticeBodies(result)).toEqual([REAL_BODY]);
    expect(pickNoticesRoom(client.getRooms(), [NOTICES_USER])?.roomId).toBe(NOTICES_ROOM);
  });
});

describe("a tagged room claiming to succeed the notices room counts only once the notices room's tombstone names it", () => {
  const LOCAL_FAKE = "!fake:example.org";
  const tombstone = (replacement: string) =>
    stateEvent(
      "m.room.tombstone",
      { body: "upgraded", replacement_room: replacement },
      { sender: NOTICES_USER },
    );
  /** The genuine room, its tombstone naming `replacement`. */
  const tombstoned = (replacement: string) => {
    const batch = genuine();
    batch.join?.[NOTICES_ROOM]?.state?.push(tombstone(replacement));
    return batch;
  };

  it("given a local user's tagged room created 'in the year 3000' naming the notices room as its predecessor, without noticesUserIds the genuine room is chosen and shows its notice alone", async () => {
    const { client } = await startWorld(
      ME,
      mergeBatches(genuine(), taggedRoomBy(LOCAL_MALLORY, { roomId: LOCAL_FAKE }).batch),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(noticeBodies(result)).toEqual([REAL_BODY]);
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    expect(await screen.findByText(/Planned maintenance/)).toBeTruthy();
    expect(screen.queryByText(/Re-verify your password/)).toBeNull();
  });

  it("given the hook mounted before a first sync in which the claiming room comes before the genuine one, the genuine room is chosen", async () => {
    const { result } = await mountedBeforeFirstSync(
      mergeBatches(taggedRoomBy(LOCAL_MALLORY, { roomId: LOCAL_FAKE }).batch, genuine()),
    );
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(noticeBodies(result)).toEqual([REAL_BODY]);
  });

  it("given the user left the notices room, and a first sync brings it (left) after the claiming room, the claiming room is no notices room", async () => {
    const left = genuine().join?.[NOTICES_ROOM];
    const { result, client } = await mountedBeforeFirstSync(
      mergeBatches(taggedRoomBy(LOCAL_MALLORY, { roomId: LOCAL_FAKE }).batch, {
        leave: {
          [NOTICES_ROOM]: {
            state: [...(left?.state ?? []), memberEvent(ME, "leave")],
            accountData: left?.accountData ?? [],
          },
        },
      }),
    );
    expect(client.getRoom(NOTICES_ROOM)).not.toBeNull();
    expect(result.current.room).toBeNull();
    expect(result.current.notices).toEqual([]);
  });

  it("given a notices room naming a predecessor id that is an Object.prototype member ('constructor'), it still counts (no such room is known)", async () => {
    const batch = genuine();
    const state = batch.join?.[NOTICES_ROOM]?.state ?? [];
    state[0] = createEvent({ creator: NOTICES_USER, ts: 1_000, predecessor: "constructor" });
    const { client } = await startWorld(ME, batch);
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(noticeBodies(result)).toEqual([REAL_BODY]);
  });

  it("control: given the notices room upgraded (its tombstone names the new room), the new room is the notices room", async () => {
    const upgraded = taggedRoomBy(NOTICES_USER, { roomId: LOCAL_FAKE, createdTs: 2_000 });
    const { client } = await startWorld(ME, mergeBatches(tombstoned(LOCAL_FAKE), upgraded.batch));
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room?.roomId).toBe(LOCAL_FAKE);
    expect(pickNoticesRoom(client.getRooms().filter((r) => r.tags["m.server_notice"]))?.roomId).toBe(
      LOCAL_FAKE,
    );
  });

  it("given the new room joined before the notices room's tombstone arrives, the genuine room counts until the tombstone names the new one", async () => {
    const upgraded = taggedRoomBy(NOTICES_USER, { roomId: LOCAL_FAKE, createdTs: 2_000 });
    const { client, script } = await startWorld(ME, mergeBatches(genuine(), upgraded.batch));
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    await act(() => script.push({ join: { [NOTICES_ROOM]: { timeline: [tombstone(LOCAL_FAKE)] } } }));
    await act(() => sleep(20));
    expect(result.current.room?.roomId).toBe(LOCAL_FAKE);
  });

  it("given the notices room's tombstone names another room, the claiming room still does not count", async () => {
    const { client } = await startWorld(
      ME,
      mergeBatches(
        tombstoned("!elsewhere:example.org"),
        taggedRoomBy(LOCAL_MALLORY, { roomId: LOCAL_FAKE }).batch,
      ),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
  });
});

describe("with noticesUserIds, pinned notices from senders not listed are ignored", () => {
  const forged = () => serverNoticeEvent("Forged by a member", { sender: "@member:example.org" });

  it("given a member's pinned m.server_notice in the genuine room, it is neither in notices nor in pinnedEvents, and the banner does not show it", async () => {
    const f = forged();
    const { client } = await startWorld(ME, genuine([f]));
    const { result } = renderHook(() => useServerNotices(client, { noticesUserIds: [NOTICES_USER] }));
    expect(noticeBodies(result)).toEqual([REAL_BODY]);
    expect(result.current.pinnedEvents.map((e) => e.getId())).not.toContain(f.event_id);
    render(
      <NoticeBanner
        client={client}
        dismissStore={createMemoryDismissStore()}
        options={{ noticesUserIds: [NOTICES_USER] }}
      />,
    );
    expect(await screen.findByText(/Planned maintenance/)).toBeTruthy();
    expect(screen.queryByText(/Forged by a member/)).toBeNull();
  });

  it("control: without noticesUserIds, a pinned notice from any sender in the genuine room shows as today", async () => {
    const { client } = await startWorld(ME, genuine([forged()]));
    const { result } = renderHook(() => useServerNotices(client));
    expect(noticeBodies(result)).toEqual([REAL_BODY, "Forged by a member"]);
  });

  it("given a room a sender no longer listed created, that sender's notices still show, a member's do not", async () => {
    const NEW_SENDER = "@system:example.org";
    const f = forged();
    const { client } = await startWorld(ME, genuine([f]));
    const { result } = renderHook(() => useServerNotices(client, { noticesUserIds: [NEW_SENDER] }));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(noticeBodies(result)).toEqual([REAL_BODY]);
  });
});
