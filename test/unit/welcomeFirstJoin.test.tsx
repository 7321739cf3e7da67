/**
 * The MSC3857 first-join matrix through the real SDK sync pipeline: every membership transition of the README's
 * "When the welcome shows" rules, delivered (a) in the initial sync (previous membership only through
 * `unsigned.prev_content`) and (b) live (`script.push` after an initial sync without the room, or with the room in
 * its previous membership), plus editions, seen marks from other devices, join age, redactions and leaving.
 */
import { act, renderHook } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import {
  createMemorySeenStore,
  type ShowWelcomeOn,
  useWelcomeMessage,
  WELCOME_SEEN_ACCOUNT_DATA_TYPE,
  type WelcomeMessageOptions,
  type WelcomeSeenStore,
} from "../../src";
import {
  createEvent,
  memberEvent,
  nameEvent,
  type RawEvent,
  redactionEvent,
  stateEvent,
  textMessageEvent,
  welcomeEvent,
} from "../support/events";
import { mergeBatches, welcomeRoom } from "../support/scenarios";
import type { SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const world = (initial: SyncBatch = {}) => startWorld(ME, initial);

/** Renders the hook once; the options object (and so its seen store) is created once, outside the callback. */
function renderWelcome(client: MatrixClient, options: WelcomeMessageOptions) {
  let renders = 0;
  const hook = renderHook(() => {
    renders += 1;
    return useWelcomeMessage(client, ROOM, options);
  });
  return { ...hook, renders: () => renders };
}

/** Adds room account data to the joined ROOM of a batch. */
function withRoomAccountData(
  batch: SyncBatch,
  accountData: { type: string; content: Record<string, unknown> }[],
) {
  const room = batch.join?.[ROOM];
  if (!room) throw new Error("batch has no joined ROOM");
  room.accountData = [...(room.accountData ?? []), ...accountData];
  return batch;
}

const seenMark = (...eventIds: string[]) => ({
  type: WELCOME_SEEN_ACCOUNT_DATA_TYPE,
  content: { event_ids: eventIds },
});

/** The room in a left state (left or banned), as a homeserver sends it in `rooms.leave`. */
function leftRoom(membership: "leave" | "ban"): SyncBatch {
  return {
    leave: {
      [ROOM]: {
        state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), nameEvent("Rules Lounge")],
        timeline: [
          memberEvent(ME, membership, {
            prevMembership: "join",
            sender: membership === "ban" ? MOD : ME,
            ts: Date.now() - 2 * DAY,
          }),
        ],
      },
    },
  };
}

/** The initial sync of the live path: the room absent, or in the user's previous membership. */
function beforeJoin(prev: string | undefined, welcome: RawEvent): SyncBatch {
  switch (prev) {
    case "invite":
      return { invite: { [ROOM]: [memberEvent(ME, "invite", { sender: MOD }), nameEvent("Rules Lounge")] } };
    case "leave":
    case "ban":
      return leftRoom(prev);
    case "join":
      // Joined long ago (so that join shows nothing on this fresh login); the profile change comes live.
      return welcomeRoom(ME, ROOM, { joinTs: Date.now() - 30 * DAY, welcome: [welcome] });
    default:
      // No previous membership, or a knock (the sync script serves no knocked rooms: prev_content says it).
      return {};
  }
}

interface TransitionCase {
  title: string;
  prev: string | undefined;
  showOn?: ShowWelcomeOn;
  shown: boolean;
  /** For the test title: "shows" / "does not show". */
  outcome?: string;
  /** For the test title: which showOn. */
  mode?: string;
}

const transitions: TransitionCase[] = [
  { title: "no previous membership -> join", prev: undefined, shown: true },
  { title: "invite -> join", prev: "invite", shown: true },
  { title: "knock -> join", prev: "knock", shown: true },
  { title: "leave -> join", prev: "leave", shown: false },
  { title: "leave -> join", prev: "leave", showOn: "every-join", shown: true },
  { title: "ban -> join", prev: "ban", shown: false },
  { title: "ban -> join", prev: "ban", showOn: "every-join", shown: true },
  { title: "join -> join (profile change)", prev: "join", shown: false },
  { title: "join -> join (profile change)", prev: "join", showOn: "every-join", shown: false },
];

for (const c of transitions) {
  c.outcome = c.shown ? "shows" : "does not show";
  c.mode = c.showOn ? `showOn "${c.showOn}"` : "the default showOn";
}

describe("first-join matrix, delivered in the initial sync", () => {
  it.each(transitions)(
    "given $title in the initial sync, with $mode, the welcome $outcome",
    async ({ prev, showOn, shown }) => {
      const welcome = welcomeEvent("Be nice");
      const { client } = await world(welcomeRoom(ME, ROOM, { prevMembership: prev, welcome: [welcome] }));
      const options = { seenStore: createMemorySeenStore(), ...(showOn ? { showOn } : {}) };
      const { result } = renderWelcome(client, options);
      expect(result.current.message).toMatchObject({ eventId: welcome.event_id, text: "Be nice" });
      expect(result.current.shouldShow).toBe(shown);
    },
  );
});

