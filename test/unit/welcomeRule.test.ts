import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_JOIN_AGE_MS,
  decideWelcome,
  joinQualifies,
  type ShowWelcomeOn,
  type WelcomeDecision,
  type WelcomeRuleInput,
} from "../../src/welcome/welcomeRule";

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A fresh first join (no prev_content) a minute ago, with an unseen welcome edition. */
const base: WelcomeRuleInput = {
  membership: "join",
  prevMembership: undefined,
  joinTs: NOW - MINUTE,
  now: NOW,
  editionId: "$welcome1",
  seen: false,
  hasSeenEarlierEdition: false,
};

const show = (reason: "first-join" | "rejoin" | "new-edition"): WelcomeDecision => ({ show: true, reason });
const hide = (reason: Extract<WelcomeDecision, { show: false }>["reason"]): WelcomeDecision => ({
  show: false,
  reason,
});

describe("joinQualifies", () => {
  it.each<[string | undefined, string | undefined, ShowWelcomeOn, boolean]>([
    ["join", undefined, "first-join", true],
    ["join", "invite", "first-join", true],
    ["join", "knock", "first-join", true],
    ["join", "leave", "first-join", false],
    ["join", "ban", "first-join", false],
    ["join", "join", "first-join", false],
    ["join", "something-new", "first-join", false],
    ["join", undefined, "every-join", true],
    ["join", "invite", "every-join", true],
    ["join", "knock", "every-join", true],
    ["join", "leave", "every-join", true],
    ["join", "ban", "every-join", true],
    ["join", "join", "every-join", false],
    ["invite", undefined, "every-join", false],
    ["leave", "join", "every-join", false],
    ["knock", undefined, "first-join", false],
    [undefined, undefined, "every-join", false],
  ])("membership %s from %s with %s -> %s", (membership, prev, showOn, expected) => {
    expect(joinQualifies(membership, prev, showOn)).toBe(expected);
  });

  it("defaults to first-join", () => {
    expect(joinQualifies("join", "leave")).toBe(false);
    expect(joinQualifies("join", "invite")).toBe(true);
  });
});

