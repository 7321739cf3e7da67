/**
 * Synapse without MSC4222 (experimental, off by default) answers a sync whose timeline forked from the user's join (the
 * admin pinned a notice at the moment the kit's auto-join landed) with a `state` block holding the user's old invite;
 * matrix-js-sdk applies it, and the joined notices room reads as an invite again. The invite is the one the user's own
 * join already answered (the join in the live timeline replaced it): the room stays the notices room, its pinned
 * notice shows, and no second join is sent.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, useServerNotices } from "../../src";
import {
  createEvent,
  memberEvent,
  messageEvent,
  nameEvent,
  pinnedEventsEvent,
  type RawEvent,
  tagEvent,
} from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, ownProfileChange } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";
const options = { noticesUserIds: [NOTICES_USER], autoJoin: true };

/** A client joined to the notices room, its join (in the timeline) replacing `invite`; counts `/join` requests. */
async function joinedAfterInvite(joinOverrides: Partial<RawEvent> = {}) {
  const invite = memberEvent(ME, "invite", { sender: NOTICES_USER });
  const first = messageEvent({ msgtype: "m.server_notice", body: "first pinned" }, { sender: NOTICES_USER });
  const join = memberEvent(ME, "join", {
    prevMembership: "invite",
    unsigned: { replaces_state: invite.event_id },
  });
  Object.assign(join, joinOverrides);
  const script = new SyncScript({ userId: ME });
  const joins = { count: 0 };
  script.route({ method: "POST", path: /\/join\// }, () => {
    joins.count++;
    return { json: { room_id: NOTICES_ROOM } };
  });
  const client = script.createClient();
  await script.start(client, {
    join: {
      [NOTICES_ROOM]: {
        state: [
          createEvent({ creator: NOTICES_USER }),
          memberEvent(NOTICES_USER, "join"),
          nameEvent("Server Notices"),
        ],
        timeline: [invite, first, join],
        accountData: [tagEvent({ "m.server_notice": {} })],
      },
    },
  });
  /** The forked sync: the pin in the timeline, the replaced invite in `state`, as stock Synapse sends it. */
  const forkedSync = () =>
    script.push({
      join: {
        [NOTICES_ROOM]: {
          state: [invite],
          timeline: [pinnedEventsEvent([first.event_id], { sender: NOTICES_USER })],
        },
      },
    });
  return { client, script, joins, invite, forkedSync };
}

describe("a notices room that reads as an invite its own join already answered", () => {
  it("given Synapse re-sends the replaced invite with the first pin, the room stays the notices room and the pinned notice shows, with no second join", async () => {
    const { client, joins, forkedSync } = await joinedAfterInvite();
    const hook = renderHook(() => useServerNotices(client, options));
    render(<NoticeBanner client={client} options={options} dismissStore={createMemoryDismissStore()} />);
    await act(forkedSync);
    expect(client.getRoom(NOTICES_ROOM)?.getMyMembership()).toBe("invite"); // what the SDK believes
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("first pinned"));
    expect(hook.result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(hook.result.current.invite).toBeNull();
    expect(joins.count).toBe(0);
  });

  it("given a gappy sync after the re-sent invite replaced the timeline that held the join, a banner mounted later still follows the room, with no second join", async () => {
    const { client, script, joins, forkedSync } = await joinedAfterInvite();
    const first = renderHook(() => useServerNotices(client, options));
    await act(forkedSync);
    await waitFor(() => expect(first.result.current.room?.roomId).toBe(NOTICES_ROOM));
    await act(() =>
      script.push({
        join: {
          [NOTICES_ROOM]: {
            limited: true,
            timeline: [messageEvent({ msgtype: "m.server_notice", body: "later" }, { sender: NOTICES_USER })],
          },
        },
      }),
    );
    first.unmount();
    const again = renderHook(() => useServerNotices(client, options)); // a page change: the rooms scanned afresh
    expect(client.getRoom(NOTICES_ROOM)?.getMyMembership()).toBe("invite"); // what the SDK still believes
    expect(again.result.current.room?.roomId).toBe(NOTICES_ROOM);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(joins.count).toBe(0);
  });

  it("given the invite is a new one (not the one the join in the timeline replaced), it is an invite and is joined", async () => {
    const { client, script, joins } = await joinedAfterInvite();
    const hook = renderHook(() => useServerNotices(client, options));
    // The user left, and the homeserver invited them again (a new invite event).
    await act(() =>
      script.push({
        leave: { [NOTICES_ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
      }),
    );
    await act(() =>
      script.push({ invite: { [NOTICES_ROOM]: [memberEvent(ME, "invite", { sender: NOTICES_USER })] } }),
    );
    await waitFor(() => expect(joins.count).toBe(1));
    expect(hook.result.current.room).toBeNull();
  });

  it("given the join in the timeline replaced another invite, the re-sent invite counts as an invite", async () => {
    const { client, joins, forkedSync } = await joinedAfterInvite({});
    const room = client.getRoom(NOTICES_ROOM)!;
    const join = room.getLiveTimeline().getEvents().at(-1)!;
    join.getUnsigned().replaces_state = "$some-other-invite";
    renderHook(() => useServerNotices(client, options));
    await act(forkedSync);
    await waitFor(() => expect(joins.count).toBe(1));
  });

  describe("after a display-name change (another join, replacing the first)", () => {
    /** The forked sync, limited (a gappy sync: a fresh timeline with no member event of the user's), `rename` first. */
    async function resentAfterGap(rename: boolean) {
      const { client, script, joins, invite } = await joinedAfterInvite();
      const first = renderHook(() => useServerNotices(client, options)); // the room read while joined
      await waitFor(() => expect(first.result.current.room?.roomId).toBe(NOTICES_ROOM));
      if (rename) await act(() => script.push(ownProfileChange(client, NOTICES_ROOM, "Alice A.")));
      const pinned = messageEvent(
        { msgtype: "m.server_notice", body: "after the gap" },
        { sender: NOTICES_USER },
      );
      await act(() =>
        script.push({
          join: {
            [NOTICES_ROOM]: {
              limited: true,
              state: [invite],
              timeline: [pinned, pinnedEventsEvent([pinned.event_id], { sender: NOTICES_USER })],
            },
          },
        }),
      );
      first.unmount();
      return { client, joins };
    }

    it("given the user renamed themselves, when a gappy sync re-sends the answered invite, a banner mounted then shows the pinned notice, with no second join", async () => {
      const { client, joins } = await resentAfterGap(true);
      expect(client.getRoom(NOTICES_ROOM)?.getMyMembership()).toBe("invite"); // what the SDK believes
      render(<NoticeBanner client={client} options={options} dismissStore={createMemoryDismissStore()} />);
      await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("after the gap"));
      await act(() => new Promise((r) => setTimeout(r, 50)));
      expect(joins.count).toBe(0);
    });

    it("given no rename (control), the same gappy sync leaves the banner showing the pinned notice, with no second join", async () => {
      const { client, joins } = await resentAfterGap(false);
      expect(client.getRoom(NOTICES_ROOM)?.getMyMembership()).toBe("invite");
      render(<NoticeBanner client={client} options={options} dismissStore={createMemoryDismissStore()} />);
      await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("after the gap"));
      await act(() => new Promise((r) => setTimeout(r, 50)));
      expect(joins.count).toBe(0);
    });
  });
});
