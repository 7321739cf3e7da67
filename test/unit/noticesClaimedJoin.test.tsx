/**
 * A homeserver may pass on a remote inviter's stripped invite state whole: a forged `m.room.create` typing the room
 * `m.server_notice` with the user's own notices sender as its creator, and a join of the user's after the real invite.
 * matrix-js-sdk then counts the room as joined. That is no join: the forged room is not the notices room, and the
 * homeserver's real notices invite is still reported, auto-joined, and its pinned notice shown. (Found by a review, CJ.)
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { ClientEvent, MatrixEvent, SyncState } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  isIgnoredServerNotice,
  NoticeBanner,
  useServerNotices,
  type useServerNoticesRoom,
  watchPreviewWelcomes,
} from "../../src";
import {
  createEvent,
  memberEvent,
  nameEvent,
  pinnedEventsEvent,
  type RawEvent,
  serverNoticeEvent,
  tagEvent,
  usageLimitNoticeEvent,
} from "../support/events";
import { clientOn, newProfile } from "../support/savedSync";
import { NOTICES_ROOM, NOTICES_USER, noticesInvite, noticesRoom } from "../support/scenarios";
import { type SyncBatch, SyncScript, waitForSyncState } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const EVIL = "@mallory:evil.example";
const FAKE = "!fake:evil.example";
/** The notices room Synapse makes after the user left the old one. */
const NEW_NOTICES_ROOM = "!notices2:example.org";
const options = { noticesUserIds: [NOTICES_USER], autoJoin: true } as const;

/** Mallory's invite whose state, passed on whole, makes up a notices room typed by the notices sender, claiming a join. */
const forgedNoticesInvite = (claim = true, extra: RawEvent[] = []): SyncBatch => ({
  invite: {
    [FAKE]: [
      createEvent({ creator: NOTICES_USER, roomType: "m.server_notice" }),
      memberEvent(ME, "invite", { sender: EVIL }),
      nameEvent("Server Notices", { sender: NOTICES_USER }),
      ...(claim ? [memberEvent(ME, "join", { prevMembership: "invite" })] : []),
      ...extra,
    ],
  },
  strippedStateAs: "whole",
});

/** The homeserver's real notice, pinned in the notices room. */
const realNotice = () =>
  serverNoticeEvent("Please accept the new terms of service", { sender: NOTICES_USER });

/** The sync of the user's join to `roomId`, the join in its timeline, with `notice` pinned. */
const joinedWithNotice = (notice: RawEvent, roomId = NOTICES_ROOM): SyncBatch => ({
  join: {
    [roomId]: {
      state: [
        createEvent({ creator: NOTICES_USER, roomType: "m.server_notice" }),
        memberEvent(NOTICES_USER, "join"),
        nameEvent("Server Notices"),
        pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER }),
      ],
      timeline: [memberEvent(ME, "join", { prevMembership: "invite" }), notice],
      accountData: [tagEvent({ "m.server_notice": {} })],
    },
  },
});

const joinRequests = (script: SyncScript) => script.requestsTo(/\/join/, "POST").map((r) => r.path);
const nextTask = () => new Promise((r) => setTimeout(r, 0));

/** Mounts the hook and the banner the README recommends, with the hook's options. */
function mount(client: Parameters<typeof useServerNoticesRoom>[0]) {
  const hook = renderHook(() => useServerNotices(client, options));
  render(<NoticeBanner client={client} options={options} dismissStore={createMemoryDismissStore()} />);
  return hook;
}

