/** Pure decisions about which room is the user's server notices room. */
import type { MatrixEvent, Room } from "matrix-js-sdk";
import { myCountedMembership } from "../core/claimedJoins.js";
import { liveState } from "../core/liveState.js";
import { roomOf } from "../core/roomOf.js";
import { serverOf } from "../core/serverOf.js";

/** The room tag a homeserver puts on the notices room. */
export const SERVER_NOTICE_TAG = "m.server_notice";
/** MSC4279's room type for notices rooms (in the create event). */
export const SERVER_NOTICE_ROOM_TYPE = "m.server_notice";

/** Decides whether an invite comes from the homeserver's notices sender. */
export type NoticesInvitePredicate = (invite: { room: Room; inviter: string | undefined }) => boolean;

function stateEvent(room: Room, type: string, key: string): MatrixEvent | null {
  try {
    return liveState(room)?.getStateEvents(type, key) ?? null;
  } catch {
    return null;
  }
}

/** Room types already read: a create event never changes, so each room is looked up once it has one. */
const roomTypes = new WeakMap<Room, string | undefined>();

/** The room type from the create event, if any. */
export function roomTypeOf(room: Room): string | undefined {
  if (roomTypes.has(room)) return roomTypes.get(room);
  const create = stateEvent(room, "m.room.create", "");
  const type = create?.getContent()?.type;
  const result = typeof type === "string" ? type : undefined;
  if (create) roomTypes.set(room, result);
  return result;
}

/** Whether the room carries the notices tag (the user's own account data: see `isTrustedTaggedRoom` for what it is worth). */
export function isTaggedNoticesRoom(room: Room): boolean {
  return Object.hasOwn(room.tags ?? {}, SERVER_NOTICE_TAG);
}

/**
 * Whether the room carries the notices tag, was not created on another homeserver than the user's (every homeserver
 * sends notices from a local user of its own), and is no successor its predecessor disowns. Tags are the user's own
 * account data, but Synapse (older versions at least) copies them from a room's `predecessor` on join without checking
 * for a tombstone, so a room anyone made naming the notices room as its predecessor can get the tag. A room whose
 * creator is not known still counts.
 */
function isTrustedTaggedRoom(room: Room): boolean {
  return isTaggedNoticesRoom(room) && !isCreatedElsewhere(room) && !isDisownedSuccessor(room);
}

/**
 * Whether the room names a predecessor (in its create event) that the client knows and whose tombstone does not point
 * to this room: not an upgrade of that room, only a room claiming to be one. A predecessor the client does not know
 * decides nothing.
 */
function isDisownedSuccessor(room: Room): boolean {
  const predecessor = predecessorOf(room);
  const old = predecessor && room.client ? roomOf(room.client, predecessor) : null;
  if (!old) return false;
  return stateEvent(old, "m.room.tombstone", "")?.getContent()?.replacement_room !== room.roomId;
}

/** The room its create event names as its predecessor, if any. */
export function predecessorOf(room: Room): string | undefined {
  const predecessor = stateEvent(room, "m.room.create", "")?.getContent()?.predecessor?.room_id;
  return typeof predecessor === "string" ? predecessor : undefined;
}

/** Whether the room's creator (where known) is on another homeserver than the user. */
function isCreatedElsewhere(room: Room): boolean {
  const creator = creatorOf(room);
  return !!creator && serverOf(creator) !== serverOf(room.myUserId);
}

/** Whether the room's creator (where known) is one of `noticesUserIds`. */
function isCreatedByListed(room: Room, noticesUserIds: readonly string[] | undefined): boolean {
  const creator = creatorOf(room);
  return !!creator && !!noticesUserIds?.includes(creator);
}

/**
 * Whether the room has MSC4279's notices room type and was created by one of `noticesUserIds`. Servers do not restrict
 * who creates rooms of that type, so the type alone proves nothing: any user (on the user's own homeserver too) can
 * create one, and its pins would pass for the homeserver's. Without `noticesUserIds` only the tag counts, as the spec
 * says.
 */
function isTypedNoticesRoom(room: Room, noticesUserIds: readonly string[] | undefined): boolean {
  if (!noticesUserIds?.length || roomTypeOf(room) !== SERVER_NOTICE_ROOM_TYPE) return false;
  return isCreatedByListed(room, noticesUserIds);
}

/** Who created the room (the sender of its create event), if known. */
function creatorOf(room: Room): string | undefined {
  return stateEvent(room, "m.room.create", "")?.getSender() ?? undefined;
}

