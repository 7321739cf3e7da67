/**
 * A join's recency is judged by its age as the homeserver reports it (`unsigned.age`), not by comparing its
 * `origin_server_ts` with the device clock: a device clock that runs fast or slow must neither hide a fresh join nor
 * replay an old one on a fresh login. Events of the live timeline after the join bound its age (the SDK's sync cache
 * keeps a state event's first age); which may and which must not.
 */
import { renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, decideWelcome, useWelcomeMessage, type WelcomeRuleInput } from "../../src";
import { memberEvent, type RawEvent, textMessageEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const DAY = 24 * 60 * 60 * 1000;

afterEach(() => {
  vi.useRealTimers();
});

/** Sets the device clock `offset` ms away from the (real) server time, which it returns. */
function deviceClockOff(offset: number): number {
  const serverNow = Date.now();
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(serverNow + offset);
  return serverNow;
}

/** The welcome hook for a room synced with `state` events added and `timeline` as its timeline (welcome set `welcomeAgo`). */
async function welcomeWith(
  serverNow: number,
  { state = [], timeline }: { state?: RawEvent[]; timeline: RawEvent[] },
  options: { now?: () => number } = {},
  welcomeAgo = 3 * DAY,
) {
  const batch = welcomeRoom(ME, ROOM, {
    welcome: [welcomeEvent("Rules", undefined, { ts: serverNow - welcomeAgo })],
  });
  batch.join![ROOM]!.state!.push(...state);
  batch.join![ROOM]!.timeline = timeline;
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, batch);
  return renderHook(() => useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore(), ...options }))
    .result;
}

/**
 * A join sent three days ago as matrix-js-sdk's cached sync gives it after a reload: in the state section, with the
 * age it first came with (a second); the cached timeline's ages are corrected.
 */
const staleCachedJoin = (serverNow: number) =>
  memberEvent(ME, "join", { prevMembership: "invite", ts: serverNow - 3 * DAY, unsigned: { age: 1000 } });

/** The user's join `ago` ms before `serverNow`, with its true age. */
const freshJoin = (serverNow: number, ago = 2000) =>
  memberEvent(ME, "join", { prevMembership: "invite", ts: serverNow - ago, unsigned: { age: ago } });

describe("a join's age comes from the homeserver, not the device clock", () => {
  it("given the device clock runs two days fast, a join made a second ago shows the welcome", async () => {
    const serverNow = deviceClockOff(2 * DAY);
    // The join as a homeserver sends it: origin_server_ts from the server's clock, age relative to it.
    const join = freshJoin(serverNow, 1000);
    const result = await welcomeWith(serverNow, { timeline: [join] });
    expect(result.current.message?.text).toBe("Rules");
    expect(result.current.decision.reason).toBe("first-join");
    expect(result.current.shouldShow).toBe(true);
  });

  it("given the device clock runs three days slow, a fresh login does not replay a join the server says is two days old", async () => {
    const serverNow = deviceClockOff(-3 * DAY);
    const join = memberEvent(ME, "join", {
      prevMembership: "invite",
      ts: serverNow - 2 * DAY,
      unsigned: { age: 2 * DAY },
    });
    const result = await welcomeWith(serverNow, { timeline: [join] });
    expect(result.current.message?.text).toBe("Rules");
    expect(result.current.decision.reason).toBe("join-too-old");
    expect(result.current.shouldShow).toBe(false);
  });

  it("given the device clock runs two days fast, a profile change right after a fresh join keeps that join's welcome", async () => {
    const serverNow = deviceClockOff(2 * DAY);
    const join = freshJoin(serverNow);
    const rename = memberEvent(ME, "join", {
      prevMembership: "join",
      displayName: "Bob",
      ts: serverNow - 1000,
      unsigned: { age: 1000 },
    });
    const result = await welcomeWith(serverNow, { timeline: [join, rename] });
    expect(result.current.decision.reason).toBe("first-join");
    expect(result.current.joinEventId).toBe(join.event_id);
  });

  it("given a join without an age, recency falls back to its server timestamp against the device clock", async () => {
    const serverNow = deviceClockOff(2 * DAY);
    const join = memberEvent(ME, "join", { prevMembership: "invite", ts: serverNow - 1000 });
    const result = await welcomeWith(serverNow, { timeline: [join] });
    expect(result.current.decision.reason).toBe("join-too-old");
  });

  it("given an app clock (`now`) two days ahead of the device's, a join a second old is too old by that clock", async () => {
    const serverNow = Date.now();
    const join = freshJoin(serverNow, 1000);
    const late = await welcomeWith(serverNow, { timeline: [join] }, { now: () => Date.now() + 2 * DAY });
    expect(late.current.decision.reason).toBe("join-too-old");
    const join2 = freshJoin(serverNow, 1000);
    const onTime = await welcomeWith(serverNow, { timeline: [join2] }, { now: () => Date.now() + 60_000 });
    expect(onTime.current.decision.reason).toBe("first-join");
  });

  it("given a member event whose age went stale in a sync cache, newer events from the user's homeserver show the join is old", async () => {
    const serverNow = Date.now();
    const join = staleCachedJoin(serverNow);
    const chat = textMessageEvent("hi", {
      sender: "@alice:example.org",
      ts: serverNow - 1000,
      unsigned: { age: 1000 },
    });
    const result = await welcomeWith(serverNow, { state: [join], timeline: [chat] });
    expect(result.current.decision.reason).toBe("join-too-old");
  });

  it.each([
    ["in the timeline", false],
    ["only in the state (its age true)", true],
  ])(
    "given another homeserver's clock runs days fast, its events do not make a fresh join %s look old",
    async (_, inState) => {
      const serverNow = Date.now();
      const join = freshJoin(serverNow);
      const chat = textMessageEvent("hi", {
        sender: "@eve:remote.example",
        ts: serverNow + 3 * DAY,
        unsigned: { age: 1000 },
      });
      const result = await welcomeWith(
        serverNow,
        inState ? { state: [join], timeline: [chat] } : { timeline: [join, chat] },
      );
      expect(result.current.decision.reason).toBe("first-join");
    },
  );
});

