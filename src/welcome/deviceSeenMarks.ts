/**
 * The seen marks this device made, kept in Web Storage per user: what the server has not confirmed yet is written
 * from there after a reload, or by the new client an app makes when the user signs in again (a mark made offline or
 * during a soft logout is not lost); what it has keeps the welcome seen while the client holds only its store's saved
 * sync, which may predate the mark. One key per user; other tabs' entries are kept on every write.
 */
import { isRecord } from "../core/isRecord.js";
import { DEVICE_SEEN_MARKS_PREFIX } from "../core/storageKeys.js";
import { type StorageSource, storageOf } from "../core/webStorage.js";

/** The most rooms kept (those whose marks the server has, the least recently marked, go first), and marks per room. */
const MAX_ROOMS = 100;
const MAX_MARKS = 20;

/** A room's marks made on this device (oldest first), and those of them the server lacks, as far as it is known. */
export interface DeviceRoomMarks {
  eventIds: string[];
  unconfirmed: string[];
}

/** A user's seen marks made on this device (see the module's comment). Never throws. */
export interface DeviceSeenMarks {
  /** The rooms with marks, and their marks. */
  entries(): [roomId: string, marks: DeviceRoomMarks][];
  /** Adds a mark the server does not have yet. */
  add(roomId: string, eventId: string): void;
  /** Takes the marks the server has (`serverIds`), or all of them when omitted (refused, left), off the room's unconfirmed. */
  confirm(roomId: string, serverIds?: readonly string[]): void;
}

const strings = (value: unknown) =>
  Array.isArray(value) ? value.filter((id): id is string => typeof id === "string").slice(-MAX_MARKS) : [];

/** What a stored value holds: rooms to marks, only well-formed entries kept. */
function parse(stored: string | null | undefined): Map<string, DeviceRoomMarks> {
  const rooms = new Map<string, DeviceRoomMarks>();
  try {
    const value: unknown = JSON.parse(stored ?? "{}");
    if (!isRecord(value)) return rooms;
    for (const [roomId, entry] of Object.entries(value)) {
      if (!isRecord(entry)) continue;
      const { eventIds, unconfirmed } = entry as Partial<Record<keyof DeviceRoomMarks, unknown>>;
      const ids = strings(eventIds);
      if (ids.length)
        rooms.set(roomId, {
          eventIds: ids,
          unconfirmed: strings(unconfirmed).filter((id) => ids.includes(id)),
        });
    }
  } catch {
    // Unreadable: no marks.
  }
  return rooms;
}

/** The rooms to keep: at most `MAX_ROOMS`, rooms with unconfirmed marks before the others, each kind newest last. */
function capped(rooms: Map<string, DeviceRoomMarks>): [string, DeviceRoomMarks][] {
  const all = [...rooms];
  if (all.length <= MAX_ROOMS) return all;
  const drop = new Set(
    [...all.filter(([, m]) => m.unconfirmed.length === 0), ...all.filter(([, m]) => m.unconfirmed.length > 0)]
      .slice(0, all.length - MAX_ROOMS)
      .map(([roomId]) => roomId),
  );
  return all.filter(([roomId]) => !drop.has(roomId));
}

/** The device seen marks of `userId` in the storage `source` gives (none kept without a user or a storage). */
export function deviceSeenMarks(source: StorageSource, userId: string | null | undefined): DeviceSeenMarks {
  const storage = userId ? storageOf(source) : undefined;
  const key = DEVICE_SEEN_MARKS_PREFIX + (userId ?? "");
  const read = () => {
    try {
      return parse(storage?.getItem(key));
    } catch {
      return new Map<string, DeviceRoomMarks>();
    }
  };
  /** Reads, changes (when `change` says it changed something) and writes back, other tabs' entries included. */
  const update = (change: (rooms: Map<string, DeviceRoomMarks>) => boolean) => {
    if (!storage) return;
    try {
      const rooms = read();
      if (change(rooms)) storage.setItem(key, JSON.stringify(Object.fromEntries(capped(rooms))));
    } catch {
      // Storage full or refused: the marks hold in memory for this session.
    }
  };
  return {
    entries: () => [...read()],
    add(roomId, eventId) {
      update((rooms) => {
        const entry = rooms.get(roomId);
        const without = (ids: string[] = []) => ids.filter((id) => id !== eventId);
        // Set again: the room counts as the most recently marked.
        rooms.delete(roomId);
        const eventIds = [...without(entry?.eventIds), eventId].slice(-MAX_MARKS);
        rooms.set(roomId, {
          eventIds,
          unconfirmed: [...without(entry?.unconfirmed), eventId].filter((id) => eventIds.includes(id)),
        });
        return true;
      });
    },
    confirm(roomId, serverIds) {
      update((rooms) => {
        const entry = rooms.get(roomId);
        const left =
          entry?.unconfirmed.filter((id) => serverIds !== undefined && !serverIds.includes(id)) ?? [];
        if (!entry || left.length === entry.unconfirmed.length) return false;
        entry.unconfirmed = left;
        return true;
      });
    },
  };
}
