/**
 * Model-based property test of `useServerNotices` through the real matrix-js-sdk sync pipeline: random sequences of
 * what a homeserver does to the notices room (send, pin, reorder, edit, redact, redact the pins, untag, gappy syncs),
 * to another room (server notices there must be ignored), and what the app does (mount / unmount the hook), checked
 * after every step against a small model of which banners should show, in pin order.
 *
 * The scripted server serves every notices-room event on `/rooms/{room}/event/{id}` as it is when the request comes in
 * (redacted, or with the newest valid edit by its sender bundled, MSC3925 style), after a delay chosen per run; ids it
 * does not know in that room answer 404.
 */
import { act, type RenderHookResult, renderHook, waitFor } from "@testing-library/react";
import fc from "fast-check";
import type { IEvent, MatrixClient, Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { type ServerNoticesState, useServerNotices } from "../../src";
import { messageEvent, pinnedEventsEvent, type RawEvent, redactionEvent, tagEvent } from "../support/events";
import { listenerTotal } from "../support/listeners";
import { propertyParameters, withStepLog } from "../support/property";
import { mergeBatches, NOTICES_ROOM, NOTICES_USER, noticesRoom, ordinaryRoom } from "../support/scenarios";
import { type SyncBatch, SyncScript } from "../support/syncScript";
import { noticeBodies } from "../support/world";

const ME = "@alice:example.org";
const MALLORY = "@mallory:example.org";
const OTHER_ROOM = "!other:example.org";
const UNKNOWN_IDS = ["$unknown1:example.org", "$unknown2:example.org"];
/** Runs per property (raise with MNK_PROPERTY_RUNS for a longer hunt; replay with MNK_PROPERTY_SEED). */
const PARAMETERS = propertyParameters(25);

// ---------------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------------

type Kind = "notice" | "text";
type EditContent = "notice" | "text" | "nobody" | "string" | "null" | "array";

/** How pins come: in the timeline, also as MSC4222 `state_after`, or (for a sent message) before the message. */
type Via = "timeline" | "stateAfter" | "pinFirst";

type Op =
  /** A message in the notices room's timeline (pinned in the same sync batch when `pin`). */
  (
    | { op: "send"; kind: Kind; pin: boolean; via: Via }
    /** A notices-room message only the server knows (before this login's timeline), pinned at once when `pin`. */
    | { op: "serverOnly"; kind: Kind; pin: boolean }
    /** New pins: ids picked (duplicates too) from every id known so far, unknown ids (404) and other rooms' events. */
    | { op: "pin"; picks: number[]; via: Via }
    /** An edit (`m.replace`) of a notices-room message, `backdate` steps older than now (its timestamp). */
    | { op: "edit"; target: number; bySender: boolean; content: EditContent; backdate: number }
    /** A redaction of a notices-room message or of an edit. */
    | { op: "redact"; target: number }
    /** The user's own redaction (through the client) of a notices-room message or edit, accepted or refused. */
    | { op: "ownRedact"; target: number; refused: boolean }
    /** A redaction of the current `m.room.pinned_events` (`old`: of the one before it, which changes nothing). */
    | { op: "redactPins"; old: boolean }
    /** A server notice in another room, pinned there. */
    | { op: "otherRoom" }
    /** The notices room's `m.server_notice` tag removed or added. */
    | { op: "tag"; on: boolean }
    /** The hook mounted or unmounted. */
    | { op: "toggleMount" }
    /** A second hook (side by side with the first) mounted or unmounted. */
    | { op: "toggleSecond" }
    /** A gappy (limited) sync of the notices room that skips nothing (with new pins in its state section if `repin`). */
    | { op: "gap"; repin: number[] | null }
  ) & {
    /** The next step follows at once (fetches may still be out), without waiting for the hook to settle. */
    fast?: boolean;
  };

const kind = fc.constantFrom<Kind>("notice", "notice", "text");
const via = fc.constantFrom<Via>("timeline", "timeline", "stateAfter", "pinFirst");
const picks = fc.array(fc.nat(40), { maxLength: 5 });
const baseOpArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("send" as const), kind, pin: fc.boolean(), via }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("serverOnly" as const), kind, pin: fc.boolean() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant("pin" as const),
      picks,
      via,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("edit" as const),
      target: fc.nat(40),
      bySender: fc.boolean(),
      content: fc.constantFrom<EditContent>("notice", "notice", "text", "nobody", "string", "null", "array"),
      backdate: fc.constantFrom(0, 0, 0, 1, 3),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("redact" as const), target: fc.nat(40) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("ownRedact" as const),
      target: fc.nat(40),
      refused: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("redactPins" as const), old: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ op: "otherRoom" as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("tag" as const), on: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ op: "toggleMount" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "toggleSecond" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("gap" as const), repin: fc.option(picks, { freq: 2 }) }),
  },
);
const opArb: fc.Arbitrary<Op> = fc
  .tuple(baseOpArb, fc.nat(3))
  .map(([op, f]) => (f === 0 ? { ...op, fast: true } : op));