describe("decideWelcome with a reported join age", () => {
  const NOW = 1_700_000_000_000;
  const base: WelcomeRuleInput = {
    membership: "join",
    prevMembership: "invite",
    joinTs: NOW - 1000,
    now: NOW,
    editionId: "$w",
    seen: false,
    hasSeenEarlierEdition: false,
  };

  it("given a join age, it decides recency whatever `now - joinTs` says", () => {
    expect(decideWelcome({ ...base, now: NOW + 2 * DAY, joinAgeMs: 1000 }).reason).toBe("first-join");
    expect(decideWelcome({ ...base, now: NOW - 3 * DAY, joinAgeMs: 2 * DAY }).reason).toBe("join-too-old");
    expect(decideWelcome({ ...base, joinTs: undefined, joinAgeMs: 1000 }).reason).toBe("first-join");
  });

  it("given no join age (or NaN), it compares `joinTs` with `now` as before", () => {
    expect(decideWelcome({ ...base, now: NOW + 2 * DAY }).reason).toBe("join-too-old");
    expect(decideWelcome({ ...base, joinAgeMs: Number.NaN }).reason).toBe("first-join");
    expect(decideWelcome({ ...base, joinTs: undefined, joinAgeMs: undefined }).reason).toBe("join-too-old");
  });

  it("given a join age of exactly maxJoinAgeMs, the join still counts", () => {
    expect(decideWelcome({ ...base, maxJoinAgeMs: 5000, joinAgeMs: 5000 }).reason).toBe("first-join");
    expect(decideWelcome({ ...base, maxJoinAgeMs: 5000, joinAgeMs: 5001 }).reason).toBe("join-too-old");
  });
});

describe("a member event whose age went stale in the SDK's sync cache", () => {
  it("given only other homeservers' users spoke since (days of timeline after the join), a join three days old is not replayed as fresh", async () => {
    const serverNow = Date.now();
    const join = staleCachedJoin(serverNow);
    // Everything the timeline holds came after the join, the oldest of it over two days ago (by its own age).
    const older = textMessageEvent("morning", {
      sender: "@eve:remote.example",
      ts: serverNow - 2.5 * DAY,
      unsigned: { age: 2.5 * DAY },
    });
    const chat = textMessageEvent("hi", {
      sender: "@eve:remote.example",
      ts: serverNow - 1000,
      unsigned: { age: 1000 },
    });
    const result = await welcomeWith(serverNow, { state: [join], timeline: [older, chat] }, {}, 5 * DAY);
    // Before this change: now - joinTs = 3 days -> too old. The device clock here is right.
    expect(result.current.decision.reason).toBe("join-too-old");
    expect(result.current.shouldShow).toBe(false);
  });
});

