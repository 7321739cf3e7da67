"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useCallback, useSyncExternalStore } from "react";
import type { ServerNoticeItem, ServerNoticesOptions, ServerNoticesState } from "./ServerNoticesStore.js";
import { useServerNoticesStore } from "./useServerNoticesStore.js";

/**
 * The active server notices: pinned `m.server_notice` messages of the user's notices room (with `noticesUserIds`, only
 * theirs), in pin order, plus a
 * usage-limit notice from an `M_RESOURCE_LIMIT_EXCEEDED` sync or send failure (kept until a sync succeeds, for a sync
 * failure, or an event is sent, for a send failure; left out when a pinned usage-limit notice says the same), with the
 * loading, error and room state around them. Re-renders when any of it changes (see {@link useServerNoticeItems} for the notices alone).
 */
export function useServerNotices(
  client: MatrixClient,
  options: ServerNoticesOptions = {},
): ServerNoticesState {
  const store = useServerNoticesStore(client, options);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/**
 * Only the notices of {@link useServerNotices} (equal content, from the hook's own store: not the same array or item
 * objects as another hook's): re-renders only when a notice comes, goes or changes, not while fetches load, fail or
 * retry.
 */
export function useServerNoticeItems(
  client: MatrixClient,
  options: ServerNoticesOptions = {},
): readonly ServerNoticeItem[] {
  const store = useServerNoticesStore(client, options);
  const notices = useCallback(() => store.getSnapshot().notices, [store]);
  return useSyncExternalStore(store.subscribe, notices, notices);
}

/** What `<NoticeBanner>` shows: the notices, and the usage limit a pinned one tells (`coveredUsageLimit`), of one store. */
export function useBannerNotices(
  client: MatrixClient,
  options: ServerNoticesOptions = {},
): readonly [readonly ServerNoticeItem[], ServerNoticeItem | null] {
  const store = useServerNoticesStore(client, options);
  const notices = useCallback(() => store.getSnapshot().notices, [store]);
  const covered = useCallback(() => store.getSnapshot().coveredUsageLimit, [store]);
  return [
    useSyncExternalStore(store.subscribe, notices, notices),
    useSyncExternalStore(store.subscribe, covered, covered),
  ];
}