describe("first-join matrix, delivered live", () => {
  it.each(transitions)(
    "given an initial sync holding the previous membership, when $title arrives live, with $mode, the welcome $outcome",
    async ({ prev, showOn, shown }) => {
      const welcome = welcomeEvent("Be nice");
      const { client, script } = await world(beforeJoin(prev, welcome));
      const options = { seenStore: createMemorySeenStore(), ...(showOn ? { showOn } : {}) };
      const { result } = renderWelcome(client, options);
      // The SDK holds the room in the previous membership (no room at all for none or a knock).
      expect(client.getRoom(ROOM)?.getMyMembership() ?? null).toBe(prev === "knock" ? null : (prev ?? null));
      expect(result.current.shouldShow).toBe(false);
      await act(() => script.push(welcomeRoom(ME, ROOM, { prevMembership: prev, welcome: [welcome] })));
      expect(client.getRoom(ROOM)?.getMyMembership()).toBe("join");
      expect(result.current.message?.eventId).toBe(welcome.event_id);
      expect(result.current.shouldShow).toBe(shown);
    },
  );

  it("given no room, when an invite arrives and then the join (prev_content invite), the welcome shows only after the join", async () => {
    const welcome = welcomeEvent("Hello newcomer");
    const { client, script } = await world();
    const seenStore = createMemorySeenStore();
    const { result } = renderWelcome(client, { seenStore });
    // The invite's stripped state may already carry the welcome: nothing shows before the join.
    await act(() =>
      script.push({
        invite: {
          [ROOM]: [memberEvent(ME, "invite", { sender: MOD }), nameEvent("Rules Lounge"), welcome],
        },
      }),
    );
    expect(client.getRoom(ROOM)?.getMyMembership()).toBe("invite");
    expect(result.current.shouldShow).toBe(false);
    expect(result.current.roomName).toBe("Rules Lounge");
    await act(() => script.push(welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcome] })));
    expect(result.current.message?.text).toBe("Hello newcomer");
    expect(result.current.shouldShow).toBe(true);
  });

  it.each([
    { prev: "invite", shown: true, outcome: "shows" },
    { prev: "leave", shown: false, outcome: "does not show" },
  ])(
    "given the room in $prev, when the join arrives live without unsigned.prev_content, the SDK's membership transition decides: it $outcome",
    async ({ prev, shown }) => {
      const welcome = welcomeEvent("Be nice");
      const { client, script } = await world(beforeJoin(prev, welcome));
      expect(client.getRoom(ROOM)?.getMyMembership()).toBe(prev);
      const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
      await act(() => script.push(welcomeRoom(ME, ROOM, { welcome: [welcome] })));
      expect(result.current.message?.eventId).toBe(welcome.event_id);
      expect(result.current.shouldShow).toBe(shown);
    },
  );
});

describe("profile changes (join -> join)", () => {
  it("given the welcome was shown and seen, when the user changes display name, it does not show again", async () => {
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
    const seenStore = createMemorySeenStore();
    const { result } = renderWelcome(client, { seenStore });
    expect(result.current.shouldShow).toBe(true);
    act(() => result.current.markSeen());
    expect(result.current.shouldShow).toBe(false);
    await act(() =>
      script.push({
        join: {
          [ROOM]: { timeline: [memberEvent(ME, "join", { prevMembership: "join", displayName: "Bobby" })] },
        },
      }),
    );
    expect(result.current.shouldShow).toBe(false);
  });

  it('given the welcome was shown and seen, even with showOn "every-join" a profile change does not show it again', async () => {
    const { client, script } = await world();
    const options: WelcomeMessageOptions = { seenStore: createMemorySeenStore(), showOn: "every-join" };
    const { result } = renderWelcome(client, options);
    await act(() => script.push(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] })));
    expect(result.current.shouldShow).toBe(true);
    act(() => result.current.markSeen());
    await act(() =>
      script.push({
        join: {
          [ROOM]: { timeline: [memberEvent(ME, "join", { prevMembership: "join", displayName: "Bobby" })] },
        },
      }),
    );
    expect(result.current.shouldShow).toBe(false);
  });

  it("given the welcome is showing and not yet seen, when the user changes display name, it keeps showing", async () => {
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.shouldShow).toBe(true);
    await act(() =>
      script.push({
        join: {
          [ROOM]: { timeline: [memberEvent(ME, "join", { prevMembership: "join", displayName: "Bobby" })] },
        },
      }),
    );
    expect(result.current.shouldShow).toBe(true);
  });
});

/** A fresh login's limited sync: the user's join in the state section, a profile change (at `renameTs`) in the timeline. */
const loginWithJoinInState = (join: RawEvent, renameTs: number): SyncBatch => ({
  join: {
    [ROOM]: {
      limited: true,
      state: [
        createEvent({ creator: MOD }),
        memberEvent(MOD, "join"),
        nameEvent("Rules Lounge"),
        welcomeEvent("Rules"),
        join,
      ],
      timeline: [
        memberEvent(ME, "join", { prevMembership: "join", displayName: "Bobby", ts: renameTs }),
        textMessageEvent("hi", { sender: MOD }),
      ],
    },
  },
});

