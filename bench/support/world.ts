// Builds the benchmark's synced world: thousands of joined rooms, one of them the notices room, some with welcome
// state, as one sync batch (the raw events a homeserver would send), plus helpers to run clients against it.
import { ClientEvent, type MatrixClient, SyncState } from "matrix-js-sdk";
import {
  createEvent,
  memberEvent,
  nameEvent,
  type RawEvent,
  serverNoticeEvent,
  stateEvent,
  tagEvent,
  textMessageEvent,
  welcomeEvent,
} from "../../test/support/events";
import { NOTICES_ROOM, NOTICES_USER } from "../../test/support/scenarios";
import {
  type JoinedRoomSpec,
  type SyncBatch,
  SyncScript,
  toSyncResponse,
} from "../../test/support/syncScript";
import { welcomeHtml } from "./messages";

export const ME = "@alice:example.org";

export interface WorldSize {
  /** Joined rooms in total, the notices room included. */
  rooms: number;
  /** Rooms (other than the notices room) that carry an `m.room.welcome` state event. */
  welcomeRooms: number;
  /** Timeline events over all rooms (the notices room's pinned notices count). */
  timelineEvents: number;
  /** Pinned notices in the notices room (all in its timeline). */
  pins: number;
}

export const FULL_WORLD: WorldSize = { rooms: 5000, welcomeRooms: 200, timelineEvents: 20_000, pins: 20 };

export interface World {
  size: WorldSize;
  batch: SyncBatch;
  /** The /sync response body, serialised once (each round parses it afresh, as the SDK does with a real response). */
  syncJson: string;
  /** The welcome room the dialog is mounted for. */
  welcomeRoomId: string;
  pinnedIds: string[];
}

export function roomId(i: number): string {
  return `!room${i}:example.org`;
}

/** A deterministic world of the given size. */
export function buildWorld(size: WorldSize): World {
  const ts = Date.now() - 60_000;
  const join: Record<string, JoinedRoomSpec> = {};
  const notices = Array.from({ length: size.pins }, (_, i) =>
    serverNoticeEvent(`Scheduled maintenance window ${i}: the server restarts at 02:00 UTC.`, { ts: ts + i }),
  );
  join[NOTICES_ROOM] = {
    state: [
      createEvent({ creator: NOTICES_USER, ts }),
      memberEvent(NOTICES_USER, "join", { ts }),
      memberEvent(ME, "join", { prevMembership: "invite", ts }),
      nameEvent("Server Notices", { ts }),
      stateEvent(
        "m.room.pinned_events",
        { pinned: notices.map((n) => n.event_id) },
        { sender: NOTICES_USER, ts },
      ),
    ],
    timeline: [...notices],
    accountData: [tagEvent({ "m.server_notice": { order: 0.5 } })],
  };
  const others = size.rooms - 1;
  const timelines: RawEvent[][] = Array.from({ length: others }, () => []);
  // The timeline events in all: the notices, each welcome room's join of the user (below), and messages.
  const remaining = Math.max(0, size.timelineEvents - notices.length - Math.min(size.welcomeRooms, others));
  for (let e = 0; e < remaining; e++) {
    const r = e % others;
    const n = e / others;
    // Mostly messages, some state changes in the timeline (as in real rooms).
    timelines[r]!.push(
      e % 7 === 3
        ? stateEvent(
            "m.room.topic",
            { topic: `Topic ${n | 0} of room ${r}` },
            { ts: ts + e, sender: "@bob:example.org" },
          )
        : textMessageEvent(
            `Message ${e} in room ${r}: lorem ipsum dolor sit amet, consectetur adipiscing elit.`,
            {
              ts: ts + e,
              sender: r % 2 ? "@bob:example.org" : "@carol:example.org",
            },
          ),
    );
  }
  for (let r = 0; r < others; r++) {
    const id = roomId(r);
    const welcome = r < size.welcomeRooms;
    join[id] = {
      state: [
        createEvent({ creator: "@mod:example.org", ts }),
        memberEvent("@mod:example.org", "join", { ts }),
        memberEvent("@bob:example.org", "join", { ts }),
        memberEvent("@carol:example.org", "join", { ts }),
        nameEvent(`Room ${r}`, { ts }),
        ...(welcome ? [welcomeEvent(`Welcome to room ${r}`, welcomeHtml(1024, r), { ts })] : []),
        ...(welcome ? [] : [memberEvent(ME, "join", { ts })]),
      ],
      // A welcome room's join is in the timeline, as on a fresh join (it qualifies for the dialog).
      timeline: [
        ...(welcome ? [memberEvent(ME, "join", { prevMembership: "invite", ts })] : []),
        ...timelines[r]!,
      ],
    };
  }
  const batch: SyncBatch = { join };
  return {
    size,
    batch,
    syncJson: JSON.stringify(toSyncResponse(batch, "s_initial")),
    welcomeRoomId: roomId(0),
    pinnedIds: notices.map((n) => n.event_id),
  };
}

/**
 * A client on a fresh sync script whose first /sync answers with the world's pre-serialised response (later syncs
 * are held open, as a homeserver does). The client is not tracked by the test harness: call `dispose`.
 */
export function worldClient(world: World): { client: MatrixClient; script: SyncScript; dispose: () => void } {
  const script = new SyncScript({ userId: ME });
  let served = false;
  script.route({ path: "/sync" }, () => {
    if (served) return undefined;
    served = true;
    return new Response(world.syncJson, { status: 200, headers: { "content-type": "application/json" } });
  });
  const client = script.createUntrackedClient();
  return {
    client,
    script,
    dispose: () => {
      client.stopClient();
      client.removeAllListeners();
    },
  };
}

/** Starts the client and resolves once the SDK reports `Prepared`. */
export async function startAndPrepare(client: MatrixClient): Promise<void> {
  const prepared = new Promise<void>((resolve) => {
    const on = (state: SyncState) => {
      if (state !== SyncState.Prepared) return;
      client.off(ClientEvent.Sync, on);
      resolve();
    };
    client.on(ClientEvent.Sync, on);
  });
  await client.startClient({ initialSyncLimit: 50 });
  await prepared;
}

/** Resolves after pending timers and microtasks (React's scheduled renders) have run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
