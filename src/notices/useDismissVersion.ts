"use client";

import { useCallback, useSyncExternalStore } from "react";
import { callApp } from "../core/reportAppError.js";
import type { DismissStore } from "./dismissStore.js";

/**
 * Follows an app's dismiss store (`useSyncExternalStore` over its `subscribe` and `getVersion`), re-rendering when a
 * dismissal is added. Its methods are called as methods (stores written as classes work), and one that throws is
 * reported as an uncaught error would be, never thrown in render: no word of changes, or version 0.
 */
export function useDismissVersion(dismissStore: DismissStore): number {
  const subscribe = useCallback(
    (listener: () => void) => {
      const off = callApp(() => dismissStore.subscribe(listener));
      return () => {
        if (typeof off === "function") callApp(off);
      };
    },
    [dismissStore],
  );
  const getVersion = useCallback(() => callApp(() => dismissStore.getVersion()) ?? 0, [dismissStore]);
  return useSyncExternalStore(subscribe, getVersion, getVersion);
}