describe("profile changes after a join out of the timeline's sight", () => {
  it("given a fresh login whose sync has the recent join in its state section and a profile change in the timeline, the welcome shows", async () => {
    const join = memberEvent(ME, "join", { prevMembership: "invite", ts: Date.now() - HOUR });
    const { client } = await world(loginWithJoinInState(join, Date.now() - HOUR / 2));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.message?.text).toBe("Rules");
    expect(result.current.shouldShow).toBe(true);
    expect(result.current.joinEventId).toBe(join.event_id);
  });

  it("given the same sync with a join 30 days old in its state section, a profile change does not make it recent", async () => {
    const join = memberEvent(ME, "join", { prevMembership: "invite", ts: Date.now() - 30 * DAY });
    const { client } = await world(loginWithJoinInState(join, Date.now()));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.message?.text).toBe("Rules");
    expect(result.current.shouldShow).toBe(false);
  });

  it("given a join seen live two days ago, a gappy sync and then a profile change do not make it recent", async () => {
    const t0 = Date.now();
    let clock = t0;
    const { client, script } = await world({
      invite: { [ROOM]: [memberEvent(ME, "invite", { sender: MOD })] },
    });
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore(), now: () => clock });
    await act(() => script.push(welcomeRoom(ME, ROOM, { joinTs: t0 }))); // invite -> join, no welcome yet
    expect(result.current.message).toBeNull();
    clock = t0 + 2 * DAY;
    const gap = { limited: true, timeline: [textMessageEvent("back", { sender: MOD, ts: clock })] };
    await act(() => script.push({ join: { [ROOM]: gap } }));
    const rename = memberEvent(ME, "join", { prevMembership: "join", displayName: "Bobby", ts: clock });
    await act(() => script.push({ join: { [ROOM]: { timeline: [rename] } } }));
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [welcomeEvent("New rules", undefined, { ts: clock })] } } }),
    );
    expect(result.current.message?.text).toBe("New rules");
    expect(result.current.shouldShow).toBe(false);
  });
});

describe("a welcome that arrives after the join", () => {
  it("given a recent join in the initial sync without a welcome, when the welcome is set, it shows", async () => {
    const { client, script } = await world(welcomeRoom(ME, ROOM, { prevMembership: "invite" }));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
    await act(() => script.push({ join: { [ROOM]: { timeline: [welcomeEvent("Late rules")] } } }));
    expect(result.current.message?.text).toBe("Late rules");
    expect(result.current.shouldShow).toBe(true);
  });

  it("given a live join without a welcome, when the welcome is set later, it shows", async () => {
    const { client, script } = await world();
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(() => script.push(welcomeRoom(ME, ROOM)));
    expect(result.current.message).toBeNull();
    await act(() => script.push({ join: { [ROOM]: { timeline: [welcomeEvent("Late rules")] } } }));
    expect(result.current.message?.text).toBe("Late rules");
    expect(result.current.shouldShow).toBe(true);
  });

  it("given an old join (30 days), when a welcome is set now, it does not show (the join is too old)", async () => {
    const { client, script } = await world(welcomeRoom(ME, ROOM, { joinTs: Date.now() - 30 * DAY }));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(() => script.push({ join: { [ROOM]: { timeline: [welcomeEvent("New rules")] } } }));
    expect(result.current.message?.text).toBe("New rules");
    expect(result.current.shouldShow).toBe(false);
  });
});

describe("seen on another device (room account data)", () => {
  it("given the edition's seen mark in the initial sync, the welcome does not show", async () => {
    const welcome = welcomeEvent("Rules");
    const { client } = await world(
      withRoomAccountData(welcomeRoom(ME, ROOM, { welcome: [welcome] }), [seenMark(welcome.event_id)]),
    );
    const { result } = renderWelcome(client, {});
    expect(result.current.message?.eventId).toBe(welcome.event_id);
    expect(result.current.shouldShow).toBe(false);
  });

  it("given a seen mark for an earlier edition in the initial sync, the current edition does not interrupt by default", async () => {
    const welcome = welcomeEvent("Rules");
    const { client } = await world(
      withRoomAccountData(welcomeRoom(ME, ROOM, { welcome: [welcome] }), [seenMark("$other:example.org")]),
    );
    expect(renderWelcome(client, {}).result.current.shouldShow).toBe(false);
    expect(renderWelcome(client, { showNewEditions: true }).result.current.shouldShow).toBe(true);
  });

  it("given the welcome is showing after a live join, when the seen mark arrives in sync, it hides without writing", async () => {
    const welcome = welcomeEvent("Rules");
    const { client, script } = await world();
    const { result } = renderWelcome(client, {});
    await act(() => script.push(welcomeRoom(ME, ROOM, { welcome: [welcome] })));
    expect(result.current.shouldShow).toBe(true);
    await act(() =>
      script.push({ join: { [ROOM]: { accountData: [seenMark("$older:example.org", welcome.event_id)] } } }),
    );
    expect(result.current.shouldShow).toBe(false);
    expect(script.requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT")).toHaveLength(0);
  });

  it("given a live join, when the seen mark arrives in the same batch, the welcome never shows", async () => {
    const welcome = welcomeEvent("Rules");
    const { client, script } = await world();
    const { result } = renderWelcome(client, {});
    await act(() =>
      script.push(
        withRoomAccountData(welcomeRoom(ME, ROOM, { welcome: [welcome] }), [seenMark(welcome.event_id)]),
      ),
    );
    expect(result.current.message?.eventId).toBe(welcome.event_id);
    expect(result.current.shouldShow).toBe(false);
  });
});

describe("editions", () => {
  /** A member who joined 30 days ago and saw edition 1; edition 2 is then set live. */
  async function memberWhoSawEdition1(options: WelcomeMessageOptions, seenStore: WelcomeSeenStore) {
    const v1 = welcomeEvent("Rules v1");
    const { client, script } = await world(
      welcomeRoom(ME, ROOM, { joinTs: Date.now() - 30 * DAY, welcome: [v1] }),
    );
    seenStore.markSeen(ROOM, v1.event_id);
    const hook = renderWelcome(client, { ...options, seenStore });
    expect(hook.result.current.shouldShow).toBe(false);
    const v2 = welcomeEvent("Rules v2");
    await act(() => script.push({ join: { [ROOM]: { timeline: [v2] } } }));
    expect(hook.result.current.message?.eventId).toBe(v2.event_id);
    return { ...hook, v2, script };
  }

  it("given a member who saw an earlier edition, when a new edition is set, by default it does not show", async () => {
    const { result } = await memberWhoSawEdition1({}, createMemorySeenStore());
    expect(result.current.shouldShow).toBe(false);
  });

  it("given a member who saw an earlier edition, with showNewEditions the new edition shows once and hides after markSeen", async () => {
    const seenStore = createMemorySeenStore();
    const { result, v2, script } = await memberWhoSawEdition1({ showNewEditions: true }, seenStore);
    expect(result.current.shouldShow).toBe(true);
    act(() => result.current.markSeen());
    expect(result.current.shouldShow).toBe(false);
    expect(seenStore.getSeen(ROOM)).toContain(v2.event_id);
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [textMessageEvent("hi", { sender: MOD })] } } }),
    );
    expect(result.current.shouldShow).toBe(false);
  });

  it("given a seen mark for edition 1 in the initial sync and edition 2 in the room state, only showNewEditions shows it", async () => {
    const v2 = welcomeEvent("Rules v2");
    const batch = () =>
      withRoomAccountData(welcomeRoom(ME, ROOM, { joinTs: Date.now() - 30 * DAY, welcome: [v2] }), [
        seenMark("$v1:example.org"),
      ]);
    const { client: plain } = await world(batch());
    expect(renderWelcome(plain, {}).result.current.shouldShow).toBe(false);
    const { client: opted } = await world(batch());
    expect(renderWelcome(opted, { showNewEditions: true }).result.current.shouldShow).toBe(true);
  });

  it("given a member who never saw any edition and joined long ago, showNewEditions does not show a new edition", async () => {
    const { client, script } = await world(welcomeRoom(ME, ROOM, { joinTs: Date.now() - 30 * DAY }));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore(), showNewEditions: true });
    await act(() => script.push({ join: { [ROOM]: { timeline: [welcomeEvent("Rules v2")] } } }));
    expect(result.current.message?.text).toBe("Rules v2");
    expect(result.current.shouldShow).toBe(false);
  });
});

