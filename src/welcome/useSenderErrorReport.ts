"use client";

import { useEffect, useRef } from "react";
import { callApp } from "../core/reportAppError.js";
import type { FetchedName } from "./senderMembers.js";

/**
 * Calls `onError(error, userId)` once for each failure `sender` (from `useSenderName`) shows while `active` (the line
 * shows): once each time the fetch gives up, not per render, nor for a fetch cancelled meanwhile (that gives up on
 * nothing). A callback that throws is reported as uncaught.
 */
export function useSenderErrorReport(
  sender: FetchedName,
  userId: string,
  active: boolean,
  onError: ((error: unknown, userId: string) => void) | undefined,
): void {
  // The outcome reported last: a new one (a new object) comes with each give-up; a rerender keeps the same.
  const reported = useRef<FetchedName | null>(null);
  useEffect(() => {
    if (!active || sender.error === null || reported.current === sender) return;
    reported.current = sender;
    callApp(() => onError?.(sender.error, userId));
  }, [sender, userId, active, onError]);
}
