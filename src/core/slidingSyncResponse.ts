/**
 * Sliding sync (MSC4186) applies a response in two halves: the SDK announces the response's rooms (their state and
 * timelines) first, and applies its account data after (the `account_data` extension runs after the room data). A
 * decision read from room account data (a welcome's seen marks) is therefore wrong for the moments between.
 * `afterSlidingSyncResponse` waits those moments out; sync v2 applies a response whole and needs no wait.
 */
import { type MatrixClient, SlidingSyncEvent } from "matrix-js-sdk";

/** `SlidingSyncState.RequestFinished` and `.Complete` (the SDK's entry point does not export that enum). */
const REQUEST_FINISHED = "FINISHED";
const COMPLETE = "COMPLETE";

interface Emitter {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

interface Tracker {
  /** A response is being applied (its rooms announced, its post-room extensions still to come). */
  processing: boolean;
  /** Who waits for the response being applied to be applied whole. */
  waiting: Set<() => void>;
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
  const known = trackers.get(ss);
  if (known) return known;
  // Before the client's first sync completes, its first response is on its way or being applied.
  const tracker: Tracker = { processing: client.getSyncState() === null, waiting: new Set() };
  ss.on(SlidingSyncEvent.Lifecycle, (state, response) => {
    // Complete comes after the rooms, before the post-room extensions, which the SDK applies in the microtasks that
    // follow (no network); a failed request ends whatever was being applied.
    tracker.processing = state === REQUEST_FINISHED && !!response;
    if ((state === COMPLETE || !tracker.processing) && tracker.waiting.size)
      setTimeout(() => {
        for (const then of tracker.waiting) {
          tracker.waiting.delete(then);
          then();
        }
      }, 0);
  });
  trackers.set(ss, tracker);
  return tracker;
}

/**
 * For a sliding-sync client: calls `then` once the response being applied now (if any) has been applied whole, its
 * account data included, and returns a function that cancels the call; null for any other client (nothing to wait).
 */
export function afterSlidingSyncResponse(client: MatrixClient, then: () => void): (() => void) | null {
  const ss = slidingSyncOf(client);
  if (!ss) return null;
  const { processing, waiting } = trackerOf(client, ss);
  if (processing) {
    waiting.add(then);
    return () => waiting.delete(then);
  }
  // Between responses: a task is enough for anything the SDK is still applying in microtasks.
  const timer = setTimeout(then, 0);
  return () => clearTimeout(timer);
}
