/** Whether the user may send the welcome state event in a room, and why not. */
import type { Room } from "matrix-js-sdk";
import { liveState } from "../core/liveState.js";
import { myWelcomeMembership } from "../welcome/previewWelcomes.js";

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

/** A power level: a number, or an integer string (legal before room version 10, and read as such by servers). */
const num = (v: unknown, fallback: number) =>
  typeof v === "number" && Number.isFinite(v)
    ? v
    : typeof v === "string" && /^[+-]?\d{1,16}$/.test(v.trim())
      ? Number(v.trim())
      : fallback;

/** Reads power levels for `eventType` (spec defaults: state_default 50, users_default 0; no event: creator only). */
export function welcomeEditPermission(
  room: Room | null,
  userId: string,
  eventType: string,
): WelcomeEditPermission {
  if (!room) return { canEdit: false, reason: "unknown-room" };
  const state = liveState(room);
  // Only joined members may send events: the client's own membership (not a join only an invite's state claims), or the
  // other user's member event.
  const membership =
    userId === room.myUserId ? myWelcomeMembership(room) : state?.getMember(userId)?.membership;
  if (membership !== "join") return { canEdit: false, reason: "not-joined" };
  if (!state) return { canEdit: false, reason: "unknown-room" };
  const plEvent = state.getStateEvents("m.room.power_levels", "");
  const create = state.getStateEvents("m.room.create", "");
  const content = (create?.getContent() ?? {}) as {
    creator?: unknown;
    additional_creators?: unknown;
    room_version?: unknown;
  };
  // Room v12 (and its unstable "hydra" versions) gives its creators, the create event's sender and
  // `additional_creators`, a level above any other; earlier versions only 100 when there are no power levels.
  const version = typeof content.room_version === "string" ? content.room_version : "1";
  const privilegedCreators = /^\d+$/.test(version) ? Number(version) >= 12 : /hydra/i.test(version);
  const creators = [create?.getSender()];
  if (privilegedCreators && Array.isArray(content.additional_creators))
    creators.push(...content.additional_creators);
  const privileged = privilegedCreators && creators.includes(userId);
  if (!plEvent) {
    // As Synapse authorises it: state_default 50, the creator(s) 100, everyone else 0 (the SDK would say 0 needed).
    const creator = privileged || [...creators, content.creator].includes(userId);
    return {
      canEdit: creator,
      reason: creator ? null : "power-level",
      requiredLevel: 50,
      userLevel: creator ? 100 : 0,
    };
  }
  const pl = plEvent.getContent() as {
    events?: Record<string, unknown>;
    state_default?: unknown;
    users?: Record<string, unknown>;
    users_default?: unknown;
  };
  const requiredLevel = num(pl.events?.[eventType], num(pl.state_default, 50));
  const userLevel = num(pl.users?.[userId], num(pl.users_default, 0));
  // The levels read as servers read them (the SDK ignores integer strings), or a privileged creator of room v12+.
  const canEdit = privileged || userLevel >= requiredLevel;
  return {
    canEdit,
    reason: canEdit ? null : "power-level",
    requiredLevel,
    userLevel,
  };
}
