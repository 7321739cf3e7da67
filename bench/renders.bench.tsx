// Part 2: render discipline at scale. After mount, 10,000 unrelated timeline and state events (in other rooms, in
// the welcome room and in the notices room itself) cause 0 commits of <NoticeBanner> and <WelcomeDialog> (React
// Profiler counts, development build); then a pin change causes exactly one commit of the banner and none of the
// dialog. Counts are exact and asserted.
import { act, render } from "@testing-library/react";
import { Profiler } from "react";
import { expect, it } from "vitest";
import { createMemoryDismissStore, createMemorySeenStore, NoticeBanner, WelcomeDialog } from "../src";
import {
  memberEvent,
  messageEvent,
  nameEvent,
  pinnedEventsEvent,
  type RawEvent,
  redactionEvent,
  serverNoticeEvent,
  stateEvent,
  textMessageEvent,
  welcomeEvent,
} from "../test/support/events";
import {
  mergeBatches,
  NOTICES_ROOM,
  NOTICES_USER,
  noticesRoom,
  ordinaryRoom,
  welcomeRoom,
} from "../test/support/scenarios";
import { SyncScript } from "../test/support/syncScript";
import { envInt, writeResult } from "./support/results";
import { ME } from "./support/world";

const NOISE_EVENTS = envInt("BENCH_RENDER_EVENTS", 10_000);
const BATCH = 500;
const OTHER_ROOMS = Array.from({ length: 20 }, (_, i) => `!other${i}:example.org`);
const WELCOME = "!welcome:example.org";

/** Unrelated events of many kinds: messages, reactions, redactions of unpinned events, state that is not watched. */
function noise(n: number, room: string, seed: number): RawEvent[] {
  const events: RawEvent[] = [];
  for (let i = 0; i < n; i++) {
    const k = seed + i;
    const sender = room === NOTICES_ROOM && k % 2 ? NOTICES_USER : "@bob:example.org";
    switch (k % 8) {
      case 0:
        events.push(stateEvent("m.room.topic", { topic: `topic ${k}` }, { sender }));
        break;
      case 1:
        events.push(memberEvent(`@user${k}:example.org`, "join"));
        break;
      case 2: {
        const target = textMessageEvent(`to be redacted ${k}`, { sender });
        events.push(target, redactionEvent(target.event_id, { sender }));
        i++;
        break;
      }
      case 3:
        events.push(
          messageEvent(
            { "m.relates_to": { rel_type: "m.annotation", event_id: "$x", key: "👍" } },
            { type: "m.reaction" },
          ),
        );
        break;
      case 4:
        // Unrelated state of the watched kinds, in rooms that are not watched for it.
        events.push(
          room === NOTICES_ROOM || room === WELCOME
            ? stateEvent("m.room.power_levels", { users: { [sender]: 100 } }, { sender })
            : k % 16 === 4
              ? pinnedEventsEvent([`$elsewhere${k}:example.org`], { sender })
              : welcomeEvent(`Welcome ${k}`, `<p>Welcome ${k}</p>`),
        );
        break;
      case 5:
        events.push(
          room === NOTICES_ROOM
            ? serverNoticeEvent(`Unpinned notice ${k}`) // a notice message that is not pinned
            : room === WELCOME
              ? textMessageEvent(`welcome chatter ${k}`, { sender })
              : nameEvent(`Room ${k}`),
        );
        break;
      default:
        events.push(textMessageEvent(`chatter ${k}`, { sender }));
    }
  }
  return events;
}

it(`renders: ${NOISE_EVENTS} unrelated events cause no commit; a pin change exactly one`, async () => {
  const notice = serverNoticeEvent("Active notice");
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(
    client,
    mergeBatches(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
      ...OTHER_ROOMS.map((id) => ordinaryRoom(ME, id)),
      welcomeRoom(ME, WELCOME, {
        prevMembership: "invite",
        welcome: [welcomeEvent("Hello", "<p>Hello</p>")],
      }),
    ),
  );
  const commits = { banner: 0, dialog: 0 };
  render(
    <>
      <Profiler id="banner" onRender={() => commits.banner++}>
        <NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />
      </Profiler>
      <Profiler id="dialog" onRender={() => commits.dialog++}>
        <WelcomeDialog client={client} roomId={WELCOME} options={{ seenStore: createMemorySeenStore() }} />
      </Profiler>
    </>,
  );
  expect(document.querySelectorAll("[data-part=banner]")).toHaveLength(1);
  expect(document.querySelector(".mnk-welcome-dialog")).not.toBeNull();
  const settled = { ...commits };

  // Spread the noise over the notices room, the welcome room and the other rooms, BATCH events per sync.
  const rooms = [NOTICES_ROOM, WELCOME, ...OTHER_ROOMS];
  let sent = 0;
  let batches = 0;
  while (sent < NOISE_EVENTS) {
    const join: Record<string, { timeline: RawEvent[] }> = {};
    const perRoom = Math.max(2, Math.floor(BATCH / rooms.length));
    for (const room of rooms) {
      if (sent >= NOISE_EVENTS) break;
      const events = noise(Math.min(perRoom, NOISE_EVENTS - sent), room, sent);
      join[room] = { timeline: events };
      sent += events.length;
    }
    await act(() => script.push({ join }));
    batches += 1;
  }
  const noiseCommits = { banner: commits.banner - settled.banner, dialog: commits.dialog - settled.dialog };

  const second = serverNoticeEvent("Second notice");
  await act(() =>
    script.push({
      join: {
        [NOTICES_ROOM]: {
          timeline: [second, pinnedEventsEvent([notice.event_id, second.event_id], { sender: NOTICES_USER })],
        },
      },
    }),
  );
  const pinCommits = {
    banner: commits.banner - settled.banner - noiseCommits.banner,
    dialog: commits.dialog - settled.dialog - noiseCommits.dialog,
  };
  expect(document.querySelectorAll("[data-part=banner]")).toHaveLength(2);

  writeResult("renders", {
    noiseEvents: sent,
    syncBatches: batches,
    rooms: rooms.length,
    mountCommits: settled,
    noiseCommits,
    pinChangeCommits: pinCommits,
  });
  expect(noiseCommits).toEqual({ banner: 0, dialog: 0 });
  expect(pinCommits).toEqual({ banner: 1, dialog: 0 });
});
