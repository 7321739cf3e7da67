import type { MatrixClient, Room } from "matrix-js-sdk";

/**
 * `client.getRoom(roomId)`, but only a room of that id: the SDK's memory store answers an id naming an
 * `Object.prototype` member ("constructor", "valueOf", "__proto__": a room's predecessor, or a link an app routes) with
 * that member, which is no room.
 */
export function roomOf(client: MatrixClient, roomId: unknown): Room | null {
  if (typeof roomId !== "string") return null;
  const room: unknown = client.getRoom(roomId);
  return typeof room === "object" && room !== null && (room as Room).roomId === roomId
    ? (room as Room)
    : null;
}
