/** When a welcome is shown: only on a first join (default), or on every join including rejoins. */
export type ShowWelcomeOn = "first-join" | "every-join";

/** How recent a join must be for its welcome to show (24 hours), so a fresh login does not replay old joins. */
export const DEFAULT_MAX_JOIN_AGE_MS = 24 * 60 * 60 * 1000;

/** Everything {@link decideWelcome} needs, read from the user's member event, the welcome event and the seen-store. */
export interface WelcomeRuleInput {
  /** The user's current membership. */
  membership: string | undefined;
  /** The membership before the current one (`unsigned.prev_content` or the live transition); undefined = none. */
  prevMembership: string | undefined;
  /** `origin_server_ts` of the user's current member event. */
  joinTs: number | undefined;
  /** The current time in milliseconds since the epoch. */
  now: number;
  /**
   * How long ago the join happened (ms) as its homeserver reports it (the member event's `unsigned.age`, carried
   * forward on this device's clock). When a number, it judges the join's recency instead of `now - joinTs`, so a device
   * clock that runs fast or slow neither hides a fresh join nor replays an old one. Undefined = compare `joinTs` with `now`.
   */
  joinAgeMs?: number | undefined;
  /** The welcome event id (its edition); undefined = the room has no welcome. */
  editionId: string | undefined;
  /** Whether this edition was marked seen. */
  seen: boolean;
  /** Whether some other edition of this room's welcome was marked seen (or written by the user: an author saw it). */
  hasSeenEarlierEdition: boolean;
  /** Whether the user set this edition themselves (an author is not welcomed by their own message). */
  ownEdition?: boolean | undefined;
  /** Whether the user created the room (sent its `m.room.create`, or is among its `additional_creators`). */
  roomCreator?: boolean | undefined;
  /** Which joins show the welcome; default `"first-join"`. */
  showOn?: ShowWelcomeOn | undefined;
  /** How old a join may be and still show the welcome; default {@link DEFAULT_MAX_JOIN_AGE_MS}. */
  maxJoinAgeMs?: number | undefined;
  /** Whether a user who saw an earlier edition gets a new edition once; default false. */
  showNewEditions?: boolean | undefined;
  /**
   * The user's membership in the room this one upgraded (`"join"`: still there; `"leave"`: was a member, gone
   * since); undefined = no predecessor, unknown, or never a member. A first join that follows a room upgrade
   * continues that membership instead of being a first look.
   */
  predecessorMembership?: "join" | "leave" | undefined;
}

/** Whether to show the welcome, and why. */
export type WelcomeDecision =
  | {
      /** Show it. */
      show: true;
      /** Why: a first join, a rejoin (`showOn: "every-join"`), or a new edition (`showNewEditions`). */
      reason: "first-join" | "rejoin" | "new-edition";
    }
  | {
      /** Do not show it. */
      show: false;
      /**
       * Why not (`room-upgrade`: the join followed the user from the room this one upgraded; `own-room`: the user
       * created the room; `awaiting-sync`, from the hooks only: it would show, once the client holds live data or, under sliding sync, once
       * the response is applied, or once the seen store read the room's marks from the server; `ignored-sender`, from
       * the hooks only: its author is on the user's ignore list).
       */
      reason:
        | "awaiting-sync"
        | "no-welcome"
        | "not-joined"
        | "seen"
        | "own-welcome"
        | "own-room"
        | "not-a-qualifying-join"
        | "join-too-old"
        | "profile-change"
        | "earlier-edition-seen"
        | "ignored-sender"
        | "room-upgrade";
    };

/** Whether a join from `prev` is the user's first look at the room: no previous membership, invite or knock. */
function isFirstJoinFrom(prev: string | undefined): boolean {
  return prev == null || prev === "invite" || prev === "knock";
}

