/**
 * A first join into a room that replaced another (README "Room upgrades"): no first look when the client knows the
 * user was a member of the old room. Still joined there: the welcome does not show (`room-upgrade`), and leaving the
 * old room later changes nothing, also a leave the server stamped in the same millisecond as the join. Gone before:
 * a rejoin, also when the user was invited back there and declined. Never a member there (invited, then banned from
 * the invite): a first join.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useWelcomeMessage } from "../../src";
import {
  createEvent,
  memberEvent,
  nameEvent,
  type RawEvent,
  stateEvent,
  textMessageEvent,
  welcomeEvent,
} from "../support/events";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const OLD = "!old:example.org";
const NEW = "!new:example.org";
const DAY = 86_400_000;

let t = Date.now() - 10 * 60_000;
const at = () => (t += 1000);
const ev = (membership: string, prev: string | undefined, sender = ME) =>
  memberEvent(ME, membership, { prevMembership: prev, sender, ts: at() });

/** The old room as the client saw it, one sync per membership event, then the first join into the new room at `joinTs`. */
async function joinNewAfter(
  oldHistory: { section: "join" | "leave" | "invite"; event: RawEvent }[],
  joinTs?: number,
) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, {});
  const oldState = [
    createEvent({ creator: MOD, ts: Date.now() - 60 * DAY }),
    memberEvent(MOD, "join", { ts: Date.now() - 60 * DAY }),
    nameEvent("Old"),
  ];
  let first = true;
  for (const { section, event } of oldHistory) {
    const batch =
      section === "invite"
        ? { invite: { [OLD]: [event, nameEvent("Old", { sender: MOD })] } }
        : { [section]: { [OLD]: { ...(first ? { state: oldState } : {}), timeline: [event] } } };
    if (section !== "invite") first = false;
    await act(() => script.push(batch));
  }
  const join = memberEvent(ME, "join", { ts: joinTs ?? at() });
  await act(() =>
    script.push({
      join: {
        [NEW]: {
          state: [
            createEvent({ creator: MOD, ts: Date.now() - DAY, predecessor: OLD }),
            memberEvent(MOD, "join", { ts: Date.now() - DAY }),
            nameEvent("New"),
            welcomeEvent("Rules", undefined, { sender: MOD, ts: Date.now() - DAY }),
          ],
          timeline: [join],
        },
      },
    }),
  );
  const { result } = renderHook(() => useWelcomeMessage(client, NEW));
  await waitFor(() => expect(result.current.message?.text).toBe("Rules"));
  return { result, client };
}

describe("a room upgrade: what the client knows of the old room", () => {
  it("given a member of the old room who left it: the join into the new room is a rejoin (not shown on first-join)", async () => {
    const { result } = await joinNewAfter([
      { section: "join", event: ev("join", undefined) },
      { section: "leave", event: ev("leave", "join") },
    ]);
    expect(result.current.decision.reason).toBe("not-a-qualifying-join");
  });

  it("given a member of the old room who left, was invited back and declined: still a rejoin (the client holds the join)", async () => {
    const { result, client } = await joinNewAfter([
      { section: "join", event: ev("join", undefined) },
      { section: "leave", event: ev("leave", "join") },
      { section: "invite", event: ev("invite", "leave", MOD) },
      { section: "leave", event: ev("leave", "invite") },
    ]);
    // The client does hold the old join in the old room's live timeline.
    const oldEvents = client.getRoom(OLD)!.getLiveTimeline().getEvents();
    expect(
      oldEvents.some((e) => e.getType() === "m.room.member" && e.getContent().membership === "join"),
    ).toBe(true);
    expect(result.current.decision.reason).toBe("not-a-qualifying-join");
    expect(result.current.shouldShow).toBe(false);
  });

  it("given never a member of the old room (invited, declined, then banned): the join is a first join", async () => {
    const { result } = await joinNewAfter([
      { section: "invite", event: ev("invite", undefined, MOD) },
      { section: "leave", event: ev("leave", "invite") },
      { section: "leave", event: ev("ban", "leave", MOD) },
    ]);
    expect(result.current.decision.reason).toBe("first-join");
  });

  it("given never a member of the old room (banned there in advance): the join is a first join", async () => {
    const { result } = await joinNewAfter([{ section: "leave", event: ev("ban", undefined, MOD) }]);
    expect(result.current.decision.reason).toBe("first-join");
  });

  it("given never a member of the old room (invited there, then banned from the invite): the join is a first join", async () => {
    const { result } = await joinNewAfter([
      { section: "invite", event: ev("invite", undefined, MOD) },
      { section: "leave", event: ev("ban", "invite", MOD) },
    ]);
    expect(result.current.decision.reason).toBe("first-join");
    expect(result.current.shouldShow).toBe(true);
  });
});

