/**
 * What one account's welcome editors did to a room's welcome, shared by every editor of that room (also one closed and
 * opened again while its save was out), so that the echoes of their own saves are never taken for someone else's.
 */
import type { MatrixClient } from "matrix-js-sdk";
import { getOrCreate } from "../core/getOrCreate.js";
import type { WelcomeDraft } from "./draftStore.js";

/**
 * A save (or a removal) that has not been confirmed by an answer (out, failed or timed out): its echo makes it the
 * author's own.
 */
export interface UnconfirmedSave {
  /** A removal (its echo: the welcome gone), not a save. */
  readonly removal?: boolean | undefined;
  /** The plain text it publishes. */
  readonly text: string;
  /** The Markdown source it publishes beside it, if any (two saves of one text may differ only there). */
  readonly markdown?: string | undefined;
  /** The draft it was made from (for a removal: the draft open when it was asked for). */
  readonly draft: WelcomeDraft;
  /** The editions it replaces: the one its draft began from, and the one readers saw when it was sent. */
  readonly replaces: readonly string[];
  /** Its echo's event id, once seen (perhaps before its answer, or instead of it). */
  echo?: string | undefined;
  /** Its request is out (no answer, no failure yet). */
  out?: boolean | undefined;
  /** How its request ended, for an editor of the room opened while it was out: the edition, or the error. */
  outcome?: { readonly eventId: string } | { readonly error: unknown } | undefined;
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

/** Editors told when a save's request goes out or ends (any account's, any room's: editors are few). */
const requestListeners = new Set<() => void>();
/** Changes whenever a save's request goes out or ends (for `useSyncExternalStore`). */
let requestsVersion = 0;

/** Hears saves' requests go out and end; returns the unsubscribe function. */
export function subscribeRequests(listener: () => void): () => void {
  requestListeners.add(listener);
  return () => requestListeners.delete(listener);
}

/** A value that changes whenever a save's request goes out or ends. */
export const requestsChanged = () => requestsVersion;

/** Marks the request of `save` out (or ended), telling every editor. */
export function setOut(save: UnconfirmedSave, out: boolean): void {
  save.out = out;
  requestsVersion++;
  for (const listener of [...requestListeners]) listener();
}

/** Records `eventId` as an own edition (an answer or an echo), and the editions it replaced. */
export function claim(own: OwnEditions, eventId: string, replaces: readonly string[]): void {
  own.published.add(eventId);
  for (const id of replaces) own.replaced.add(id);
}

/** Whether an edition with this plain text and Markdown source is what the save `save` publishes. */
export const publishes = (save: UnconfirmedSave, text: string | undefined, markdown: string | undefined) =>
  !save.removal && save.text === text && save.markdown === markdown;

/**
 * Takes an edition sent by the account (`eventId`, its plain text and Markdown source), or the welcome's removal
 * (`eventId` ""), as the echo of the unconfirmed saves (or removals) that publish exactly that: they become own
 * editions. An edition that already answered a save is no echo of another. Returns the saves it confirms.
 */
export function confirmByEcho(
  own: OwnEditions,
  eventId: string,
  text: string,
  markdown: string | undefined,
  /** For a removal's echo: whether the room's state shows that removal (see the editor's `removedByMe`). */
  removedBy: (removal: UnconfirmedSave) => boolean = () => true,
): UnconfirmedSave[] {
  if (eventId !== "" && own.published.has(eventId)) return [];
  const confirmed = [...own.unconfirmed].filter((save) =>
    eventId === "" ? save.removal && removedBy(save) : publishes(save, text, markdown),
  );
  for (const save of confirmed) {
    own.unconfirmed.delete(save);
    save.echo = eventId;
    claim(own, eventId, save.replaces);
  }
  return confirmed;
}
