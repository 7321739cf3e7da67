"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useMemo } from "react";
import { type DismissStore, sessionDismissStore } from "./dismissStore.js";
import type { ServerNoticeItem, ServerNoticesOptions } from "./ServerNoticesStore.js";
import { useDismissVersion } from "./useDismissVersion.js";
import { useBannerNotices } from "./useServerNotices.js";
import { visibleServerNotices } from "./visibleServerNotices.js";

/**
 * The notices a `<NoticeBanner>` with the same `dismissStore` and options shows, in its order (see
 * {@link visibleServerNotices}): for a count on a bell, or banners of your own; re-renders when one comes, goes or is
 * dismissed.
 */
export function useVisibleServerNotices(
  client: MatrixClient,
  dismissStore: DismissStore = sessionDismissStore,
  options: ServerNoticesOptions = {},
): readonly ServerNoticeItem[] {
  const [notices, coveredUsageLimit] = useBannerNotices(client, options);
  // Keep the store object stable across renders.
  const version = useDismissVersion(dismissStore);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a dismissal changes the version, not the store.
  return useMemo(
    () => visibleServerNotices(notices, coveredUsageLimit, dismissStore),
    [notices, coveredUsageLimit, dismissStore, version],
  );
}
