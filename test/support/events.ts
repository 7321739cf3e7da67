/**
 * Builders for raw Matrix events (the JSON a homeserver sends). The same raw events feed offline rooms
 * (wrapped in `MatrixEvent`), the sync script's /sync batches, and its /event responses.
 */
import type { IEvent } from "matrix-js-sdk";

/** A raw client-server event as served by /sync. */
export type RawEvent = Partial<IEvent> & {
  type: string;
  content: Record<string, unknown>;
  event_id: string;
  sender: string;
  origin_server_ts: number;
  room_id?: string;
  state_key?: string;
  unsigned?: Record<string, unknown>;
};

let counter = 0;
/** A fresh event id, unique within the test run. */
export function nextEventId(hint = "ev"): string {
  counter += 1;
  return `$${hint}${counter}:example.org`;
}

/** A clock the builders use for `origin_server_ts`; tests may move it. */
export const clock = { now: () => Date.now() };

/** Common fields of every raw event. */
export interface EventBase {
  roomId?: string | undefined;
  sender?: string | undefined;
  eventId?: string | undefined;
  ts?: number | undefined;
  unsigned?: Record<string, unknown> | undefined;
}

function base(b: EventBase, hint: string) {
  return {
    event_id: b.eventId ?? nextEventId(hint),
    sender: b.sender ?? "@someone:example.org",
    origin_server_ts: b.ts ?? clock.now(),
    ...(b.roomId ? { room_id: b.roomId } : {}),
    ...(b.unsigned ? { unsigned: b.unsigned } : {}),
  };
}

/** Any state event. */
export function stateEvent(
  type: string,
  content: Record<string, unknown>,
  b: EventBase & { stateKey?: string } = {},
): RawEvent {
  return { ...base(b, "state"), type, state_key: b.stateKey ?? "", content };
}

/** Any timeline message event. */
export function messageEvent(
  content: Record<string, unknown>,
  b: EventBase & { type?: string } = {},
): RawEvent {
  return { ...base(b, "msg"), type: b.type ?? "m.room.message", content };
}

/** `m.room.create` (optionally with a room `type`, e.g. `m.space` or MSC4279's `m.server_notice`, or a `predecessor`). */
export function createEvent(
  b: EventBase & {
    roomType?: string | undefined;
    creator?: string | undefined;
    predecessor?: string | undefined;
  } = {},
): RawEvent {
  const creator = b.creator ?? b.sender ?? "@creator:example.org";
  return stateEvent(
    "m.room.create",
    {
      creator,
      room_version: "10",
      ...(b.roomType ? { type: b.roomType } : {}),
      // A room upgrade's replacement names the room it replaces (and the tombstone there).
      ...(b.predecessor ? { predecessor: { room_id: b.predecessor, event_id: "$tombstone" } } : {}),
    },
    { ...b, sender: creator },
  );
}

/** `m.room.member` for `userId`; `prevMembership` goes to `unsigned.prev_content` as a homeserver would send it. */
export function memberEvent(
  userId: string,
  membership: string,
  b: EventBase & {
    prevMembership?: string | undefined;
    displayName?: string | undefined;
    prevDisplayName?: string | undefined;
  } = {},
): RawEvent {
  const unsigned = { ...(b.unsigned ?? {}) };
  if (b.prevMembership) {
    unsigned.prev_content = {
      membership: b.prevMembership,
      ...(b.prevDisplayName ? { displayname: b.prevDisplayName } : {}),
    };
  }
  return stateEvent(
    "m.room.member",
    { membership, ...(b.displayName ? { displayname: b.displayName } : {}) },
    {
      ...b,
      stateKey: userId,
      sender: b.sender ?? userId,
      ...(Object.keys(unsigned).length ? { unsigned } : {}),
    },
  );
}

/** `m.room.pinned_events` with the given content (`pinned` may be anything, to test malformed content). */
export function pinnedEventsEvent(pinned: unknown, b: EventBase = {}): RawEvent {
  return stateEvent("m.room.pinned_events", { pinned }, b);
}

/** `m.room.name`. */
export function nameEvent(name: string, b: EventBase = {}): RawEvent {
  return stateEvent("m.room.name", { name }, b);
}

