import { act, render } from "@testing-library/react";
import { Profiler } from "react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, createMemorySeenStore, NoticeBanner, WelcomeDialog } from "../../src";
import {
  nameEvent,
  pinnedEventsEvent,
  serverNoticeEvent,
  stateEvent,
  textMessageEvent,
  welcomeEvent,
} from "../support/events";
import {
  mergeBatches,
  NOTICES_ROOM,
  NOTICES_USER,
  noticesRoom,
  ordinaryRoom,
  welcomeRoom,
} from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";
const OTHER = "!other:example.org";
const WELCOME = "!welcome:example.org";

describe("render discipline", () => {
  it("the welcome dialog opens in 3 commits: the portal does not wait one for the page body (Radix's own node state and its dismissable layer's refresh are the other two)", async () => {
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(
      client,
      welcomeRoom(ME, WELCOME, { prevMembership: "invite", welcome: [welcomeEvent("Hello")] }),
    );
    let commits = 0;
    render(
      <Profiler id="dialog" onRender={() => commits++}>
        <WelcomeDialog client={client} roomId={WELCOME} options={{ seenStore: createMemorySeenStore() }} />
      </Profiler>,
    );
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(document.querySelector('[role="dialog"]')).not.toBeNull();
    expect(commits).toBe(3);
  });

  it("unrelated timeline and state events, in other rooms and in the notices room, cause no render; a pin change causes exactly one commit", async () => {
    const notice = serverNoticeEvent("Active notice");
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(
      client,
      mergeBatches(
        noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
        ordinaryRoom(ME, OTHER),
        welcomeRoom(ME, WELCOME, { prevMembership: "invite", welcome: [welcomeEvent("Hello")] }),
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
    const settled = { ...commits };

    const noise = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        i % 2 ? textMessageEvent(`chatter ${i}`) : stateEvent("m.room.topic", { topic: `topic ${i}` }),
      );
    await act(() =>
      script.push({
        join: {
          [OTHER]: { timeline: noise(100) },
          [NOTICES_ROOM]: {
            timeline: [...noise(100), textMessageEvent("unpinned chatter", { sender: NOTICES_USER })],
          },
          [WELCOME]: { timeline: noise(100) },
        },
      }),
    );
    expect(commits).toEqual(settled);

    const second = serverNoticeEvent("Second notice");
    await act(() =>
      script.push({
        join: {
          [NOTICES_ROOM]: {
            timeline: [
              second,
              pinnedEventsEvent([notice.event_id, second.event_id], { sender: NOTICES_USER }),
            ],
          },
        },
      }),
    );
    expect(commits.banner).toBe(settled.banner + 1);
    expect(commits.dialog).toBe(settled.dialog);

    // A room name change is the one thing in the welcome room the dialog shows (its title).
    await act(() => script.push({ join: { [WELCOME]: { timeline: [nameEvent("Renamed")] } } }));
    expect(commits.dialog).toBe(settled.dialog + 1);
    expect(commits.banner).toBe(settled.banner + 1);
  });
});
