/**
 * Sliding sync (MSC4186) applies a response in two halves: the SDK announces the response's rooms (their state and
 * timelines) first, and applies its account data after (the `account_data` extension runs after the room data). A
 * decision read from room account data (a welcome's seen marks) is therefore wrong for the moments between.
 * `afterSlidingSyncResponse` waits those moments out; sync v2 applies a response whole and needs no wait.
 */
import { ClientEvent, type MatrixClient, SlidingSyncEvent } from "matrix-js-sdk";
import { getOrCreate } from "./getOrCreate.js";

/** `SlidingSyncState.RequestFinished` (the SDK's entry point does not export that enum; the other state is Complete). */
const REQUEST_FINISHED = "FINISHED";

interface Emitter {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  prependListener?(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Per sliding sync, whether a response is being applied (its rooms announced, the rest still to come). */
interface Tracker {
  processing: boolean;
}

/** Per sliding sync: one listener on its lifecycle for its whole life (it holds the tracker, never the client). */
const trackers = new WeakMap<object, Tracker>();

/** The sliding sync `client` was started with (the SDK keeps its start options protected), or undefined. */
function slidingSyncOf(client: MatrixClient): Emitter | undefined {
  try {
    const ss = (client as unknown as { clientOpts?: { slidingSync?: unknown } }).clientOpts?.slidingSync;
    return typeof (ss as Emitter | undefined)?.on === "function" ? (ss as Emitter) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `client` syncs with sliding sync and is applying a response now (see `afterSlidingSyncResponse`). */
export function applyingSlidingSyncResponse(client: MatrixClient): boolean {
  const ss = slidingSyncOf(client);
  return !!ss && trackerOf(client, ss).processing;
}

function trackerOf(client: MatrixClient, ss: Emitter): Tracker {
  return getOrCreate(trackers, ss, () => {
    // Before a running client's first sync completes, its first response is on its way or being applied (a stopped
    // client has no sync state either, and its sliding sync says no more).
    const tracker: Tracker = { processing: client.getSyncState() === null && client.clientRunning };
    ss.on(SlidingSyncEvent.Lifecycle, (state, response) => {
      // Finished: a response arrived (or the request failed); Complete: its rooms are applied.
      tracker.processing = state === REQUEST_FINISHED && !!response;
    });
    return tracker;
  });
}

/**
 * For a sliding-sync client: calls `then` once the response being applied now (if any) has been applied whole, its
 * account data included, and returns a function that cancels the call; null for any other client (nothing to wait).
 */
export function afterSlidingSyncResponse(client: MatrixClient, then: () => void): (() => void) | null {
  const ss = slidingSyncOf(client);
  if (!ss) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The SDK applies the post-room extensions (account data) in the microtasks after it says the response is
  // complete, with no network between: a task after that is enough, as it is between responses.
  const inATask = () => {
    client.off(ClientEvent.Sync, inATask);
    timer = setTimeout(then, 0);
  };
  // While a response is applied: until the client's next sync state, which the SDK sets when the response's rooms
  // are applied, when a request fails, and when the client starts again (with this sliding sync or any other sync).
  if (trackerOf(client, ss).processing) client.on(ClientEvent.Sync, inATask);
  else inATask();
  return () => {
    client.off(ClientEvent.Sync, inATask);
    clearTimeout(timer);
  };
}

/** Per sliding sync: who hears of its rooms' gaps, with their clients (one listener on its room data for its whole life). */
const gapListeners = new WeakMap<object, Map<(roomId: string) => void, MatrixClient>>();

/**
 * For a sliding-sync client: has `listener` called with the id of each room a response brings with a gap before its
 * timeline (`limited`) or afresh (`initial`, e.g. after a restart), as the SDK starts applying it. Sync v2 resets the
 * room's live timeline then; the SDK's sliding sync resets none, and appends what follows the gap. A timeline that
 * reaches back to the last event the client already had is no gap (a room subscription with a larger
 * `timeline_limit`, as an app opening the room asks: Synapse sends it `limited`, and the SDK files what is older as
 * scrollback). Whether the listener is new to this sliding sync (false for a client without one, and for one already
 * heard).
 */
export function hearSlidingSyncGaps(client: MatrixClient, listener: (roomId: string) => void): boolean {
  const ss = slidingSyncOf(client);
  if (!ss) return false;
  const listeners = getOrCreate(gapListeners, ss, () => {
    const heard = new Map<(roomId: string) => void, MatrixClient>();
    // Ahead of the SDK's own listener, the room's live timeline is still as it was before this response; where the
    // sliding sync cannot put it there, every such response counts as a gap.
    const ahead = typeof ss.prependListener === "function";
    const onRoomData = (roomId: unknown, data: unknown) => {
      const room = data as { limited?: unknown; initial?: unknown; timeline?: unknown } | null | undefined;
      if (typeof roomId !== "string" || (room?.limited !== true && room?.initial !== true)) return;
      const timeline: unknown[] = ahead && Array.isArray(room.timeline) ? room.timeline : [];
      for (const [heardBy, by] of heard) {
        const last = lastServerEventId(by, roomId);
        if (!last || !timeline.some((event) => (event as { event_id?: unknown } | null)?.event_id === last))
          heardBy(roomId);
      }
    };
    if (ahead) ss.prependListener?.(SlidingSyncEvent.RoomData, onRoomData);
    else ss.on(SlidingSyncEvent.RoomData, onRoomData);
    return heard;
  });
  if (listeners.has(listener)) return false;
  listeners.set(listener, client);
  return true;
}

/** The id of the last event of the room's live timeline that came from the server (not a local echo), if any. */
function lastServerEventId(client: MatrixClient, roomId: string): string | undefined {
  const events = client.getRoom(roomId)?.getLiveTimeline().getEvents() ?? [];
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.status === null) return events[i]!.getId();
  return undefined;
}
