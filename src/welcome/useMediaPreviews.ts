"use client";

import { ClientEvent, type MatrixClient, type MatrixEvent, RoomEvent, RoomStateEvent } from "matrix-js-sdk";
import { useCallback, useSyncExternalStore } from "react";
import { roomOf } from "../core/roomOf.js";
import { watchRoom } from "../core/watchRoom.js";
import { MEDIA_PREVIEW_CONFIG_TYPES, roomMediaPreviewsShown } from "./mediaPreviews.js";

const isConfigType = (type: string) => (MEDIA_PREVIEW_CONFIG_TYPES as readonly string[]).includes(type);

/**
 * Whether the user's MSC4278 media preview setting lets a room's images show without a click (see
 * `roomMediaPreviewsShown`); follows the setting, at both levels, and the room's join rule as they change.
 */
export function useMediaPreviews(client: MatrixClient, roomId: string): boolean {
  const subscribe = useCallback(
    (notify: () => void) => {
      const onAccountData = (event: MatrixEvent) => {
        if (isConfigType(event.getType())) notify();
      };
      const onState = (event: MatrixEvent) => {
        if (event.getType() === "m.room.join_rules") notify();
      };
      const unwatch = watchRoom(
        client,
        roomId,
        [
          [RoomEvent.AccountData, onAccountData],
          [RoomStateEvent.Events, onState],
        ],
        notify,
      );
      client.on(ClientEvent.AccountData, onAccountData);
      return () => {
        unwatch();
        client.off(ClientEvent.AccountData, onAccountData);
      };
    },
    [client, roomId],
  );
  const shown = useCallback(() => roomMediaPreviewsShown(client, roomOf(client, roomId)), [client, roomId]);
  return useSyncExternalStore(subscribe, shown, () => true);
}
