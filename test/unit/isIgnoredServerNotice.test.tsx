/**
 * isIgnoredServerNotice: what a host timeline hides, as the spec asks ("Events with a m.server_notice msgtype outside
 * of the server notice room must be ignored by clients"), on rooms and events the real SDK built from /sync.
 */
import type { MatrixClient, MatrixEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { isIgnoredServerNotice } from "../../src";
import { messageEvent, type RawEvent, serverNoticeEvent, textMessageEvent } from "../support/events";
import { mergeBatches, NOTICES_ROOM, NOTICES_USER, noticesRoom, ordinaryRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const CHAT = "!chat:example.org";
const TYPED = "!typed:example.org";

const genuine = serverNoticeEvent("Scheduled maintenance Saturday 02:00 UTC.");
const spoof = serverNoticeEvent("Your account will be deleted. Verify at https://evil.example/login", {
  sender: "@mallory:example.org",
});
const chat = textMessageEvent("hi");
const typedNotice = serverNoticeEvent("From a room that only has the type.");

function eventIn(client: MatrixClient, roomId: string, raw: RawEvent): MatrixEvent {
  const event = client.getRoom(roomId)?.findEventById(raw.event_id);
  if (!event) throw new Error(`no ${raw.event_id} in ${roomId}`);
  return event;
}

async function world(...extra: RawEvent[]) {
  return startWorld(
    ME,
    mergeBatches(
      noticesRoom(ME, { pinned: [], timeline: [genuine] }),
      ordinaryRoom(ME, CHAT, { timeline: [spoof, chat, ...extra] }),
      // MSC4279's room type, untagged, created by the notices user.
      noticesRoom(ME, { roomId: TYPED, tagged: false, roomType: "m.server_notice", timeline: [typedNotice] }),
    ),
  );
}

describe("given a server notice in an ordinary room", () => {
  it("then the host's timeline hides it", async () => {
    const { client } = await world();
    expect(isIgnoredServerNotice(eventIn(client, CHAT, spoof), client.getRoom(CHAT))).toBe(true);
  });

  it("when an ordinary message is edited into a server notice, then it is hidden too", async () => {
    const original = textMessageEvent("harmless", { sender: "@mallory:example.org" });
    const edit = messageEvent(
      {
        msgtype: "m.text",
        body: "* edited",
        "m.new_content": { msgtype: "m.server_notice", body: "Verify your account now" },
        "m.relates_to": { rel_type: "m.replace", event_id: original.event_id },
      },
      { sender: "@mallory:example.org" },
    );
    const { client } = await world(original, edit);
    const event = eventIn(client, CHAT, original);
    expect(event.getContent().msgtype).toBe("m.server_notice");
    expect(isIgnoredServerNotice(event, client.getRoom(CHAT))).toBe(true);
  });

  it("when the host has no room for it, then it is hidden", async () => {
    const { client } = await world();
    const event = eventIn(client, CHAT, spoof);
    expect(isIgnoredServerNotice(event, null)).toBe(true);
    expect(isIgnoredServerNotice(event, undefined)).toBe(true);
  });

  it("when the host passes the notices room with an event of another room, then it is hidden", async () => {
    const { client } = await world();
    expect(isIgnoredServerNotice(eventIn(client, CHAT, spoof), client.getRoom(NOTICES_ROOM))).toBe(true);
  });
});

describe("given the joined notices room", () => {
  it("then its server notices are shown", async () => {
    const { client } = await world();
    expect(isIgnoredServerNotice(eventIn(client, NOTICES_ROOM, genuine), client.getRoom(NOTICES_ROOM))).toBe(
      false,
    );
  });

  it("when the room only has MSC4279's type, then its notices show only with its creator among noticesUserIds", async () => {
    const { client } = await world();
    const event = eventIn(client, TYPED, typedNotice);
    const room = client.getRoom(TYPED);
    expect(isIgnoredServerNotice(event, room)).toBe(true);
    expect(isIgnoredServerNotice(event, room, ["@someone-else:example.org"])).toBe(true);
    expect(isIgnoredServerNotice(event, room, [NOTICES_USER])).toBe(false);
  });
});

describe("given anything that is not a server notice", () => {
  it("then an ordinary message, a state event and a notice msgtype in another event type are shown", async () => {
    const other = messageEvent({ msgtype: "m.server_notice", body: "x" }, { type: "org.example.custom" });
    const { client } = await world(other);
    const room = client.getRoom(CHAT);
    expect(isIgnoredServerNotice(eventIn(client, CHAT, chat), room)).toBe(false);
    expect(isIgnoredServerNotice(eventIn(client, CHAT, other), room)).toBe(false);
    const create = room?.currentState.getStateEvents("m.room.create", "");
    expect(isIgnoredServerNotice(create!, room)).toBe(false);
  });

  it("when the event or room throws as it is read, then false, without throwing", async () => {
    const { client } = await world();
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error("hostile");
        },
      },
    );
    expect(isIgnoredServerNotice(throwing as MatrixEvent, client.getRoom(CHAT))).toBe(false);
    expect(isIgnoredServerNotice(null as unknown as MatrixEvent, null)).toBe(false);
    // A notice with a room that throws on every read: not shown as known to be the notices room, and no throw.
    expect(() => isIgnoredServerNotice(eventIn(client, CHAT, spoof), throwing as never)).not.toThrow();
  });
});
