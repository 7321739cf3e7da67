import { ClientEvent, EventType, KnownMembership, type MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import {
  memberEvent,
  nameEvent,
  pinnedEventsEvent,
  serverNoticeEvent,
  strippedState,
  tagEvent,
} from "../support/events";
import { offlineClient, offlineRoom } from "../support/offline";
import { SyncScript } from "../support/syncScript";

const ROOM = "!notices:example.org";

describe("the sync script drives the real SDK", () => {
  it("given an initial sync with a tagged room, the client holds the room with its tag and state", async () => {
    const script = new SyncScript();
    const client = script.createClient();
    const notice = serverNoticeEvent("hello");
    await script.start(client, {
      join: {
        [ROOM]: {
          state: [
            memberEvent(script.userId, "join"),
            nameEvent("Server Notices"),
            pinnedEventsEvent([notice.event_id]),
          ],
          timeline: [notice],
          accountData: [tagEvent({ "m.server_notice": {} })],
        },
      },
    });
    const room = client.getRoom(ROOM);
    expect(room?.name).toBe("Server Notices");
    expect(room?.tags["m.server_notice"]).toEqual({});
    expect(room?.getMyMembership()).toBe(KnownMembership.Join);
    expect(room?.findEventById(notice.event_id)?.getContent().body).toBe("hello");
    expect(script.requestsTo("/sync").length).toBeGreaterThanOrEqual(1);
  });

  it("when a batch with an invite is pushed, the room appears as invited with stripped state", async () => {
    const script = new SyncScript();
    const client = script.createClient();
    await script.start(client);
    const seen: string[] = [];
    client.on(ClientEvent.Room, (r) => seen.push(r.roomId));
    await script.push({
      invite: { [ROOM]: [memberEvent(script.userId, "invite", { sender: "@notices:example.org" })] },
    });
    expect(seen).toContain(ROOM);
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe(KnownMembership.Invite);
    void strippedState;
  });

  it("given a scheduled 403, the matching request fails with that errcode and is recorded", async () => {
    const script = new SyncScript();
    const client: MatrixClient = script.createClient();
    script.fail(
      { method: "POST", path: /\/leave$/ },
      { status: 403, errcode: "M_CANNOT_LEAVE_SERVER_NOTICE_ROOM" },
    );
    await expect(client.leave(ROOM)).rejects.toMatchObject({ errcode: "M_CANNOT_LEAVE_SERVER_NOTICE_ROOM" });
    expect(script.requestsTo(/\/leave$/, "POST")).toHaveLength(1);
  });

  it("serves events by id and answers 404 for unknown ones", async () => {
    const script = new SyncScript();
    const client = script.createClient();
    const ev = serverNoticeEvent("fetched");
    script.serveEvent(ROOM, ev);
    await expect(client.fetchRoomEvent(ROOM, ev.event_id)).resolves.toMatchObject({
      content: { body: "fetched" },
    });
    await expect(client.fetchRoomEvent(ROOM, "$missing")).rejects.toMatchObject({ httpStatus: 404 });
  });

  it("offline rooms are real Rooms found through the client", () => {
    const client = offlineClient();
    offlineRoom(client, ROOM, {
      state: [memberEvent("@alice:example.org", "join")],
      tags: { "m.server_notice": {} },
    });
    expect(client.getRoom(ROOM)?.tags).toHaveProperty("m.server_notice");
    expect(
      client.getRoom(ROOM)?.currentState.getStateEvents(EventType.RoomMember, "@alice:example.org"),
    ).toBeTruthy();
  });
});
