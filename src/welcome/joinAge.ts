/**
 * How long ago the user's join happened, as the homeserver reports it rather than as this device's clock would say
 * from the join's `origin_server_ts`: a device clock a day fast or slow must not hide a fresh join or replay an old one.
 * Only the "how long ago" question uses this; joins are ordered against other events by their server timestamps.
 */
import type { MatrixEvent, Room } from "matrix-js-sdk";

/**
 * When `event` happened on this device's clock, from the age its homeserver gave it: matrix-js-sdk sets
 * `localTimestamp = Date.now() - unsigned.age` on arrival. Undefined when the event came without an age (the SDK
 * then puts the server's timestamp there, which says nothing about this device's clock). Never throws.
 */
export function eventLocalTime(event: MatrixEvent | null | undefined): number | undefined {
  try {
    const age = event?.getAge();
    const local = event?.localTimestamp;
    return typeof age === "number" &&
      Number.isFinite(age) &&
      typeof local === "number" &&
      Number.isFinite(local)
      ? local
      : undefined;
  } catch {
    return undefined;
  }
}

/** The server part of a user id (`@bob:example.org` -> `example.org`); "" when there is none. */
function serverOf(userId: string | null | undefined): string {
  const at = typeof userId === "string" ? userId.indexOf(":") : -1;
  return at < 0 ? "" : userId!.slice(at + 1);
}

/**
 * When the user's join happened on this device's clock, or undefined when nothing tells (then the caller falls back
 * to comparing `origin_server_ts` with the device clock). Never throws.
 *
 * The earliest of: the join's own age-derived time (`localTs`), and what each event after the user's member event in
 * the room's live timeline implies. The homeserver ordered that event after the join: one from the user's own
 * homeserver gives the join's time exactly (its age-derived time minus how much later, by that server's clock, it was
 * sent); another server's, sent after the join by its own clock, was created after it, so its age-derived time bounds
 * the join's. This covers a member event whose age is stale: matrix-js-sdk's sync cache keeps the age a state event
 * first came with, so after a reload a join days old that only the cached state still holds would otherwise look
 * seconds old.
 */
export function joinLocalTime(
  room: Room,
  userId: string | null,
  join: { ts: number | undefined; localTs: number | undefined },
): number | undefined {
  let earliest = typeof join.localTs === "number" && Number.isFinite(join.localTs) ? join.localTs : undefined;
  // Later events are compared with the join's server timestamp: without one, only the join's own age tells.
  if (typeof join.ts !== "number") return earliest;
  const joinTs = join.ts;
  try {
    const server = serverOf(userId);
    const events = room.getLiveTimeline().getEvents();
    // After the user's member event (all of them when it is in the state the timeline starts from).
    let from = 0;
    for (let i = events.length - 1; i >= 0; i--) {
      if (events[i]!.getType() === "m.room.member" && events[i]!.getStateKey() === userId) {
        from = i + 1;
        break;
      }
    }
    for (let i = from; i < events.length; i++) {
      const event = events[i]!;
      if (event.status != null) continue;
      const local = eventLocalTime(event);
      if (local === undefined) continue;
      let implied = local;
      // Both timestamps from one clock: the exact time.
      if (server && serverOf(event.getSender()) === server)
        implied = Math.min(local, local - (event.getTs() - joinTs));
      // Another server's event may have been sent before the join and delivered after it (a server catching up after
      // an outage), its age counting from when it was sent: it bounds the join only if sent after it by its own clock.
      else if (event.getTs() < joinTs) continue;
      if (Number.isFinite(implied) && (earliest === undefined || implied < earliest)) earliest = implied;
    }
  } catch {
    // What the join itself says.
  }
  return earliest;
}
