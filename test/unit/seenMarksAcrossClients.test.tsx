/**
 * The seen marks this device made, shared by every client of the user on it (tabs, the new client after a soft
 * logout, the next page): one client's confirmed mark settles no other's unconfirmed one, a mark restored for a room
 * that arrives late is still written, a mark another device cleared is never written back, and nothing is written
 * from the SDK's saved sync alone. From a review's probes.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createAccountDataSeenStore, DEVICE_SEEN_MARKS_PREFIX, useWelcomeMessage } from "../../src";
import { welcomeEvent } from "../support/events";
import { seenStoreListeners } from "../support/listeners";
import { clientOn, newProfile, reload } from "../support/savedSync";
import { welcomeRoom } from "../support/scenarios";
import { seenMarksData, seenMarksSync, seenMarkWrites } from "../support/seenMarks";
import { type SyncBatch, SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A sync bringing the room's seen marks. */
const marks = (eventIds: string[]) => seenMarksSync(ROOM, eventIds);
/** The room joined with `welcome`, the server holding `serverMarks` when given. */
function joined(welcome: ReturnType<typeof welcomeEvent>, serverMarks?: string[]): SyncBatch {
  const batch = welcomeRoom(ME, ROOM, { welcome: [welcome], prevMembership: "invite" });
  if (serverMarks) batch.join![ROOM]!.accountData = seenMarksData(serverMarks);
  return batch;
}
/** A started client of the user whose first sync is `batch`. */
async function started(
  batch: SyncBatch,
  options: ConstructorParameters<typeof SyncScript>[0] = { userId: ME },
) {
  const script = new SyncScript(options);
  const client = script.createClient();
  await script.start(client, batch);
  return { script, client };
}
/** What an earlier page left in this device's marks. */
const leftByEarlierPage = (roomMarks: { eventIds: string[]; unconfirmed: string[] }) =>
  localStorage.setItem(DEVICE_SEEN_MARKS_PREFIX + ME, JSON.stringify({ [ROOM]: roomMarks }));

describe("this device's seen marks across its clients", () => {
  it("given one tab's mark confirmed while another tab's could not be written, the next page writes the other", async () => {
    const welcome = welcomeEvent("Rules");
    const a = await started(joined(welcome), { userId: ME, echoAccountData: false });
    const b = await started(joined(welcome));
    const storeA = createAccountDataSeenStore(a.client);
    const storeB = createAccountDataSeenStore(b.client);
    storeA.markSeen(ROOM, "$E1");
    await waitFor(() => expect(seenMarkWrites(a.script)).toEqual([["$E1"]]));
    b.script.fail({ path: /account_data/ }, "network", 100);
    storeB.markSeen(ROOM, "$E2");
    // Tab A's echo: the server has E1, not E2.
    await act(() => a.script.push(marks(["$E1"])));
    b.client.stopClient();
    const next = await started(joined(welcome, ["$E1"]));
    createAccountDataSeenStore(next.client).subscribe(() => {});
    await waitFor(() => expect(seenMarkWrites(next.script)).toEqual([["$E1", "$E2"]]));
  });

  it("given a mark an earlier page could not write, it is written when its room arrives after the first live sync", async () => {
    const welcome = welcomeEvent("Rules");
    leftByEarlierPage({ eventIds: [welcome.event_id], unconfirmed: [welcome.event_id] });
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    const store = createAccountDataSeenStore(client);
    store.subscribe(() => {});
    // The first live response without the room (as a sliding-sync window may), then mounts meanwhile (room
    // switches: they are no syncs the write waited), the room next.
    await script.start(client, {});
    for (let i = 0; i < 5; i++) store.subscribe(() => {});
    await act(() => script.push(joined(welcome)));
    await waitFor(() => expect(seenMarkWrites(script)).toEqual([[welcome.event_id]]));
  });

  it("given a mark an earlier page could not write for a room that never arrives, the store stops watching, keeping it for a later page", async () => {
    const welcome = welcomeEvent("Rules");
    leftByEarlierPage({ eventIds: [welcome.event_id], unconfirmed: [welcome.event_id] });
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    const before = seenStoreListeners(client);
    const unsubscribe = createAccountDataSeenStore(client).subscribe(() => {});
    // Left while the page was closed: the syncs never bring the room.
    await script.start(client, welcomeRoom(ME, "!other:example.org"));
    for (let i = 0; i < 5; i++) await act(() => script.push({}));
    unsubscribe();
    expect(seenStoreListeners(client)).toEqual(before);
    expect(seenMarkWrites(script)).toEqual([]);
    expect(JSON.parse(localStorage.getItem(DEVICE_SEEN_MARKS_PREFIX + ME)!)[ROOM].unconfirmed).toEqual([
      welcome.event_id,
    ]);
  });

  it("given a mark an earlier page had confirmed and another device cleared since, the next mark does not write it back", async () => {
    const welcome = welcomeEvent("Rules");
    leftByEarlierPage({ eventIds: ["$old:example.org"], unconfirmed: [] });
    const { script, client } = await started(joined(welcome, []));
    createAccountDataSeenStore(client).markSeen(ROOM, welcome.event_id as string);
    await waitFor(() => expect(seenMarkWrites(script)).toEqual([[welcome.event_id]]));
  });

  it("given the welcome confirmed while the page holds only the saved sync, the mark is written with the live marks", async () => {
    const welcome = welcomeEvent("Rules");
    const profile = newProfile();
    const firstScript = new SyncScript({ userId: ME });
    const first = await clientOn(firstScript, profile);
    await firstScript.start(first.client, joined(welcome));
    first.client.stopClient();
    await first.store.save(true);
    // The reloaded page, its first live /sync slow to come: the welcome shows its message, awaiting sync.
    const { script, client } = await reload(profile, new SyncScript({ userId: ME }));
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    expect(result.current.decision.reason).toBe("awaiting-sync");
    act(() => result.current.markSeen());
    await act(() => sleep(100));
    expect(seenMarkWrites(script)).toEqual([]);
    // The live response: another device's mark since the save is there, and the write keeps it.
    await act(() => script.push(marks(["$other-device:example.org"])));
    await waitFor(() =>
      expect(seenMarkWrites(script)).toEqual([["$other-device:example.org", welcome.event_id]]),
    );
  });
});
