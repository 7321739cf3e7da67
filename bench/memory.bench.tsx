// Part 6: memory. <NoticeBanner> and <WelcomeDialog> are mounted and unmounted 1,000 times against one started
// client (with a fetched pin, so the shared fetcher is exercised, and the default account-data seen store):
// - listener counts on the client, its rooms and their live state come back to their baseline exactly;
// - the heap grows no more than with a control tree doing the same non-kit work per mount (a bare Radix dialog,
//   a div, and DOMPurify parsing the welcome HTML: jsdom and React's development build themselves grow a little
//   per mount), measured on the object spaces in interleaved blocks of 100 cycles after full GCs, within a
//   tolerance;
// - once the app lets go of the client, nothing of the kit keeps it, its rooms or its events alive (WeakRefs on the
//   live timelines' events, every current state event and the pinned event the kit fetched), like a control client
//   that never met the kit.
import { getHeapSpaceStatistics } from "node:v8";
import * as Dialog from "@radix-ui/react-dialog";
import { act, cleanup, render } from "@testing-library/react";
import DOMPurify from "dompurify";
import { EventTimeline, type MatrixClient, type Room } from "matrix-js-sdk";
import { expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, WelcomeDialog } from "../src";
import { pinnedEventFetcher } from "../src/notices/PinnedEventFetcher";
import { serverNoticeEvent, textMessageEvent, welcomeEvent } from "../test/support/events";
import { listenerTotal } from "../test/support/listeners";
import { mergeBatches, NOTICES_ROOM, noticesRoom, welcomeRoom } from "../test/support/scenarios";
import { SyncScript } from "../test/support/syncScript";
import { collectGarbage, envInt, writeResult } from "./support/results";
import { ME } from "./support/world";

const CYCLES = envInt("BENCH_MEMORY_CYCLES", 1000);
const BLOCK = 100;
const WELCOME = "!welcome:example.org";
const WELCOME_HTML = "<p>Hello <b>you</b>, read <a href='https://example.org/rules'>the rules</a>.</p>";
/** Heap growth allowed beyond the control's, per cycle (after full GCs). A leaked store is several KB. */
const HEAP_TOLERANCE_BYTES_PER_CYCLE = 512;

interface Refs {
  client: WeakRef<MatrixClient>;
  rooms: WeakRef<Room>[];
  events: WeakRef<object>[];
}

/**
 * A started client over the scripted world (not tracked by the harness: only the caller's references keep it), and
 * the id of its pinned notice that only the server has (the kit fetches it).
 */
async function startWorld(): Promise<{ client: MatrixClient; fetchedId: string }> {
  const local = serverNoticeEvent("Local notice");
  const remote = serverNoticeEvent("Fetched notice");
  const script = new SyncScript({ userId: ME });
  script.serveEvent(NOTICES_ROOM, remote);
  const client = script.createUntrackedClient();
  await script.start(
    client,
    mergeBatches(
      noticesRoom(ME, {
        pinned: [local.event_id, remote.event_id],
        timeline: [local, textMessageEvent("hi")],
      }),
      welcomeRoom(ME, WELCOME, { prevMembership: "invite", welcome: [welcomeEvent("Hello", WELCOME_HTML)] }),
    ),
  );
  return { client, fetchedId: remote.event_id };
}

/** Weak references to the client, its rooms and their events: live timelines, current state, and `extra`. */
function refsOf(client: MatrixClient, extra: readonly object[] = []): Refs {
  const rooms = client.getRooms();
  const events = rooms.flatMap((r) => [
    ...r.getLiveTimeline().getEvents(),
    ...[...(r.getLiveTimeline().getState(EventTimeline.FORWARDS)?.events.values() ?? [])].flatMap((byKey) => [
      ...byKey.values(),
    ]),
  ]);
  return {
    client: new WeakRef(client),
    rooms: rooms.map((r) => new WeakRef(r)),
    events: [...events, ...extra].map((e) => new WeakRef(e)),
  };
}

const alive = (refs: Refs) => ({
  client: refs.client.deref() ? 1 : 0,
  rooms: refs.rooms.filter((r) => r.deref()).length,
  events: refs.events.filter((r) => r.deref()).length,
});

/** Listeners on the client, its rooms and their live state. */
function listeners(client: MatrixClient): number {
  const rooms = client.getRooms();
  const states = rooms.flatMap((r) => r.getLiveTimeline().getState(EventTimeline.FORWARDS) ?? []);
  return listenerTotal(client, ...rooms, ...states);
}

function stop(client: MatrixClient): void {
  client.stopClient();
  client.removeAllListeners();
}

/**
 * Bytes used by JavaScript objects (new, old and large-object spaces). Code and trusted spaces are left out: V8
 * keeps tiering up functions over the first thousands of calls, and that compiled code is not a leak.
 */
function objectHeapBytes(): number {
  const spaces = new Set(["new_space", "old_space", "large_object_space", "new_large_object_space"]);
  let total = 0;
  for (const space of getHeapSpaceStatistics())
    if (spaces.has(space.space_name)) total += space.space_used_size;
  return total;
}

