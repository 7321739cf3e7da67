/** A started client on a fresh sync script, and what the notices tests read off it. */
import { renderHook, waitFor } from "@testing-library/react";
import {
  type ICreateClientOpts,
  type IStartClientOpts,
  type MatrixClient,
  PendingEventOrdering,
} from "matrix-js-sdk";
import { expect } from "vitest";
import { useServerNotices } from "../../src";
import type { RawEvent } from "./events";
import { NOTICES_ROOM, noticesRoom } from "./scenarios";
import { type SyncBatch, SyncScript } from "./syncScript";

/**
 * A client of `userId` started on a new sync script with `initial` as its first sync (resolves once prepared), with
 * the SDK's `startOptions` if given.
 */
export async function startWorld(
  userId: string,
  initial: SyncBatch = {},
  clientOptions: Partial<ICreateClientOpts> = {},
  startOptions: IStartClientOpts = {},
): Promise<{ script: SyncScript; client: MatrixClient }> {
  const script = new SyncScript({ userId });
  const client = script.createClient(clientOptions);
  await script.start(client, initial, startOptions);
  return { script, client };
}

/** The SDK start options Element Web runs with: thread support, lazy-loaded members, a one-event initial timeline, detached pending events. */
export const ELEMENT_START_OPTIONS: IStartClientOpts = {
  initialSyncLimit: 1,
  lazyLoadMembers: true,
  threadSupport: true,
  pendingEventOrdering: PendingEventOrdering.Detached,
};

/** Sync fails once (the network drops) and, once the client noticed, the batch that brings it back is queued. */
export async function dropSyncOnce(client: MatrixClient, script: SyncScript): Promise<void> {
  script.pushSyncFailure("network");
  await waitFor(() => expect(client.getSyncState()).not.toBe("SYNCING"), { timeout: 15_000 });
  script.queueBatch({});
}

/** The bodies of the notices a `useServerNotices` result shows, in order. */
export const noticeBodies = (r: { current: ReturnType<typeof useServerNotices> }) =>
  r.current.notices.map((n) => n.notice.body);

export { noticeEdit } from "./scenarios";

/** `userId`'s client with a notices room pinning `notice` by id only (not in its timeline; `/event` not serving it yet). */
export const startPinningWorld = (userId: string, notice: RawEvent, startOptions: IStartClientOpts = {}) =>
  startWorld(userId, noticesRoom(userId, { pinned: [notice.event_id] }), {}, startOptions);

/** The event id a `/rooms/{roomId}/event/{eventId}` request asks for. */
export const requestedEventId = (path: string) => decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));

/** The homeserver's answer to such a request for `id`: a plain message of the notices room, its body the id. */
export const plainMessageAnswer = (id: string) => ({
  json: {
    type: "m.room.message",
    content: { msgtype: "m.text", body: id },
    event_id: id,
    sender: "@someone:example.org",
    origin_server_ts: Date.now(),
    room_id: NOTICES_ROOM,
  },
});

/** Holds `/event` requests until the returned `release` is called, then answers them with `notice`. */
export const holdNoticeFetch = (script: SyncScript, notice: RawEvent) =>
  script.hold({ path: /\/event\// }, () => ({ json: { ...notice, room_id: NOTICES_ROOM } }));

/**
 * `userId`'s client (started with the SDK's `startOptions`) with a notices room pinning `notice`, served only by
 * `/event` (not in the timeline), and `useServerNotices` mounted until its banner text shows.
 */
export async function showFetchedNotice(
  userId: string,
  notice: RawEvent,
  startOptions: IStartClientOpts = {},
) {
  const { client, script } = await startPinningWorld(userId, notice, startOptions);
  script.serveEvent(NOTICES_ROOM, notice);
  const { result, unmount } = renderHook(() => useServerNotices(client));
  await waitFor(() => expect(noticeBodies(result)).toEqual([notice.content.body]));
  return { client, script, result, unmount };
}

/**
 * A started world whose notices room pins `notice`, served by the fetch endpoint once its first `times` requests were
 * rate-limited (429, `M_LIMIT_EXCEEDED`) with the server asking to wait `retryAfterMs`.
 */
export async function rateLimitedPin(userId: string, notice: RawEvent, retryAfterMs: number, times = 1) {
  const world = await startPinningWorld(userId, notice);
  world.script.serveEvent(NOTICES_ROOM, notice);
  world.script.fail(
    { path: /\/event\// },
    { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: retryAfterMs } },
    times,
  );
  return world;
}
