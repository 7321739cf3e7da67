import { ClientEvent, type MatrixClient, type Room } from "matrix-js-sdk";
import { type Listeners, moveListeners } from "./moveListeners.js";
import { roomOf } from "./roomOf.js";

/**
 * Adds `listeners` to the room `roomId` names, moving them to a new Room object for that id when the client makes one
 * (calling `onRoom` then), not to the client: its sync brings every room's events. Returns the removal.
 */
export function watchRoom(
  client: MatrixClient,
  roomId: string,
  listeners: Listeners,
  onRoom: () => void,
): () => void {
  let room: Room | null = null;
  const bind = (next: Room | null) => {
    moveListeners(room, next, listeners);
    room = next;
  };
  const onNewRoom = (added: Room) => {
    if (added.roomId !== roomId) return;
    bind(added);
    onRoom();
  };
  bind(roomOf(client, roomId));
  client.on(ClientEvent.Room, onNewRoom);
  return () => {
    bind(null);
    client.off(ClientEvent.Room, onNewRoom);
  };
}
