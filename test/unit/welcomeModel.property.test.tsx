/**
 * Model-based property test of `useWelcomeMessage` through the real matrix-js-sdk sync pipeline: random sequences of
 * what a homeserver delivers for one room (a moderator sets, replaces, empties or redacts the stable / unstable welcome;
 * the user is invited, joins, leaves, is kicked, banned or unbanned, changes display name, leaves and rejoins within
 * one sync; another device marks editions seen in room account data; gappy syncs), what the app does (mounts and
 * unmounts the hook, a second hook beside it, changes its options, calls `markSeen`) and the clock moving on,
 * checked after every step against a small model of `decideWelcome`'s documented rules (welcomeRule.ts, README
 * "When the welcome shows") plus the store's documented stickiness ("once shown, an edition stays shown until it is
 * marked seen or the user leaves").
 *
 * What the model leaves out, because the docs do not settle it: the decision after a profile change whose join the
 * client can no longer see (a gap after the rename, and no mounted hook saw the join live); joins without
 * `unsigned.prev_content`; room upgrades; a redaction of a state-only welcome that a gappy sync drops before any hook
 * scanned it (README: out of reach). In those cases only what is certain (the message) is checked.
 *
 * Knobs: MNK_PROPERTY_RUNS (default 100), MNK_PROPERTY_SEED. The bugs it found are pinned down as examples in
 * welcomeModelFindings.test.tsx.
 */
import { act, type RenderHookResult, renderHook, waitFor } from "@testing-library/react";
import fc from "fast-check";
import { ClientEvent, type MatrixClient, type Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import {
  type ShowWelcomeOn,
  type UseWelcomeMessageResult,
  useWelcomeMessage,
  WELCOME_SEEN_ACCOUNT_DATA_TYPE,
  type WelcomeMessageOptions,
} from "../../src";
import {
  createEvent,
  memberEvent,
  nameEvent,
  type RawEvent,
  redactionEvent,
  stateEvent,
  textMessageEvent,
} from "../support/events";
import { listenerTotal } from "../support/listeners";
import { propertyParameters, withStepLog } from "../support/property";
import { type SyncBatch, SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Runs per property (raise with MNK_PROPERTY_RUNS for a longer hunt; replay with MNK_PROPERTY_SEED). */
const PARAMETERS = propertyParameters(100);

// ---------------------------------------------------------------------------------------------------------------
// Welcome contents, with what the documented parser must read from them
// ---------------------------------------------------------------------------------------------------------------

type ContentKind =
  | "msc3857"
  | "unstable"
  | "msc1767"
  | "shorthand"
  | "html"
  | "fallbackArray"
  | "empty"
  | "blank"
  | "arrayHidesShorthand"
  | "badMimetype";

/** The content of a welcome of this kind, and the plain text it carries (null: it parses to no message). */
function contentFor(kind: ContentKind, n: number): { content: Record<string, unknown>; text: string | null } {
  const text = `Rules v${n}`;
  const plain = { mimetype: "text/plain", body: text };
  switch (kind) {
    case "msc3857":
      return { content: { "m.room.welcome": { "m.message": [plain] } }, text };
    case "unstable":
      return { content: { "org.matrix.msc3857.welcome": { "org.matrix.msc1767.message": [plain] } }, text };
    case "msc1767":
      return { content: { "m.room.welcome": { "m.text": [{ body: text }] } }, text };
    case "shorthand":
      return { content: { "m.room.welcome": { "m.text": text } }, text };
    case "html":
      return {
        content: {
          "m.room.welcome": {
            "m.message": [{ mimetype: "text/html", body: `<p><b>${text}</b></p>` }, plain],
          },
        },
        text,
      };
    case "fallbackArray":
      // The first array yields nothing usable: the next one is read (parseWelcomeContent's doc).
      return { content: { "m.room.welcome": { "m.text": [{ body: "  " }], "m.message": [plain] } }, text };
    case "empty":
      return { content: {}, text: null };
    case "blank":
      return { content: { "m.room.welcome": { "m.text": " \n\t " } }, text: null };
    case "arrayHidesShorthand":
      // An array is present (even empty): the shorthand is ignored.
      return { content: { "m.room.welcome": { "m.text": [], "m.html": `<p>${text}</p>` } }, text: null };
    case "badMimetype":
      return { content: { "m.room.welcome": { "m.message": [{ mimetype: 5, body: text }] } }, text: null };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------------

type Which = "first" | "second";
interface HookOptions {
  showOn: ShowWelcomeOn | undefined;
  showNewEditions: boolean | undefined;
  maxJoinAgeMs: number | undefined;
}

type Op =
  /** A moderator (or, `byMe`, the user) sets the stable or unstable welcome: a new edition. */
  | { op: "setWelcome"; stable: boolean; kind: ContentKind; byMe: boolean }
  /** A moderator redacts the current stable or unstable welcome. */
  | { op: "redactWelcome"; stable: boolean }
  | { op: "invite" }
  /** The user joins; the member event is `age` ms old when it arrives (a client catching up). */
  | { op: "join"; age: number }
  | { op: "leave" }
  | { op: "kick" }
  | { op: "ban" }
  | { op: "unban" }
  /** A display-name change (join -> join); `inGap`: it arrives in a gappy sync's state section. */
  | { op: "rename"; inGap: boolean }
  /** Leave and rejoin in one sync batch. */
  | { op: "bounce" }
  | { op: "markSeen"; which: Which }
  /** Another device writes the seen marks: the current edition, an earlier one, or an id this client never saw. */
  | { op: "otherDevice"; target: "current" | "earlier" | "unknown"; lww: boolean }
  /**
   * A gappy (limited) sync: a moderator may have set a welcome meanwhile (it comes in the state section) and/or
   * redacted the current one (the redaction comes in the timeline).
   */
  | { op: "gap"; newWelcome: ContentKind | null; stable: boolean; redact: boolean }
  /** The user (a moderator too) redacts the current welcome through the client; the server accepts or refuses. */
  | { op: "ownRedact"; stable: boolean; refused: boolean }
  /** The app forgets the room after the user left it. */
  | { op: "forget" }
  | { op: "advance"; ms: number }
  | { op: "toggle"; which: Which }
  | { op: "setOptions"; which: Which; options: HookOptions };

const optionsArb: fc.Arbitrary<HookOptions> = fc.record({
  showOn: fc.constantFrom<ShowWelcomeOn | undefined>(undefined, "first-join", "every-join"),
  showNewEditions: fc.constantFrom(undefined, false, true),
  maxJoinAgeMs: fc.constantFrom(undefined, undefined, undefined, 3 * HOUR, 48 * HOUR),
});
const contentKindArb = fc.constantFrom<ContentKind>(
  "msc3857",
  "msc3857",
  "unstable",
  "msc1767",
  "shorthand",
  "html",
  "fallbackArray",
  "empty",
  "blank",
  "arrayHidesShorthand",
  "badMimetype",
);
const whichArb = fc.constantFrom<Which>("first", "first", "second");
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant("setWelcome" as const),
      stable: fc.boolean(),
      kind: contentKindArb,
      byMe: fc.constantFrom(false, false, false, false, true),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("redactWelcome" as const), stable: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ op: "invite" as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("join" as const),
      age: fc.constantFrom(0, 0, 0, 2 * HOUR, 25 * HOUR),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ op: "leave" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "kick" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "ban" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "unban" as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("rename" as const), inGap: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ op: "bounce" as const }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("markSeen" as const), which: whichArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("otherDevice" as const),
      target: fc.constantFrom("current" as const, "current" as const, "earlier" as const, "unknown" as const),
      lww: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("gap" as const),
      newWelcome: fc.option(contentKindArb, { freq: 2 }),
      stable: fc.boolean(),
      redact: fc.constantFrom(false, false, true),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("ownRedact" as const),
      stable: fc.boolean(),
      refused: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: "forget" as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("advance" as const),
      ms: fc.constantFrom(HOUR, 12 * HOUR, 25 * HOUR),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("toggle" as const), which: whichArb }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("setOptions" as const), which: whichArb, options: optionsArb }),
  },
);