const initialArb = fc.record({
  local: fc.boolean(),
  serverOnly: fc.boolean(),
  pinned: fc.boolean(),
  /** How long the server takes to answer `/event` (ms). */
  fetchDelay: fc.constantFrom(0, 0, 5, 30),
});
type Init = { local: boolean; serverOnly: boolean; pinned: boolean; fetchDelay: number };

// ---------------------------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------------------------

interface ModelEdit {
  raw: RawEvent;
  redacted: boolean;
}

interface ModelEvent {
  raw: RawEvent;
  room: "notices" | "other";
  /** In the client's live timeline (sent after this login, and no gappy sync since). */
  local: boolean;
  redacted: boolean;
  redaction?: RawEvent;
  edits: ModelEdit[];
}

interface Model {
  events: Map<string, ModelEvent>;
  /** Notices-room messages in creation order (edit and redact targets). */
  messages: string[];
  /** Every id a pin may pick. */
  pool: string[];
  pins: string[];
  pinsEvent: RawEvent | null;
  /** The pins event before the current one. */
  oldPinsEvent: RawEvent | null;
  pinsRedacted: boolean;
  /** The current pins event's redaction arrived while no hook was mounted, and no hook has mounted since. */
  pinsRedactionUnheard: boolean;
  /**
   * A gappy sync dropped the timeline holding that unheard redaction: the kit cannot know of it (matrix-js-sdk never
   * redacts a pins event it has from a state section), and the old pins stand until the next pins event (README: out
   * of reach).
   */
  pinsRedactionLost: boolean;
  tagged: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The newest edit that counts: not redacted, by the original's sender, with object `m.new_content`. */
function newestValidEdit(ev: ModelEvent): ModelEdit | undefined {
  let newest: ModelEdit | undefined;
  for (const e of ev.edits) {
    if (e.redacted || e.raw.sender !== ev.raw.sender || !isRecord(e.raw.content["m.new_content"])) continue;
    if (!newest || e.raw.origin_server_ts > newest.raw.origin_server_ts) newest = e;
  }
  return newest;
}

/** The content a notices-room event shows now. */
function shownContent(ev: ModelEvent): Record<string, unknown> {
  const edit = newestValidEdit(ev);
  return edit ? (edit.raw.content["m.new_content"] as Record<string, unknown>) : ev.raw.content;
}

/** What the hook should return, by the model. */
function expected(m: Model): { bodies: string[]; others: string[]; failed: string[] } {
  const out = { bodies: [] as string[], others: [] as string[], failed: [] as string[] };
  if (!m.tagged || (m.pinsRedacted && !m.pinsRedactionLost)) return out;
  for (const id of m.pins) {
    const ev = m.events.get(id);
    if (ev?.room !== "notices") {
      out.failed.push(id); // 404 from the notices room
      continue;
    }
    if (ev.redacted) continue;
    const content = shownContent(ev);
    if (content.msgtype === "m.server_notice")
      out.bodies.push(typeof content.body === "string" ? content.body : "");
    else out.others.push(id);
  }
  return out;
}

/** The event as the homeserver serves it now. */
function serverView(ev: ModelEvent): RawEvent {
  if (ev.redacted)
    return {
      ...ev.raw,
      content: {},
      unsigned: { redacted_because: ev.redaction as unknown as IEvent },
    };
  const edit = newestValidEdit(ev);
  return edit
    ? { ...ev.raw, unsigned: { "m.relations": { "m.replace": { ...edit.raw, room_id: NOTICES_ROOM } } } }
    : ev.raw;
}

// ---------------------------------------------------------------------------------------------------------------
// The world and the interpreter
// ---------------------------------------------------------------------------------------------------------------

type Hook = RenderHookResult<ServerNoticesState, unknown>;

interface World {
  script: SyncScript;
  client: MatrixClient;
  model: Model;
  hooks: { first: Hook | null; second: Hook | null };
  fetchDelay: number;
  baseline: number;
  rooms: Room[];
  log: string[];
  nextTs: () => number;
  bodyNo: () => number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startModelWorld(init: Init): Promise<World> {
  let ts = Date.now() - 10_000_000;
  const nextTs = () => {
    ts += 10_000;
    return ts;
  };
  let bodies = 0;
  const bodyNo = () => ++bodies;
  const model: Model = {
    events: new Map(),
    messages: [],
    pool: [...UNKNOWN_IDS],
    pins: [],
    pinsEvent: null,
    oldPinsEvent: null,
    pinsRedacted: false,
    pinsRedactionUnheard: false,
    pinsRedactionLost: false,
    tagged: true,
  };
  const add = (raw: RawEvent, room: "notices" | "other", local: boolean) => {
    model.events.set(raw.event_id, { raw, room, local, redacted: false, edits: [] });
    if (room === "notices") model.messages.push(raw.event_id);
    model.pool.push(raw.event_id);
  };
  const timeline: RawEvent[] = [];
  if (init.local) {
    const raw = messageEvent(
      { msgtype: "m.server_notice", body: "initial local" },
      { sender: NOTICES_USER, ts: nextTs() },
    );
    timeline.push(raw);
    add(raw, "notices", true);
  }
  if (init.serverOnly) {
    const raw = messageEvent(
      { msgtype: "m.server_notice", body: "initial server-only" },
      { sender: NOTICES_USER, ts: nextTs() },
    );
    add(raw, "notices", false);
  }
  const pinned = init.pinned ? model.messages.slice() : [];
  const batch = mergeBatches(noticesRoom(ME, { pinned, timeline }), ordinaryRoom(ME, OTHER_ROOM));
  const pinsEvent = batch.join?.[NOTICES_ROOM]?.state?.find((e) => e.type === "m.room.pinned_events") ?? null;
  model.pins = pinned;
  model.pinsEvent = pinsEvent;
  const script = new SyncScript({ userId: ME });
  // The homeserver answers `/event` with the event as it is when the request comes in, after `fetchDelay`.
  script.route({ method: "GET", path: /\/rooms\/[^/]+\/event\/[^/]+$/ }, async (req) => {
    const [, roomId, eventId] = /\/rooms\/([^/]+)\/event\/([^/]+)$/.exec(req.path) ?? [];
    const ev = model.events.get(eventId ?? "");
    const answer =
      ev && (ev.room === "notices" ? NOTICES_ROOM : OTHER_ROOM) === roomId
        ? { json: { ...serverView(ev), room_id: roomId } }
        : { status: 404, errcode: "M_NOT_FOUND", error: "Event not found." };
    if (init.fetchDelay) await sleep(init.fetchDelay);
    return answer;
  });
  const client = script.createClient();
  await script.start(client, batch);
  const rooms = [client.getRoom(NOTICES_ROOM)!, client.getRoom(OTHER_ROOM)!];
  return {
    script,
    client,
    model,
    hooks: { first: null, second: null },
    fetchDelay: init.fetchDelay,
    baseline: listenerTotal(client, ...rooms),
    rooms,
    log: [`initial ${JSON.stringify(init)} pins=${JSON.stringify(pinned)}`],
    nextTs,
    bodyNo,
  };
}

const push = (w: World, batch: SyncBatch) => act(() => w.script.push(batch));
const notices = (timeline: RawEvent[], stateAfter?: RawEvent[]): SyncBatch => ({
  join: { [NOTICES_ROOM]: { timeline, ...(stateAfter ? { stateAfter } : {}) } },
});

/** A new pins event (ids as given, duplicates included); the model keeps the distinct ids in order. */
function pinsEventFor(w: World, ids: string[]): RawEvent {
  const raw = pinnedEventsEvent(ids, { sender: NOTICES_USER, ts: w.nextTs() });
  w.model.pins = [...new Set(ids)];
  w.model.oldPinsEvent = w.model.pinsEvent;
  w.model.pinsEvent = raw;
  w.model.pinsRedacted = false;
  w.model.pinsRedactionUnheard = false;
  w.model.pinsRedactionLost = false;
  return raw;
}

const picked = (w: World, picks: number[]) => picks.map((p) => w.model.pool[p % w.model.pool.length]!);

function newMessage(w: World, k: Kind, local: boolean): RawEvent {
  const n = w.bodyNo();
  const content =
    k === "notice"
      ? { msgtype: "m.server_notice", body: `notice ${n}` }
      : { msgtype: "m.text", body: `text ${n}` };
  const raw = messageEvent(content, { sender: NOTICES_USER, ts: w.nextTs() });
  w.model.events.set(raw.event_id, { raw, room: "notices", local, redacted: false, edits: [] });
  w.model.messages.push(raw.event_id);
  w.model.pool.push(raw.event_id);
  return raw;
}

interface RedactionTarget {
  id: string;
  mark: (r: RawEvent) => void;
  /** An edit, of an event the client has in its live timeline or not. */
  edit?: "ofLocal" | "ofFetched";
}

/** The message or edit `n` picks among the notices room's (none when there is none), and how to mark it redacted. */
function redactionTarget(w: World, n: number): RedactionTarget | null {
  const targets: RedactionTarget[] = [];
  for (const id of w.model.messages) {
    const ev = w.model.events.get(id)!;
    targets.push({
      id,
      mark: (r) => {
        if (ev.redacted) return;
        ev.redacted = true;
        ev.redaction = r;
      },
    });
    for (const e of ev.edits) {
      targets.push({
        id: e.raw.event_id,
        mark: () => {
          e.redacted = true;
        },
        edit: ev.local ? "ofLocal" : "ofFetched",
      });
    }
  }
  return targets.length ? targets[n % targets.length]! : null;
}

function newContentFor(w: World, c: EditContent): unknown {
  const n = w.bodyNo();
  switch (c) {
    case "notice":
      return { msgtype: "m.server_notice", body: `edited ${n}` };
    case "text":
      return { msgtype: "m.text", body: `edited text ${n}` };
    case "nobody":
      return { msgtype: "m.server_notice", body: n };
    case "string":
      return `broken ${n}`;
    case "null":
      return null;
    default:
      return [{ msgtype: "m.server_notice", body: `array ${n}` }];
  }
}

const mounted = (w: World) => !!(w.hooks.first || w.hooks.second);

function toggle(w: World, which: "first" | "second"): void {
  const hook = w.hooks[which];
  if (hook) {
    w.log.push(`unmount ${which} hook`);
    hook.unmount();
    w.hooks[which] = null;
    if (!mounted(w))
      expect(listenerTotal(w.client, ...w.rooms), "listeners once nothing is mounted").toBe(w.baseline);
  } else {
    w.log.push(`mount ${which} hook`);
    // Mounted before a gap: the kit finds the redaction in the live timeline.
    w.model.pinsRedactionUnheard = false;
    w.hooks[which] = renderHook(() => useServerNotices(w.client));
  }
}

async function apply(w: World, op: Op): Promise<void> {
  const m = w.model;
  switch (op.op) {
    case "send": {
      const raw = newMessage(w, op.kind, true);
      w.log.push(
        `send ${op.kind} ${raw.event_id} "${raw.content.body}"${op.pin ? ` and pin it (${op.via})` : ""}`,
      );
      if (!op.pin) return push(w, notices([raw]));
      const pin = pinsEventFor(w, [...m.pins, raw.event_id]);
      if (op.via === "pinFirst") return push(w, notices([pin, raw]));
      return push(w, notices([raw, pin], op.via === "stateAfter" ? [pin] : undefined));
    }
    case "serverOnly": {
      const raw = newMessage(w, op.kind, false);
      w.log.push(`server-only ${op.kind} ${raw.event_id} "${raw.content.body}"${op.pin ? " pinned" : ""}`);
      if (op.pin) await push(w, notices([pinsEventFor(w, [...m.pins, raw.event_id])]));
      return;
    }
    case "pin": {
      const ids = picked(w, op.picks);
      w.log.push(`pin ${JSON.stringify(ids)} (${op.via})`);
      const pin = pinsEventFor(w, ids);
      return push(w, notices([pin], op.via === "stateAfter" ? [pin] : undefined));
    }
    case "edit": {
      if (m.messages.length === 0) return void w.log.push("edit (nothing to edit)");
      const id = m.messages[op.target % m.messages.length]!;
      const ev = m.events.get(id)!;
      const newContent = newContentFor(w, op.content);
      const raw = messageEvent(
        {
          msgtype: "m.server_notice",
          body: "* edit",
          "m.new_content": newContent,
          "m.relates_to": { rel_type: "m.replace", event_id: id },
        },
        // Back-dated edits get a timestamp no other event has (ties would be broken by event id).
        { sender: op.bySender ? ev.raw.sender : MALLORY, ts: w.nextTs() - op.backdate * 10_000 - w.bodyNo() },
      );
      ev.edits.push({ raw, redacted: false });
      w.log.push(
        `edit ${id} by ${op.bySender ? "sender" : "mallory"} -> ${JSON.stringify(newContent)} (${raw.event_id})`,
      );
      return push(w, notices([raw]));
    }
    case "redact":
    case "ownRedact": {
      const t = redactionTarget(w, op.target);
      if (!t) return void w.log.push(`${op.op} (nothing to redact)`);
      if (op.op === "redact") {
        const raw = redactionEvent(t.id, { sender: NOTICES_USER, ts: w.nextTs() });
        t.mark(raw);
        w.log.push(`redact ${t.id}`);
        return push(w, notices([raw]));
      }
      w.log.push(`own redaction of ${t.id}${op.refused ? ", refused" : ""}`);
      if (op.refused)
        w.script.fail({ method: "PUT", path: /\/redact\// }, { status: 403, errcode: "M_FORBIDDEN" });
      let accepted: RawEvent | null = null;
      await act(async () => {
        try {
          const { event_id } = await w.client.redactEvent(NOTICES_ROOM, t.id);
          const txnId =
            w.script
              .requestsTo(/\/redact\//, "PUT")
              .at(-1)
              ?.path.split("/")
              .at(-1) ?? "";
          accepted = redactionEvent(t.id, {
            eventId: event_id,
            sender: ME,
            ts: w.nextTs(),
            unsigned: { transaction_id: txnId },
          });
        } catch (e) {
          if (!op.refused) throw e;
        }
      });
      if (!accepted) return;
      t.mark(accepted);
      // Accepted: it counts now (README), before its remote echo comes in the next sync.
      if (!op.fast) await check(w);
      w.log.push("  its remote echo");
      return push(w, notices([accepted]));
    }
    case "redactPins": {
      const target = op.old ? m.oldPinsEvent : m.pinsEvent;
      if (!target) return void w.log.push(`redact ${op.old ? "old " : ""}pins (no such event)`);
      const raw = redactionEvent(target.event_id, { sender: NOTICES_USER, ts: w.nextTs() });
      if (!op.old) {
        m.pinsRedacted = true;
        m.pinsRedactionUnheard = !mounted(w);
      }
      w.log.push(`redact ${op.old ? "previous " : ""}pins ${target.event_id}`);
      return push(w, notices([raw]));
    }
    case "otherRoom": {
      const n = w.bodyNo();
      const raw = messageEvent(
        { msgtype: "m.server_notice", body: `elsewhere ${n}` },
        { sender: NOTICES_USER, ts: w.nextTs() },
      );
      m.events.set(raw.event_id, { raw, room: "other", local: true, redacted: false, edits: [] });
      m.pool.push(raw.event_id);
      const pins = pinnedEventsEvent([raw.event_id], { sender: NOTICES_USER, ts: w.nextTs() });
      w.log.push(`server notice ${raw.event_id} in another room, pinned there`);
      return push(w, { join: { [OTHER_ROOM]: { timeline: [raw, pins] } } });
    }
    case "tag": {
      m.tagged = op.on;
      w.log.push(op.on ? "tag the room" : "untag the room");
      return push(w, {
        join: {
          [NOTICES_ROOM]: {
            accountData: [tagEvent(op.on ? { "m.server_notice": { order: 0.5 } } : {})],
          },
        },
      });
    }
    case "toggleMount":
      return toggle(w, "first");
    case "toggleSecond":
      return toggle(w, "second");
    case "gap": {
      const filler = messageEvent({ msgtype: "m.text", body: "filler" }, { sender: MALLORY, ts: w.nextTs() });
      const state = op.repin ? [pinsEventFor(w, picked(w, op.repin))] : [];
      for (const ev of m.events.values()) if (ev.room === "notices") ev.local = false;
      if (m.pinsRedactionUnheard) m.pinsRedactionLost = true;
      w.log.push(`gappy sync${op.repin ? ` with pins ${JSON.stringify(w.model.pins)} in its state` : ""}`);
      return push(w, { join: { [NOTICES_ROOM]: { state, timeline: [filler], limited: true } } });
    }
  }
}

async function check(w: World): Promise<void> {
  const exp = { ...expected(w.model), loading: false };
  for (const hook of [w.hooks.first, w.hooks.second]) {
    if (!hook) continue;
    await waitFor(() => {
      expect({
        bodies: noticeBodies(hook.result),
        others: hook.result.current.pinnedEvents.map((e) => e.getId()),
        failed: [...hook.result.current.failedEventIds],
        loading: hook.result.current.loading,
      }).toEqual(exp);
    });
  }
}

async function runSequence(init: Init, ops: Op[]) {
  const w = await startModelWorld(init);
  const model = () =>
    `pins ${JSON.stringify(w.model.pins)} tagged=${w.model.tagged} pinsRedacted=${w.model.pinsRedacted}${w.model.pinsRedactionLost ? " (unheard: lost)" : ""}`;
  await withStepLog(w.log, model, async () => {
    toggle(w, "first");
    await check(w);
    for (const op of ops) {
      await apply(w, op);
      if (op.fast) w.log.push("  (no wait)");
      else await check(w);
    }
    if (!mounted(w)) toggle(w, "first");
    await check(w);
    w.log.push("unmount everything");
    if (w.hooks.first) toggle(w, "first");
    if (w.hooks.second) toggle(w, "second");
  });
}

describe("useServerNotices against a model of the notices room (property)", () => {
  it("after every step of a random sequence, the notices, other pinned events and failed ids match the model; unmounting leaves no listeners", async () => {
    await fc.assert(
      fc.asyncProperty(initialArb, fc.array(opArb, { minLength: 5, maxLength: 15 }), async (init, ops) => {
        await runSequence(init, ops);
      }),
      PARAMETERS,
    );
  }, 300_000);
});
