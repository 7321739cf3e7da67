/**
 * The per-room redaction index the stores consult for events the SDK cannot redact itself, driven through the real
 * SDK: local echoes that are cancelled (and so leave the timeline) or still pending when first scanned.
 */
import { EventStatus, type MatrixEvent } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import { isRedactedInTimeline, timelineRedactedIds } from "../../src/core/timelineRedactions";
import { redactionEvent, serverNoticeEvent, textMessageEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";

async function world() {
  const notice = serverNoticeEvent("Pinned");
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(
    client,
    noticesRoom(ME, { timeline: [textMessageEvent("hello", { sender: NOTICES_USER })] }),
  );
  const room = client.getRoom(NOTICES_ROOM);
  if (!room) throw new Error("no room");
  return { script, client, room, notice };
}

/** Makes the next back-pagination return a redaction of `eventId`. */
function serveOlderRedaction(script: SyncScript, eventId: string) {
  script.route({ path: /\/messages$/ }, () => ({
    json: {
      chunk: [{ ...redactionEvent(eventId, { sender: NOTICES_USER }), room_id: NOTICES_ROOM }],
      start: "p_1",
      end: "p_0",
    },
  }));
}

/** Waits (vitest's own polling, with its timeout) until the echo reaches `status`. */
const statusReached = (event: () => MatrixEvent | undefined, status: EventStatus | null) =>
  vi.waitFor(() => expect(event()?.status).toBe(status));

describe("isRedactedInTimeline", () => {
  it("given a failed message of mine was cancelled after a scan, a redaction arriving next is still found", async () => {
    const { script, client, room, notice } = await world();
    script.route({ path: /\/send\// }, () => ({
      status: 403,
      json: { errcode: "M_FORBIDDEN", error: "no" },
    }));
    void client.sendTextMessage(NOTICES_ROOM, "oops").catch(() => undefined);
    const echo = () =>
      room
        .getLiveTimeline()
        .getEvents()
        .find((e) => e.getContent().body === "oops");
    await statusReached(echo, EventStatus.NOT_SENT);
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(false);
    const failed = echo();
    if (failed) client.cancelPendingEvent(failed);
    expect(echo()).toBeUndefined();

    await script.push({
      join: { [NOTICES_ROOM]: { timeline: [redactionEvent(notice.event_id, { sender: NOTICES_USER })] } },
    });
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(true);
  });

  it("given my redaction was still being sent when scanned, it counts once the homeserver accepts it", async () => {
    const { script, client, room, notice } = await world();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    script.route({ path: /\/redact\// }, async () => {
      await gate;
      return { json: { event_id: "$accepted:example.org" } };
    });
    const sent = client.redactEvent(NOTICES_ROOM, notice.event_id);
    const echo = () =>
      room
        .getLiveTimeline()
        .getEvents()
        .find((e) => e.getType() === "m.room.redaction");
    await statusReached(echo, EventStatus.SENDING);
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(false);

    release();
    await sent;
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(true);
  });

  it("given my redaction failed, it never counts", async () => {
    const { script, client, room, notice } = await world();
    script.route({ path: /\/redact\// }, () => ({
      status: 403,
      json: { errcode: "M_FORBIDDEN", error: "no" },
    }));
    const echo = () =>
      room
        .getLiveTimeline()
        .getEvents()
        .find((e) => e.getType() === "m.room.redaction");
    const sent = client.redactEvent(NOTICES_ROOM, notice.event_id).catch(() => undefined);
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(false);
    await sent;
    await statusReached(echo, EventStatus.NOT_SENT);
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(false);
  });

  it("given my redaction failed and was scanned, when I resend it and it is accepted, it counts", async () => {
    const { script, client, room, notice } = await world();
    let calls = 0;
    script.route({ path: /\/redact\// }, () =>
      ++calls === 1
        ? { status: 403, json: { errcode: "M_FORBIDDEN", error: "no" } }
        : { json: { event_id: "$accepted:example.org" } },
    );
    const echo = () =>
      room
        .getLiveTimeline()
        .getEvents()
        .find((e) => e.getType() === "m.room.redaction");
    await client.redactEvent(NOTICES_ROOM, notice.event_id).catch(() => undefined);
    await statusReached(echo, EventStatus.NOT_SENT);
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(false);
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(false);
    const failed = echo();
    if (failed) await client.resendEvent(failed, room);
    await statusReached(echo, EventStatus.SENT);
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(true);
  });

  it("given the timeline was scanned, a redaction that scrolling back brings in is found", async () => {
    const { script, client, room, notice } = await world();
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(false);
    serveOlderRedaction(script, notice.event_id);
    await client.scrollback(room, 10);
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(true);
  });

  it("given scrolling back and new events both arrived since the last scan, redactions at both ends are found", async () => {
    const { script, client, room, notice } = await world();
    const other = serverNoticeEvent("Other");
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(false);
    serveOlderRedaction(script, notice.event_id);
    await client.scrollback(room, 10);
    await script.push({
      join: { [NOTICES_ROOM]: { timeline: [redactionEvent(other.event_id, { sender: NOTICES_USER })] } },
    });
    expect(isRedactedInTimeline(room, notice.event_id)).toBe(true);
    expect(isRedactedInTimeline(room, other.event_id)).toBe(true);
  });
});

describe("timelineRedactedIds", () => {
  it("given redactions arrive after a first read, asking again returns them with the earlier ones", async () => {
    const { script, room, notice } = await world();
    const other = serverNoticeEvent("Other");
    await script.push({
      join: { [NOTICES_ROOM]: { timeline: [redactionEvent(notice.event_id, { sender: NOTICES_USER })] } },
    });
    expect([...timelineRedactedIds(room)]).toEqual([notice.event_id]);
    await script.push({
      join: { [NOTICES_ROOM]: { timeline: [redactionEvent(other.event_id, { sender: NOTICES_USER })] } },
    });
    expect(new Set(timelineRedactedIds(room))).toEqual(new Set([notice.event_id, other.event_id]));
    expect(isRedactedInTimeline(room, other.event_id)).toBe(true);
  });
});
