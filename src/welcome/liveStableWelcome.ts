import type { MatrixEvent, Room } from "matrix-js-sdk";
import { isRedactedByServer } from "../core/acceptedRedaction.js";
import { liveState } from "../core/liveState.js";
import { isRedactedInTimeline } from "../core/timelineRedactions.js";
import { WELCOME_EVENT_TYPE } from "./parseWelcomeContent.js";
import { isPreviewState } from "./previewWelcomes.js";

/** Whether `event` of `room` is redacted: by the homeserver, or by a redaction its timeline holds. */
export function isRedactedIn(event: MatrixEvent, room: Room): boolean {
  const id = event.getId();
  return isRedactedByServer(event) || (!!id && isRedactedInTimeline(room, id));
}

/**
 * The room's stable welcome event, unless redacted or only an invite's preview. While there is one it decides the
 * welcome, whatever the unstable type holds (without a message it is a removal), so writes go to the stable type. No
 * timestamps are compared: servers' clocks differ.
 */
export function liveStableWelcome(room: Room | null | undefined): MatrixEvent | undefined {
  const event = room ? liveWelcomeEvent(room, WELCOME_EVENT_TYPE) : undefined;
  return event && !isRedactedIn(event, room as Room) ? event : undefined;
}

/** The room's welcome event of `type`, unless it is only an invite's or a knock's preview (see `isPreviewState`). */
export function liveWelcomeEvent(room: Room, type: string): MatrixEvent | undefined {
  const event = liveState(room)?.getStateEvents(type, "") ?? undefined;
  return event && !isPreviewState(event) ? event : undefined;
}
