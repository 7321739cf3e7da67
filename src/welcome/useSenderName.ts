"use client";

import {
  ClientEvent,
  type MatrixClient,
  type MatrixEvent,
  RoomEvent,
  type RoomMember,
  type RoomState,
  RoomStateEvent,
  type SyncState,
} from "matrix-js-sdk";
import { useCallback, useSyncExternalStore } from "react";
import { myMembership } from "../core/myMembership.js";
import { roomOf } from "../core/roomOf.js";
import { isSyncBack, isSyncHealthy } from "../core/syncHealthy.js";
import { watchRoom } from "../core/watchRoom.js";
import { type FetchedName, fetchedName, holdFetchedName, retryFetchedName } from "./senderMembers.js";
import { hasOwnMember, senderName } from "./senderName.js";

/**
 * The display name to show for `userId` (a welcome's sender) in the room, and the failure of its fetch if it gave up.
 * The name is their member's in the room's current state ("" when there is none to show), kept current as member events
 * arrive. With `fetchMissing` (true while you show the name), a sender whose member event a joined room's state lacks
 * (lazy-loaded members) is named from that one member event, fetched as `<WelcomeDialog>`'s sender line is (see README):
 * once per room and sender however many components ask, retried, cancelled when none asks any more, asked afresh after
 * the user left and rejoined; a member event a sync brings wins. `error` is null, or the failure the fetch gave up on
 * (refused, or out of retries) until it is asked again.
 */
export function useSenderName(
  client: MatrixClient,
  roomId: string,
  userId: string,
  fetchMissing = false,
): FetchedName {
  const subscribe = useCallback(
    (onChange: () => void) => {
      let release: (() => void) | undefined;
      const update = () => {
        release?.();
        release = undefined;
        const room = roomOf(client, roomId);
        try {
          if (fetchMissing && userId && room && myMembership(room) === "join" && !hasOwnMember(room, userId))
            release = holdFetchedName(client, room, userId, onChange);
        } catch {
          // A client in an unexpected shape: the ID alone.
        }
        onChange();
      };
      const onMember = (_event: MatrixEvent, _state: RoomState, member: RoomMember) => {
        if (member.userId === userId) update();
      };
      // The user's own membership: a fetch is held only while joined, and asked afresh after a rejoin (names fetched
      // before are forgotten when the user leaves).
      const unwatch = watchRoom(
        client,
        roomId,
        [
          [RoomStateEvent.Members, onMember],
          [RoomEvent.MyMembership, update],
        ],
        update,
      );
      // A fetch that waited for a stopped client or a soft logout, or gave up offline, is made again when sync is back.
      let wasDown = !isSyncHealthy(client.getSyncState());
      const onSync = (state: SyncState | null) => {
        const room = roomOf(client, roomId);
        if (isSyncBack(state, wasDown) && room && release) retryFetchedName(client, room, userId);
        wasDown = !isSyncHealthy(state);
      };
      if (fetchMissing) client.on(ClientEvent.Sync, onSync);
      update();
      return () => {
        unwatch();
        client.off(ClientEvent.Sync, onSync);
        release?.();
      };
    },
    [client, roomId, userId, fetchMissing],
  );
  const read = () => {
    try {
      const room = roomOf(client, roomId);
      if (!userId) return "";
      // The room's own member event wins; without it, the fetched name (none until fetched, or for a preview).
      return hasOwnMember(room, userId)
        ? senderName(room, userId)
        : ((room && fetchedName(room, userId)) ?? "");
    } catch {
      return ""; // a client in an unexpected shape: the ID alone
    }
  };
  const shown = useSyncExternalStore(subscribe, read, read);
  return typeof shown === "string" ? { name: shown, error: null } : shown;
}
