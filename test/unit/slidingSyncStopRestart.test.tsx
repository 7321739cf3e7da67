/**
 * A sliding-sync client (the SDK's own SlidingSync, against canned responses) stopped and started again: its stop emits
 * no STOPPED, yet a pinned fetch that waited while it was stopped goes again at the restart's first sync (PREPARED).
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import { ClientEvent, type MatrixClient, SyncState } from "matrix-js-sdk";
import { SlidingSync } from "matrix-js-sdk/lib/sliding-sync.js";
import { describe, expect, it } from "vitest";
import { NoticeBanner } from "../../src";
import {
  createEvent,
  memberEvent,
  nameEvent,
  pinnedEventsEvent,
  serverNoticeEvent,
  tagEvent,
} from "../support/events";
import { NOTICES_ROOM, NOTICES_USER } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ALICE = "@alice:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// No jitter: eight attempts 100 ms apart outlast the 400 ms the tests wait.
const retry = { baseDelayMs: 100, maxDelayMs: 100, maxAttempts: 8, jitter: 0 };
const failing = { status: 500, json: { errcode: "M_UNKNOWN", error: "down" } };

/**
 * Resolves at the client's next change to `state` (not support's waitForSyncState, which resolves at once when the client
 * is in it already: a sliding-sync client restarted is still SYNCING from before its stop).
 */
function waitState(client: MatrixClient, state: SyncState) {
  return new Promise<void>((resolve) => {
    const on = (s: SyncState) => {
      if (s !== state) return;
      client.off(ClientEvent.Sync, on);
      resolve();
    };
    client.on(ClientEvent.Sync, on);
  });
}

/** A sliding-sync client whose notices room pins `notice`, whose /event fails while `down()`; the banner mounted. */
async function slidingSyncWorld(notice: ReturnType<typeof serverNoticeEvent>, down: () => boolean) {
  const script = new SyncScript({ userId: ALICE });
  const client = script.createClient();
  let pos = 0;
  script.route({ method: "POST", path: /simplified_msc3575\/sync$/ }, async (req) => {
    const first = !req.query.get("pos");
    if (!first) await sleep(50);
    pos += 1;
    return {
      json: {
        pos: String(pos),
        lists: { all: { count: 1 } },
        rooms: first
          ? {
              [NOTICES_ROOM]: {
                initial: true,
                name: "Server Notices",
                required_state: [
                  createEvent({ creator: NOTICES_USER }),
                  memberEvent(NOTICES_USER, "join"),
                  memberEvent(ALICE, "join"),
                  nameEvent("Server Notices"),
                  pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER }),
                ],
                timeline: [],
                joined_count: 2,
              },
            }
          : {},
        extensions: first
          ? { account_data: { rooms: { [NOTICES_ROOM]: [tagEvent({ "m.server_notice": {} })] } } }
          : {},
      },
    };
  });
  script.route({ path: /\/event\// }, () => (down() ? failing : undefined));
  script.serveEvent(NOTICES_ROOM, notice);
  const newSlidingSync = () =>
    new SlidingSync(
      script.baseUrl,
      new Map([["all", { ranges: [[0, 9]], timeline_limit: 10, required_state: [["*", "*"]] }]]),
      { timeline_limit: 10, required_state: [["*", "*"]] },
      client,
      1000,
    );
  let slidingSync = newSlidingSync();
  const start = async () => {
    const syncing = waitState(client, SyncState.Syncing);
    await client.startClient({ slidingSync } as never);
    await syncing;
  };
  await start();
  expect(client.getRoom(NOTICES_ROOM)).toBeTruthy();
  render(<NoticeBanner client={client} options={{ retry }} />);
  await waitFor(() => expect(script.requestsTo(/\/event\//).length).toBeGreaterThan(0));
  return {
    stop: () => {
      client.stopClient();
      slidingSync.stop();
    },
    restart: () => {
      slidingSync = newSlidingSync();
      return start();
    },
  };
}

describe("a sliding-sync client stopped and started again", () => {
  it("given a failing pinned fetch that waited while the client was stopped, when it syncs again, the notice shows", async () => {
    let down = true;
    const world = await slidingSyncWorld(serverNoticeEvent("Alice notice"), () => down);
    act(() => world.stop());
    // A retry comes due while stopped: it waits.
    await act(() => sleep(400));
    down = false;
    await act(() => world.restart());
    expect(await screen.findByText("Alice notice", {}, { timeout: 3000 })).toBeTruthy();
    world.stop();
  });

  it("control: given the client not stopped, the retry shows the notice", async () => {
    let down = true;
    const world = await slidingSyncWorld(serverNoticeEvent("Alice notice"), () => down);
    await act(() => sleep(400));
    down = false;
    expect(await screen.findByText("Alice notice", {}, { timeout: 3000 })).toBeTruthy();
    world.stop();
  });
});