/** `joinedRenamed`: a fresh login's limited sync with the join in its state section and a rename in its timeline. */
type InitialRoom = "absent" | "invited" | "joined" | "joinedRenamed" | "left";
interface Init {
  room: InitialRoom;
  /** The join's previous membership (joined only). */
  prev: "invite" | undefined;
  /** How old the join is at login (joined only). */
  joinAge: number;
  /** A welcome in the room state at login (joined / left only). */
  welcome: ContentKind | null;
  welcomeStable: boolean;
  /** Room account data at login: the initial edition seen, an unknown edition seen, or nothing. */
  seen: "edition" | "unknown" | null;
  first: HookOptions;
  second: HookOptions;
}
const initArb: fc.Arbitrary<Init> = fc.record({
  room: fc.constantFrom<InitialRoom>("absent", "invited", "joined", "joined", "joinedRenamed", "left"),
  prev: fc.constantFrom<"invite" | undefined>("invite", undefined),
  joinAge: fc.constantFrom(0, HOUR, 30 * DAY),
  welcome: fc.option(contentKindArb, { freq: 3 }),
  welcomeStable: fc.boolean(),
  seen: fc.constantFrom<"edition" | "unknown" | null>(null, null, null, "edition", "unknown"),
  first: optionsArb,
  second: optionsArb,
});

// ---------------------------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------------------------

type Membership = "none" | "invite" | "join" | "leave" | "ban";

interface ModelWelcome {
  raw: RawEvent;
  /** The plain text it carries, or null (parses to no message). */
  text: string | null;
  redacted: boolean;
  redaction?: RawEvent;
  /** In the client's live timeline (arrived there, no gap since): the SDK redacts it itself. */
  inLiveTimeline: boolean;
}

interface Slots {
  stable: ModelWelcome | null;
  unstable: ModelWelcome | null;
}