/** Content of a server notice message (`m.room.message`, `msgtype: m.server_notice`). */
export function serverNoticeContent(
  body: string,
  extra: { serverNoticeType?: string; limitType?: string; adminContact?: string | null } = {},
): Record<string, unknown> {
  return {
    msgtype: "m.server_notice",
    body,
    ...(extra.serverNoticeType ? { server_notice_type: extra.serverNoticeType } : {}),
    ...(extra.limitType ? { limit_type: extra.limitType } : {}),
    ...(extra.adminContact !== undefined ? { admin_contact: extra.adminContact } : {}),
  };
}

/** A server notice message event. */
export function serverNoticeEvent(
  body: string,
  extra: Parameters<typeof serverNoticeContent>[1] & EventBase = {},
): RawEvent {
  return messageEvent(serverNoticeContent(body, extra), { sender: "@notices:example.org", ...extra });
}

/** Synapse's usage-limit notice (`m.server_notice.usage_limit_reached`). */
export function usageLimitNoticeEvent(
  limitType = "monthly_active_user",
  adminContact: string | null = "mailto:admin@example.org",
  {
    body = USAGE_LIMIT_BODIES[limitType] ?? "Your account has used its storage quota.",
    ...b
  }: EventBase & {
    body?: string;
  } = {},
): RawEvent {
  return serverNoticeEvent(body, {
    serverNoticeType: "m.server_notice.usage_limit_reached",
    limitType,
    adminContact,
    ...b,
  });
}

/** What Synapse puts in a usage-limit notice's body: its fixed text, or the administrator's `hs_disabled_message`. */
const USAGE_LIMIT_BODIES: Record<string, string> = {
  monthly_active_user: "Monthly Active User Limit Exceeded",
  hs_disabled: "Down for maintenance until 18:00 UTC.",
  hs_blocked: "Down for maintenance until 18:00 UTC.",
};

/** A plain text message. */
export function textMessageEvent(body: string, b: EventBase = {}): RawEvent {
  return messageEvent({ msgtype: "m.text", body }, b);
}

/** A redaction of `redacts`. */
export function redactionEvent(redacts: string, b: EventBase = {}): RawEvent {
  return { ...base(b, "redact"), type: "m.room.redaction", redacts, content: { redacts } };
}

/** Welcome content in the MSC3857 array shape; `stable` selects `m.room.welcome` keys over unstable ones. */
export function welcomeContent(
  text: string,
  html?: string,
  shape: "msc3857" | "unstable" | "msc1767" | "shorthand" = "msc3857",
): Record<string, unknown> {
  const parts = [
    ...(html ? [{ mimetype: "text/html", body: html }] : []),
    { mimetype: "text/plain", body: text },
  ];
  switch (shape) {
    case "unstable":
      return { "org.matrix.msc3857.welcome": { "org.matrix.msc1767.message": parts } };
    case "msc1767":
      return { "m.room.welcome": { "m.text": parts } };
    case "shorthand":
      return { "m.room.welcome": { "m.text": text, ...(html ? { "m.html": html } : {}) } };
    default:
      return { "m.room.welcome": { "m.message": parts } };
  }
}

/** A welcome state event; `unstable` uses the event type `org.matrix.msc3857.welcome`. */
export function welcomeEvent(
  text: string,
  html?: string,
  b: EventBase & { unstable?: boolean; shape?: Parameters<typeof welcomeContent>[2] } = {},
): RawEvent {
  const shape = b.shape ?? (b.unstable ? "unstable" : "msc3857");
  return stateEvent(
    b.unstable ? "org.matrix.msc3857.welcome" : "m.room.welcome",
    welcomeContent(text, html, shape),
    {
      sender: "@mod:example.org",
      ...b,
    },
  );
}

/** `m.tag` room account data (e.g. `{ "m.server_notice": {} }`). */
export function tagEvent(tags: Record<string, Record<string, unknown>>): {
  type: string;
  content: Record<string, unknown>;
} {
  return { type: "m.tag", content: { tags } };
}

/** Any account data event. */
export function accountDataEvent(type: string, content: Record<string, unknown>) {
  return { type, content };
}

/** A stripped state event, as found in `rooms.invite[roomId].invite_state.events`. */
export function strippedState(raw: RawEvent) {
  return { type: raw.type, state_key: raw.state_key ?? "", sender: raw.sender, content: raw.content };
}
