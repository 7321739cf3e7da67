/**
 * Ready-made worlds shared by tests and stories: a user with a notices room, pins, welcome rooms. Each returns the
 * sync batch that describes it, so callers choose between an initial sync and a live push.
 */

import type { MatrixClient } from "matrix-js-sdk";
import {
  createEvent,
  memberEvent,
  messageEvent,
  nameEvent,
  pinnedEventsEvent,
  type RawEvent,
  tagEvent,
  textMessageEvent,
  welcomeEvent,
} from "./events";
import type { JoinedRoomSpec, SyncBatch } from "./syncScript";

/** The notices room id used by the fixtures. */
export const NOTICES_ROOM = "!notices:example.org";
/** The homeserver's notices sender used by the fixtures. */
export const NOTICES_USER = "@notices:example.org";

/** A joined notices room (tagged `m.server_notice`) with the given pins and timeline. */
export function noticesRoom(
  userId: string,
  opts: {
    pinned?: unknown;
    timeline?: RawEvent[];
    roomId?: string;
    tagged?: boolean;
    roomType?: string;
    createdTs?: number;
  } = {},
): SyncBatch {
  const roomId = opts.roomId ?? NOTICES_ROOM;
  const spec: JoinedRoomSpec = {
    state: [
      createEvent({
        creator: NOTICES_USER,
        roomType: opts.roomType,
        ...(opts.createdTs ? { ts: opts.createdTs } : {}),
      }),
      memberEvent(NOTICES_USER, "join"),
      memberEvent(userId, "join", { prevMembership: "invite" }),
      nameEvent("Server Notices"),
      ...(opts.pinned !== undefined ? [pinnedEventsEvent(opts.pinned, { sender: NOTICES_USER })] : []),
    ],
    timeline: opts.timeline ?? [],
    accountData: opts.tagged === false ? [] : [tagEvent({ "m.server_notice": { order: 0.5 } })],
  };
  return { join: { [roomId]: spec } };
}

/** A sync batch inviting `userId` to the notices room, from the notices user (as a homeserver sends the invite). */
export function noticesInvite(userId: string): SyncBatch {
  return {
    invite: {
      [NOTICES_ROOM]: [
        memberEvent(userId, "invite", { sender: NOTICES_USER }),
        nameEvent("Server Notices", { sender: NOTICES_USER }),
      ],
    },
  };
}

/** A sync batch bringing `timeline` events to the notices room (e.g. an edit, a redaction, new pins). */
export function noticesTimeline(...timeline: RawEvent[]): SyncBatch {
  return { join: { [NOTICES_ROOM]: { timeline } } };
}

/**
 * A gappy (limited) sync of the notices room: one later message by the notices sender, and what came before it
 * skipped (the SDK resets the room's live timeline).
 */
export function noticesGap(): SyncBatch {
  return {
    join: {
      [NOTICES_ROOM]: {
        timeline: [textMessageEvent("later", { sender: NOTICES_USER })],
        limited: true,
      },
    },
  };
}

/** An ordinary joined room with the given timeline and state. */
export function ordinaryRoom(
  userId: string,
  roomId: string,
  opts: { state?: RawEvent[]; timeline?: RawEvent[] } = {},
): SyncBatch {
  return {
    join: {
      [roomId]: {
        state: [createEvent({ creator: userId }), memberEvent(userId, "join"), ...(opts.state ?? [])],
        timeline: opts.timeline ?? [],
      },
    },
  };
}

/** Merges batches (rooms by id; later room specs win). */
export function mergeBatches(...batches: SyncBatch[]): SyncBatch {
  const out: SyncBatch = {};
  for (const b of batches) {
    if (b.join) out.join = { ...(out.join ?? {}), ...b.join };
    if (b.invite) out.invite = { ...(out.invite ?? {}), ...b.invite };
    if (b.leave) out.leave = { ...(out.leave ?? {}), ...b.leave };
    if (b.accountData) out.accountData = [...(out.accountData ?? []), ...b.accountData];
  }
  return out;
}

/** A room the user joined (membership event with the given previous membership) with optional welcome state. */
export function welcomeRoom(
  userId: string,
  roomId: string,
  opts: {
    prevMembership?: string | undefined;
    joinTs?: number | undefined;
    welcome?: RawEvent[] | undefined;
    /** The room's name ("Rules Lounge" by default; `null`: no name). */
    name?: string | null | undefined;
    roomType?: string | undefined;
    membership?: string | undefined;
    /** The room this one upgraded (`m.room.create`'s `predecessor`). */
    predecessor?: string | undefined;
  } = {},
): SyncBatch {
  return {
    join: {
      [roomId]: {
        state: [
          createEvent({
            creator: "@mod:example.org",
            roomType: opts.roomType,
            predecessor: opts.predecessor,
          }),
          memberEvent("@mod:example.org", "join"),
          ...(opts.name === null ? [] : [nameEvent(opts.name ?? "Rules Lounge")]),
          ...(opts.welcome ?? []),
        ],
        timeline: [
          memberEvent(userId, opts.membership ?? "join", {
            prevMembership: opts.prevMembership,
            ...(opts.joinTs ? { ts: opts.joinTs } : {}),
          }),
        ],
      },
    },
  };
}

/**
 * The sync of a profile change of the user's own in a joined room: another join, replacing their current member event
 * (every room gets one when a user renames themselves or changes their avatar).
 */
export function ownProfileChange(client: MatrixClient, roomId: string, displayName?: string): SyncBatch {
  const userId = client.getUserId()!;
  const current = client.getRoom(roomId)!.getMember(userId)!.events.member!;
  return {
    join: {
      [roomId]: {
        timeline: [
          memberEvent(userId, "join", {
            prevMembership: "join",
            displayName,
            unsigned: { replaces_state: current.getId()! },
          }),
        ],
      },
    },
  };
}

/**
 * The user's first join (from an invite) of a room whose welcome @mod:example.org set, without @mod's member event in
 * the sync: as lazy-loaded members (Element's sync) leave out a sender who has not spoken since.
 */
export function lazySenderJoin(userId: string, roomId: string): SyncBatch {
  const batch = welcomeRoom(userId, roomId, { prevMembership: "invite", welcome: [welcomeEvent("Hello")] });
  const room = batch.join![roomId]!;
  room.state = room.state!.filter((e) => !(e.type === "m.room.member" && e.state_key === "@mod:example.org"));
  return batch;
}

/** An edit (`m.replace`) of a server notice by the notices sender, to `body`. */
export const noticeEdit = (eventId: string, body: string) =>
  messageEvent(
    {
      msgtype: "m.server_notice",
      body: `* ${body}`,
      "m.new_content": { msgtype: "m.server_notice", body },
      "m.relates_to": { rel_type: "m.replace", event_id: eventId },
    },
    { sender: NOTICES_USER },
  );

/** An edit of `eventId` by the notices sender to `body`, sent at `ts`. */
export const noticeEditAt = (eventId: string, body: string, ts: number) => ({
  ...noticeEdit(eventId, body),
  origin_server_ts: ts,
});

/** The server's copy of `notice` with `edit` bundled (MSC3925: the whole edit event). */
export const withBundledEdit = (notice: RawEvent, edit: RawEvent) => ({
  ...notice,
  unsigned: { "m.relations": { "m.replace": edit } },
});