interface Model {
  membership: Membership;
  /** The member event that began the current join (its previous membership and time). */
  entering: { id: string; prev: string | undefined; ts: number } | null;
  /** The user's current member event. */
  memberId: string | null;
  /** Whether the client can still find the entering join (live timeline, or the state the timeline starts from). */
  enteringVisible: boolean;
  /** The welcome state on the homeserver. */
  server: Slots;
  /** What the client holds while not joined (frozen when the user left). */
  frozen: Slots;
  /** Edition ids this device marked. */
  local: Set<string>;
  /** The seen-marks account data the client holds from the homeserver. */
  serverSeen: string[];
  /** Marks of the server's copy the seen store read (while a hook was mounted): seen for good on this client. */
  observed: Set<string>;
  /** Editions by the user that a mounted store saw as the room's welcome: an author has seen what they wrote. */
  authored: Set<string>;
  /** Every welcome event id ever set (for "earlier edition" picks). */
  editions: string[];
  now: number;
  start: number;
  /** The room was forgotten (until the user is in it again): the hook keeps its last reason (not modelled). */
  forgotten: boolean;
  /** The user was banned when the room was forgotten (the server still knows). */
  forgottenBanned: boolean;
  /** The room was forgotten since the user was last in it: a rejoin brings its account data again. */
  lostAccountData: boolean;
  /** A redaction of a welcome the SDK cannot redact, that no mounted hook has scanned yet. */
  unscannedRedaction: boolean;
}

interface Instance {
  which: Which;
  hook: RenderHookResult<UseWelcomeMessageResult, { options: WelcomeMessageOptions }>;
  options: HookOptions;
  /** The join this store saw live (its `MyMembership`), if any. */
  liveJoinId: string | null;
  /**
   * The edition this store has shown (sticky), with the reason it showed, the welcome editions the room held then
   * (and those carried since), and whether it is a new edition carried over the one shown.
   */
  shown: { edition: string; reason: string; there: Set<string>; carried: boolean } | null;
  /** The edition whose stickiness the model cannot know (an uncertain decision came first). */
  shownUnknown: string | null;
}

type Expected = {
  message: { eventId: string; text: string } | null;
  /** null: the model cannot be certain. */
  decision: { show: boolean; reason: string } | null;
  joinEventId: string | null | "unknown";
};

const view = (m: Model): Slots => (m.membership === "join" ? m.server : m.frozen);

/**
 * The welcome event the client's message comes from (README): the stable one with a message, else none while a stable
 * event that says nothing stands (not redacted; these contents parse to nothing), else the unstable one with a message.
 */
function currentWelcome(m: Model): ModelWelcome | null {
  const { stable, unstable } = view(m);
  const says = (w: ModelWelcome | null): boolean => !!w && !w.redacted && w.text !== null;
  if (stable && says(stable)) return stable;
  if (stable && !stable.redacted) return null;
  return unstable && says(unstable) ? unstable : null;
}

function currentMessage(m: Model): { eventId: string; text: string; sender: string } | null {
  const w = currentWelcome(m);
  return w && w.text !== null ? { eventId: w.raw.event_id, text: w.text, sender: w.raw.sender } : null;
}

const seenList = (m: Model) => [...new Set([...m.serverSeen, ...m.observed, ...m.local])];

/** joinQualifies, as documented. */
function qualifies(prev: string | undefined, showOn: ShowWelcomeOn | undefined): boolean {
  if (prev === undefined || prev === "invite" || prev === "knock") return true;
  if (prev === "join") return false;
  return showOn === "every-join";
}

/** decideWelcome's answer for this store by the documented rules, or null when the model cannot know. */
function freshDecision(m: Model, inst: Instance): { show: boolean; reason: string } | null {
  const message = currentMessage(m);
  if (m.forgotten) return { show: false, reason: "*" };
  if (!message) return { show: false, reason: "no-welcome" };
  if (m.membership !== "join") return { show: false, reason: "not-joined" };
  const list = seenList(m);
  if (list.includes(message.eventId)) return { show: false, reason: "seen" };
  if (message.sender === ME) return { show: false, reason: "own-welcome" };
  if (list.some((id) => id !== message.eventId) || [...m.authored].some((id) => id !== message.eventId))
    return inst.options.showNewEditions
      ? { show: true, reason: "new-edition" }
      : { show: false, reason: "earlier-edition-seen" };
  const entering = m.entering!;
  const known = m.memberId === entering.id || m.enteringVisible || inst.liveJoinId === entering.id;
  if (!known) return null;
  const q = qualifies(entering.prev, inst.options.showOn);
  const recent = m.now - entering.ts <= (inst.options.maxJoinAgeMs ?? DAY);
  if (q && recent) {
    const first = entering.prev === undefined || entering.prev === "invite";
    return { show: true, reason: first ? "first-join" : "rejoin" };
  }
  return { show: false, reason: q ? "join-too-old" : "not-a-qualifying-join" };
}

