import { ClientEvent, type MatrixClient, RoomEvent } from "matrix-js-sdk";

/** Counts listeners on SDK emitters, to prove that unmounting leaves nothing behind. */
type Emitter = { eventNames(): (string | symbol)[]; listenerCount(event: never): number };

/** Total listeners attached to the given emitters (client, rooms, ...). */
export function listenerTotal(...emitters: Emitter[]): number {
  let n = 0;
  for (const e of emitters) for (const name of e.eventNames()) n += e.listenerCount(name as never);
  return n;
}

/** The client listeners an account-data seen store may hold: `[account data, sync]`. */
export function seenStoreListeners(client: MatrixClient): [accountData: number, sync: number] {
  return [client.listenerCount(RoomEvent.AccountData), client.listenerCount(ClientEvent.Sync)];
}