/**
 * Whether a transition into `membership` shows the welcome under `showOn`; never throws.
 *
 * Only `join` qualifies. From no previous membership, `invite` or `knock` it is a first join (always
 * qualifies); from `join` it is a profile change (never qualifies); from anything else (`leave`, `ban`, ...)
 * it is a rejoin, which qualifies only with `"every-join"`.
 */
export function joinQualifies(
  membership: string | undefined,
  prevMembership: string | undefined,
  showOn: ShowWelcomeOn = "first-join",
): boolean {
  if (membership !== "join") return false;
  if (isFirstJoinFrom(prevMembership)) return true;
  if (prevMembership === "join") return false;
  return showOn === "every-join";
}

/** `maxJoinAgeMs` when it is a number >= 0 (Infinity disables the age check), else the default. */
function maxAge(value: unknown): number {
  return typeof value === "number" && value >= 0 ? value : DEFAULT_MAX_JOIN_AGE_MS;
}

/**
 * Decides whether to show a room's welcome (MSC3857 first-join rule plus editions); pure, never throws.
 *
 * Shown when the user is joined, there is an edition the user neither saw nor set themselves, and either the join qualifies
 * ({@link joinQualifies}) and happened at most `maxJoinAgeMs` ago (`joinAgeMs` when given, else `now - joinTs`; unknown
 * `joinTs` without `joinAgeMs` = too old) and the user
 * saw no earlier edition, or `showNewEditions` is on and the user saw an earlier edition (then join age and
 * transition do not matter). Without `showNewEditions`, a user who saw any edition is never shown another one. A first
 * join into an upgraded room counts as the user's membership of its predecessor continuing (see `predecessorMembership`).
 */
export function decideWelcome(input: WelcomeRuleInput): WelcomeDecision {
  try {
    if (typeof input !== "object" || input === null) return { show: false, reason: "no-welcome" };
    const { membership, prevMembership, joinTs, now, editionId } = input;
    if (typeof editionId !== "string" || editionId === "") return { show: false, reason: "no-welcome" };
    if (membership !== "join") return { show: false, reason: "not-joined" };
    if (input.seen === true) return { show: false, reason: "seen" };
    if (input.ownEdition === true) return { show: false, reason: "own-welcome" };

    // A user who saw an earlier edition was welcomed already: a new edition does not interrupt them unless asked.
    if (input.hasSeenEarlierEdition === true) {
      return input.showNewEditions === true
        ? { show: true, reason: "new-edition" }
        : { show: false, reason: "earlier-edition-seen" };
    }

    // A room's creator is not welcomed to it (by a co-moderator's first welcome, say).
    if (input.roomCreator === true) return { show: false, reason: "own-room" };

    // Following a room upgrade is no first look: from a room the user is still in, the conversation just moved (never
    // shown); from one they left, it is a return, as a rejoin would be.
    let prev = prevMembership;
    if (isFirstJoinFrom(prev) && input.predecessorMembership === "join")
      return { show: false, reason: "room-upgrade" };
    if (isFirstJoinFrom(prev) && input.predecessorMembership === "leave") prev = "leave";

    const showOn: ShowWelcomeOn = input.showOn === "every-join" ? "every-join" : "first-join";
    const qualifies = joinQualifies(membership, prev, showOn);
    // The age the homeserver reports when there is one (independent of the device clock), else `now - joinTs`.
    const { joinAgeMs } = input;
    const age =
      typeof joinAgeMs === "number" && !Number.isNaN(joinAgeMs)
        ? joinAgeMs
        : typeof joinTs === "number" && typeof now === "number"
          ? now - joinTs
          : Number.NaN;
    const recent = age <= maxAge(input.maxJoinAgeMs);
    if (qualifies && recent) {
      return { show: true, reason: isFirstJoinFrom(prev) ? "first-join" : "rejoin" };
    }
    if (prev === "join") return { show: false, reason: "profile-change" };
    return { show: false, reason: qualifies ? "join-too-old" : "not-a-qualifying-join" };
  } catch {
    return { show: false, reason: "no-welcome" };
  }
}