/** What the instance should return now; updates its stickiness. */
function expectedFor(m: Model, inst: Instance): Expected {
  const message = currentMessage(m);
  const fresh = freshDecision(m, inst);
  const edition = message?.eventId ?? null;
  const joined = m.membership === "join";
  const seen = !!edition && seenList(m).includes(edition);
  // Stickiness ends when the user is not joined, the edition changes, or it is marked seen; except that a new edition
  // (one the room did not hold when the welcome was shown) takes an open welcome's place while the join's age alone
  // keeps it from being due (README: a moderator's fix does not take the welcome away from under the reader).
  const shown = inst.shown;
  const isNew =
    !!shown && !!edition && (shown.edition === edition ? shown.carried : !shown.there.has(edition));
  if (shown && joined && !seen && edition && isNew && !fresh?.show && fresh?.reason === "join-too-old") {
    shown.there.add(edition);
    inst.shown = { ...shown, edition, carried: true };
  } else if (!joined || seen || !edition || inst.shown?.edition !== edition) inst.shown = null;
  if (!joined || seen || !edition || inst.shownUnknown !== edition) inst.shownUnknown = null;
  let decision: Expected["decision"];
  if (fresh?.show) {
    decision = fresh;
    const held = [view(m).stable, view(m).unstable].flatMap((w) => (w ? [w.raw.event_id] : []));
    inst.shown = { edition: edition!, reason: fresh.reason, there: new Set(held), carried: false };
    inst.shownUnknown = null;
  } else if (inst.shown) decision = { show: true, reason: inst.shown.reason };
  else if (inst.shownUnknown) decision = null;
  else if (fresh) decision = fresh;
  else {
    decision = null;
    if (edition && joined) inst.shownUnknown = edition;
  }
  return {
    message: message ? { eventId: message.eventId, text: message.text } : null,
    decision,
    joinEventId: joinIdFor(m, inst),
  };
}

function joinIdFor(m: Model, inst: Instance): Expected["joinEventId"] {
  if (m.membership !== "join") return null;
  const entering = m.entering!;
  const known = m.memberId === entering.id || m.enteringVisible || inst.liveJoinId === entering.id;
  return known ? entering.id : "unknown";
}

// ---------------------------------------------------------------------------------------------------------------
// The world and the interpreter
// ---------------------------------------------------------------------------------------------------------------

interface World {
  script: SyncScript;
  client: MatrixClient;
  model: Model;
  instances: Record<Which, Instance | null>;
  /** Options each hook mounts with next. */
  options: Record<Which, HookOptions>;
  log: string[];
  n: number;
  clientBaseline: number;
  roomBaselines: WeakMap<Room, number>;
}

const CREATE = createEvent({ creator: MOD, ts: Date.now() - 60 * DAY });
const MOD_JOIN = memberEvent(MOD, "join", { ts: Date.now() - 60 * DAY });
const NAME = nameEvent("Rules Lounge", { sender: MOD, ts: Date.now() - 60 * DAY });

/** A welcome as the homeserver serves it now (redacted: content stripped, `redacted_because` set). */
function serverCopy(w: ModelWelcome): RawEvent {
  if (!w.redacted) return w.raw;
  return {
    ...w.raw,
    content: {},
    unsigned: { redacted_because: { ...w.redaction!, unsigned: {} } as never },
  };
}

const serverWelcomes = (m: Model): RawEvent[] =>
  [m.server.stable, m.server.unstable].filter((w): w is ModelWelcome => !!w).map(serverCopy);

const roomState = (m: Model) => [CREATE, MOD_JOIN, NAME, ...serverWelcomes(m)];

function makeWelcome(w: World, stable: boolean, kind: ContentKind, sender: string, ts: number): ModelWelcome {
  w.n += 1;
  const { content, text } = contentFor(kind, w.n);
  const raw = stateEvent(stable ? "m.room.welcome" : "org.matrix.msc3857.welcome", content, { sender, ts });
  w.model.editions.push(raw.event_id);
  return { raw, text, redacted: false, inLiveTimeline: false };
}

const mounted = (w: World) => !!(w.instances.first || w.instances.second);
const liveInstances = (w: World) => [w.instances.first, w.instances.second].filter((i): i is Instance => !!i);

/** The user's side of a membership change the hook stores see live. */
function noteMembership(w: World, membership: Membership, ev: RawEvent, prev: string | undefined) {
  const m = w.model;
  m.membership = membership;
  m.memberId = ev.event_id;
  m.forgotten = false;
  if (membership === "join") {
    m.entering = { id: ev.event_id, prev, ts: ev.origin_server_ts };
    m.enteringVisible = true;
    for (const inst of liveInstances(w)) inst.liveJoinId = ev.event_id;
  } else m.entering = null;
}

/** Freezes the client's view of the welcome as the user stops receiving the room. */
function freeze(m: Model) {
  const copy = (s: ModelWelcome | null) => (s ? { ...s } : null);
  m.frozen = { stable: copy(m.server.stable), unstable: copy(m.server.unstable) };
}

