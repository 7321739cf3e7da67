/**
 * Who may make a room the notices room. The spec identifies it by the homeserver's `m.server_notice` tag; MSC4279's
 * room type alone proves nothing, since any account can create a room of that type. Through the real sync pipeline.
 */
import { act, render, renderHook, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, useServerNotices, useServerNoticesRoom } from "../../src";
import {
  createEvent,
  memberEvent,
  messageEvent,
  nameEvent,
  pinnedEventsEvent,
  serverNoticeEvent,
  tagEvent,
} from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom } from "../support/scenarios";
import { type SyncBatch, SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";
/** An ordinary account on the user's own (open-registration) homeserver. */
const MALLORY = "@mallory:example.org";
const FAKE = "!fake-notices:example.org";

/** An invite from the notices user to a room typed `m.server_notice` (invites carry no tags). */
const typedInviteFromNoticesUser = (): SyncBatch => ({
  invite: {
    [NOTICES_ROOM]: [
      createEvent({ creator: NOTICES_USER, roomType: "m.server_notice" }),
      memberEvent(ME, "invite", { sender: NOTICES_USER }),
    ],
  },
});

async function world(initial: SyncBatch = {}) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, initial);
  return { script, client };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A room Mallory created with MSC4279's room type, that the user joined, pinning Mallory's fake notice. */
function malloryTypedRoom() {
  const fakeNotice = serverNoticeEvent("Your account will be deleted: verify at https://evil.example", {
    sender: MALLORY,
  });
  const batch: SyncBatch = {
    join: {
      [FAKE]: {
        state: [
          createEvent({ creator: MALLORY, roomType: "m.server_notice" }),
          memberEvent(MALLORY, "join"),
          memberEvent(ME, "join", { prevMembership: "invite", sender: ME }),
          nameEvent("Server Notices", { sender: MALLORY }),
          pinnedEventsEvent([fakeNotice.event_id], { sender: MALLORY }),
        ],
        timeline: [fakeNotice],
      },
    },
  };
  return { fakeNotice, batch };
}

describe("a room typed m.server_notice by an ordinary account is not the notices room", () => {
  it("given another local user's untagged room of that type, with default options no banner shows its pinned notice", async () => {
    const { fakeNotice, batch } = malloryTypedRoom();
    const { client } = await world(batch);
    const { result } = renderHook(() => useServerNotices(client));
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    expect(screen.queryByText(/verify at/)).toBeNull();
    expect(result.current.room).toBeNull();
    expect(result.current.notices.map((n) => n.eventId)).not.toContain(fakeNotice.event_id);
  });

  it("given autoJoin and default options, an invite from another local user to a room of that type is not accepted", async () => {
    const { client, script } = await world({
      invite: {
        [FAKE]: [
          createEvent({ creator: MALLORY, roomType: "m.server_notice" }),
          memberEvent(ME, "invite", { sender: MALLORY }),
          nameEvent("Server Notices", { sender: MALLORY }),
        ],
      },
    });
    const { result } = renderHook(() => useServerNoticesRoom(client, { autoJoin: true }));
    await act(() => sleep(50));
    expect(script.requestsTo(/\/join/)).toEqual([]);
    expect(result.current.invite).toBeNull();
  });

  it("given the app names its notices sender, a room of that type from someone else still does not count", async () => {
    const { batch } = malloryTypedRoom();
    const { client } = await world(batch);
    const { result } = renderHook(() => useServerNotices(client, { noticesUserIds: [NOTICES_USER] }));
    expect(result.current.room).toBeNull();
    expect(result.current.notices).toHaveLength(0);
  });
});