describe("a member event only in the state, with only other homeservers' events since", () => {
  const remoteChat = (serverNow: number, ts: number) =>
    textMessageEvent("hi", { sender: "@eve:remote.example", ts, unsigned: { age: serverNow - ts } });

  it("given a stale cached age and a device clock two days fast, the join three days old is not replayed as fresh", async () => {
    const serverNow = deviceClockOff(2 * DAY);
    const join = staleCachedJoin(serverNow);
    // An hour of chat since: its bounds alone would put the join within the hour.
    const chat = [remoteChat(serverNow, serverNow - 3_600_000), remoteChat(serverNow, serverNow - 1000)];
    const result = await welcomeWith(serverNow, { state: [join], timeline: chat }, {}, 5 * DAY);
    expect(result.current.decision.reason).toBe("join-too-old");
  });

  it("given the user's own homeserver's clock two days slow, a fresh join with its true age shows the welcome", async () => {
    const serverNow = Date.now();
    const join = memberEvent(ME, "join", {
      prevMembership: "invite",
      ts: serverNow - 2 * DAY - 5000,
      unsigned: { age: 5000 },
    });
    const result = await welcomeWith(serverNow, {
      state: [join],
      timeline: [remoteChat(serverNow, serverNow - 1000)],
    });
    expect(result.current.decision.reason).toBe("first-join");
  });

  it("given the device's and the other homeserver's clocks two days fast, a fresh join with its true age shows the welcome", async () => {
    const serverNow = deviceClockOff(2 * DAY);
    const chat = textMessageEvent("hi", {
      sender: "@eve:remote.example",
      ts: serverNow + 2 * DAY - 1000,
      unsigned: { age: 1000 },
    });
    const result = await welcomeWith(serverNow, { state: [freshJoin(serverNow, 5000)], timeline: [chat] });
    expect(result.current.decision.reason).toBe("first-join");
  });

  it("given a fresh join with its true age and a device clock two days slow (control), the welcome shows", async () => {
    const serverNow = deviceClockOff(-2 * DAY);
    const join = freshJoin(serverNow, 5000);
    const result = await welcomeWith(serverNow, {
      state: [join],
      timeline: [remoteChat(serverNow, serverNow - 1000)],
    });
    expect(result.current.decision.reason).toBe("first-join");
  });
});

describe("events that must not move a fresh join's age", () => {
  it("given the device clock two days fast and a local echo from the user (its send held), a fresh join still shows the welcome", async () => {
    const serverNow = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(serverNow + 2 * DAY);
    const join = freshJoin(serverNow);
    const batch = welcomeRoom(ME, ROOM, {
      welcome: [welcomeEvent("Rules", undefined, { ts: serverNow - 5 * DAY })],
    });
    batch.join![ROOM]!.timeline = [join];
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(client, batch);
    const release = script.hold({ path: /\/send\// }, () => ({
      json: { event_id: "$sent-probe:example.org" },
    }));
    void client.sendTextMessage(ROOM, "hello").catch(() => {});
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(client.getRoom(ROOM)!.getLiveTimeline().getEvents().at(-1)?.status).not.toBeNull();
    expect(result.current.decision.reason).toBe("first-join");
    release();
  });

  it("given a remote server's message sent two days before a fresh join but delivered after it (that server catching up after an outage), the join still shows the welcome", async () => {
    const serverNow = Date.now();
    const join = freshJoin(serverNow);
    // Its age counts from when it was sent, two days ago; the homeserver ordered it after the join.
    const late = textMessageEvent("queued during the outage", {
      sender: "@eve:remote.example",
      ts: serverNow - 2 * DAY,
      unsigned: { age: 2 * DAY },
    });
    const result = await welcomeWith(serverNow, { timeline: [join, late] }, {}, 5 * DAY);
    expect(result.current.decision.reason).toBe("first-join");
    expect(result.current.shouldShow).toBe(true);
  });

  it("given a redaction from the user's homeserver after the join, a fresh join still shows the welcome", async () => {
    const serverNow = Date.now();
    const join = freshJoin(serverNow);
    const msg = textMessageEvent("oops", {
      sender: "@alice:example.org",
      ts: serverNow - 1500,
      unsigned: { age: 1500 },
    });
    const redaction: RawEvent = {
      type: "m.room.redaction",
      redacts: msg.event_id,
      content: { redacts: msg.event_id },
      event_id: "$redaction-probe:example.org",
      sender: "@alice:example.org",
      origin_server_ts: serverNow - 1000,
      unsigned: { age: 1000 },
    };
    const result = await welcomeWith(serverNow, { timeline: [join, msg, redaction] }, {}, 5 * DAY);
    expect(result.current.decision.reason).toBe("first-join");
  });
});
