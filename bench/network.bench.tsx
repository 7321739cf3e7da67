// Part 3: network discipline. 50 pinned ids, 25 of them in the notices room's local timeline: exactly 25 event
// fetches, all started before the first one completes (the script's /event route answers only once all 25 have
// arrived, or after a timeout that would reveal serial fetching); then re-pinning the same list makes 0 fetches.
import { act, render, waitFor } from "@testing-library/react";
import { expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner } from "../src";
import { pinnedEventsEvent, serverNoticeEvent } from "../test/support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom } from "../test/support/scenarios";
import { SyncScript } from "../test/support/syncScript";
import { writeResult } from "./support/results";
import { ME } from "./support/world";

const PINS = 50;
const LOCAL = 25;
const REMOTE = PINS - LOCAL;
/** How long the gate waits for all fetches before it answers anyway (then they were not all concurrent). */
const GATE_TIMEOUT_MS = 3000;

const EVENT_PATH = /\/rooms\/[^/]+\/event\/[^/]+$/;

it(`network: ${PINS} pins, ${LOCAL} local -> ${REMOTE} concurrent fetches; re-pinning fetches nothing`, async () => {
  const notices = Array.from({ length: PINS }, (_, i) => serverNoticeEvent(`Notice ${i}`));
  const local = notices.filter((_, i) => i % 2 === 0); // interleaved: local and remote pins alternate
  const remote = notices.filter((_, i) => i % 2 === 1);
  expect(local).toHaveLength(LOCAL);

  const script = new SyncScript({ userId: ME });
  for (const event of remote) script.serveEvent(NOTICES_ROOM, event);
  // The gate: every /event request is held until REMOTE of them have arrived.
  const log: { kind: "start" | "finish"; id: string }[] = [];
  let arrived = 0;
  let openGate!: () => void;
  const gate = new Promise<void>((resolve) => {
    openGate = resolve;
  });
  const timer = setTimeout(() => openGate(), GATE_TIMEOUT_MS);
  script.route({ path: EVENT_PATH, method: "GET" }, async (req) => {
    const id = req.path.split("/").at(-1)!;
    log.push({ kind: "start", id });
    arrived += 1;
    if (arrived === REMOTE) openGate();
    await gate;
    log.push({ kind: "finish", id });
    return undefined; // the built-in route serves the event
  });

  const client = script.createClient();
  await script.start(client, noticesRoom(ME, { pinned: notices.map((n) => n.event_id), timeline: local }));
  render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
  await waitFor(() => expect(document.querySelectorAll("[data-part=banner]")).toHaveLength(PINS), {
    timeout: GATE_TIMEOUT_MS + 5000,
  });
  clearTimeout(timer);
  const fetches = script.requestsTo(EVENT_PATH, "GET").length;
  const firstFinish = log.findIndex((e) => e.kind === "finish");
  const startedBeforeFirstFinish = log.slice(0, firstFinish < 0 ? log.length : firstFinish).length;
  const fetchedIds = new Set(log.filter((e) => e.kind === "start").map((e) => e.id));

  // Re-pin the same list (a new m.room.pinned_events event with identical content).
  const before = script.requestsTo(EVENT_PATH, "GET").length;
  await act(() =>
    script.push({
      join: {
        [NOTICES_ROOM]: {
          timeline: [
            pinnedEventsEvent(
              notices.map((n) => n.event_id),
              { sender: NOTICES_USER },
            ),
          ],
        },
      },
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  const repinFetches = script.requestsTo(EVENT_PATH, "GET").length - before;
  expect(document.querySelectorAll("[data-part=banner]")).toHaveLength(PINS);

  writeResult("network", {
    pins: PINS,
    localPins: LOCAL,
    fetches,
    distinctFetchedIds: fetchedIds.size,
    onlyRemoteFetched: remote.every((e) => fetchedIds.has(e.event_id)),
    startedBeforeFirstFinish,
    repinFetches,
  });
  expect(fetches).toBe(REMOTE);
  expect(fetchedIds.size).toBe(REMOTE);
  expect(startedBeforeFirstFinish).toBe(REMOTE);
  expect(repinFetches).toBe(0);
});
