/** The welcome's seen marks as the homeserver sees them: the account-data writes it received, and a sync bringing some. */
import { WELCOME_SEEN_ACCOUNT_DATA_TYPE } from "../../src";
import type { SyncBatch, SyncScript } from "./syncScript";

/** The path of a room's seen marks on the homeserver (room account data), for routes and request counts. */
export const SEEN_MARKS_PATH =
  /\/user\/[^/]+\/rooms\/[^/]+\/account_data\/io\.github\.matrix_notice_kit\.welcome_seen$/;

/** The reads of seen marks (room account data GETs) the script's homeserver received, in order. */
export const seenMarkReads = (script: SyncScript) => script.requestsTo(SEEN_MARKS_PATH, "GET");

/** The marks each seen-mark write the script's homeserver received carried, in order. */
export const seenMarkWrites = (script: SyncScript) =>
  script
    .requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT")
    .map((r) => (r.body as { event_ids: string[] }).event_ids);

/** The room account data holding `eventIds` as the server's seen marks. */
export const seenMarksData = (eventIds: string[]) => [
  { type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: eventIds } },
];

/** A sync that brings the room's seen marks `eventIds` (another device's write, or this one's echo). */
export const seenMarksSync = (roomId: string, eventIds: string[]): SyncBatch => ({
  join: { [roomId]: { accountData: seenMarksData(eventIds) } },
});
