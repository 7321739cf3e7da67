import { ClientEvent, type MatrixClient, type MatrixEvent, type Room, SyncState } from "matrix-js-sdk";
import { roomOf } from "./roomOf.js";
import { noteRedaction } from "./timelineRedactions.js";

/**
 * Whether `event` is a redaction or an edit in `room` that matrix-js-sdk filed in none of its timelines: with thread
 * support on (Element Web's default) it files one whose target it holds in no timeline (a fetched pinned notice, an
 * event known only from a sync's state section) nowhere, and fires no timeline event for it; the client's `Event`
 * event still tells.
 */
export function isUnfiledRelation(event: MatrixEvent, room: Room | null): room is Room {
  if (!room || event.getRoomId() !== room.roomId) return false;
  if (event.getType() !== "m.room.redaction" && !event.isRelation("m.replace")) return false;
  const id = event.getId();
  return !id || !room.findEventById(id);
}

/** What {@link onThreadedClientEvents} set up: how to undo it, and whether it is still listening. */
interface ThreadedListening {
  /** Undoes it. */
  stop(): void;
  /** Whether its listener (or its wait for the first sync state) is still on the client: an app may remove it. */
  live(): boolean;
}

/**
 * Listens to the client's `Event` event with `listener` while the client has thread support (without it the SDK files
 * every edit and redaction, and a listener there would only cost each event of a sync a call): at once when it has,
 * else, when the client has not synced yet (a component may mount before the app starts it), from its first sync
 * state on if it turns out to have (else `withoutThreads` is called).
 */
function onThreadedClientEvents(
  client: MatrixClient,
  listener: (event: MatrixEvent) => void,
  withoutThreads: () => void = () => {},
): ThreadedListening {
  // A client whose `on` keeps a wrapper (an app's error reporting) never lists the listener: such a one is taken to stay.
  let listed = true;
  const listening = () => !listed || client.listeners(ClientEvent.Event).includes(listener);
  const attach = () => {
    client.on(ClientEvent.Event, listener);
    listed = client.listeners(ClientEvent.Event).includes(listener);
    return () => client.off(ClientEvent.Event, listener);
  };
  if (client.supportsThreads()) return { stop: attach(), live: listening };
  if (client.getSyncState() !== null) {
    withoutThreads();
    return { stop: () => {}, live: () => false };
  }
  let detach: (() => void) | null = null;
  const onSync = (state: SyncState) => {
    // A stopped client's last state comes after `stopClient()` returned, with the old run's thread support: the
    // answer waits for the next run's first state.
    if (state === SyncState.Stopped) return;
    client.off(ClientEvent.Sync, onSync);
    if (client.supportsThreads()) detach = attach();
    else withoutThreads();
  };
  client.on(ClientEvent.Sync, onSync);
  return {
    stop: () => {
      client.off(ClientEvent.Sync, onSync);
      detach?.();
    },
    live: () => (detach ? listening() : client.listeners(ClientEvent.Sync).includes(onSync)),
  };
}

/** Clients whose unfiled redactions and edits are recorded (see {@link recordUnfiledRedactions}), with their recorder. */
const recorders = new WeakMap<MatrixClient, ThreadedListening>();

/** Unfiled edits recorded, each with its room's live timeline when it arrived. */
const unfiledEdits = new WeakMap<MatrixEvent, WeakRef<object>>();

/** Whether `edit` is an unfiled edit recorded while `timeline` was its room's live timeline (no gap since). */
export function isUnfiledEditUnder(edit: MatrixEvent, timeline: object): boolean {
  return unfiledEdits.get(edit)?.deref() === timeline;
}

/**
 * With thread support on, records the client's unfiled redactions and edits from now on (or from its first sync state,
 * if it has not synced yet), also while no store is mounted, so that one mounted later knows of them (the SDK files
 * them in no timeline). One listener per client, kept for its life (put back by the next call when the app removed it,
 * as `client.removeAllListeners()` does); none without thread support, where the SDK files them.
 */
export function recordUnfiledRedactions(client: MatrixClient): void {
  if (recorders.get(client)?.live()) return;
  recorders.delete(client);
  const recorder = onThreadedClientEvents(
    client,
    (event) => {
      const room = roomOf(client, event.getRoomId());
      if (!isUnfiledRelation(event, room)) return;
      if (event.getType() !== "m.room.redaction")
        unfiledEdits.set(event, new WeakRef(room.getLiveTimeline()));
      else noteRedaction(room, event);
    },
    // Asked again at the next mount: the client may be started again with threads on.
    () => recorders.delete(client),
  );
  if (recorder.live()) recorders.set(client, recorder);
}

/**
 * For a store: hears the unfiled redactions and edits of its room (`room()`, read at each event) with `listener`, and
 * starts the client's recorder (see {@link recordUnfiledRedactions}) for what arrives while no store is mounted.
 * Returns what stops the listening (the recorder stays).
 */
export function onUnfiledRelations(
  client: MatrixClient,
  room: () => Room | null,
  listener: (event: MatrixEvent, room: Room) => void,
): () => void {
  const { stop } = onThreadedClientEvents(client, (event) => {
    const current = room();
    if (isUnfiledRelation(event, current)) listener(event, current);
  });
  recordUnfiledRedactions(client);
  return stop;
}
