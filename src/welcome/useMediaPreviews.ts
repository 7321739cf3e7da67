"use client";

import {
  ClientEvent,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  RoomEvent,
  RoomStateEvent,
} from "matrix-js-sdk";
import { useCallback, useSyncExternalStore } from "react";
import { moveListeners } from "../core/moveListeners.js";
import { roomOf } from "../core/roomOf.js";
import { MEDIA_PREVIEW_CONFIG_TYPES, roomMediaPreviewsShown } from "./mediaPreviews.js";

const isConfigType = (type: string) => (MEDIA_PREVIEW_CONFIG_TYPES as readonly string[]).includes(type);

/**
 * Whether the user's MSC4278 media preview setting lets a room's images show without a click (see
 * `roomMediaPreviewsShown`); follows the setting, at both levels, and the room's join rule as they change.
 */
export function useMediaPreviews(client: MatrixClient, roomId: string): boolean {
  const subscribe = useCallback(
    (notify: () => void) => {
      let room: Room | null = null;
      const onAccountData = (event: MatrixEvent) => {
        if (isConfigType(event.getType())) notify();
      };
      const onState = (event: MatrixEvent) => {
        if (event.getType() === "m.room.join_rules") notify();
      };
      const bind = (next: Room | null) => {
        moveListeners(room, next, [
          [RoomEvent.AccountData, onAccountData],
          [RoomStateEvent.Events, onState],
        ]);
        room = next;
      };
      const onRoom = (added: Room) => {
        if (added.roomId !== roomId) return;
        bind(added);
        notify();
      };
      bind(roomOf(client, roomId));
      client.on(ClientEvent.AccountData, onAccountData);
      client.on(ClientEvent.Room, onRoom);
      return () => {
        bind(null);
        client.off(ClientEvent.AccountData, onAccountData);
        client.off(ClientEvent.Room, onRoom);
      };
    },
    [client, roomId],
  );
  const shown = useCallback(() => roomMediaPreviewsShown(client, roomOf(client, roomId)), [client, roomId]);
  return useSyncExternalStore(subscribe, shown, () => true);
}
