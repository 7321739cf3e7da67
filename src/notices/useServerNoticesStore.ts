"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useEffect, useMemo } from "react";
import { optionsKey } from "../core/optionsKey.js";
import { type ServerNoticesOptions, ServerNoticesStore } from "./ServerNoticesStore.js";

/** The store behind a component's server notices: rebuilt when the client or the options' data change. */
export function useServerNoticesStore(
  client: MatrixClient,
  options: ServerNoticesOptions,
): ServerNoticesStore {
  const key = optionsKey(options);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the store is rebuilt when the options' data changes (key).
  const store = useMemo(() => new ServerNoticesStore(client, options), [client, key]);
  store.roomStore.setPredicate(options.isNoticesInvite);
  // After a commit (see useServerNoticesRoom).
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again when the app's predicate changes.
  useEffect(() => store.roomStore.askAboutInvites(), [store, options.isNoticesInvite]);
  return store;
}
