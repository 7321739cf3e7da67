"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useMemo, useSyncExternalStore } from "react";
import { optionsKey } from "../core/optionsKey.js";
import {
  type ServerNoticesRoomOptions,
  type ServerNoticesRoomState,
  ServerNoticesRoomStore,
} from "./ServerNoticesRoomStore.js";

/**
 * The user's server notices room: a joined room tagged `m.server_notice` (or MSC4279's room type from a trusted creator;
 * of several, a tagged one first, then the most recently created); plus a pending invite to it, accepted with
 * `autoJoin`.
 */
export function useServerNoticesRoom(
  client: MatrixClient,
  options: ServerNoticesRoomOptions = {},
): ServerNoticesRoomState {
  const key = optionsKey(options);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the store is rebuilt when the options' data changes (key).
  const store = useMemo(() => new ServerNoticesRoomStore(client, options), [client, key]);
  store.setPredicate(options.isNoticesInvite);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