async function fullGc(): Promise<void> {
  // Twice, with a macrotask between: clearing weak references needs a turn of the event loop.
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    collectGarbage();
  }
}

const flush = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

function Kit({ client }: { client: MatrixClient }) {
  return (
    <>
      <NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />
      <WelcomeDialog client={client} roomId={WELCOME} />
    </>
  );
}

/** The same non-kit work as one kit mount: an open Radix dialog with sanitized HTML, and a plain banner. */
function Control() {
  const html = DOMPurify.sanitize(WELCOME_HTML);
  return (
    <>
      <section>
        <div role="status">Local notice</div>
      </section>
      <Dialog.Root open>
        <Dialog.Portal>
          <Dialog.Overlay />
          <Dialog.Content>
            <Dialog.Title>Welcome</Dialog.Title>
            <Dialog.Description>Welcome message</Dialog.Description>
            <div dangerouslySetInnerHTML={{ __html: html }} />
            <Dialog.Close>Close</Dialog.Close>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  );
}

async function cycle(client: MatrixClient, arm: "kit" | "control"): Promise<void> {
  render(arm === "kit" ? <Kit client={client} /> : <Control />);
  await flush();
  // cleanup() unmounts and removes the container (a bare unmount() leaves one container per render behind).
  cleanup();
}

/** The control client: never meets the kit. (Its own function, so that no suspended frame keeps it.) */
async function controlClient(): Promise<Refs> {
  const { client } = await startWorld();
  const refs = refsOf(client);
  stop(client);
  return refs;
}

async function kitClient() {
  const { client, fetchedId } = await startWorld();
  const baseline = listeners(client);
  render(<Kit client={client} />);
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
  expect(document.querySelectorAll("[data-part=banner]")).toHaveLength(2); // the local and the fetched pin
  expect(document.querySelector(".mnk-welcome-dialog")).not.toBeNull();
  // Tracked once the kit has fetched the remote pin: that event is held by the kit alone.
  const fetched = pinnedEventFetcher(client).get(NOTICES_ROOM, fetchedId)?.event;
  expect(fetched?.getId()).toBe(fetchedId);
  const refs = refsOf(client, [fetched!]);
  const mounted = listeners(client);
  cleanup();
  const afterFirstUnmount = listeners(client);
  for (let i = 0; i < 20; i++) {
    await cycle(client, "kit");
    await cycle(client, "control");
  }
  const growth = { kit: 0, control: 0 };
  const listenerSamples: number[] = [];
  await fullGc();
  let mark = objectHeapBytes();
  for (let b = 0; b < Math.ceil(CYCLES / BLOCK); b++) {
    const order = b % 2 ? (["control", "kit"] as const) : (["kit", "control"] as const);
    for (const arm of order) {
      for (let i = 0; i < BLOCK; i++) await cycle(client, arm);
      await fullGc();
      const now = objectHeapBytes();
      growth[arm] += now - mark;
      mark = now;
      if (arm === "kit") listenerSamples.push(listeners(client));
    }
  }
  const after = listeners(client);
  stop(client);
  return { refs, baseline, mounted, afterFirstUnmount, listenerSamples, after, growth };
}

it(`memory: ${CYCLES} mount/unmount cycles against one client leave no listeners and retain nothing`, async () => {
  expect((globalThis as { gc?: unknown }).gc, "run with --expose-gc").toBeTypeOf("function");
  const controlRefs = await controlClient();
  const kit = await kitClient();
  await fullGc();
  const retained = alive(kit.refs);
  const controlRetained = alive(controlRefs);
  const cycles = Math.ceil(CYCLES / BLOCK) * BLOCK;
  const excessPerCycle = (kit.growth.kit - kit.growth.control) / cycles;
  writeResult("memory", {
    cycles,
    listenersBaseline: kit.baseline,
    listenersMounted: kit.mounted,
    listenersAfterFirstUnmount: kit.afterFirstUnmount,
    listenersAfterEachBlock: kit.listenerSamples,
    listenersAfter: kit.after,
    listenerGrowth: kit.after - kit.baseline,
    heapGrowthBytes: kit.growth.kit,
    controlHeapGrowthBytes: kit.growth.control,
    heapExcessBytesPerCycle: Math.round(excessPerCycle),
    heapToleranceBytesPerCycle: HEAP_TOLERANCE_BYTES_PER_CYCLE,
    tracked: { rooms: kit.refs.rooms.length, events: kit.refs.events.length },
    retainedAfterRelease: retained,
    controlRetainedAfterRelease: controlRetained,
  });
  expect(kit.mounted).toBeGreaterThan(kit.baseline);
  expect(kit.afterFirstUnmount).toBe(kit.baseline);
  expect(kit.listenerSamples.every((n) => n === kit.baseline)).toBe(true);
  expect(kit.after).toBe(kit.baseline);
  expect(excessPerCycle).toBeLessThan(HEAP_TOLERANCE_BYTES_PER_CYCLE);
  expect(controlRetained).toEqual({ client: 0, rooms: 0, events: 0 });
  expect(retained).toEqual({ client: 0, rooms: 0, events: 0 });
});
