/**
 * Reloads as Element Web has them: matrix-js-sdk's `IndexedDBStore` (over fake-indexeddb) keeps a browser profile's
 * saved sync, which a later client on the same profile starts from, before any request and offline too.
 */
import { IDBFactory } from "fake-indexeddb";
import { IndexedDBStore, SyncState } from "matrix-js-sdk";
import { type SyncScript, waitForSyncState } from "./syncScript";

let profiles = 0;
/** A browser profile's IndexedDB: what survives a reload. */
export const newProfile = () => ({ idb: new IDBFactory(), dbName: `profile-${++profiles}` });
/** A browser profile (see {@link newProfile}). */
export type Profile = ReturnType<typeof newProfile>;

/** A client of `script` on the profile's store, started up as Element Web does before `startClient`. */
export async function clientOn(script: SyncScript, profile: Profile) {
  const store = new IndexedDBStore({
    indexedDB: profile.idb as unknown as IDBFactory & globalThis.IDBFactory,
    localStorage: globalThis.localStorage,
    dbName: profile.dbName,
  });
  const client = script.createClient({ store });
  await store.startup();
  return { client, store };
}

/** The reloaded page: a client of `script` on the profile, once PREPARED from the saved sync (no live response yet). */
export async function reload(profile: Profile, script: SyncScript) {
  const { client } = await clientOn(script, profile);
  const prepared = waitForSyncState(client, SyncState.Prepared);
  void client.startClient({ initialSyncLimit: 50 });
  await prepared;
  return { script, client };
}

/** `script` with its homeserver unreachable: `/sync` and what the SDK asks at its start fail `times` times each. */
export function unreachable(script: SyncScript, times: number): SyncScript {
  for (const path of [/\/sync$/, /\/versions$/, /pushrules/]) script.fail({ path }, "network", times);
  return script;
}