async function startModelWorld(init: Init): Promise<World> {
  const now = Date.now();
  const model: Model = {
    membership: "none",
    entering: null,
    memberId: null,
    enteringVisible: false,
    server: { stable: null, unstable: null },
    frozen: { stable: null, unstable: null },
    local: new Set(),
    serverSeen: [],
    observed: new Set(),
    authored: new Set(),
    editions: [],
    now,
    start: now,
    forgotten: false,
    forgottenBanned: false,
    lostAccountData: false,
    unscannedRedaction: false,
  };
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  const w: World = {
    script,
    client,
    model,
    instances: { first: null, second: null },
    options: { first: init.first, second: init.second },
    log: [],
    n: 0,
    clientBaseline: 0,
    roomBaselines: new WeakMap(),
  };
  // The homeserver's copy of the seen marks follows this device's writes (their echo comes in the next sync).
  script.route({ method: "PUT", path: /\/account_data\// }, (req) => {
    const ids = (req.body as { event_ids?: unknown })?.event_ids;
    if (Array.isArray(ids)) model.serverSeen = ids.filter((id): id is string => typeof id === "string");
    return undefined;
  });
  script.route({ method: "POST", path: /\/forget$/ }, () => ({ json: {} }));
  if (init.welcome && init.room !== "absent" && init.room !== "invited") {
    const welcome = makeWelcome(w, init.welcomeStable, init.welcome, MOD, now - 40 * DAY);
    model.server[init.welcomeStable ? "stable" : "unstable"] = welcome;
  }
  const seenIds =
    init.seen === "edition" && model.editions[0]
      ? [model.editions[0]]
      : init.seen === "unknown"
        ? ["$elsewhere:example.org"]
        : [];
  let batch: SyncBatch = {};
  switch (init.room) {
    case "invited": {
      const invite = memberEvent(ME, "invite", { sender: MOD, ts: now - HOUR });
      batch = { invite: { [ROOM]: [invite, NAME] } };
      model.membership = "invite";
      model.memberId = null;
      break;
    }
    case "joined": {
      const join = memberEvent(ME, "join", { prevMembership: init.prev, ts: now - init.joinAge });
      batch = {
        join: {
          [ROOM]: {
            state: roomState(model),
            timeline: [join],
            accountData: seenIds.length
              ? [{ type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: seenIds } }]
              : [],
          },
        },
      };
      noteMembership(w, "join", join, init.prev);
      if (seenIds.length) model.serverSeen = seenIds;
      break;
    }
    case "joinedRenamed": {
      const join = memberEvent(ME, "join", { prevMembership: init.prev, ts: now - init.joinAge });
      const rename = memberEvent(ME, "join", { prevMembership: "join", displayName: "Bobby", ts: now });
      batch = {
        join: {
          [ROOM]: {
            state: [...roomState(model), join],
            timeline: [rename],
            limited: true,
            accountData: seenIds.length
              ? [{ type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: seenIds } }]
              : [],
          },
        },
      };
      noteMembership(w, "join", join, init.prev);
      model.memberId = rename.event_id;
      if (seenIds.length) model.serverSeen = seenIds;
      break;
    }
    case "left": {
      const leave = memberEvent(ME, "leave", { prevMembership: "join", ts: now - 2 * DAY });
      batch = { leave: { [ROOM]: { state: roomState(model), timeline: [leave] } } };
      noteMembership(w, "leave", leave, "join");
      freeze(model);
      break;
    }
  }
  w.log.push(`initial ${JSON.stringify(init)}`);
  await script.start(client, batch);
  w.clientBaseline = clientListeners(client);
  return w;
}

const clientListeners = (client: MatrixClient) =>
  client.listenerCount(ClientEvent.Room) + client.listenerCount(ClientEvent.DeleteRoom);

const push = (w: World, batch: SyncBatch) => act(() => w.script.push(batch));
const inRoom = (spec: NonNullable<SyncBatch["join"]>[string]): SyncBatch => ({ join: { [ROOM]: spec } });

