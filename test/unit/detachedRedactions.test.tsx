/**
 * Redactions count once the homeserver accepts them, also with `pendingEventOrdering: "detached"` (as Element Web
 * runs matrix-js-sdk): there the SDK marks the target redacted, and empties its content, as soon as a redaction of
 * ours is sent, and keeps it so after the send fails until the app cancels it.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import {
  type ICreateClientOpts,
  type MatrixClient,
  type MatrixEvent,
  PendingEventOrdering,
  SyncState,
} from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, useServerNotices, useWelcomeMessage } from "../../src";
import { pinnedEventsEvent, serverNoticeEvent, welcomeEvent } from "../support/events";
import {
  NOTICES_ROOM,
  NOTICES_USER,
  noticeEditAt,
  noticesRoom,
  noticesTimeline,
  welcomeRoom,
  withBundledEdit,
} from "../support/scenarios";
import { type SyncBatch, SyncScript, waitForSyncState } from "../support/syncScript";
import { noticeBodies as bodies } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!lounge:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const REFUSED = { status: 403, errcode: "M_FORBIDDEN" } as const;

/** A client started as Element Web starts it (detached pending events) on `initial`. */
async function startDetached(initial: SyncBatch, extra: Partial<ICreateClientOpts> = {}) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient(extra);
  const prepared = waitForSyncState(client, SyncState.Prepared);
  script.queueBatch(initial);
  await client.startClient({ initialSyncLimit: 50, pendingEventOrdering: PendingEventOrdering.Detached });
  await prepared;
  return { script, client };
}

/** Sends a redaction of `eventId` that the homeserver refuses, and waits for the failure to settle. */
async function refusedRedaction(client: MatrixClient, script: SyncScript, roomId: string, eventId: string) {
  script.fail({ method: "PUT", path: /\/redact\// }, REFUSED);
  await act(async () => {
    await client.redactEvent(roomId, eventId).catch(() => undefined);
  });
  await act(() => sleep(20));
}

/** The pending (failed) redaction of `eventId` in the room, as an app would find it to cancel or resend it. */
function failedRedactionOf(client: MatrixClient, roomId: string, eventId: string): MatrixEvent {
  const pending = client.getRoom(roomId)!.getPendingEvents();
  return pending.find((e) => e.getType() === "m.room.redaction" && e.event.redacts === eventId)!;
}

describe("server notices, with detached pending events", () => {
  it("given a pinned notice in the timeline, while the user's redaction of it is sending, and after the server refused it, the banner still shows it", async () => {
    const notice = serverNoticeEvent("Still pinned");
    const { client, script } = await startDetached(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Still pinned"]);
    const release = script.hold({ method: "PUT", path: /\/redact\// }, () => ({
      json: REFUSED,
      status: 403,
    }));
    const sending = client.redactEvent(NOTICES_ROOM, notice.event_id).catch(() => undefined);
    await act(() => sleep(20));
    // The SDK already marks the notice redacted (its content reads `{}`): the homeserver has not said yes.
    expect(client.getRoom(NOTICES_ROOM)!.findEventById(notice.event_id)!.isRedacted()).toBe(true);
    expect(bodies(result)).toEqual(["Still pinned"]);
    await act(async () => {
      release();
      await sending;
    });
    await act(() => sleep(20));
    expect(bodies(result)).toEqual(["Still pinned"]);
    // Cancelling the failed redaction (Element's "cancel") leaves it as it is.
    await act(async () =>
      client.cancelPendingEvent(failedRedactionOf(client, NOTICES_ROOM, notice.event_id)),
    );
    expect(bodies(result)).toEqual(["Still pinned"]);
  });

  it("given a pinned notice in the timeline, when the homeserver accepts the user's redaction of it, the banner drops it", async () => {
    const notice = serverNoticeEvent("Posted by mistake");
    const { client } = await startDetached(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Posted by mistake"]);
    await act(async () => {
      await client.redactEvent(NOTICES_ROOM, notice.event_id);
    });
    await waitFor(() => expect(bodies(result)).toEqual([]));
  });

  it("given the pins in the timeline, when the user's redaction of the pinned-events state is refused, every notice still shows", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const pins = pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER });
    const { client, script } = await startDetached(noticesRoom(ME, { timeline: [notice, pins] }));
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance tonight"]));
    await refusedRedaction(client, script, NOTICES_ROOM, pins.event_id);
    expect(bodies(result)).toEqual(["Maintenance tonight"]);
  });

  it("given a notice showing its edit, when the user's redaction of the edit is refused, the edited text still shows", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script } = await startDetached(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    const edit = noticeEditAt(notice.event_id, "Maintenance at 11", 2_000);
    await act(() => script.push(noticesTimeline(edit)));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"]));
    await refusedRedaction(client, script, NOTICES_ROOM, edit.event_id);
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });
});

describe("server notices: an edit the server bundled", () => {
  it("given the initial sync brings a pinned notice with a bundled edit by someone else, the banner shows the notice's own text (as for a fetched one)", async () => {
    const notice = serverNoticeEvent("The real notice");
    const forged = { ...noticeEditAt(notice.event_id, "Forged", 2_000), sender: ME, room_id: NOTICES_ROOM };
    const { client } = await startDetached(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [withBundledEdit(notice, forged)] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(20));
    expect(bodies(result)).toEqual(["The real notice"]);
  });

  it("given a bundled edit by the notice's sender, the banner shows the edit", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const edit = { ...noticeEditAt(notice.event_id, "Maintenance at 11", 2_000), room_id: NOTICES_ROOM };
    const { client } = await startDetached(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [withBundledEdit(notice, edit)] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"]));
  });
});

describe("welcome messages, with detached pending events", () => {
  /** A room whose welcome also sits in the timeline (set while the user was there), where the SDK can mark it. */
  function roomWithTimelineWelcome(text: string) {
    const welcome = welcomeEvent(text, undefined, { sender: ME });
    const batch = welcomeRoom(ME, ROOM, { welcome: [welcome] });
    batch.join![ROOM]!.timeline!.push(welcome);
    return { welcome, batch };
  }

  it("given the welcome in the timeline, when the user's redaction of it is refused, the welcome still shows", async () => {
    const { welcome, batch } = roomWithTimelineWelcome("Keep me");
    const { client, script } = await startDetached(batch);
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore(), showOn: "always" as never }),
    );
    expect(result.current.message?.text).toBe("Keep me");
    await refusedRedaction(client, script, ROOM, welcome.event_id);
    expect(client.getRoom(ROOM)!.findEventById(welcome.event_id)!.isRedacted()).toBe(true);
    expect(result.current.message?.text).toBe("Keep me");
  });

  it("given the welcome in the timeline, when the homeserver accepts the user's redaction of it, it is gone", async () => {
    const { welcome, batch } = roomWithTimelineWelcome("Posted by mistake");
    const { client } = await startDetached(batch);
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.message?.text).toBe("Posted by mistake");
    await act(async () => {
      await client.redactEvent(ROOM, welcome.event_id);
    });
    await waitFor(() => expect(result.current.message).toBeNull());
  });
});
