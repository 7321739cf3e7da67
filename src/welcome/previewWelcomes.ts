/**
 * Welcome events (and the room's name and alias, which title the dialog) an invite's or a knock's stripped state gave:
 * the inviting (or knocked-on) server wrote them, and any server can write anything there. matrix-js-sdk puts that state into the room's state and keeps what the join's sync
 * does not replace (a room without a welcome keeps the preview's). A join's sync brings the room's state whole, and the
 * SDK makes a new event object of each event it brings, so a real welcome comes again, as another object.
 */
import { ClientEvent, type MatrixClient, type MatrixEvent, type Room } from "matrix-js-sdk";
import { getOrCreate } from "../core/getOrCreate.js";
import { liveState } from "../core/liveState.js";
import { myMembership } from "../core/myMembership.js";
import { roomOf } from "../core/roomOf.js";
import { WELCOME_TYPES } from "./parseWelcomeContent.js";

/** The state types noted: the welcome's, and the name and alias that title it. */
const PREVIEW_TYPES: ReadonlySet<string> = new Set([
  ...WELCOME_TYPES,
  "m.room.name",
  "m.room.canonical_alias",
]);

/** The event objects of those types (and member events) a room held while the user was only invited or knocking there. */
const previews = new WeakSet<MatrixEvent>();

/**
 * Whether `event` (a welcome, the room's name or alias, or a member event) is no state of the room's own: one held while the user was only invited or knocking (noted by
 * {@link watchPreviewWelcomes}), or one without what every event the room's sync brings has and stripped state lacks
 * (an event id and a timestamp).
 */
export function isPreviewState(event: MatrixEvent): boolean {
  return previews.has(event) || !event.getId() || typeof event.getTs() !== "number";
}

/** Whether the user is only invited to, or knocking on, `room`. */
function invitedOrKnocking(room: Room): boolean {
  const membership = myMembership(room);
  return membership === "invite" || membership === "knock";
}

/** Notes the welcome events `room` holds now as previews when the user is only invited or knocking there. */
function notePreviewWelcomes(room: Room): void {
  if (!invitedOrKnocking(room)) return;
  const state = liveState(room);
  for (const type of PREVIEW_TYPES) {
    const event = state?.getStateEvents(type, "");
    if (event) previews.add(event);
  }
  for (const member of state?.getStateEvents("m.room.member") ?? []) previews.add(member);
}

/** Per client, how many stores watch for previews, and the listener they share. */
const watchers = new WeakMap<MatrixClient, { count: number; listener: (event: MatrixEvent) => void }>();

/**
 * While any store wants it, notes the previews of every room of the client: those held now, and those later syncs
 * bring (the SDK announces an invite's or a knock's state once it applied it, with the user's membership set; the
 * state a join brings is announced once the join is applied, so it is never taken for one). Stores mounted only
 * after the join know the preview as well as those mounted before. Returns the release.
 */
export function watchPreviewWelcomes(client: MatrixClient): () => void {
  const entry = getOrCreate(watchers, client, () => ({
    count: 0,
    listener: (event: MatrixEvent) => {
      const type = event.getType();
      // Member events (whose names the dialog's sender line shows) come for every member of every room a sync brings:
      // the SDK's own answer, a field read, decides those.
      if (type === "m.room.member") {
        const mine = roomOf(client, event.getRoomId())?.getMyMembership();
        if (mine === "invite" || mine === "knock") previews.add(event);
        return;
      }
      if (!PREVIEW_TYPES.has(type)) return;
      const room = roomOf(client, event.getRoomId());
      if (room && invitedOrKnocking(room)) previews.add(event);
    },
  }));
  if (entry.count++ === 0) {
    client.on(ClientEvent.Event, entry.listener);
    // A room with no timeline events holds only what its invite or knock gave; one that has some (the user was in it
    // before) may hold the room's own welcome from then, which stays readable.
    for (const room of client.getRooms())
      if (room.getLiveTimeline().getEvents().length === 0) notePreviewWelcomes(room);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--entry.count === 0) client.off(ClientEvent.Event, entry.listener);
  };
}
