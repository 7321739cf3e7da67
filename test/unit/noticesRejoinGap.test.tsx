/**
 * A gappy sync of the notices room that no store heard, because the store was not listening to that room then (the
 * user had left it, it was untagged, or another notices room was the chosen one), is still a gap: a notice the server
 * edited or redacted meanwhile shows as the server has it once the room is the notices room again (README: after a
 * gappy sync the pinned notices from before the gap are fetched again).
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import type { IEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { collected } from "../support/collected";
import {
  createEvent,
  memberEvent,
  messageEvent,
  nameEvent,
  pinnedEventsEvent,
  type RawEvent,
  redactionEvent,
  tagEvent,
} from "../support/events";
import { NOTICES_ROOM, NOTICES_USER } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";
const NEWER_ROOM = "!notices2:example.org";
type Change = "edit" | "redaction";

const roomState = (ts: number) => [
  createEvent({ creator: NOTICES_USER, ts }),
  memberEvent(NOTICES_USER, "join"),
  nameEvent("Server Notices"),
];

/** The notice as the server serves it after `change` (its edit bundled, or redacted). */
function changedOnServer(notice: RawEvent, change: Change): RawEvent {
  if (change === "redaction") {
    const redaction = redactionEvent(notice.event_id, { sender: NOTICES_USER });
    return { ...notice, content: {}, unsigned: { redacted_because: redaction as unknown as IEvent } };
  }
  const edit = messageEvent(
    {
      msgtype: "m.server_notice",
      body: "* edited",
      "m.new_content": { msgtype: "m.server_notice", body: "edited" },
      "m.relates_to": { rel_type: "m.replace", event_id: notice.event_id },
    },
    { sender: NOTICES_USER },
  );
  return { ...notice, unsigned: { "m.relations": { "m.replace": { ...edit, room_id: NOTICES_ROOM } } } };
}

/** A client whose notices room pins one notice, `useServerNotices` mounted showing it; `served` answers its fetch. */
async function world() {
  const notice = messageEvent({ msgtype: "m.server_notice", body: "original" }, { sender: NOTICES_USER });
  const pins = pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER });
  const script = new SyncScript({ userId: ME });
  const state = { served: notice, fetches: 0 };
  script.route({ method: "GET", path: /\/event\// }, () => {
    state.fetches++;
    return { json: { ...state.served, room_id: NOTICES_ROOM } };
  });
  script.route({ method: "POST", path: /\/forget$/ }, () => ({ json: {} }));
  const client = script.createClient();
  await script.start(client, {
    join: {
      [NOTICES_ROOM]: {
        state: [...roomState(1000), memberEvent(ME, "join", { prevMembership: "invite" }), pins],
        timeline: [notice],
        accountData: [tagEvent({ "m.server_notice": {} })],
      },
    },
  });
  const hook = renderHook(() => useServerNotices(client));
  const bodies = () => hook.result.current.notices.map((n) => n.notice.body);
  await waitFor(() => expect(bodies()).toEqual(["original"]));
  /** A limited sync of the notices room (full state, `timeline` after the gap), tagged again if `retag`. */
  const gappySync = (timeline: RawEvent[], retag: boolean) =>
    script.push({
      join: {
        [NOTICES_ROOM]: {
          state: [...roomState(1000), pins],
          timeline,
          limited: true,
          prevBatch: "gap",
          ...(retag ? { accountData: [tagEvent({ "m.server_notice": {} })] } : {}),
        },
      },
    });
  return { client, script, notice, state, hook, bodies, gappySync };
}

const expectedBodies = (change: Change) => (change === "edit" ? ["edited"] : []);
const filler = () => messageEvent({ msgtype: "m.text", body: "filler" }, { sender: "@x:example.org" });

