import type { MatrixClient } from "matrix-js-sdk";
import { useMemo, useSyncExternalStore } from "react";
import { optionsKey } from "../core/optionsKey.js";
import {
  type ServerNoticesOptions,
  type ServerNoticesState,
  ServerNoticesStore,
} from "./ServerNoticesStore.js";

/**
 * The active server notices: pinned `m.server_notice` messages of the user's notices room, in pin order, plus a
 * usage-limit notice while sync or sending fails with `M_RESOURCE_LIMIT_EXCEEDED`. Re-renders only when they change.
 */
export function useServerNotices(
  client: MatrixClient,
  options: ServerNoticesOptions = {},
): ServerNoticesState {
  const key = optionsKey(options);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the store is rebuilt when the options' data changes (key).
  const store = useMemo(() => new ServerNoticesStore(client, options), [client, key]);
  store.roomStore.setPredicate(options.isNoticesInvite);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
