/**
 * The notices room store after state that comes later than the user's membership, through the real sync pipeline:
 * the SDK emits no MyMembership when the membership is unchanged, and can emit it before a sync's timeline state is
 * in. A create event (MSC4279 room type with `noticesUserIds`, or the timestamp that picks among several rooms) that
 * comes after the join, and an invite whose inviter changes while it stays an invite, are heard all the same; what a
 * mounted hook reports is what a fresh scan of the client's rooms says.
 */
import { act, renderHook } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { type ServerNoticesRoomState, ServerNoticesRoomStore, useServerNoticesRoom } from "../../src";
import { createEvent, memberEvent, textMessageEvent } from "../support/events";
import { NOTICES_USER } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const R = "!typed:example.org";
const OPTS = { noticesUserIds: [NOTICES_USER] };

const ids = (s: ServerNoticesRoomState) => ({
  room: s.room?.roomId ?? null,
  invite: s.invite?.roomId ?? null,
});
const fresh = (client: MatrixClient, opts = OPTS) =>
  ids(new ServerNoticesRoomStore(client, opts).getSnapshot());
const mount = (client: MatrixClient, opts = OPTS) => renderHook(() => useServerNoticesRoom(client, opts));
const typedCreate = (ts?: number) =>
  createEvent({ creator: NOTICES_USER, roomType: "m.server_notice", ...(ts ? { ts } : {}) });

describe("the notices room store and state that comes after the membership", () => {
  it("given a joined room whose create event (typed, trusted creator) comes in a later sync's timeline", async () => {
    const { client, script } = await startWorld(ME, {
      join: { [R]: { state: [memberEvent(NOTICES_USER, "join"), memberEvent(ME, "join")], timeline: [] } },
    });
    const { result } = mount(client);
    expect(ids(result.current)).toEqual({ room: null, invite: null });
    await act(() => script.push({ join: { [R]: { timeline: [typedCreate()] } } }));
    expect(fresh(client)).toEqual({ room: R, invite: null });
    expect(ids(result.current)).toEqual(fresh(client));
  });

  it("given the same room, the create event in a later MSC4222 state_after", async () => {
    const { client, script } = await startWorld(ME, {
      join: { [R]: { state: [memberEvent(NOTICES_USER, "join"), memberEvent(ME, "join")], timeline: [] } },
    });
    const { result } = mount(client);
    await act(() =>
      script.push({
        join: {
          [R]: {
            stateAfter: [typedCreate(), memberEvent(NOTICES_USER, "join"), memberEvent(ME, "join")],
            timeline: [textMessageEvent("hi", { sender: NOTICES_USER })],
          },
        },
      }),
    );
    expect(fresh(client)).toEqual({ room: R, invite: null });
    expect(ids(result.current)).toEqual(fresh(client));
  });

  it("given the same room, the create event in a later gappy (limited) sync's state section", async () => {
    const { client, script } = await startWorld(ME, {
      join: {
        [R]: {
          state: [memberEvent(NOTICES_USER, "join"), memberEvent(ME, "join")],
          timeline: [textMessageEvent("a", { sender: NOTICES_USER })],
        },
      },
    });
    const { result } = mount(client);
    await act(() =>
      script.push({
        join: {
          [R]: {
            limited: true,
            state: [typedCreate()],
            timeline: [textMessageEvent("b", { sender: NOTICES_USER })],
          },
        },
      }),
    );
    expect(fresh(client)).toEqual({ room: R, invite: null });
    expect(ids(result.current)).toEqual(fresh(client));
  });

  it("given an invite, then a join whose member event is in the state section (gappy) and the typed create in the timeline", async () => {
    const { client, script } = await startWorld(ME, {});
    const { result } = mount(client);
    await act(() => script.push({ invite: { [R]: [memberEvent(ME, "invite", { sender: NOTICES_USER })] } }));
    await act(() =>
      script.push({
        join: {
          [R]: {
            limited: true,
            state: [memberEvent(ME, "join", { prevMembership: "invite" }), memberEvent(NOTICES_USER, "join")],
            timeline: [typedCreate()],
          },
        },
      }),
    );
    expect(fresh(client)).toEqual({ room: R, invite: null });
    expect(ids(result.current)).toEqual(fresh(client));
  });

  it("given an invite from another user, then (rejected and) re-invited by the notices user before the next sync", async () => {
    const { client, script } = await startWorld(ME, {});
    const { result } = mount(client);
    await act(() =>
      script.push({
        invite: { [R]: [typedCreate(), memberEvent(ME, "invite", { sender: "@mallory:example.org" })] },
      }),
    );
    expect(ids(result.current)).toEqual({ room: null, invite: null });
    await act(() =>
      script.push({ invite: { [R]: [typedCreate(), memberEvent(ME, "invite", { sender: NOTICES_USER })] } }),
    );
    expect(fresh(client)).toEqual({ room: null, invite: R });
    expect(ids(result.current)).toEqual(fresh(client));
  });

  it("given the same with autoJoin, the notices invite is accepted", async () => {
    const { client, script } = await startWorld(ME, {});
    renderHook(() => useServerNoticesRoom(client, { noticesUserIds: [NOTICES_USER], autoJoin: true }));
    await act(() =>
      script.push({
        invite: { [R]: [typedCreate(), memberEvent(ME, "invite", { sender: "@mallory:example.org" })] },
      }),
    );
    await act(() =>
      script.push({ invite: { [R]: [typedCreate(), memberEvent(ME, "invite", { sender: NOTICES_USER })] } }),
    );
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(script.requestsTo(/\/join\//, "POST")).toHaveLength(1);
  });

  it("given two typed rooms, the newer one's create arrives later: the pick follows", async () => {
    const OLD = "!old:example.org";
    const { client, script } = await startWorld(ME, {
      join: {
        [OLD]: {
          state: [typedCreate(1000), memberEvent(NOTICES_USER, "join"), memberEvent(ME, "join")],
          timeline: [],
        },
        [R]: {
          state: [memberEvent(NOTICES_USER, "join"), memberEvent(ME, "join")],
          timeline: [],
          accountData: [],
        },
      },
    });
    const { result } = mount(client);
    expect(ids(result.current).room).toBe(OLD);
    await act(() => script.push({ join: { [R]: { timeline: [typedCreate(5000)] } } }));
    expect(fresh(client).room).toBe(R);
    expect(ids(result.current)).toEqual(fresh(client));
  });
  it("given the hook mounted before the first sync, a typed room whose create event is in that sync's timeline is found when it ends", async () => {
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    const { result } = mount(client);
    await act(() =>
      script.start(client, {
        join: {
          [R]: {
            state: [memberEvent(NOTICES_USER, "join"), memberEvent(ME, "join")],
            timeline: [typedCreate()],
          },
        },
      }),
    );
    expect(ids(result.current)).toEqual({ room: R, invite: null });
  });
});