/** Waits until this device's seen-mark writes (and their echoes) have all gone through. */
async function settleWrites(w: World) {
  for (let i = 0; i < 10; i++) {
    const before = w.script.requestsTo(/\/account_data\//, "PUT").length;
    await act(async () => {
      await new Promise((r) => setTimeout(r, 5));
    });
    await push(w, {});
    if (w.script.requestsTo(/\/account_data\//, "PUT").length === before) return;
  }
}

function hookOptions(w: World, which: Which): WelcomeMessageOptions {
  const o = w.options[which];
  return {
    ...(o.showOn !== undefined ? { showOn: o.showOn } : {}),
    ...(o.showNewEditions !== undefined ? { showNewEditions: o.showNewEditions } : {}),
    ...(o.maxJoinAgeMs !== undefined ? { maxJoinAgeMs: o.maxJoinAgeMs } : {}),
    now: () => w.model.now,
  };
}

function toggle(w: World, which: Which) {
  const inst = w.instances[which];
  if (inst) {
    w.log.push(`unmount ${which} hook`);
    inst.hook.unmount();
    w.instances[which] = null;
    if (!mounted(w)) {
      expect(clientListeners(w.client), "client listeners once nothing is mounted").toBe(w.clientBaseline);
      const room = w.client.getRoom(ROOM);
      const base = room ? w.roomBaselines.get(room) : undefined;
      if (room && base !== undefined)
        expect(listenerTotal(room), "room listeners once nothing is mounted").toBe(base);
    }
    return;
  }
  w.log.push(`mount ${which} hook ${JSON.stringify(w.options[which])}`);
  const hook = renderHook(({ options }) => useWelcomeMessage(w.client, ROOM, options), {
    initialProps: { options: hookOptions(w, which) },
  });
  w.instances[which] = {
    which,
    hook,
    options: w.options[which],
    liveJoinId: null,
    shown: null,
    shownUnknown: null,
  };
  // A mounted store catches up on the room's timelines.
  w.model.unscannedRedaction = false;
}

async function apply(w: World, op: Op): Promise<void> {
  const m = w.model;
  const ts = m.now;
  switch (op.op) {
    case "setWelcome": {
      const sender = op.byMe ? ME : MOD;
      const welcome = makeWelcome(w, op.stable, op.kind, sender, ts);
      m.server[op.stable ? "stable" : "unstable"] = welcome;
      w.log.push(
        `${op.byMe ? "the user" : "mod"} sets ${op.stable ? "stable" : "unstable"} welcome ${welcome.raw.event_id} (${op.kind}, text ${JSON.stringify(welcome.text)})${m.membership === "join" ? "" : " (server only: user not joined)"}`,
      );
      if (m.membership !== "join") return;
      welcome.inLiveTimeline = true;
      return push(w, inRoom({ timeline: [welcome.raw] }));
    }
    case "redactWelcome": {
      const target = m.server[op.stable ? "stable" : "unstable"];
      if (!target || target.redacted) return void w.log.push("redact welcome (nothing to redact)");
      const redaction = redactionEvent(target.raw.event_id, { sender: MOD, ts });
      target.redacted = true;
      target.redaction = redaction;
      w.log.push(
        `mod redacts ${target.raw.event_id}${m.membership === "join" ? "" : " (server only)"}${target.inLiveTimeline ? "" : " (known to the client as state only)"}`,
      );
      if (m.membership !== "join") return;
      if (!target.inLiveTimeline && !mounted(w)) m.unscannedRedaction = true;
      return push(w, inRoom({ timeline: [redaction] }));
    }
    case "invite": {
      if ((m.membership !== "none" && m.membership !== "leave") || m.forgottenBanned)
        return void w.log.push("invite (not applicable)");
      const invite = memberEvent(ME, "invite", { sender: MOD, ts });
      w.log.push("invite");
      noteMembership(w, "invite", invite, undefined);
      m.memberId = null; // stripped state: no event id
      return push(w, { invite: { [ROOM]: [invite, NAME] } });
    }
    case "join": {
      if (m.membership === "join" || m.membership === "ban" || m.forgottenBanned)
        return void w.log.push("join (not applicable)");
      const prev = m.membership === "none" ? undefined : m.membership;
      const join = memberEvent(ME, "join", { prevMembership: prev, ts: ts - op.age });
      w.log.push(
        `join ${join.event_id} from ${prev ?? "nothing"}${op.age ? `, ${op.age / HOUR} h old` : ""}`,
      );
      const state = roomState(m);
      // A room the app forgot comes back with its account data (the seen marks) as a homeserver sends it.
      const accountData =
        m.lostAccountData && m.serverSeen.length
          ? [{ type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: m.serverSeen } }]
          : [];
      m.lostAccountData = false;
      noteMembership(w, "join", join, prev);
      for (const s of [m.server.stable, m.server.unstable]) if (s) s.inLiveTimeline = false;
      return push(w, inRoom({ state, timeline: [join], accountData }));
    }
    case "leave":
    case "kick":
    case "ban": {
      const from = m.membership;
      const allowed =
        op.op === "ban"
          ? from === "join" || from === "invite" || from === "leave"
          : from === "join" || from === "invite";
      if (!allowed) return void w.log.push(`${op.op} (not applicable)`);
      const membership = op.op === "ban" ? "ban" : "leave";
      const ev = memberEvent(ME, membership, {
        prevMembership: from,
        sender: op.op === "leave" ? ME : MOD,
        ts,
      });
      w.log.push(`${op.op} (${from} -> ${membership}) ${ev.event_id}`);
      if (from === "join") freeze(m);
      noteMembership(w, membership, ev, from);
      return push(w, { leave: { [ROOM]: { timeline: [ev] } } });
    }
    case "unban": {
      if (m.membership !== "ban") return void w.log.push("unban (not applicable)");
      const ev = memberEvent(ME, "leave", { prevMembership: "ban", sender: MOD, ts });
      w.log.push(`unban ${ev.event_id}`);
      noteMembership(w, "leave", ev, "ban");
      return push(w, { leave: { [ROOM]: { timeline: [ev] } } });
    }
    case "rename": {
      if (m.membership !== "join") return void w.log.push("rename (not applicable)");
      w.n += 1;
      const ev = memberEvent(ME, "join", { prevMembership: "join", displayName: `Bob ${w.n}`, ts });
      m.memberId = ev.event_id;
      if (op.inGap) {
        // The rename is in the state the new live timeline starts from; the join is out of sight.
        if (m.unscannedRedaction)
          return void w.log.push("rename in a gap (skipped: would drop an unscanned redaction)");
        w.log.push(`rename ${ev.event_id} in a gappy sync's state section`);
        m.enteringVisible = false;
        for (const s of [m.server.stable, m.server.unstable]) if (s) s.inLiveTimeline = false;
        const filler = textMessageEvent("hi", { sender: MOD, ts });
        return push(w, inRoom({ state: [ev], timeline: [filler], limited: true }));
      }
      w.log.push(`rename ${ev.event_id}`);
      return push(w, inRoom({ timeline: [ev] }));
    }
    case "bounce": {
      if (m.membership !== "join") return void w.log.push("bounce (not applicable)");
      const leave = memberEvent(ME, "leave", { prevMembership: "join", ts });
      const join = memberEvent(ME, "join", { prevMembership: "leave", ts });
      w.log.push(`leave ${leave.event_id} and rejoin ${join.event_id} in one sync`);
      // The stores see no membership change (join -> join): neither records the join live.
      m.membership = "join";
      m.memberId = join.event_id;
      m.entering = { id: join.event_id, prev: "leave", ts };
      m.enteringVisible = true;
      // The user left: stickiness ends (the model's expectedFor sees no non-join state, so end it here).
      for (const inst of liveInstances(w)) {
        inst.shown = null;
        inst.shownUnknown = null;
      }
      return push(w, inRoom({ timeline: [leave, join] }));
    }
    case "markSeen": {
      const inst = w.instances[op.which];
      if (!inst) return void w.log.push(`markSeen on ${op.which} hook (not mounted)`);
      const id = inst.hook.result.current.message?.eventId;
      w.log.push(`markSeen on ${op.which} hook (${id ?? "no message"})`);
      act(() => inst.hook.result.current.markSeen());
      if (id) m.local.add(id);
      return settleWrites(w);
    }
    case "otherDevice": {
      if (m.membership !== "join") return void w.log.push("other device marks (not joined: skipped)");
      const current = currentMessage(m)?.eventId;
      const earlier = m.editions.filter((id) => id !== current);
      const id =
        op.target === "current"
          ? current
          : op.target === "earlier"
            ? earlier[earlier.length - 1]
            : "$elsewhere:example.org";
      if (!id) return void w.log.push(`other device marks ${op.target} (none)`);
      if (mounted(w)) for (const seen of m.serverSeen) m.observed.add(seen);
      const ids = op.lww ? [id] : [...new Set([...m.serverSeen, id])];
      w.log.push(`other device writes seen marks ${JSON.stringify(ids)} (${op.target})`);
      m.serverSeen = ids;
      await push(
        w,
        inRoom({ accountData: [{ type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: ids } }] }),
      );
      return settleWrites(w);
    }
    case "gap": {
      if (m.membership !== "join") return void w.log.push("gap (not joined: skipped)");
      if (m.unscannedRedaction) return void w.log.push("gap (skipped: would drop an unscanned redaction)");
      const state: RawEvent[] = [];
      const timeline: RawEvent[] = [textMessageEvent("filler", { sender: MOD, ts })];
      const notes: string[] = [];
      if (op.newWelcome) {
        const welcome = makeWelcome(w, op.stable, op.newWelcome, MOD, ts);
        m.server[op.stable ? "stable" : "unstable"] = welcome;
        state.push(welcome.raw);
        notes.push(
          `welcome ${welcome.raw.event_id} (${op.stable ? "stable" : "unstable"}, ${op.newWelcome}, text ${JSON.stringify(welcome.text)}) in its state`,
        );
      }
      // The new live timeline starts from the current state: the join is in sight there only if no rename followed it.
      m.enteringVisible = m.memberId === m.entering?.id;
      for (const s of [m.server.stable, m.server.unstable]) if (s) s.inLiveTimeline = false;
      if (op.redact) {
        const target = currentWelcome(m);
        if (target) {
          const redaction = redactionEvent(target.raw.event_id, { sender: MOD, ts });
          target.redacted = true;
          target.redaction = redaction;
          timeline.push(redaction);
          notes.push(`redaction of ${target.raw.event_id} in its timeline`);
          if (!mounted(w)) m.unscannedRedaction = true;
          // A store may see the new edition for a moment, before the redaction: whether what it showed stays
          // shown (stickiness) is then not the model's to say.
          if (op.newWelcome)
            for (const inst of liveInstances(w)) {
              if (!inst.shown) continue;
              inst.shownUnknown = inst.shown.edition;
              inst.shown = null;
            }
        }
      }
      w.log.push(`gappy sync${notes.length ? ` with ${notes.join(" and ")}` : ""}`);
      return push(w, inRoom({ state, timeline, limited: true }));
    }
    case "ownRedact": {
      if (m.membership !== "join") return void w.log.push("own redaction (not joined: skipped)");
      const target = m.server[op.stable ? "stable" : "unstable"];
      if (!target || target.redacted) return void w.log.push("own redaction (nothing to redact)");
      w.log.push(`the user redacts ${target.raw.event_id}${op.refused ? ", refused" : ""}`);
      if (op.refused)
        w.script.fail({ method: "PUT", path: /\/redact\// }, { status: 403, errcode: "M_FORBIDDEN" });
      let accepted: RawEvent | null = null;
      await act(async () => {
        try {
          const { event_id } = await w.client.redactEvent(ROOM, target.raw.event_id);
          const txnId =
            w.script
              .requestsTo(/\/redact\//, "PUT")
              .at(-1)
              ?.path.split("/")
              .at(-1) ?? "";
          accepted = redactionEvent(target.raw.event_id, {
            eventId: event_id,
            sender: ME,
            ts,
            unsigned: { transaction_id: txnId },
          });
        } catch (e) {
          if (!op.refused) throw e;
        }
      });
      if (!accepted) return;
      target.redacted = true;
      target.redaction = accepted;
      // Accepted: it counts at once (README), before its remote echo comes in the next sync.
      await check(w);
      w.log.push("  its remote echo");
      if (!target.inLiveTimeline && !mounted(w)) m.unscannedRedaction = true;
      return push(w, inRoom({ timeline: [accepted] }));
    }
    case "forget": {
      if (m.membership !== "leave" && m.membership !== "ban")
        return void w.log.push("forget (not applicable)");
      const from = m.membership;
      w.log.push("the app forgets the room");
      await act(() => w.client.forget(ROOM, true));
      m.membership = "none";
      m.memberId = null;
      m.entering = null;
      m.frozen = { stable: null, unstable: null };
      m.forgotten = true;
      m.forgottenBanned = from === "ban";
      m.lostAccountData = true;
      return;
    }
    case "advance": {
      m.now += op.ms;
      w.log.push(`clock +${op.ms / HOUR} h`);
      return;
    }
    case "toggle":
      return toggle(w, op.which);
    case "setOptions": {
      w.options[op.which] = op.options;
      const inst = w.instances[op.which];
      w.log.push(`options of ${op.which} hook -> ${JSON.stringify(op.options)}`);
      if (!inst) return;
      const before = JSON.stringify(inst.options);
      act(() => inst.hook.rerender({ options: hookOptions(w, op.which) }));
      if (JSON.stringify(op.options) !== before) {
        // New option data: the hook builds a new store (which saw no join live and showed nothing yet).
        inst.liveJoinId = null;
        inst.shown = null;
        inst.shownUnknown = null;
      }
      inst.options = op.options;
      return;
    }
  }
}

async function check(w: World): Promise<void> {
  // A mounted hook has the seen store read the server's copy: those marks stay seen even if a later write drops them.
  if (mounted(w)) for (const id of w.model.serverSeen) w.model.observed.add(id);
  const room = w.client.getRoom(ROOM);
  if (room && !mounted(w) && !w.roomBaselines.has(room)) w.roomBaselines.set(room, listenerTotal(room));
  // A mounted store that finds the user's own edition as the welcome remembers it (for this client).
  const message = room && mounted(w) && !w.model.forgotten ? currentMessage(w.model) : null;
  if (message?.sender === ME) w.model.authored.add(message.eventId);
  for (const inst of liveInstances(w)) {
    const exp = expectedFor(w.model, inst);
    await waitFor(() => {
      const r = inst.hook.result.current;
      const got: Record<string, unknown> = {
        message: r.message ? { eventId: r.message.eventId, text: r.message.text ?? null } : null,
      };
      const want: Record<string, unknown> = { message: exp.message };
      if (exp.decision) {
        got.shouldShow = r.shouldShow;
        got.reason = exp.decision.reason === "*" ? "*" : r.decision.reason;
        want.shouldShow = exp.decision.show;
        want.reason = exp.decision.reason;
      }
      // shouldShow is decision.show (README), except on a forgotten room, where the last reason stays.
      got.consistent = w.model.forgotten || r.shouldShow === r.decision.show;
      want.consistent = true;
      if (exp.joinEventId !== "unknown") {
        got.joinEventId = r.joinEventId;
        want.joinEventId = exp.joinEventId;
      }
      expect(got, `${inst.which} hook`).toEqual(want);
    });
  }
}

async function runSequence(init: Init, ops: Op[]) {
  const w = await startModelWorld(init);
  const m = w.model;
  const model = () =>
    `membership=${m.membership} entering=${JSON.stringify(m.entering)} memberId=${m.memberId} visible=${m.enteringVisible} local=${JSON.stringify([...m.local])} serverSeen=${JSON.stringify(m.serverSeen)} now=+${(m.now - m.start) / HOUR}h`;
  await withStepLog(w.log, model, async () => {
    toggle(w, "first");
    await check(w);
    for (const op of ops) {
      await apply(w, op);
      await check(w);
    }
    w.log.push("unmount everything");
    if (w.instances.first) toggle(w, "first");
    if (w.instances.second) toggle(w, "second");
  });
}

describe("useWelcomeMessage against a model of the welcome rules (property)", () => {
  it("after every step of a random sequence, message, shouldShow, decision.reason and joinEventId match the model", async () => {
    await fc.assert(
      fc.asyncProperty(initArb, fc.array(opArb, { minLength: 5, maxLength: 20 }), async (init, ops) => {
        // Each sequence is a fresh device: no seen marks an earlier sequence's clients kept in its storage.
        localStorage.clear();
        await runSequence(init, ops);
      }),
      PARAMETERS,
    );
  }, 600_000);
});
