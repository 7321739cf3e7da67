"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useMemo, useSyncExternalStore } from "react";
import { welcomeEventType } from "./setWelcomeMessage.js";
import { WELCOME_REMOVAL, WelcomeEditPermissionStore } from "./WelcomeEditPermissionStore.js";
import type { WelcomeEditPermission } from "./welcomeEditPermission.js";

/** Whether and why (not) the user may edit the room's welcome (live on power-level, membership and welcome changes). */
export function useWelcomeEditPermission(
  client: MatrixClient,
  roomId: string,
  options: { stable?: boolean | undefined } = {},
): WelcomeEditPermission {
  const eventType = options.stable === undefined ? null : welcomeEventType(options);
  const store = useMemo(
    () => new WelcomeEditPermissionStore(client, roomId, eventType),
    [client, roomId, eventType],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/** Whether the user may remove the room's welcome (send the type readers go by); live on state changes and redactions. */
export function useWelcomeRemovePermission(client: MatrixClient, roomId: string): WelcomeEditPermission {
  const store = useMemo(
    () => new WelcomeEditPermissionStore(client, roomId, WELCOME_REMOVAL),
    [client, roomId],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/**
 * Whether the user may send the welcome state event (joined, with the power level it needs); live on power-level,
 * membership and welcome changes. `useWelcomeEditPermission` says why not.
 */
export function useCanEditWelcome(
  client: MatrixClient,
  roomId: string,
  options: { stable?: boolean | undefined } = {},
): boolean {
  return useWelcomeEditPermission(client, roomId, options).canEdit;
}