describe("join age on a fresh login", () => {
  it.each([
    { title: "30 days ago", age: 30 * DAY, options: {}, shown: false, outcome: "does not show" },
    { title: "25 hours ago", age: 25 * HOUR, options: {}, shown: false, outcome: "does not show" },
    { title: "23 hours ago", age: 23 * HOUR, options: {}, shown: true, outcome: "shows" },
    {
      title: "30 days ago with maxJoinAgeMs: Infinity",
      age: 30 * DAY,
      options: { maxJoinAgeMs: Infinity },
      shown: true,
      outcome: "shows",
    },
    {
      title: "2 hours ago with maxJoinAgeMs of 1 hour",
      age: 2 * HOUR,
      options: { maxJoinAgeMs: HOUR },
      shown: false,
      outcome: "does not show",
    },
  ])(
    "given a first join $title in the initial sync (a fresh login), the welcome $outcome",
    async ({ age, options, shown }) => {
      const { client } = await world(
        welcomeRoom(ME, ROOM, {
          prevMembership: "invite",
          joinTs: Date.now() - age,
          welcome: [welcomeEvent("Rules")],
        }),
      );
      const { result } = renderWelcome(client, { seenStore: createMemorySeenStore(), ...options });
      expect(result.current.message?.text).toBe("Rules");
      expect(result.current.shouldShow).toBe(shown);
    },
  );

  it("given a join 30 days old delivered live (a long-offline client catching up), the welcome does not show", async () => {
    const { client, script } = await world();
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(() =>
      script.push(welcomeRoom(ME, ROOM, { joinTs: Date.now() - 30 * DAY, welcome: [welcomeEvent("Rules")] })),
    );
    expect(result.current.message?.text).toBe("Rules");
    expect(result.current.shouldShow).toBe(false);
  });
});

