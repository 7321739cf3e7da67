/**
 * A homeserver that replaces the user's notices room while the user is still joined to the old one. Synapse does
 * when its admin changes `server_notices.system_mxid_localpart`: it finds the notices room by the notices user's
 * membership, so the old room no longer counts; the next notice goes to a new room, with an invite from the new
 * sender. The app lists that sender instead of the old one (its config changed too): the new invite is the pending
 * notices invite, and `autoJoin` accepts it, after which the new room's pins are the active notices. An invite to a
 * room the homeserver gave up (one the user never took) stays ignored while a room from a listed sender is joined.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  NoticeBanner,
  type ServerNoticesOptions,
  useServerNoticesRoom,
} from "../../src";
import { memberEvent, nameEvent, serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom } from "../support/scenarios";
import type { SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
/** The notices sender after the admin's change, and the room the homeserver made for it. */
const NEW_SENDER = "@system:example.org";
const NEW_ROOM = "!new-notices:example.org";
/** The app's list after the change: the new sender only. */
const SENDERS = [NEW_SENDER];

const oldNotice = serverNoticeEvent("Old notice: scheduled maintenance on Monday", { eventId: "$old" });
const newNotice = serverNoticeEvent("New notice: the server moves on Friday", {
  eventId: "$new",
  sender: NEW_SENDER,
});

/** The old notices room, joined, with its notice pinned (created long ago). */
const oldRoom = () =>
  noticesRoom(ME, { pinned: ["$old"], timeline: [oldNotice], createdTs: Date.now() - 86_400_000 });

/** The invite to the new notices room, from `sender`. */
function inviteTo(roomId: string, sender: string): SyncBatch {
  return {
    invite: {
      [roomId]: [memberEvent(ME, "invite", { sender }), nameEvent("Server Notices", { sender })],
    },
  };
}

/** The new room as the join brings it: tagged by the homeserver, its notice pinned. */
const newRoomJoined = () =>
  noticesRoom(ME, { roomId: NEW_ROOM, pinned: ["$new"], timeline: [newNotice], createdTs: Date.now() });

/** The user in the old room, on a homeserver that answers joins of the new one. */
async function startOldRoomWorld() {
  const world = await startWorld(ME, oldRoom());
  world.script.route({ method: "POST", path: /\/join/ }, () => ({ json: { room_id: NEW_ROOM } }));
  return world;
}

const renderBanner = (client: MatrixClient, options: ServerNoticesOptions) =>
  render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} options={options} />);

describe("a notices room the homeserver replaced while the old one is still joined", () => {
  it("useServerNoticesRoom: the new room's invite is pending while the old room stays the notices room", async () => {
    const { client, script } = await startWorld(ME, oldRoom());
    const { result } = renderHook(() => useServerNoticesRoom(client, { noticesUserIds: SENDERS }));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(result.current.invite).toBeNull();
    await act(() => script.push(inviteTo(NEW_ROOM, NEW_SENDER)));
    expect(result.current.invite?.roomId).toBe(NEW_ROOM);
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
  });

  it("given a pinned notice in the old room, with autoJoin the new invite is joined and the banner shows the new room's notice", async () => {
    const { client, script } = await startOldRoomWorld();
    renderBanner(client, { noticesUserIds: SENDERS, autoJoin: true });
    expect(await screen.findByText(/Old notice/)).toBeTruthy();
    await act(() => script.push(inviteTo(NEW_ROOM, NEW_SENDER)));
    await waitFor(() => expect(script.requestsTo(/\/join/)).toHaveLength(1));
    expect(script.requestsTo(/\/join/)[0]!.path).toContain(NEW_ROOM);
    await act(() => script.push(newRoomJoined()));
    expect(await screen.findByText(/New notice/)).toBeTruthy();
    expect(screen.queryByText(/Old notice/)).toBeNull();
  });

  it("an app that still lists the old sender keeps the joined room: the new invite is not taken, nothing is joined", async () => {
    const { client, script } = await startOldRoomWorld();
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, { noticesUserIds: [NOTICES_USER, NEW_SENDER], autoJoin: true }),
    );
    await act(() => script.push(inviteTo(NEW_ROOM, NEW_SENDER)));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(result.current.invite).toBeNull();
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(script.requestsTo(/\/join/)).toHaveLength(0);
  });

  it("given the new room joined and a stale invite from the old sender the user never took, it is not taken nor joined", async () => {
    const STALE = "!abandoned:example.org";
    const { client, script } = await startWorld(ME, newRoomJoined());
    script.route({ method: "POST", path: /\/join/ }, () => ({ json: { room_id: STALE } }));
    for (const noticesUserIds of [
      [NEW_SENDER, NOTICES_USER],
      [NOTICES_USER, NEW_SENDER],
    ]) {
      const { result, unmount } = renderHook(() =>
        useServerNoticesRoom(client, { noticesUserIds, autoJoin: true }),
      );
      await act(() => script.push(inviteTo(STALE, NOTICES_USER)));
      await act(() => new Promise((r) => setTimeout(r, 50)));
      expect(result.current.invite).toBeNull();
      expect(result.current.room?.roomId).toBe(NEW_ROOM);
      unmount();
    }
    expect(script.requestsTo(/\/join/)).toHaveLength(0);
  });

  it("an invite from a sender the app does not list is not taken, and nothing is joined (control)", async () => {
    const { client, script } = await startOldRoomWorld();
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, { noticesUserIds: [NOTICES_USER], autoJoin: true }),
    );
    await act(() => script.push(inviteTo(NEW_ROOM, "@mallory:example.org")));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(result.current.invite).toBeNull();
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(script.requestsTo(/\/join/)).toHaveLength(0);
  });

  it("without autoJoin nothing is joined, and the old room's notice stays shown until the app joins", async () => {
    const { client, script } = await startOldRoomWorld();
    renderBanner(client, { noticesUserIds: SENDERS });
    expect(await screen.findByText(/Old notice/)).toBeTruthy();
    await act(() => script.push(inviteTo(NEW_ROOM, NEW_SENDER)));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(script.requestsTo(/\/join/)).toHaveLength(0);
    expect(screen.getByText(/Old notice/)).toBeTruthy();
  });
});
