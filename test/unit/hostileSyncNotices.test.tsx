/**
 * Proves that seeded hostile JSON, through a real matrix-js-sdk client and the sync script, never breaks the server
 * notices: <NoticeBanner>, useServerNotices and useServerNoticesRoom never throw, log nothing (console.error/warn,
 * uncaught errors), show no raw values ("[object Object]", "undefined", "NaN"), no javascript:/data: URLs and no
 * event handlers, and the hooks hold no duplicate notice and only string fields. The syncs bring hostile notices,
 * edits, redactions, pins (with events served hostile on /event), room state and tags, in and out of order, after
 * mount and in the initial sync; between syncs the app reports hostile resource-limit errors and the user dismisses.
 *
 * The default sizes (at the foot of the file) replay the seed that found a bug (seed 7: world 7000, step 24).
 * Environment overrides, to hunt or to replay: MNK_FUZZ_SEED (the base seed: worlds after mount are seed*1000+w,
 * fresh mounts seed*100000+500+c), MNK_FUZZ_WORLDS (worlds after mount), MNK_FUZZ_STEPS (syncs per world) and
 * MNK_FUZZ_FRESH (fresh mounts, each followed by one sync). A step that hangs fails through the test's timeout.
 */
import { act } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import {
  createMemoryDismissStore,
  NoticeBanner,
  reportResourceLimitError,
  type ServerNoticesState,
  useServerNotices,
  useServerNoticesRoom,
} from "../../src";
import { createEvent, memberEvent, nameEvent, type RawEvent, stateEvent } from "../support/events";
import type { Gen, HostileWorld } from "../support/hostileJson";
import { HOSTILE_URLS, hostileSyncTests, mountHostile, objOf, preview } from "../support/hostileJson";
import { NOTICES_ROOM, NOTICES_USER } from "../support/scenarios";
import type { SyncBatch, SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";
const MALLORY = "@mallory:example.org";

/** Server notice content: mostly the right fields (each possibly absent or hostile), with hostile extras. */
function noticeContent(g: Gen): Record<string, unknown> {
  return g.record(
    {
      msgtype: () => (g.chance(0.85) ? "m.server_notice" : g.value()),
      body: () => g.maybe(() => g.string(), 0.7),
      server_notice_type: () => (g.chance(0.5) ? "m.server_notice.usage_limit_reached" : g.value()),
      limit_type: () =>
        g.chance(0.5)
          ? g.pick(["monthly_active_user", "hs_disabled", "hs_blocked", "__proto__", "constructor", ""])
          : g.value(),
      admin_contact: () => (g.chance(0.6) ? g.pick(HOSTILE_URLS) : g.value()),
      format: () => (g.chance(0.5) ? "org.matrix.custom.html" : g.value()),
      formatted_body: () => g.maybe(() => g.string()),
      "m.new_content": () => g.value(),
      "m.relates_to": () => g.value(),
    },
    0.25,
  );
}

/** A timestamp: mostly recent, now and then a hostile number. */
function ts(g: Gen): number {
  return (g.chance(0.95) ? Date.now() - g.int(100000) : g.number()) as number;
}

/** The notices user mostly, now and then someone else. */
function noticeSender(g: Gen, p: number): string {
  return g.chance(p) ? NOTICES_USER : MALLORY;
}

/** A notice event, now and then of another type, from someone else, or with hostile content or unsigned data. */
function noticeEvent(g: Gen): RawEvent {
  return {
    type: g.chance(0.92) ? "m.room.message" : g.pick(["m.sticker", "m.room.server_notice", "__proto__"]),
    event_id: g.eventId("n"),
    sender: noticeSender(g, 0.85),
    origin_server_ts: ts(g),
    content: g.chance(0.95) ? noticeContent(g) : (g.value() as Record<string, unknown>),
    ...(g.chance(0.1)
      ? {
          unsigned: g.record({
            age: () => g.number(),
            "m.relations": () => g.value(),
            redacted_because: () => g.value(),
          }),
        }
      : {}),
  };
}

/** An edit of `target`, now and then with a hostile relation, new content or sender. */
function editEvent(g: Gen, target: string): RawEvent {
  return {
    type: "m.room.message",
    event_id: g.eventId("e"),
    sender: noticeSender(g, 0.8),
    origin_server_ts: ts(g),
    content: objOf([
      ["msgtype", g.chance(0.8) ? "m.server_notice" : g.value()],
      ["body", g.maybe(() => `* ${g.string()}`)],
      ["m.new_content", g.chance(0.5) ? noticeContent(g) : g.value()],
      [
        "m.relates_to",
        g.chance(0.85)
          ? objOf([
              ["rel_type", g.chance(0.9) ? "m.replace" : g.value()],
              ["event_id", g.chance(0.9) ? target : g.value()],
            ])
          : g.value(),
      ],
    ]),
  };
}

/** A redaction of `target`, now and then of a hostile value or with hostile content. */
function redaction(g: Gen, target: string): RawEvent {
  const redacts = g.chance(0.93) ? target : (g.value() as string);
  return {
    type: "m.room.redaction",
    event_id: g.eventId("r"),
    sender: noticeSender(g, 0.8),
    origin_server_ts: ts(g),
    redacts,
    content: g.chance(0.9) ? { redacts } : (g.value() as Record<string, unknown>),
  };
}

/** A pinned list over `ids`: a subset, repeats, mixed with junk, huge, hostile, unknown or odd ids. */
function pinnedList(g: Gen, ids: string[]): unknown {
  const shuffled = [...ids].sort(() => g.r() - 0.5);
  switch (g.int(9)) {
    case 0:
      return shuffled.slice(0, g.int(shuffled.length + 1));
    case 1:
      return [...shuffled, ...shuffled, ...shuffled.slice(0, 2)];
    case 2:
      return shuffled.flatMap((id) => [g.value(1), id]);
    case 3:
      return Array.from({ length: 10000 }, (_, i) =>
        i % 7 === 0 && shuffled.length
          ? shuffled[i % shuffled.length]
          : g.chance(0.5)
            ? `$gone${i}:example.org`
            : i,
      );
    case 4:
      return g.value();
    case 5:
      return [];
    case 6:
      return [...shuffled, `$nope${g.int(1e6)}:example.org`, `$nope${g.int(1e6)}:example.org`];
    case 7:
      return [
        ...shuffled,
        "$a b:example.org",
        "$\u0000",
        "$",
        `$${"x".repeat(254)}`,
        "$\u202e:example.org",
        "$__proto__",
        "$constructor",
      ];
    default:
      return shuffled;
  }
}

/** A pinned-events state event over `ids`, now and then with hostile content, sender or state key. */
function pinsEvent(g: Gen, ids: string[]): RawEvent {
  const content = g.chance(0.95)
    ? objOf([
        ["pinned", pinnedList(g, ids)],
        ...(g.chance(0.2) ? [[g.key(), g.value(1)] as [string, unknown]] : []),
      ])
    : (g.value() as Record<string, unknown>);
  return stateEvent("m.room.pinned_events", content, {
    sender: g.chance(0.9) ? NOTICES_USER : MALLORY,
    stateKey: g.chance(0.93) ? "" : g.string(),
  });
}

/** Other state of the notices room, hostile. */
function otherState(g: Gen): RawEvent {
  const byNotices = { sender: NOTICES_USER };
  switch (g.int(5)) {
    case 0:
      return stateEvent("m.room.name", g.record({ name: () => g.value() }), byNotices);
    case 1: {
      const profile = { membership: () => "join", displayname: () => g.value(), avatar_url: () => g.value() };
      return stateEvent("m.room.member", g.record(profile, 0), { stateKey: NOTICES_USER, ...byNotices });
    }
    case 2: {
      const profile = { membership: () => "join", displayname: () => g.value() };
      return stateEvent("m.room.member", g.record(profile, 0), { stateKey: ME, sender: ME });
    }
    case 3: {
      const levels = g.record({
        users: () => g.value(),
        users_default: () => g.number(),
        events: () => g.value(),
        state_default: () => g.value(),
        redact: () => g.number(),
      });
      return stateEvent("m.room.power_levels", levels, byNotices);
    }
    default:
      return stateEvent("m.room.topic", g.record({ topic: () => g.value() }), byNotices);
  }
}

/** Serves `ev` on /event: as it is, or with a hostile answer (another id, hostile content, any value). */
function serve(g: Gen, script: SyncScript, ev: RawEvent) {
  const k = g.int(10);
  if (k < 7) return script.serveEvent(NOTICES_ROOM, ev);
  const answer =
    k === 7 ? { ...ev, event_id: g.eventId("other") } : k === 8 ? { ...ev, content: g.value() } : g.value();
  script.route({ path: `/event/${ev.event_id}` }, () => ({ json: answer }));
}

/** The initial sync: the notices room (tagged, named, joined) with its pins and first notices. */
function initialBatch(g: Gen, pins: unknown, timeline: RawEvent[]): SyncBatch {
  const tag = g.chance(0.8) ? { order: 0.5 } : (g.value() as Record<string, unknown>);
  return {
    join: {
      [NOTICES_ROOM]: {
        state: [
          createEvent({ creator: NOTICES_USER }),
          memberEvent(NOTICES_USER, "join"),
          memberEvent(ME, "join", { prevMembership: "invite" }),
          nameEvent("Server Notices"),
          ...(pins ? [stateEvent("m.room.pinned_events", { pinned: pins }, { sender: NOTICES_USER })] : []),
        ],
        timeline,
        accountData: [{ type: "m.tag", content: { tags: { "m.server_notice": tag } } }],
      },
    },
  };
}

/** One sync: hostile new notices (in the timeline or only on /event), edits, a redaction, pins, state and tags. */
function stepBatch(g: Gen, script: SyncScript, known: string[]): SyncBatch {
  const timeline: RawEvent[] = [];
  const fresh: string[] = [];
  const nNew = g.int(4);
  for (let i = 0; i < nNew; i++) {
    const ev = noticeEvent(g);
    fresh.push(ev.event_id);
    if (g.chance(0.5)) timeline.push(ev);
    else serve(g, script, ev);
  }
  const targets = [...known, ...fresh];
  const nEdits = targets.length ? g.int(3) : 0;
  for (let i = 0; i < nEdits; i++) timeline.push(editEvent(g, g.pick(targets)));
  if (targets.length && g.chance(0.25))
    timeline.push(redaction(g, g.pick([...targets, ...timeline.map((e) => e.event_id)])));
  if (g.chance(0.7)) timeline.push(pinsEvent(g, targets));
  if (g.chance(0.3)) timeline.push(otherState(g));
  // The order events come in, shuffled now and then (an edit before its original).
  if (g.chance(0.2)) timeline.sort(() => g.r() - 0.5);
  known.push(...fresh);
  const accountData = g.chance(0.05)
    ? [{ type: "m.tag", content: objOf([["tags", g.value()]]) }]
    : g.chance(0.3)
      ? [{ type: "m.tag", content: { tags: { "m.server_notice": { order: 0.5 } } } }]
      : [];
  return {
    join: { [NOTICES_ROOM]: { timeline, accountData, ...(g.chance(0.08) ? { limited: true } : {}) } },
  };
}

/** A resource-limit error as a homeserver might send it, hostile in every field. */
function resourceLimitError(g: Gen): Record<string, unknown> {
  const data = g.record({
    limit_type: () => g.value(),
    admin_contact: () => (g.chance(0.5) ? g.pick(HOSTILE_URLS) : g.value()),
    error: () => g.value(),
    errcode: () => "M_RESOURCE_LIMIT_EXCEEDED",
  });
  return objOf([
    ["errcode", "M_RESOURCE_LIMIT_EXCEEDED"],
    ["data", data],
    ["limit_type", g.value()],
    ["admin_contact", g.value()],
  ]);
}

/** Both notices hooks, as an app mounts them; the notices one's value is checked. */
function useNoticeHooks(client: MatrixClient): ServerNoticesState {
  const notices = useServerNotices(client);
  useServerNoticesRoom(client);
  return notices;
}

/** Problems in what useServerNotices holds: duplicate notices, fields that are not strings. */
function noticeProblems(n: ServerNoticesState | undefined): string[] {
  if (!n) return ["hooks never rendered"];
  const out: string[] = [];
  const ids = n.notices.map((x) => x.eventId);
  if (new Set(ids).size !== ids.length) out.push(`duplicate notice ids ${preview(ids)}`);
  for (const item of n.notices) {
    if (typeof item.notice.body !== "string") out.push(`non-string body ${preview(item.notice.body)}`);
    for (const f of ["serverNoticeType", "limitType", "adminContact"] as const)
      if (f in item.notice && typeof item.notice[f] !== "string")
        out.push(`notice.${f} not a string: ${preview(item.notice[f])}`);
  }
  return out;
}

/** A notices room from hostile initial notices and pins, watched by the hooks and two banners. */
async function openNoticesWorld(g: Gen): Promise<HostileWorld> {
  const initialNotices = Array.from({ length: g.int(4) }, () => noticeEvent(g));
  const known = initialNotices.map((e) => e.event_id);
  const initial = initialBatch(g, pinnedList(g, known), initialNotices);
  const { client, script, latest } = await mountHostile(ME, initial, useNoticeHooks, (client) => (
    <>
      <NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />
      <NoticeBanner
        client={client}
        options={{ noticesUserIds: [NOTICES_USER] }}
        dismissible={g.chance(0.5)}
      />
    </>
  ));
  return {
    script,
    nextSync: () => stepBatch(g, script, known),
    interact: () => {
      if (g.chance(0.1)) {
        const err = resourceLimitError(g);
        act(() => reportResourceLimitError(client, err));
      }
    },
    clickable: '[data-part="dismiss"]',
    check: () => noticeProblems(latest()),
  };
}

hostileSyncTests("the banner", { seed: 7, worlds: 2, steps: 30, fresh: 20 }, openNoticesWorld);