describe("redacted and empty welcomes", () => {
  /** A welcome as a homeserver serves it after a redaction: content stripped, `unsigned.redacted_because` set. */
  const redacted = (): RawEvent => {
    const welcome = stateEvent("m.room.welcome", {}, { sender: MOD });
    const because = { ...redactionEvent(welcome.event_id, { sender: MOD, roomId: ROOM }), unsigned: {} };
    return { ...welcome, unsigned: { redacted_because: because } };
  };

  it("given a redacted welcome in the initial sync, message is null and nothing shows", async () => {
    const { client } = await world(welcomeRoom(ME, ROOM, { welcome: [redacted()] }));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
  });

  it("given a redacted stable welcome and an unstable one, the unstable one is used", async () => {
    const unstable = welcomeEvent("unstable rules", undefined, { unstable: true });
    const { client } = await world(welcomeRoom(ME, ROOM, { welcome: [redacted(), unstable] }));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.message).toMatchObject({ eventId: unstable.event_id, text: "unstable rules" });
  });

  it("given the welcome is showing, when it is redacted live, message becomes null and it hides", async () => {
    const { client, script } = await world(welcomeRoom(ME, ROOM));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    const welcome = welcomeEvent("Soon gone");
    await act(() => script.push({ join: { [ROOM]: { timeline: [welcome] } } }));
    expect(result.current.shouldShow).toBe(true);
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [redactionEvent(welcome.event_id, { sender: MOD })] } } }),
    );
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
  });

  it("given a welcome the client knows only as initial state, when it is redacted live, it hides for every mount", async () => {
    // The SDK applies a redaction only to events it finds in a timeline; a welcome from the state section is not one.
    const welcome = welcomeEvent("Posted by mistake");
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    const seenStore = createMemorySeenStore();
    const first = renderWelcome(client, { seenStore });
    expect(first.result.current.shouldShow).toBe(true);
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [redactionEvent(welcome.event_id, { sender: MOD })] } } }),
    );
    expect(first.result.current.message).toBeNull();
    expect(first.result.current.shouldShow).toBe(false);
    const later = renderWelcome(client, { seenStore });
    expect(later.result.current.message).toBeNull();
  });

  it("given a welcome known only as state, when it was redacted before anything mounted, it never shows", async () => {
    const welcome = welcomeEvent("Posted by mistake");
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    await script.push({
      join: { [ROOM]: { timeline: [redactionEvent(welcome.event_id, { sender: MOD })] } },
    });
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
  });

  it("given the dialog was unmounted when the state-only welcome was redacted, it stays hidden on remount", async () => {
    const welcome = welcomeEvent("Posted by mistake");
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    const seenStore = createMemorySeenStore();
    const first = renderWelcome(client, { seenStore });
    expect(first.result.current.shouldShow).toBe(true);
    first.unmount();
    await script.push({
      join: { [ROOM]: { timeline: [redactionEvent(welcome.event_id, { sender: MOD })] } },
    });
    expect(renderWelcome(client, { seenStore }).result.current.message).toBeNull();
  });

  it("given a stable and an unstable welcome as state, redacting both leaves none (no fallback to a redacted one)", async () => {
    const stable = welcomeEvent("stable rules");
    const unstable = welcomeEvent("unstable mistake", undefined, { unstable: true });
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [stable, unstable] }));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.message?.text).toBe("stable rules");
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [redactionEvent(unstable.event_id, { sender: MOD })] } } }),
    );
    expect(result.current.message?.text).toBe("stable rules");
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [redactionEvent(stable.event_id, { sender: MOD })] } } }),
    );
    expect(result.current.message).toBeNull();
  });

  it("given the user redacts the state-only welcome themself, it hides once the homeserver accepts", async () => {
    const welcome = welcomeEvent("Posted by mistake", undefined, { sender: ME });
    const { client } = await world(welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.message?.text).toBe("Posted by mistake");
    await act(() => client.redactEvent(ROOM, welcome.event_id));
    expect(result.current.message).toBeNull();
  });

  it("given the user's redaction of the welcome fails to send, the welcome stays", async () => {
    const welcome = welcomeEvent("Keep me");
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    script.fail({ method: "PUT", path: /\/redact\// }, { status: 403, errcode: "M_FORBIDDEN" }, 10);
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(async () => {
      await expect(client.redactEvent(ROOM, welcome.event_id)).rejects.toBeTruthy();
    });
    expect(result.current.message?.text).toBe("Keep me");
    // ...and a store mounted afterwards, catching up on the timeline, agrees.
    expect(renderWelcome(client, { seenStore: createMemorySeenStore() }).result.current.message?.text).toBe(
      "Keep me",
    );
  });

  it("given a welcome known only as state, a redaction of some other event changes nothing", async () => {
    const welcome = welcomeEvent("Rules");
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    const { result, renders } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    const before = renders();
    const message = textMessageEvent("hi", { sender: MOD });
    await act(() => script.push({ join: { [ROOM]: { timeline: [message] } } }));
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [redactionEvent(message.event_id, { sender: MOD })] } } }),
    );
    expect(result.current.message?.text).toBe("Rules");
    expect(renders()).toBe(before);
  });

  it.each([
    { title: "{}", content: {} },
    { title: "an empty m.room.welcome wrapper", content: { "m.room.welcome": {} } },
    { title: "an empty representation array", content: { "m.room.welcome": { "m.text": [] } } },
    { title: "blank bodies", content: { "m.room.welcome": { "m.text": "   ", "m.html": "" } } },
    {
      title: "HTML that sanitises to nothing",
      content: { "m.room.welcome": { "m.html": "<script>alert(1)</script>" } },
    },
  ])(
    "given welcome content $title in the initial sync, message is null and nothing shows",
    async ({ content }) => {
      const { client } = await world(
        welcomeRoom(ME, ROOM, { welcome: [stateEvent("m.room.welcome", content, { sender: MOD })] }),
      );
      const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
      expect(result.current.message).toBeNull();
      expect(result.current.shouldShow).toBe(false);
    },
  );

  it("given the welcome is showing, when it is replaced live by content {}, message becomes null and it hides", async () => {
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.shouldShow).toBe(true);
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [stateEvent("m.room.welcome", {}, { sender: MOD })] } } }),
    );
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
  });
});