describe("decideWelcome", () => {
  it.each<[string, Partial<WelcomeRuleInput>, WelcomeDecision]>([
    // Transitions, first-join (default).
    ["first join without prev_content", {}, show("first-join")],
    ["join after invite", { prevMembership: "invite" }, show("first-join")],
    ["join after knock (let in)", { prevMembership: "knock" }, show("first-join")],
    ["rejoin after leave", { prevMembership: "leave" }, hide("not-a-qualifying-join")],
    ["rejoin after ban", { prevMembership: "ban" }, hide("not-a-qualifying-join")],
    ["display name or avatar change", { prevMembership: "join" }, hide("profile-change")],
    // The room's creator, whoever set the welcome.
    ["the room's creator", { roomCreator: true }, hide("own-room")],
    [
      "the room's creator who saw an earlier edition, with showNewEditions",
      { roomCreator: true, hasSeenEarlierEdition: true, showNewEditions: true },
      show("new-edition"),
    ],
    ["unknown previous membership", { prevMembership: "weird" }, hide("not-a-qualifying-join")],
    // Transitions, every-join.
    ["every-join: first join", { showOn: "every-join" }, show("first-join")],
    ["every-join: join after invite", { showOn: "every-join", prevMembership: "invite" }, show("first-join")],
    ["every-join: rejoin after leave", { showOn: "every-join", prevMembership: "leave" }, show("rejoin")],
    ["every-join: rejoin after ban", { showOn: "every-join", prevMembership: "ban" }, show("rejoin")],
    ["every-join: profile change", { showOn: "every-join", prevMembership: "join" }, hide("profile-change")],
    // Membership other than join.
    ["invited only", { membership: "invite" }, hide("not-joined")],
    ["left", { membership: "leave", prevMembership: "join" }, hide("not-joined")],
    ["banned", { membership: "ban" }, hide("not-joined")],
    ["knocking", { membership: "knock" }, hide("not-joined")],
    ["membership unknown", { membership: undefined }, hide("not-joined")],
    ["membership in upper case", { membership: "JOIN" }, hide("not-joined")],
    // Edition and seen state.
    ["no welcome", { editionId: undefined }, hide("no-welcome")],
    ["empty edition id", { editionId: "" }, hide("no-welcome")],
    ["no welcome wins over not joined", { editionId: undefined, membership: "leave" }, hide("no-welcome")],
    ["this edition seen", { seen: true }, hide("seen")],
    [
      "seen wins over new-edition",
      { seen: true, showNewEditions: true, hasSeenEarlierEdition: true },
      hide("seen"),
    ],
    ["not joined wins over seen", { membership: "leave", seen: true }, hide("not-joined")],
    // Join age.
    ["join exactly at the age limit", { joinTs: NOW - DAY }, show("first-join")],
    ["join one ms past the age limit", { joinTs: NOW - DAY - 1 }, hide("join-too-old")],
    ["join a year ago (fresh login on an old account)", { joinTs: NOW - 365 * DAY }, hide("join-too-old")],
    ["unknown join time", { joinTs: undefined }, hide("join-too-old")],
    ["NaN join time", { joinTs: Number.NaN }, hide("join-too-old")],
    ["join time slightly in the future (clock skew)", { joinTs: NOW + MINUTE }, show("first-join")],
    [
      "custom shorter age limit",
      { joinTs: NOW - 10 * MINUTE, maxJoinAgeMs: 5 * MINUTE },
      hide("join-too-old"),
    ],
    ["custom longer age limit", { joinTs: NOW - 3 * DAY, maxJoinAgeMs: 7 * DAY }, show("first-join")],
    [
      "Infinity disables the age limit",
      { joinTs: 0, maxJoinAgeMs: Number.POSITIVE_INFINITY },
      show("first-join"),
    ],
    ["negative age limit uses the default", { maxJoinAgeMs: -1 }, show("first-join")],
    [
      "age limit 0: a join a minute old is too old (0 is no default)",
      { joinTs: NOW - MINUTE, maxJoinAgeMs: 0 },
      hide("join-too-old"),
    ],
    [
      "NaN age limit uses the default",
      { joinTs: NOW - 2 * DAY, maxJoinAgeMs: Number.NaN },
      hide("join-too-old"),
    ],
    [
      "old rejoin with every-join",
      { showOn: "every-join", prevMembership: "leave", joinTs: NOW - 2 * DAY },
      hide("join-too-old"),
    ],
    ["old profile change", { prevMembership: "join", joinTs: NOW - 2 * DAY }, hide("profile-change")],
    // New editions.
    [
      "new edition for a user who saw an earlier one, long after joining",
      { showNewEditions: true, hasSeenEarlierEdition: true, prevMembership: "join", joinTs: NOW - 100 * DAY },
      show("new-edition"),
    ],
    [
      "new edition with an unknown join time",
      { showNewEditions: true, hasSeenEarlierEdition: true, joinTs: undefined },
      show("new-edition"),
    ],
    [
      "new edition after a rejoin under first-join",
      { showNewEditions: true, hasSeenEarlierEdition: true, prevMembership: "leave" },
      show("new-edition"),
    ],
    [
      "new editions on: a user who saw an earlier one gets the new one, even on a fresh join",
      { showNewEditions: true, hasSeenEarlierEdition: true },
      show("new-edition"),
    ],
    [
      "new editions off: a user who saw an earlier one is not shown the new one",
      { hasSeenEarlierEdition: true, prevMembership: "join", joinTs: NOW - 100 * DAY },
      hide("earlier-edition-seen"),
    ],
    [
      "new editions off: a user who saw an earlier one during a join still inside the window is not interrupted",
      { hasSeenEarlierEdition: true },
      hide("earlier-edition-seen"),
    ],
    [
      "new editions on but nothing seen before",
      { showNewEditions: true, prevMembership: "join" },
      hide("profile-change"),
    ],
    [
      "new editions need the user to be joined",
      { showNewEditions: true, hasSeenEarlierEdition: true, membership: "invite" },
      hide("not-joined"),
    ],
  ])("%s", (_name, overrides, expected) => {
    expect(decideWelcome({ ...base, ...overrides })).toEqual(expected);
  });

  it.each<[string, Partial<WelcomeRuleInput>, WelcomeDecision]>([
    [
      "a first join into an upgraded room the user is still in is no first look",
      { predecessorMembership: "join" },
      hide("room-upgrade"),
    ],
    [
      "...whatever showOn says",
      { predecessorMembership: "join", showOn: "every-join" },
      hide("room-upgrade"),
    ],
    [
      "an invite -> join into an upgraded room the user is still in",
      { predecessorMembership: "join", prevMembership: "invite" },
      hide("room-upgrade"),
    ],
    [
      "a first join into an upgraded room the user left is a return",
      { predecessorMembership: "leave" },
      hide("not-a-qualifying-join"),
    ],
    [
      "...which shows as a rejoin with every-join",
      { predecessorMembership: "leave", showOn: "every-join" },
      show("rejoin"),
    ],
    [
      "a profile change in an upgraded room stays a profile change",
      { predecessorMembership: "join", prevMembership: "join" },
      hide("profile-change"),
    ],
    ["a seen edition wins over the upgrade", { predecessorMembership: "join", seen: true }, hide("seen")],
    [
      "an unknown predecessor membership changes nothing",
      { predecessorMembership: "invite" as unknown as "join" },
      show("first-join"),
    ],
  ])("room upgrades: %s", (_name, overrides, expected) => {
    expect(decideWelcome({ ...base, ...overrides })).toEqual(expected);
  });

  it("uses a 24 hour default age limit", () => {
    expect(DEFAULT_MAX_JOIN_AGE_MS).toBe(DAY);
  });

  it.each([null, undefined, 42, "join"])("does not throw for the non-object input %s", (input) => {
    expect(decideWelcome(input as unknown as WelcomeRuleInput)).toEqual(hide("no-welcome"));
  });

  it("does not throw for an input whose getters throw", () => {
    const input = {
      ...base,
      get seen(): boolean {
        throw new Error("boom");
      },
    };
    expect(decideWelcome(input)).toEqual(hide("no-welcome"));
  });

  it("only takes strict true for the boolean flags", () => {
    const truthy = {
      seen: 1,
      showNewEditions: "yes",
      hasSeenEarlierEdition: 1,
    } as unknown as Partial<WelcomeRuleInput>;
    expect(decideWelcome({ ...base, ...truthy, prevMembership: "join" })).toEqual(hide("profile-change"));
  });

  it("never throws and only shows for a joined user with an unseen edition", () => {
    const membership = fc.option(
      fc.oneof(fc.constantFrom("join", "invite", "leave", "ban", "knock"), fc.string()),
      {
        nil: undefined,
      },
    );
    const input = fc.record({
      membership,
      prevMembership: membership,
      joinTs: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: undefined }),
      now: fc.oneof(fc.integer(), fc.double()),
      editionId: fc.option(fc.string(), { nil: undefined }),
      seen: fc.boolean(),
      hasSeenEarlierEdition: fc.boolean(),
      showOn: fc.option(fc.constantFrom<ShowWelcomeOn>("first-join", "every-join"), { nil: undefined }),
      maxJoinAgeMs: fc.option(fc.double(), { nil: undefined }),
      showNewEditions: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(
      fc.property(input, (value) => {
        const decision = decideWelcome(value);
        if (decision.show) {
          expect(value.membership).toBe("join");
          expect(value.seen).toBe(false);
          expect(value.editionId).toBeTruthy();
          if (decision.reason !== "new-edition") expect(value.prevMembership).not.toBe("join");
        }
      }),
    );
  });
});
