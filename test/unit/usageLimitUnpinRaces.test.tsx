/**
 * The unpin that ends a refused send's usage limit (see usageLimitEndedByUnpin.test.tsx), at its edges: a send refused
 * while the unpin's sync is still being applied, two notices rooms with a hook bound to each, and a banner hidden over
 * the unpin and shown again. All four failed on 0697b16 (found by a review, DJ): the queued re-read of the pins ended
 * the limit the later refusal told; the store bound to the old notices room, mounted first, overwrote the record of
 * the notices covering the limit, so the unpin in the current room ended nothing; and a stopped store's read (React
 * rendering the banner again before it subscribes) dropped the client's record, so a hook that cannot see the notices
 * room kept a lifted limit.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { type MatrixClient, RoomStateEvent } from "matrix-js-sdk";
import * as React from "react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, ServerNoticesStore, useServerNotices } from "../../src";
import {
  createEvent,
  memberEvent,
  messageEvent,
  nameEvent,
  pinnedEventsEvent,
  tagEvent,
  usageLimitNoticeEvent,
} from "../support/events";
import { mauLimitFailure } from "../support/limits";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom } from "../support/scenarios";
import type { SyncScript } from "../support/syncScript";
import { ELEMENT_START_OPTIONS, startWorld } from "../support/world";

const ME = "@alice:example.org";
const OTHER = "!other:example.org";
const OLD_USER = "@oldnotices:example.org";
const OLD_ROOM = "!oldnotices:example.org";

const mauNotice = (sender?: string) =>
  usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org", sender ? { sender } : {});

/** The user's send in `roomId` refused over the limit. */
async function refuseSend(client: MatrixClient, script: SyncScript, roomId = NOTICES_ROOM) {
  script.fail({ method: "PUT", path: /\/send\// }, mauLimitFailure, 1);
  await act(async () => {
    await client.sendTextMessage(roomId, "Hello?").catch(() => {});
  });
}

/** The homeserver unpins its notice in the notices room: the limit was lifted. */
const unpin = (script: SyncScript) =>
  act(() =>
    script.push({
      join: { [NOTICES_ROOM]: { timeline: [pinnedEventsEvent([], { sender: NOTICES_USER })] } },
    }),
  );

/** A notices room found only by its type and sender (untagged, MSC4279's `m.server_notice` type), its notice pinned. */
function untaggedNoticesRoom() {
  const pinned = mauNotice();
  return noticesRoom(ME, {
    pinned: [pinned.event_id],
    timeline: [pinned],
    tagged: false,
    roomType: "m.server_notice",
  });
}

describe("the unpin that ends a refused send's usage limit, at its edges", () => {
  for (const whileApplied of [false, true])
    it(`given the unpin, a send refused ${whileApplied ? "while its sync is still being applied" : "after its sync"} keeps its own limit`, async () => {
      const pinned = mauNotice();
      const world = noticesRoom(ME, {
        timeline: [pinned, pinnedEventsEvent([pinned.event_id], { sender: NOTICES_USER })],
      });
      world.join![OTHER] = { state: [createEvent({ creator: ME }), memberEvent(ME, "join")], timeline: [] };
      // Element's options: with threads on, the SDK fetches a reaction's unknown parent before it ends the sync.
      const { client, script } = await startWorld(ME, world, {}, ELEMENT_START_OPTIONS);
      render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
      await screen.findByRole("alert");
      await refuseSend(client, script);
      expect(screen.getByRole("alert").dataset.source).toBe("pinned");
      const pinsApplied = new Promise<void>((resolve) =>
        client.getRoom(NOTICES_ROOM)!.on(RoomStateEvent.Events, (event) => {
          if (event.getType() === "m.room.pinned_events") resolve();
        }),
      );
      const reaction = messageEvent(
        { "m.relates_to": { rel_type: "m.annotation", event_id: "$unknown:example.org", key: "👍" } },
        { type: "m.reaction", sender: "@bob:example.org" },
      );
      const release = script.hold({ path: /\/event\/.*unknown/ }, () => ({
        status: 404,
        json: { errcode: "M_NOT_FOUND", error: "Not found" },
      }));
      const pushed = script.push({
        join: {
          [NOTICES_ROOM]: { timeline: [pinnedEventsEvent([], { sender: NOTICES_USER })] },
          [OTHER]: { timeline: [reaction] },
        },
      });
      await pinsApplied;
      // In another room: a second send beside a failed one in the same room is held back by Element's options.
      if (whileApplied) await refuseSend(client, script, OTHER);
      release();
      await act(() => pushed);
      if (!whileApplied) await refuseSend(client, script, OTHER);
      // Past the pins' fallback re-read too.
      await act(async () => {
        await new Promise((resolve) => setTimeout(resolve, 1200));
      });
      expect(screen.getByRole("alert").dataset.source).toBe("resource-limit-error");
    });

  for (const oldFirst of [false, true])
    it(`given two notices rooms and a hook bound to each (${oldFirst ? "the old room's" : "the current room's"} first), the unpin in the current room ends its hook's limit`, async () => {
      // Synapse after its notices user changed: a new notices room; the old one keeps its notice pinned for good.
      const old = mauNotice(OLD_USER);
      const current = mauNotice();
      const world = noticesRoom(ME, {
        timeline: [current, pinnedEventsEvent([current.event_id], { sender: NOTICES_USER })],
      });
      world.join![OLD_ROOM] = {
        state: [
          createEvent({ creator: OLD_USER, ts: Date.now() - 86_400_000 }),
          memberEvent(OLD_USER, "join"),
          memberEvent(ME, "join"),
          nameEvent("Server Notices"),
          pinnedEventsEvent([old.event_id], { sender: OLD_USER }),
        ],
        timeline: [old],
        accountData: [tagEvent({ "m.server_notice": { order: 0.5 } })],
      };
      const { client, script } = await startWorld(ME, world);
      const mountOld = () => renderHook(() => useServerNotices(client, { noticesUserIds: [OLD_USER] }));
      const mountCurrent = () => renderHook(() => useServerNotices(client));
      const first = oldFirst ? mountOld() : mountCurrent();
      const second = oldFirst ? mountCurrent() : mountOld();
      const [oldHook, currentHook] = oldFirst ? [first, second] : [second, first];
      await waitFor(() => expect(oldHook.result.current.room?.roomId).toBe(OLD_ROOM));
      await waitFor(() => expect(currentHook.result.current.room?.roomId).toBe(NOTICES_ROOM));
      await refuseSend(client, script);
      await waitFor(() => expect(currentHook.result.current.coveredUsageLimit).not.toBeNull());
      await unpin(script);
      await waitFor(() => expect(currentHook.result.current.notices).toEqual([]));
      expect(currentHook.result.current.coveredUsageLimit).toBeNull();
    });

  it("given a store that sees the notice stopped over the unpin and read before it starts again, a hook that cannot see it keeps no limit", async () => {
    const { client, script } = await startWorld(ME, untaggedNoticesRoom());
    const seeing = new ServerNoticesStore(client, { noticesUserIds: [NOTICES_USER] });
    const blind = new ServerNoticesStore(client);
    let stopSeeing = seeing.subscribe(() => {});
    blind.subscribe(() => {});
    await refuseSend(client, script);
    expect(blind.getSnapshot().notices.map((n) => n.source)).toEqual(["resource-limit-error"]);
    stopSeeing();
    await unpin(script);
    // React renders (reads the snapshot, the store stopped) before it subscribes again.
    seeing.getSnapshot();
    stopSeeing = seeing.subscribe(() => {});
    expect(seeing.getSnapshot().notices).toEqual([]);
    expect(blind.getSnapshot().notices).toEqual([]);
    stopSeeing();
  });

  const Activity = (
    React as { Activity?: React.ComponentType<{ mode: "visible" | "hidden"; children: React.ReactNode }> }
  ).Activity;
  it.skipIf(!Activity)(
    "given a banner hidden in <Activity> over the unpin and shown again, a hook that cannot see the notice keeps no limit",
    async () => {
      const Shown = Activity!;
      const { client, script } = await startWorld(ME, untaggedNoticesRoom());
      const blind = renderHook(() => useServerNotices(client));
      const App = ({ mode }: { mode: "visible" | "hidden" }) => (
        <Shown mode={mode}>
          <NoticeBanner
            client={client}
            options={{ noticesUserIds: [NOTICES_USER] }}
            dismissStore={createMemoryDismissStore()}
          />
        </Shown>
      );
      const app = render(<App mode="visible" />);
      await screen.findByRole("alert");
      await refuseSend(client, script);
      await waitFor(() =>
        expect(blind.result.current.notices.map((n) => n.source)).toEqual(["resource-limit-error"]),
      );
      app.rerender(<App mode="hidden" />);
      await unpin(script);
      app.rerender(<App mode="visible" />);
      await waitFor(() => expect(blind.result.current.notices).toEqual([]));
    },
  );
});