describe("leaving", () => {
  const leave = (): SyncBatch => ({
    leave: { [ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
  });

  it("given the welcome is showing, when the user leaves, it hides; a rejoin does not show it with the default showOn", async () => {
    const welcome = welcomeEvent("Rules");
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcome] }));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.shouldShow).toBe(true);
    await act(() => script.push(leave()));
    expect(result.current.shouldShow).toBe(false);
    await act(() => script.push(welcomeRoom(ME, ROOM, { prevMembership: "leave", welcome: [welcome] })));
    expect(result.current.shouldShow).toBe(false);
  });

  it('given the welcome is showing, when the user leaves and rejoins with showOn "every-join", it hides then shows again', async () => {
    const welcome = welcomeEvent("Rules");
    const { client, script } = await world();
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore(), showOn: "every-join" });
    await act(() => script.push(welcomeRoom(ME, ROOM, { welcome: [welcome] })));
    expect(result.current.shouldShow).toBe(true);
    await act(() => script.push(leave()));
    expect(result.current.shouldShow).toBe(false);
    await act(() => script.push(welcomeRoom(ME, ROOM, { prevMembership: "leave", welcome: [welcome] })));
    expect(result.current.shouldShow).toBe(true);
  });
});

describe("room upgrades", () => {
  const OLD = "!lounge-old:example.org";
  /** The old room's tombstone, naming ROOM as its replacement (what makes it an upgrade). */
  const tombstone = () =>
    stateEvent(
      "m.room.tombstone",
      { body: "This room was upgraded", replacement_room: ROOM },
      { sender: MOD },
    );
  /** The old room as the client holds it: still joined, left after being a member, or only invited. */
  const oldRoom = (membership: "join" | "leave" | "invite", { tombstoned = true } = {}): SyncBatch => {
    const upgrade = tombstoned ? [tombstone()] : [];
    if (membership === "join")
      return welcomeRoom(ME, OLD, { joinTs: Date.now() - 30 * DAY, welcome: upgrade });
    if (membership === "invite")
      return { invite: { [OLD]: [memberEvent(ME, "invite", { sender: MOD }), nameEvent("Old Lounge")] } };
    // Left before its upgrade: the room's state as of the leave, without the tombstone sent later.
    return {
      leave: {
        [OLD]: {
          state: [createEvent({ creator: MOD }), memberEvent(MOD, "join")],
          timeline: [memberEvent(ME, "leave", { prevMembership: "join", ts: Date.now() - DAY })],
        },
      },
    };
  };
  const upgraded = (welcome: RawEvent) => welcomeRoom(ME, ROOM, { predecessor: OLD, welcome: [welcome] });

  it.each([{ showOn: undefined }, { showOn: "every-join" as const }])(
    "given the user is still in the old room, when they follow its upgrade (showOn $showOn), the welcome does not show",
    async ({ showOn }) => {
      const welcome = welcomeEvent("Be nice");
      const { client, script } = await world(oldRoom("join"));
      const { result } = renderWelcome(client, {
        seenStore: createMemorySeenStore(),
        ...(showOn ? { showOn } : {}),
      });
      await act(() => script.push(upgraded(welcome)));
      expect(result.current.message?.eventId).toBe(welcome.event_id);
      expect(result.current.shouldShow).toBe(false);
      expect(result.current.decision.reason).toBe("room-upgrade");
    },
  );

  it("given the same upgrade arriving in a fresh login's initial sync together with the old room, the welcome does not show", async () => {
    const welcome = welcomeEvent("Be nice");
    const { client } = await world(mergeBatches(oldRoom("join"), upgraded(welcome)));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.message?.eventId).toBe(welcome.event_id);
    expect(result.current.shouldShow).toBe(false);
  });

  it("given the upgrade is named by MSC3946's predecessor state event instead of m.room.create, the welcome does not show", async () => {
    const welcome = welcomeEvent("Be nice");
    const { client, script } = await world(oldRoom("join"));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    const dynamic = stateEvent("org.matrix.msc3946.room_predecessor", { predecessor_room_id: OLD });
    await act(() => script.push(welcomeRoom(ME, ROOM, { welcome: [welcome, dynamic] })));
    expect(result.current.message?.eventId).toBe(welcome.event_id);
    expect(result.current.decision.reason).toBe("room-upgrade");
  });

  it.each([
    { showOn: undefined, shown: false, outcome: "does not show" },
    { showOn: "every-join" as const, shown: true, outcome: "shows" },
  ])(
    "given the user was a member of the old room and left it, joining its upgrade is a return: with showOn $showOn it $outcome",
    async ({ showOn, shown }) => {
      const welcome = welcomeEvent("Be nice");
      const { client, script } = await world(oldRoom("leave"));
      expect(client.getRoom(OLD)?.getMyMembership()).toBe("leave");
      const { result } = renderWelcome(client, {
        seenStore: createMemorySeenStore(),
        ...(showOn ? { showOn } : {}),
      });
      await act(() => script.push(upgraded(welcome)));
      expect(result.current.shouldShow).toBe(shown);
    },
  );

  it("given the welcome was hidden as an upgrade, when the user later leaves the old room, it stays hidden", async () => {
    const welcome = welcomeEvent("Be nice");
    const { client, script } = await world(oldRoom("join"));
    const { result, unmount } = renderWelcome(client, {
      seenStore: createMemorySeenStore(),
      showOn: "every-join",
    });
    await act(() => script.push(upgraded(welcome)));
    expect(result.current.decision.reason).toBe("room-upgrade");
    await act(() =>
      script.push({ leave: { [OLD]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } } }),
    );
    await act(() => script.push({ join: { [ROOM]: { timeline: [nameEvent("Renamed", { sender: MOD })] } } }));
    expect(result.current.shouldShow).toBe(false);
    unmount();
    const again = renderWelcome(client, { seenStore: createMemorySeenStore(), showOn: "every-join" });
    expect(again.result.current.shouldShow).toBe(false);
  });

  it("given the user joined the old room only after the new one (to read its history), the open welcome stays", async () => {
    const welcome = welcomeEvent("Be nice");
    const { client, script } = await world();
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(() =>
      script.push(welcomeRoom(ME, ROOM, { predecessor: OLD, joinTs: Date.now() - HOUR, welcome: [welcome] })),
    );
    expect(result.current.shouldShow).toBe(true);
    await act(() => script.push(welcomeRoom(ME, OLD, { joinTs: Date.now(), welcome: [tombstone()] })));
    expect(client.getRoom(OLD)?.getMyMembership()).toBe("join");
    expect(result.current.shouldShow).toBe(true);
  });

  it("given the welcome was hidden as an upgrade, when the user leaves and forgets the old room, it stays hidden", async () => {
    const { client, script } = await world(oldRoom("join"));
    script.route({ path: /\/forget$/ }, () => ({ json: {} }));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(() => script.push(upgraded(welcomeEvent("Be nice"))));
    expect(result.current.decision.reason).toBe("room-upgrade");
    await act(() =>
      script.push({ leave: { [OLD]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } } }),
    );
    await act(() => client.forget(OLD, true));
    expect(client.getRoom(OLD)).toBeNull();
    await act(() => script.push({ join: { [ROOM]: { timeline: [nameEvent("Renamed", { sender: MOD })] } } }));
    expect(result.current.decision.reason).toBe("room-upgrade");
    expect(result.current.shouldShow).toBe(false);
  });

  /** The welcome showing after a join an hour ago; then the user joins the old room (to read its history). */
  async function openThenJoinOldLater() {
    const { client, script } = await world();
    const hook = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(() =>
      script.push(
        welcomeRoom(ME, ROOM, {
          predecessor: OLD,
          joinTs: Date.now() - HOUR,
          welcome: [welcomeEvent("Be nice")],
        }),
      ),
    );
    await act(() => script.push(welcomeRoom(ME, OLD, { joinTs: Date.now(), welcome: [tombstone()] })));
    expect(hook.result.current.shouldShow).toBe(true);
    return { client, script, ...hook };
  }

  it("given the old room joined only later, a display-name change there leaves the open welcome open", async () => {
    const { script, result } = await openThenJoinOldLater();
    await act(() =>
      script.push({
        join: {
          [OLD]: { timeline: [memberEvent(ME, "join", { prevMembership: "join", displayName: "Bobby" })] },
        },
      }),
    );
    expect(result.current.shouldShow).toBe(true);
  });

  it("given the old room joined only later, leaving it again leaves the open welcome open", async () => {
    const { script, result } = await openThenJoinOldLater();
    await act(() =>
      script.push({ leave: { [OLD]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } } }),
    );
    expect(result.current.shouldShow).toBe(true);
  });

  it.each([
    { title: "rejoining the old room later (to read its history)", rejoin: true },
    { title: "forgetting the old room", rejoin: false },
  ])(
    "given a return to an upgraded room (left the old one before), $title keeps it a return",
    async ({ rejoin }) => {
      const { client, script } = await world(oldRoom("leave"));
      script.route({ path: /\/forget$/ }, () => ({ json: {} }));
      const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
      await act(() => script.push(upgraded(welcomeEvent("Be nice"))));
      expect(result.current.shouldShow).toBe(false);
      if (rejoin)
        await act(() =>
          script.push(
            welcomeRoom(ME, OLD, { prevMembership: "leave", joinTs: Date.now(), welcome: [tombstone()] }),
          ),
        );
      else await act(() => client.forget(OLD, true));
      await act(() =>
        script.push({ join: { [ROOM]: { timeline: [nameEvent("Renamed", { sender: MOD })] } } }),
      );
      expect(result.current.shouldShow).toBe(false);
      expect(result.current.decision.reason).toBe("not-a-qualifying-join");
    },
  );

  it("given the user left the old room and was later banned there, joining its upgrade is still a return", async () => {
    const ban = memberEvent(ME, "ban", { prevMembership: "leave", sender: MOD, ts: Date.now() - DAY });
    const { client, script } = await world({
      leave: { [OLD]: { state: [createEvent({ creator: MOD }), memberEvent(MOD, "join")], timeline: [ban] } },
    });
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(() => script.push(upgraded(welcomeEvent("Be nice"))));
    expect(result.current.shouldShow).toBe(false);
  });

  it("given a join first judged a return, when later syncs show the user back in the old room by then, it is an upgrade", async () => {
    const now = Date.now();
    const { client, script } = await world(oldRoom("leave"));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore(), showOn: "every-join" });
    await act(() =>
      script.push(
        welcomeRoom(ME, ROOM, { predecessor: OLD, joinTs: now, welcome: [welcomeEvent("Be nice")] }),
      ),
    );
    expect(result.current.decision.reason).toBe("rejoin");
    const rejoinedBefore = memberEvent(ME, "join", { prevMembership: "leave", ts: now - 10 * 60_000 });
    await act(() =>
      script.push({
        join: {
          [OLD]: { timeline: [rejoinedBefore, { ...tombstone(), origin_server_ts: now - 5 * 60_000 }] },
        },
      }),
    );
    expect(result.current.decision.reason).toBe("room-upgrade");
  });

  it("given the old room's leave (before the new join) in the same sync's leave section, the join is a return", async () => {
    const now = Date.now();
    const { client, script } = await world(oldRoom("join"));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore(), showOn: "every-join" });
    const leftBefore = memberEvent(ME, "leave", { prevMembership: "join", ts: now - 10 * 60_000 });
    await act(() =>
      script.push(
        mergeBatches(
          welcomeRoom(ME, ROOM, { predecessor: OLD, joinTs: now, welcome: [welcomeEvent("Be nice")] }),
          {
            leave: { [OLD]: { timeline: [leftBefore] } },
          },
        ),
      ),
    );
    expect(client.getRoom(OLD)?.getMyMembership()).toBe("leave");
    expect(result.current.decision.reason).toBe("rejoin");
  });

  it("given both rooms arrive in one sync, the new one first, after the hook mounted, the welcome does not show", async () => {
    const welcome = welcomeEvent("Be nice");
    const { client, script } = await world();
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(() => script.push(mergeBatches(upgraded(welcome), oldRoom("join"))));
    expect(client.getRoom(OLD)?.getMyMembership()).toBe("join");
    expect(result.current.message?.eventId).toBe(welcome.event_id);
    expect(result.current.shouldShow).toBe(false);
    expect(result.current.decision.reason).toBe("room-upgrade");
  });

  it("given the old room arrives in a later sync than the join of the new one, the welcome goes once it does", async () => {
    const welcome = welcomeEvent("Be nice");
    const { client, script } = await world();
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(() => script.push(upgraded(welcome)));
    expect(result.current.shouldShow).toBe(true);
    await act(() => script.push(oldRoom("join")));
    expect(result.current.shouldShow).toBe(false);
    expect(result.current.decision.reason).toBe("room-upgrade");
  });

  it("given a room that names a room the user is in as its predecessor, without that room's tombstone naming it, the welcome shows", async () => {
    const welcome = welcomeEvent("Be nice");
    const { client, script } = await world(oldRoom("join", { tombstoned: false }));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(() => script.push(upgraded(welcome)));
    expect(result.current.shouldShow).toBe(true);
    expect(result.current.decision.reason).toBe("first-join");
  });

  it.each([
    { title: "the client does not know the old room", before: {} as SyncBatch },
    { title: "the user was only invited to the old room", before: oldRoom("invite") },
  ])("given $title, joining the upgraded room is a first join: the welcome shows", async ({ before }) => {
    const welcome = welcomeEvent("Be nice");
    const { client, script } = await world(before);
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(() => script.push(upgraded(welcome)));
    expect(result.current.shouldShow).toBe(true);
    expect(result.current.decision.reason).toBe("first-join");
  });
});

