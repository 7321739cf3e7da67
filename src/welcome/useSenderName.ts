"use client";

import {
  type MatrixClient,
  type MatrixEvent,
  type RoomMember,
  type RoomState,
  RoomStateEvent,
} from "matrix-js-sdk";
import { useCallback, useSyncExternalStore } from "react";
import { roomOf } from "../core/roomOf.js";
import { watchRoom } from "../core/watchRoom.js";
import { senderName } from "./senderName.js";

/** {@link senderName} of `userId` in the room, kept current as member events (a name change) and the room arrive. */
export function useSenderName(client: MatrixClient, roomId: string, userId: string): string {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const onMember = (_event: MatrixEvent, _state: RoomState, member: RoomMember) => {
        if (member.userId === userId) onChange();
      };
      return watchRoom(client, roomId, [[RoomStateEvent.Members, onMember]], onChange);
    },
    [client, roomId, userId],
  );
  const read = () => {
    try {
      return userId ? senderName(roomOf(client, roomId), userId) : "";
    } catch {
      return ""; // a client in an unexpected shape: the ID alone
    }
  };
  return useSyncExternalStore(subscribe, read, read);
}