describe.each<Change>(["edit", "redaction"])("a notice's %s in a gap no store heard", (change) => {
  it(`given the user left the notices room and joined again with a limited timeline, the ${change} made meanwhile shows`, async () => {
    const { script, notice, state, bodies, gappySync } = await world();
    await act(() =>
      script.push({
        leave: { [NOTICES_ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
      }),
    );
    await waitFor(() => expect(bodies()).toEqual([]));
    state.served = changedOnServer(notice, change);
    await act(() => gappySync([memberEvent(ME, "join", { prevMembership: "leave" })], true));
    await waitFor(() => expect(bodies()).toEqual(expectedBodies(change)));
  });

  it(`given the room was untagged during a gappy sync and tagged again, the ${change} in the gap shows`, async () => {
    const { script, notice, state, bodies, gappySync } = await world();
    await act(() => script.push({ join: { [NOTICES_ROOM]: { accountData: [tagEvent({})] } } }));
    await waitFor(() => expect(bodies()).toEqual([]));
    state.served = changedOnServer(notice, change);
    await act(() => gappySync([filler()], false));
    await act(() =>
      script.push({ join: { [NOTICES_ROOM]: { accountData: [tagEvent({ "m.server_notice": {} })] } } }),
    );
    await waitFor(() => expect(bodies()).toEqual(expectedBodies(change)));
  });

  it(`given a newer notices room was chosen during the older one's gap, when the newer is untagged, the older room's ${change} shows`, async () => {
    const { script, notice, state, hook, bodies, gappySync } = await world();
    await act(() =>
      script.push({
        join: {
          [NEWER_ROOM]: {
            state: [...roomState(5000), memberEvent(ME, "join", { prevMembership: "invite" })],
            timeline: [],
            accountData: [tagEvent({ "m.server_notice": {} })],
          },
        },
      }),
    );
    await waitFor(() => expect(hook.result.current.room?.roomId).toBe(NEWER_ROOM));
    state.served = changedOnServer(notice, change);
    await act(() => gappySync([filler()], false));
    await act(() => script.push({ join: { [NEWER_ROOM]: { accountData: [tagEvent({})] } } }));
    await waitFor(() => expect(hook.result.current.room?.roomId).toBe(NOTICES_ROOM));
    await waitFor(() => expect(bodies()).toEqual(expectedBodies(change)));
  });
});

describe("a gap no store heard, where the room's record could be lost", () => {
  it("given the untagged room's old live timeline was garbage-collected before the retag, the edit in the gap shows", async () => {
    const { client, script, notice, state, bodies, gappySync } = await world();
    await act(() => script.push({ join: { [NOTICES_ROOM]: { accountData: [tagEvent({})] } } }));
    await waitFor(() => expect(bodies()).toEqual([]));
    const oldTimeline = new WeakRef(client.getRoom(NOTICES_ROOM)!.getLiveTimeline());
    state.served = changedOnServer(notice, "edit");
    await act(() => gappySync([filler()], false));
    // The SDK kept no reference to the old timeline (no timeline support): it is collected before the retag.
    expect(await collected(oldTimeline)).toBe(true);
    await act(() =>
      script.push({ join: { [NOTICES_ROOM]: { accountData: [tagEvent({ "m.server_notice": {} })] } } }),
    );
    await waitFor(() => expect(bodies()).toEqual(["edited"]));
  });

  it("given the user left, forgot and joined the notices room again (a new Room), the edit made meanwhile shows", async () => {
    const { client, script, notice, state, bodies, gappySync } = await world();
    await act(() =>
      script.push({
        leave: { [NOTICES_ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
      }),
    );
    await waitFor(() => expect(bodies()).toEqual([]));
    await act(() => client.forget(NOTICES_ROOM));
    expect(client.getRoom(NOTICES_ROOM)).toBeNull();
    state.served = changedOnServer(notice, "edit");
    await act(() => gappySync([memberEvent(ME, "join", { prevMembership: "leave" })], true));
    await waitFor(() => expect(bodies()).toEqual(["edited"]));
  });
});

describe("no gap, no extra fetch", () => {
  it("given the room was untagged and tagged again with no gappy sync between, nothing is fetched and the notice shows as before", async () => {
    const { script, state, bodies } = await world();
    await act(() => script.push({ join: { [NOTICES_ROOM]: { accountData: [tagEvent({})] } } }));
    await waitFor(() => expect(bodies()).toEqual([]));
    await act(() =>
      script.push({ join: { [NOTICES_ROOM]: { accountData: [tagEvent({ "m.server_notice": {} })] } } }),
    );
    await waitFor(() => expect(bodies()).toEqual(["original"]));
    expect(state.fetches).toBe(0);
  });

  it("given a gappy sync heard while bound, the notice is fetched once, and once only after an untag and retag", async () => {
    const { script, notice, state, bodies, gappySync } = await world();
    state.served = changedOnServer(notice, "edit");
    await act(() => gappySync([filler()], false));
    await waitFor(() => expect(bodies()).toEqual(["edited"]));
    expect(state.fetches).toBe(1);
    await act(() => script.push({ join: { [NOTICES_ROOM]: { accountData: [tagEvent({})] } } }));
    await act(() =>
      script.push({ join: { [NOTICES_ROOM]: { accountData: [tagEvent({ "m.server_notice": {} })] } } }),
    );
    await waitFor(() => expect(bodies()).toEqual(["edited"]));
    expect(state.fetches).toBe(1);
  });
});
