/**
 * Offline real SDK objects: a MatrixClient that never reaches a network, and Rooms filled with real MatrixEvents.
 * Use these for pure rendering; use the sync script when behaviour depends on the SDK's sync pipeline.
 */
import { ClientEvent, createClient, type MatrixClient, MatrixEvent, Room } from "matrix-js-sdk";
import { trackClient } from "./clients";
import type { RawEvent } from "./events";

/** A real MatrixClient whose every request fails as a network error (it is never started). */
export function offlineClient(userId = "@alice:example.org"): MatrixClient {
  return trackClient(
    createClient({
      baseUrl: "https://matrix.example.org",
      userId,
      deviceId: "OFFLINE",
      accessToken: "offline",
      fetchFn: () => Promise.reject(new TypeError("offline client: no network")),
    }),
  );
}

/** What an offline room holds. */
export interface OfflineRoomSpec {
  state?: RawEvent[];
  timeline?: RawEvent[];
  tags?: Record<string, Record<string, unknown>>;
  accountData?: { type: string; content: Record<string, unknown> }[];
}

/** A real Room stored in the client (so `client.getRoom` finds it), filled with state and timeline events. */
export function offlineRoom(client: MatrixClient, roomId: string, spec: OfflineRoomSpec = {}): Room {
  const room = new Room(roomId, client, client.getSafeUserId());
  const wrap = (e: RawEvent) => new MatrixEvent({ ...e, room_id: roomId });
  const events = [...(spec.state ?? []).map(wrap), ...(spec.timeline ?? []).map(wrap)];
  room.addLiveEvents(events, { addToState: true });
  room.recalculate(); // derives the user's membership (and the name) from the state, as sync does
  if (spec.tags) room.addTags(new MatrixEvent({ type: "m.tag", content: { tags: spec.tags } }));
  if (spec.accountData) room.addAccountData(spec.accountData.map((e) => new MatrixEvent(e)));
  client.store.storeRoom(room);
  client.emit(ClientEvent.Room, room);
  return room;
}