async function upgradedWhileJoined() {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  const now = Date.now();
  const oldJoin = memberEvent(ME, "join", { ts: now - 30 * 60_000, unsigned: { age: 30 * 60_000 } });
  await script.start(client, {
    join: {
      [OLD]: {
        state: [
          createEvent({ creator: MOD, ts: now - 60 * DAY }),
          memberEvent(MOD, "join", { ts: now - 60 * DAY }),
          nameEvent("Old"),
        ],
        timeline: [oldJoin],
      },
    },
  });
  // The old room is upgraded: its tombstone names the new room; the user joins the new room while still in the old.
  await act(() =>
    script.push({
      join: {
        [OLD]: {
          timeline: [
            stateEvent("m.room.tombstone", { body: "moved", replacement_room: NEW }, { sender: MOD }),
          ],
        },
      },
    }),
  );
  const newJoin = memberEvent(ME, "join", { ts: Date.now(), unsigned: { age: 0 } });
  await act(() =>
    script.push({
      join: {
        [NEW]: {
          state: [
            createEvent({ creator: MOD, ts: now - 1000, predecessor: OLD }),
            memberEvent(MOD, "join", { ts: now - 1000 }),
            nameEvent("New"),
          ],
          timeline: [newJoin],
        },
      },
    }),
  );
  return { script, client };
}

describe("a room upgrade: the same millisecond counts as after", () => {
  it("given an invite to the old room declined, then the old and new rooms joined in the same millisecond, the join is a first join", async () => {
    const history: { section: "join" | "leave" | "invite"; event: RawEvent }[] = [
      { section: "invite", event: ev("invite", undefined, MOD) },
      { section: "leave", event: ev("leave", "invite") },
    ];
    const same = at();
    history.push({ section: "join", event: memberEvent(ME, "join", { prevMembership: "leave", ts: same }) });
    const { result } = await joinNewAfter(history, same);
    expect(result.current.decision.reason).toBe("first-join");
  });
});

describe("a room upgrade while still in the old room: leaving it later changes nothing", () => {
  it("given a leave of the old room in a later sync stamped in the same millisecond as the join, the welcome after a gap stays a room-upgrade", async () => {
    const { script, client } = await upgradedWhileJoined();
    const { result } = renderHook(() => useWelcomeMessage(client, NEW));
    expect(result.current.decision.reason).toBe("no-welcome");
    // The user leaves the old room later (in a later sync; the server stamped it in the same millisecond as the join).
    const joinTs = client.getRoom(NEW)!.getMember(ME)!.events.member!.getTs();
    await act(() =>
      script.push({
        leave: {
          [OLD]: {
            timeline: [
              memberEvent(ME, "leave", { prevMembership: "join", ts: joinTs, unsigned: { age: 0 } }),
            ],
          },
        },
      }),
    );
    // A moderator sets the welcome in the new room; the user's client gets it through a gappy sync.
    await act(() =>
      script.push({
        join: {
          [NEW]: {
            state: [welcomeEvent("Rules", undefined, { unstable: true, shape: "shorthand", sender: MOD })],
            timeline: [textMessageEvent("filler", { sender: MOD })],
            limited: true,
          },
        },
      }),
    );
    await waitFor(() => expect(result.current.message?.text).toBe("Rules"));
    expect(result.current.decision.reason).toBe("room-upgrade");
    expect(result.current.shouldShow).toBe(false);
  });

  it("given the same welcome arriving live (no gap) after leaving the old room does not show", async () => {
    const { script, client } = await upgradedWhileJoined();
    const { result } = renderHook(() => useWelcomeMessage(client, NEW));
    await act(() =>
      script.push({
        leave: {
          [OLD]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join", unsigned: { age: 0 } })] },
        },
      }),
    );
    await act(() =>
      script.push({
        join: {
          [NEW]: {
            timeline: [welcomeEvent("Rules", undefined, { unstable: true, shape: "shorthand", sender: MOD })],
          },
        },
      }),
    );
    await waitFor(() => expect(result.current.message?.text).toBe("Rules"));
    expect(result.current.decision.reason).toBe("room-upgrade");
  });
});