describe("render stability", () => {
  it("given the welcome is showing, unrelated events in the same room cause no re-render", async () => {
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
    const { result, renders } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    expect(result.current.shouldShow).toBe(true);
    const before = renders();
    const snapshot = result.current;
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [textMessageEvent("hello", { sender: MOD })] } } }),
    );
    expect(renders()).toBe(before);
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: [
              memberEvent("@carol:example.org", "join"),
              stateEvent("m.room.topic", { topic: "chat" }, { sender: MOD }),
            ],
          },
        },
      }),
    );
    expect(renders()).toBe(before);
    expect(result.current).toBe(snapshot);
  });

  it("given the welcome is showing, events in another room cause no re-render", async () => {
    const { client, script } = await world(welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
    const { renders } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    const before = renders();
    await act(() => script.push(welcomeRoom(ME, "!other:example.org", { welcome: [welcomeEvent("Other")] })));
    await act(() =>
      script.push({
        join: { "!other:example.org": { timeline: [textMessageEvent("hello", { sender: MOD })] } },
      }),
    );
    expect(renders()).toBe(before);
  });
});

describe("the room's creator", () => {
  /** `creators`' room (ME just joined it, from nothing, as a creator does), with a co-moderator; no welcome yet. */
  const createdRoom = (sender: string, additional?: string[]) => ({
    join: {
      [ROOM]: {
        state: [
          stateEvent(
            "m.room.create",
            { room_version: "12", ...(additional ? { additional_creators: additional } : {}) },
            { sender },
          ),
          nameEvent("My room", { sender }),
        ],
        timeline: [memberEvent(ME, "join"), memberEvent(MOD, "join")],
      },
    },
  });
  const firstWelcomeByMod = {
    join: { [ROOM]: { timeline: [welcomeEvent("Rules", undefined, { sender: MOD })] } },
  };

  it.each([
    ["the sender of m.room.create", createdRoom(ME)],
    ["one of its additional_creators", createdRoom(MOD, [ME])],
  ])(
    "given the user is %s, a co-moderator's first welcome does not welcome them to their own room",
    async (_, batch) => {
      const { client, script } = await world(batch);
      const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
      await act(() => script.push(firstWelcomeByMod));
      expect(result.current.message?.text).toBe("Rules");
      expect(result.current.shouldShow).toBe(false);
      expect(result.current.decision.reason).toBe("own-room");
    },
  );

  it("given another user created the room, the user who just joined it is welcomed", async () => {
    const { client, script } = await world(createdRoom(MOD));
    const { result } = renderWelcome(client, { seenStore: createMemorySeenStore() });
    await act(() => script.push(firstWelcomeByMod));
    expect(result.current.shouldShow).toBe(true);
  });
});
