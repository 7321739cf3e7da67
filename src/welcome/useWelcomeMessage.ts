"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useMemo, useSyncExternalStore } from "react";
import { optionsKey } from "../core/optionsKey.js";
import { type WelcomeMessage, type WelcomeMessageOptions, WelcomeStore } from "./WelcomeStore.js";
import type { WelcomeDecision } from "./welcomeRule.js";

/** What {@link useWelcomeMessage} returns. */
export interface UseWelcomeMessageResult {
  /** The room's welcome with sanitized HTML and plain text, or null. */
  message: WelcomeMessage | null;
  /** Whether to show it now: this edition is unseen and not the user's own, and a recent join qualifies (see `showOn`), or `showNewEditions` applies; `decision` says why. */
  shouldShow: boolean;
  /** Marks the current edition seen (stored in room account data by default). */
  markSeen: () => void;
  /** The room's own name (`m.room.name`, else its canonical alias), for a title; null when it has none. */
  roomName: string | null;
  /** The member event that began the user's current join, or null (a new one is a new join). */
  joinEventId: string | null;
  /**
   * Why the welcome shows or not (`decideWelcome`'s answer, or `"awaiting-sync"` for one that would show while the
   * client holds no live data yet, under sliding sync until the response is applied, or while the seen store reads
   * the room's marks from the server), e.g. `"seen"`.
   */
  decision: WelcomeDecision;
}

/** A room's MSC3857 welcome message and whether this user should see it now (first recent join, at most once per edition). */
export function useWelcomeMessage(
  client: MatrixClient,
  roomId: string,
  options: WelcomeMessageOptions = {},
): UseWelcomeMessageResult {
  const key = optionsKey({ ...options, seenStore: undefined });
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the options' data (key) or the seen store change; callbacks are read live.
  const store = useMemo(
    () => new WelcomeStore(client, roomId, options),
    [client, roomId, key, options.seenStore],
  );
  store.setOptions(options);
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot);
  return useMemo(
    () => ({
      message: state.message,
      shouldShow: state.shouldShow,
      markSeen: store.markSeen,
      roomName: state.roomName,
      joinEventId: state.joinEventId,
      decision: state.decision,
    }),
    [state, store],
  );
}
