/**
 * How long ago the user's join happened, as the homeserver reports it rather than as this device's clock would say
 * from the join's `origin_server_ts`: a device clock a day fast or slow must not hide a fresh join or replay an old one.
 * Only the "how long ago" question uses this; joins are ordered against other events by their server timestamps.
 */
import type { MatrixEvent, Room } from "matrix-js-sdk";
import { serverOf } from "../core/serverOf.js";

/**
 * When `event` happened on this device's clock, from the age its homeserver gave it: matrix-js-sdk sets
 * `localTimestamp = Date.now() - unsigned.age` on arrival. Undefined when the event came without an age (the SDK
 * then puts the server's timestamp there, which says nothing about this device's clock). Never throws.
 */
export function eventLocalTime(event: MatrixEvent | null | undefined): number | undefined {
  try {
    const age = event?.getAge();
    const local = event?.localTimestamp;
    // (Number.isFinite is false for anything but a finite number.)
    return Number.isFinite(age) && Number.isFinite(local) ? local : undefined;
  } catch {
    return undefined;
  }
}

/** The median of `values` (not empty; the lower middle one of an even count). */
function middleOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

/**
 * When the user's join happened on this device's clock, or undefined when nothing tells (then the caller falls back
 * to comparing `origin_server_ts` with the device clock). Never throws.
 *
 * The earliest of: the join's own age-derived time (`localTs`), and what the user's member event in the room's live
 * timeline and each event after it imply. The homeserver ordered those at or after the join: one from the user's own
 * homeserver gives the join's time exactly (its age-derived time minus how much later, by that server's clock, it was
 * sent); another server's, sent after the join by its own clock, was created after it, so its age-derived time bounds
 * the join's. This covers a member event whose age is stale: matrix-js-sdk's sync cache keeps the age a state event
 * first came with (it corrects its timeline's ages), so after a reload a join days old would otherwise look seconds
 * old. When only the state holds the member event, only other servers spoke since, and one of their events shows
 * the join's own age is stale, their bounds may still be hours from the join; then the join's time is at most the
 * middle one of three guesses: its own age, its server timestamp moved by the device clock's offset from other servers' clocks
 * (wrong when their clocks are off), and its server timestamp read on the device clock (wrong when the device clock
 * is off). An age no later event contradicts is taken as it is (the user's own homeserver's clock may be off).
 */
export function joinLocalTime(
  room: Room,
  userId: string | null,
  join: { ts: number | undefined; localTs: number | undefined },
): number | undefined {
  let earliest = Number.isFinite(join.localTs) ? join.localTs : undefined;
  // Later events are compared with the join's server timestamp: without one, only the join's own age tells.
  if (typeof join.ts !== "number") return earliest;
  const joinTs = join.ts;
  try {
    const server = serverOf(userId);
    const events = room.getLiveTimeline().getEvents();
    // From the user's member event (all of them when it is in the state the timeline starts from).
    let from = -1;
    for (let i = events.length - 1; i >= 0; i--) {
      if (events[i]!.getType() === "m.room.member" && events[i]!.getStateKey() === userId) {
        from = i;
        break;
      }
    }
    let exact = false;
    // How far ahead of other servers' clocks the device clock runs, by each of their events.
    const offsets: number[] = [];
    for (let i = Math.max(from, 0); i < events.length; i++) {
      const event = events[i]!;
      if (event.status != null) continue;
      const local = eventLocalTime(event);
      if (local === undefined) continue;
      let implied = local;
      // Both timestamps from one clock: the exact time.
      if (server && serverOf(event.getSender()) === server) {
        implied = Math.min(local, local - (event.getTs() - joinTs));
        exact = true;
      } else {
        offsets.push(local - event.getTs());
        // Another server's event may have been sent before the join and delivered after it (a server catching up
        // after an outage), its age counting from when it was sent: it bounds the join only if sent after it by its
        // own clock.
        if (event.getTs() < joinTs) continue;
      }
      if (Number.isFinite(implied) && (earliest === undefined || implied < earliest)) earliest = implied;
    }
    // The join's own age contradicted by a later event (it is stale, as after a reload): the middle of three guesses.
    const own = join.localTs;
    if (
      from < 0 &&
      !exact &&
      offsets.length > 0 &&
      typeof own === "number" &&
      earliest !== undefined &&
      earliest < own
    ) {
      const middle = middleOf([own, joinTs + middleOf(offsets), joinTs]);
      if (Number.isFinite(middle) && middle < earliest) earliest = middle;
    }
  } catch {
    // What the join itself says.
  }
  return earliest;
}