describe("an invite whose state claims Alice joined a room it makes up as her notices room", () => {
  it("given the claim, when the homeserver's real notices invite comes, then it is reported and joined once, and its pinned notice shows", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = mount(client);
    await act(() => script.push(forgedNoticesInvite()));
    await act(nextTask);
    expect(client.getRoom(FAKE)?.getMyMembership()).toBe("join"); // what the SDK believes
    expect(result.current.room).toBeNull();
    expect(result.current.invite).toBeNull();

    await act(() => script.push(noticesInvite(ME)));
    await waitFor(() => expect(joinRequests(script)).toHaveLength(1));
    expect(result.current.invite?.roomId).toBe(NOTICES_ROOM);
    const notice = realNotice();
    await act(() => script.push(joinedWithNotice(notice)));
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("new terms of service"));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(joinRequests(script)).toHaveLength(1);
  });

  it("given the claim and forged pins, no forged notice is fetched or shown, and the real one shows once joined", async () => {
    const forged = usageLimitNoticeEvent("hs_disabled", "https://evil.example/login", {
      sender: NOTICES_USER,
    });
    const { client, script } = await startWorld(ME);
    const { result } = mount(client);
    await act(() =>
      script.push(
        forgedNoticesInvite(true, [pinnedEventsEvent([forged.event_id], { sender: NOTICES_USER })]),
      ),
    );
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(result.current.room).toBeNull();
    expect(result.current.notices).toEqual([]);
    expect(script.requestsTo(/\/event\//)).toEqual([]);
    expect(screen.queryByRole("alert")).toBeNull();
    // A host timeline showing that room hides a server notice there too.
    const inFake = new MatrixEvent({
      ...serverNoticeEvent("Verify now", { sender: NOTICES_USER }),
      room_id: FAKE,
    });
    expect(isIgnoredServerNotice(inFake, client.getRoom(FAKE), [NOTICES_USER])).toBe(true);

    await act(() => script.push(noticesInvite(ME)));
    await act(() => script.push(joinedWithNotice(realNotice())));
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("new terms of service"));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(joinRequests(script)).toHaveLength(1);
  });

  it("given a left notices room (its tag kept), a claim for that room id does not make it the notices room again, and the new notices room's invite is joined", async () => {
    const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    await script.push({
      leave: { [NOTICES_ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
    });
    const { result } = mount(client);
    expect(result.current.room).toBeNull();
    await act(() =>
      script.push({
        invite: {
          [NOTICES_ROOM]: [
            memberEvent(ME, "invite", { sender: EVIL }),
            memberEvent(ME, "join", { prevMembership: "invite" }),
          ],
        },
        strippedStateAs: "whole",
      }),
    );
    await act(nextTask);
    expect(client.getRoom(NOTICES_ROOM)?.getMyMembership()).toBe("join"); // what the SDK believes
    expect(result.current.room).toBeNull();

    await act(() =>
      script.push({
        invite: {
          [NEW_NOTICES_ROOM]: [
            memberEvent(ME, "invite", { sender: NOTICES_USER }),
            nameEvent("Server Notices", { sender: NOTICES_USER }),
          ],
        },
      }),
    );
    await waitFor(() => expect(joinRequests(script)).toHaveLength(1));
    expect(result.current.invite?.roomId).toBe(NEW_NOTICES_ROOM);
    await act(() => script.push(joinedWithNotice(realNotice(), NEW_NOTICES_ROOM)));
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("new terms of service"));
    expect(result.current.room?.roomId).toBe(NEW_NOTICES_ROOM);
  });
});

describe("real joins still count (controls)", () => {
  it("given the same forged room without a claimed join, the real invite is reported, joined and its notice shown", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = mount(client);
    await act(() => script.push(forgedNoticesInvite(false)));
    await act(() => script.push(noticesInvite(ME)));
    await waitFor(() => expect(joinRequests(script)).toHaveLength(1));
    await act(() => script.push(joinedWithNotice(realNotice())));
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("new terms of service"));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
  });

  it("given the real invite, then the join's sync with the join in its timeline, the room counts and no second join is sent", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = mount(client);
    await act(() => script.push(noticesInvite(ME)));
    await waitFor(() => expect(joinRequests(script)).toHaveLength(1));
    await act(() => script.push(joinedWithNotice(realNotice())));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(result.current.invite).toBeNull();
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("new terms of service"));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(joinRequests(script)).toHaveLength(1);
  });

  it("given the real invite, then a join that came only as state (a gappy sync), the room counts once that sync is applied", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = mount(client);
    await act(() => script.push(noticesInvite(ME)));
    await waitFor(() => expect(joinRequests(script)).toHaveLength(1));
    const notice = realNotice();
    // (The fixture puts the user's join in the room's state section, none in its timeline.)
    await act(() => script.push(noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] })));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(result.current.invite).toBeNull();
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("new terms of service"));
    expect(joinRequests(script)).toHaveLength(1);
  });

  it("given a notices room joined before the kit mounted (its join only as state), it counts at once", async () => {
    const notice = realNotice();
    const { client } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = mount(client);
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("new terms of service"));
  });

  it("given the kit mounted before the first sync, a notices room that sync brings joined counts once it is applied, and no listener for every event stays", async () => {
    const notice = realNotice();
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    const { result } = mount(client);
    await act(() => script.start(client, noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] })));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("new terms of service"));
    // Without thread support the claims watch lasts only while the join was in doubt: as many listeners as the SDK's
    // own on a client the kit never saw.
    const { client: bare } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    expect(client.listenerCount(ClientEvent.Event)).toBe(bare.listenerCount(ClientEvent.Event));
  });
});

describe("across a reload", () => {
  it("given watchPreviewWelcomes called before startClient, the replayed claim is still no notices room, and the real invite is joined", async () => {
    const profile = newProfile();
    const script = new SyncScript({ userId: ME });
    const { client, store } = await clientOn(script, profile);
    const release = watchPreviewWelcomes(client);
    await script.start(client, {});
    await script.push(forgedNoticesInvite());
    client.stopClient();
    release();
    await store.save(true);

    // The page reloads: the app watches before it starts the client, and mounts the banner once it is ready.
    const next = new SyncScript({ userId: ME });
    const again = await clientOn(next, profile);
    watchPreviewWelcomes(again.client);
    const prepared = waitForSyncState(again.client, SyncState.Prepared);
    void again.client.startClient({ initialSyncLimit: 50 });
    await prepared;
    const { result } = mount(again.client);
    await act(nextTask);
    expect(again.client.getRoom(FAKE)?.getMyMembership()).toBe("join"); // what the SDK believes
    expect(result.current.room).toBeNull();

    await act(() => next.push(noticesInvite(ME)));
    await waitFor(() => expect(joinRequests(next)).toHaveLength(1));
    expect(result.current.invite?.roomId).toBe(NOTICES_ROOM);
    await act(() => next.push(joinedWithNotice(realNotice())));
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("new terms of service"));
  });
});
