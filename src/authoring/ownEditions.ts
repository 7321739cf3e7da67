/**
 * What one account's welcome editors did to a room's welcome, shared by every editor of that room (also one closed and
 * opened again while its save was out), so that the echoes of their own saves are never taken for someone else's.
 */
import type { MatrixClient } from "matrix-js-sdk";
import { getOrCreate } from "../core/getOrCreate.js";

/** A save that has not been confirmed by an answer (out, failed or timed out): its echo makes it the author's own. */
export interface UnconfirmedSave {
  /** The plain text it publishes. */
  readonly text: string;
  /** The draft's source it was made from. */
  readonly source: string;
  /** The editions it replaces: the one its draft began from, and the one readers saw when it was sent. */
  readonly replaces: readonly string[];
  /** Its echo's event id, once seen (perhaps before its answer, or instead of it). */
  echo?: string | undefined;
}

/** An account's own editions of one room's welcome. */
export interface OwnEditions {
  /** Editions its saves published ("" for a removal, until the removal's echo). */
  readonly published: Set<string>;
  /** Editions those saves replaced. */
  readonly replaced: Set<string>;
  /** Saves not confirmed by an answer (the server may have applied them all the same). */
  readonly unconfirmed: Set<UnconfirmedSave>;
}

const byClient = new WeakMap<MatrixClient, Map<string, OwnEditions>>();

/** The own editions of `roomId` for the client's account (one record per account and room). */
export function ownEditions(client: MatrixClient, roomId: string): OwnEditions {
  const rooms = getOrCreate(byClient, client, () => new Map<string, OwnEditions>());
  return getOrCreate(rooms, `${client.getUserId()}|${roomId}`, () => ({
    published: new Set(),
    replaced: new Set(),
    unconfirmed: new Set(),
  }));
}

/**
 * Takes `eventId` (an edition sent by the account with `text`) as the echo of an unconfirmed save, if one publishes that
 * text: it becomes an own edition. Returns the save it confirms, if any.
 */
export function confirmByEcho(own: OwnEditions, eventId: string, text: string): UnconfirmedSave | undefined {
  for (const save of own.unconfirmed)
    if (save.text === text) {
      own.unconfirmed.delete(save);
      save.echo = eventId;
      own.published.add(eventId);
      for (const id of save.replaces) own.replaced.add(id);
      return save;
    }
  return undefined;
}