/**
 * Whether the room is marked as a notices room (the tag on a room not created on another homeserver nor disowned by
 * its predecessor, or MSC4279's room type from a creator among `noticesUserIds`), whatever the membership.
 */
export function isMarkedNoticesRoom(room: Room, noticesUserIds?: readonly string[]): boolean {
  return isTrustedTaggedRoom(room) || isTypedNoticesRoom(room, noticesUserIds);
}

/**
 * Whether a joined notices room comes from a sender no longer among `noticesUserIds` (its creator): a homeserver whose
 * notices sender changed (Synapse's `system_mxid_localpart`) makes a new room, whose invite then takes over. Never
 * without a list or a known creator.
 */
export function isFromFormerSender(room: Room, noticesUserIds: readonly string[] | undefined): boolean {
  if (!noticesUserIds?.length) return false;
  const creator = creatorOf(room);
  return !!creator && !noticesUserIds.includes(creator);
}

/**
 * Whether the room is a notices room the user has joined (left rooms keep their tag: they never count), also one that
 * reads as the invite the user's own join already answered (a sync re-sent it: see README, "Server notices"), but not
 * one whose join only an invite's state claims (see `watchPreviewWelcomes`).
 */
export function isJoinedNoticesRoom(room: Room, noticesUserIds?: readonly string[]): boolean {
  return isMarkedNoticesRoom(room, noticesUserIds) && myCountedMembership(room) === "join";
}

/** When the room came to be, for choosing the most recent: the create event's timestamp, else the user's join. */
export function roomRecency(room: Room): number {
  const created = stateEvent(room, "m.room.create", "")?.getTs();
  if (created) return created;
  return stateEvent(room, "m.room.member", room.myUserId)?.getTs() ?? 0;
}

/**
 * Chooses among several notices rooms: a tagged one (not created on another homeserver, nor claiming to succeed a room
 * whose tombstone does not name it) over one that only has the room
 * type (the homeserver tags the room it made, though a tag is not proof of that: see README, "Server notices"), then
 * one created by a sender among `noticesUserIds` over one that is not, then the most recently created (a homeserver
 * makes a new one after the user left the old one; its creator chooses the timestamp); equal timestamps fall back to
 * the greatest room id, so the choice never depends on iteration order.
 */
export function pickNoticesRoom(candidates: Iterable<Room>, noticesUserIds?: readonly string[]): Room | null {
  let best: Room | null = null;
  let bestRank = -1;
  let bestTs = -1;
  for (const room of candidates) {
    const rank = (isTrustedTaggedRoom(room) ? 2 : 0) + (isCreatedByListed(room, noticesUserIds) ? 1 : 0);
    const ts = roomRecency(room);
    if (
      !best ||
      rank > bestRank ||
      (rank === bestRank && (ts > bestTs || (ts === bestTs && room.roomId > best.roomId)))
    ) {
      best = room;
      bestRank = rank;
      bestTs = ts;
    }
  }
  return best;
}

/**
 * Whether a pinned notice from `sender` counts in the notices `room`: without `noticesUserIds`, from anyone; with them,
 * from a listed sender, or from the room's creator while the room comes from a former sender (see
 * {@link isFromFormerSender}: its notices stand until a new room takes over).
 */
export function isNoticeSender(
  room: Room,
  sender: string | undefined,
  noticesUserIds: readonly string[] | undefined,
): boolean {
  if (!noticesUserIds?.length) return true;
  if (!sender) return false;
  if (noticesUserIds.includes(sender)) return true;
  return isFromFormerSender(room, noticesUserIds) && creatorOf(room) === sender;
}

/** Who invited the user to this room (the sender of the user's invite member event). */
export function inviterOf(room: Room): string | undefined {
  return stateEvent(room, "m.room.member", room.myUserId)?.getSender() ?? undefined;
}

/** Builds the predicate that recognises invites to the notices room from a list of sender ids and/or a predicate. */
export function noticesInvitePredicate(
  noticesUserIds: readonly string[] | undefined,
  isNoticesInvite: NoticesInvitePredicate | undefined,
): NoticesInvitePredicate {
  const ids = new Set(noticesUserIds ?? []);
  return (invite) => {
    // The room type (MSC4279) vouches for nothing: anyone can create a room of that type and invite the user to it.
    if (invite.inviter && ids.has(invite.inviter)) return true;
    if (!isNoticesInvite) return false;
    try {
      return isNoticesInvite(invite) === true;
    } catch {
      return false;
    }
  };
}
