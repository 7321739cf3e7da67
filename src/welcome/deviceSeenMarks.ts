/**
 * The seen marks this device made, kept in Web Storage per user: what the server has not confirmed yet is written
 * from there after a reload, or by the new client an app makes when the user signs in again (a mark made offline or
 * during a soft logout is not lost); what it has keeps the welcome seen while the client holds only its store's saved
 * sync, which may predate the mark. One key per user; other tabs' entries are kept on every write.
 */
import { isRecord } from "../core/isRecord.js";
import { type StorageSource, storageOf } from "../core/webStorage.js";

/** The storage key prefix of a user's device seen marks (then the user id). */
export const DEVICE_SEEN_MARKS_PREFIX = "matrix-notice-kit:welcome-seen-device:";
/** The most rooms kept (the least recently marked go first), and marks per room. */
const MAX_ROOMS = 100;
const MAX_MARKS = 20;

/** A room's marks made on this device (oldest first), and whether the server still lacks them. */
export interface DeviceRoomMarks {
  eventIds: string[];
  unconfirmed: boolean;
}

/** A user's seen marks made on this device (see the module's comment). Never throws. */
export interface DeviceSeenMarks {
  /** The rooms with marks, and their marks. */
  entries(): [roomId: string, marks: DeviceRoomMarks][];
  /** Adds a mark the server does not have yet. */
  add(roomId: string, eventId: string): void;
  /** Marks a room's marks as nothing more to write (confirmed, refused, or no longer wanted). */
  settle(roomId: string): void;
}

/** What a stored value holds: rooms to marks, only well-formed entries kept. */
function parse(stored: string | null | undefined): Map<string, DeviceRoomMarks> {
  const rooms = new Map<string, DeviceRoomMarks>();
  try {
    const value: unknown = JSON.parse(stored ?? "{}");
    if (!isRecord(value)) return rooms;
    for (const [roomId, entry] of Object.entries(value)) {
      if (!isRecord(entry)) continue;
      const { eventIds, unconfirmed } = entry as Partial<Record<keyof DeviceRoomMarks, unknown>>;
      if (!Array.isArray(eventIds)) continue;
      const ids = eventIds.filter((id): id is string => typeof id === "string").slice(-MAX_MARKS);
      if (ids.length) rooms.set(roomId, { eventIds: ids, unconfirmed: unconfirmed === true });
    }
  } catch {
    // Unreadable: no marks.
  }
  return rooms;
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
  const update = (change: (rooms: Map<string, DeviceRoomMarks>) => boolean) => {
    if (!storage) return;
    try {
      const rooms = read();
      if (!change(rooms)) return;
      storage.setItem(key, JSON.stringify(Object.fromEntries([...rooms].slice(-MAX_ROOMS))));
    } catch {
      // Storage full or refused: the marks hold in memory for this session.
    }
  };
  return {
    entries: () => [...read()],
    add(roomId, eventId) {
      update((rooms) => {
        const ids = (rooms.get(roomId)?.eventIds ?? []).filter((id) => id !== eventId);
        // Set again: the room counts as the most recently marked.
        rooms.delete(roomId);
        rooms.set(roomId, { eventIds: [...ids, eventId].slice(-MAX_MARKS), unconfirmed: true });
        return true;
      });
    },
    settle(roomId) {
      update((rooms) => {
        const entry = rooms.get(roomId);
        if (!entry?.unconfirmed) return false;
        entry.unconfirmed = false;
        return true;
      });
    },
  };
}
