"use client";

import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

/**
 * False on the server and while hydrating its HTML, true otherwise (also in a first client render without server HTML):
 * what the browser alone can render waits for it, so hydration renders what the server did.
 */
export const useHydrated = (): boolean =>
  useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
