"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { optionsKey } from "../core/optionsKey.js";
import {
  type ServerNoticesRoomOptions,
  type ServerNoticesRoomState,
  ServerNoticesRoomStore,
} from "./ServerNoticesRoomStore.js";

/**
 * The user's server notices room: a joined room tagged `m.server_notice` not created on another homeserver (or MSC4279's
 * room type from a trusted creator; of several, a tagged one first, then one a listed sender created, then the most
 * recently created); plus a pending invite to it, accepted with `autoJoin`.
 */
export function useServerNoticesRoom(
  client: MatrixClient,
  options: ServerNoticesRoomOptions = {},
): ServerNoticesRoomState {
  const key = optionsKey(options);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the store is rebuilt when the options' data changes (key).
  const store = useMemo(() => new ServerNoticesRoomStore(client, options), [client, key]);
  store.setPredicate(options.isNoticesInvite);
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  // After a commit, not during render: a render that never commits (a transition) asks nothing, and emits nothing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again when the app's predicate changes.
  useEffect(() => store.askAboutInvites(), [store, options.isNoticesInvite]);
  return state;
}