describe("a room typed m.server_notice counts without a tag only when its creator is a named notices sender", () => {
  it("given noticesUserIds names the creator, the untagged typed room is the notices room", async () => {
    const { client } = await world(
      noticesRoom(ME, { pinned: [], tagged: false, roomType: "m.server_notice" }),
    );
    const { result } = renderHook(() => useServerNoticesRoom(client, { noticesUserIds: [NOTICES_USER] }));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
  });

  it("given no noticesUserIds, the same room counts only once the homeserver tags it", async () => {
    const { client, script } = await world(
      noticesRoom(ME, { pinned: [], tagged: false, roomType: "m.server_notice" }),
    );
    const { result } = renderHook(() => useServerNoticesRoom(client));
    expect(result.current.room).toBeNull();
    await act(() =>
      script.push({
        join: {
          [NOTICES_ROOM]: {
            accountData: [tagEvent({ "m.server_notice": {} })],
          },
        },
      }),
    );
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
  });

  it("given noticesUserIds, an invite from a named sender to a typed room is the notices invite and autoJoin accepts it", async () => {
    const { client, script } = await world(typedInviteFromNoticesUser());
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, { noticesUserIds: [NOTICES_USER], autoJoin: true }),
    );
    expect(result.current.invite?.roomId ?? result.current.room?.roomId).toBe(NOTICES_ROOM);
    await act(() => sleep(50));
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
  });
});

describe("the m.server_notice tag decides where the room type cannot", () => {
  it("given noticesUserIds that do not name the creator, a tagged room still counts (the tag is the homeserver's word)", async () => {
    const notice = serverNoticeEvent("Tagged notice");
    const { client } = await world(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice], roomType: "m.server_notice" }),
    );
    const { result } = renderHook(() =>
      useServerNotices(client, { noticesUserIds: ["@someone-else:example.org"] }),
    );
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(result.current.notices.map((n) => n.notice.body)).toEqual(["Tagged notice"]);
  });

  it("given only isNoticesInvite (no noticesUserIds) and a typed, untagged room from the notices user, autoJoin joins it, then no notices room is found", async () => {
    const { client, script } = await world(typedInviteFromNoticesUser());
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, {
        isNoticesInvite: ({ inviter }) => inviter === NOTICES_USER,
        autoJoin: true,
      }),
    );
    expect(result.current.invite?.roomId).toBe(NOTICES_ROOM);
    await act(() => sleep(50));
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
    await act(() =>
      script.push({
        join: {
          [NOTICES_ROOM]: {
            state: [createEvent({ creator: NOTICES_USER, roomType: "m.server_notice" })],
            timeline: [memberEvent(ME, "join", { prevMembership: "invite" })],
          },
        },
      }),
    );
    // Without noticesUserIds the room type vouches for nothing: the tag, when it comes, does.
    expect(result.current.room).toBeNull();
    expect(result.current.invite).toBeNull();
    await act(() =>
      script.push({ join: { [NOTICES_ROOM]: { accountData: [tagEvent({ "m.server_notice": {} })] } } }),
    );
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
  });
});

describe("the homeserver's tag against MSC4279's room type", () => {
  it("given a tagged notices room and a newer room only typed m.server_notice by the notices user, the tagged room is the notices room", async () => {
    const tagged = noticesRoom(ME, { roomId: "!tagged:example.org", createdTs: 1_000 });
    const typed = noticesRoom(ME, {
      roomId: "!typed:example.org",
      tagged: false,
      roomType: "m.server_notice",
      createdTs: 2_000,
    });
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(client, { join: { ...tagged.join, ...typed.join } });
    const { result } = renderHook(() => useServerNoticesRoom(client, { noticesUserIds: [NOTICES_USER] }));
    expect(result.current.room?.roomId).toBe("!tagged:example.org");
  });
});

describe("a pinned event that is no m.room.message", () => {
  it("given a pinned event of another type whose content reads as a server notice, it is a pinned event, not a notice", async () => {
    const odd = messageEvent(
      {
        msgtype: "m.server_notice",
        body: "Not a message",
        server_notice_type: "m.server_notice.usage_limit_reached",
      },
      { type: "org.example.custom", sender: NOTICES_USER },
    );
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(client, noticesRoom(ME, { pinned: [odd.event_id], timeline: [odd] }));
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.notices).toEqual([]);
    expect(result.current.pinnedEvents.map((e) => e.getId())).toEqual([odd.event_id]);
  });
});
