/** Whether the user may send the welcome state event in a room, and why not. */
import { EventTimeline, type Room } from "matrix-js-sdk";

/** The answer of {@link welcomeEditPermission}. */
export interface WelcomeEditPermission {
  /** The user may send the welcome state event. */
  canEdit: boolean;
  /** Why not: the room is unknown, the user is not joined, or their power level is too low. */
  reason: "unknown-room" | "not-joined" | "power-level" | null;
  /** The power level the event type needs (when known). */
  requiredLevel?: number;
  /** The user's power level (when known). */
  userLevel?: number;
}

const num = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);

/** Reads power levels for `eventType` (spec defaults: state_default 50, users_default 0; no event: creator only). */
export function welcomeEditPermission(
  room: Room | null,
  userId: string,
  eventType: string,
): WelcomeEditPermission {
  if (!room) return { canEdit: false, reason: "unknown-room" };
  if (room.getMyMembership() !== "join") return { canEdit: false, reason: "not-joined" };
  const state = room.getLiveTimeline().getState(EventTimeline.FORWARDS);
  if (!state) return { canEdit: false, reason: "unknown-room" };
  const plEvent = state.getStateEvents("m.room.power_levels", "");
  if (!plEvent) {
    // As Synapse authorises it: state_default 50, the creator(s) 100, everyone else 0 (the SDK would say 0 needed).
    const create = state.getStateEvents("m.room.create", "");
    const content = (create?.getContent() ?? {}) as { creator?: unknown; additional_creators?: unknown };
    const creators = [create?.getSender(), content.creator];
    if (Array.isArray(content.additional_creators)) creators.push(...content.additional_creators);
    const creator = creators.includes(userId);
    return {
      canEdit: creator,
      reason: creator ? null : "power-level",
      requiredLevel: 50,
      userLevel: creator ? 100 : 0,
    };
  }
  const canEdit = state.maySendStateEvent(eventType, userId);
  const pl = plEvent.getContent() as {
    events?: Record<string, unknown>;
    state_default?: unknown;
    users?: Record<string, unknown>;
    users_default?: unknown;
  };
  const requiredLevel = num(pl.events?.[eventType], num(pl.state_default, 50));
  const userLevel = num(pl.users?.[userId], num(pl.users_default, 0));
  return {
    canEdit,
    reason: canEdit ? null : "power-level",
    ...(requiredLevel !== undefined ? { requiredLevel } : {}),
    ...(userLevel !== undefined ? { userLevel } : {}),
  };
}
