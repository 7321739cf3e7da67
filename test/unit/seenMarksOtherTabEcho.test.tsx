/**
 * Two tabs of one user (two clients, one localStorage). Tab A marks an edition; its write succeeds, and the tab closes
 * before the echo. Tab B, which marked the room earlier (settled since), gets the echo: the device's record of marks
 * the server lacks is settled by it, so a later page writes back nothing another device clears meanwhile. Also when
 * tab B's store has nothing subscribed when the echo comes (the user elsewhere than a room), and subscribes later.
 */
import { act, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createAccountDataSeenStore, DEVICE_SEEN_MARKS_PREFIX } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { seenMarksData, seenMarksSync, seenMarkWrites } from "../support/seenMarks";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const deviceMarks = () => JSON.parse(localStorage.getItem(DEVICE_SEEN_MARKS_PREFIX + ME) ?? "{}");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterEach(() => localStorage.clear());

async function tab(echo: boolean, accountData: string[] = ["$e0"]) {
  const script = new SyncScript({ userId: ME, echoAccountData: echo });
  const client = script.createClient();
  const batch = welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] });
  (batch.join![ROOM] as { accountData?: unknown }).accountData = seenMarksData(accountData);
  await script.start(client, batch);
  return { script, client };
}

/** The two tabs' story; `detached`: tab B's store has nothing subscribed when the echo comes, and subscribes after. */
async function otherTabEcho(detached: boolean) {
  // Tab B: marked $e0 earlier in the session, confirmed.
  const b = await tab(true, []);
  const storeB = createAccountDataSeenStore(b.client);
  const off = storeB.subscribe(() => {});
  act(() => storeB.markSeen(ROOM, "$e0"));
  await waitFor(() => expect(seenMarkWrites(b.script)).toHaveLength(1));
  await act(async () => {
    await b.script.push({});
    await sleep(20);
  });
  expect(deviceMarks()[ROOM].unconfirmed).toEqual([]);
  if (detached) off();

  // Tab A (server copy [$e0]): marks $e1, its write is answered, the tab closes before the echo.
  const a = await tab(false);
  const storeA = createAccountDataSeenStore(a.client);
  act(() => storeA.markSeen(ROOM, "$e1"));
  await waitFor(() => expect(seenMarkWrites(a.script)).toEqual([["$e0", "$e1"]]));
  await act(() => sleep(20));
  a.client.stopClient();
  expect(deviceMarks()[ROOM].unconfirmed).toEqual(["$e1"]);

  // Tab B gets the echo of tab A's write (and, detached, the user opens a room again).
  await act(async () => {
    await b.script.push(seenMarksSync(ROOM, ["$e0", "$e1"]));
    await sleep(20);
  });
  if (detached) storeB.subscribe(() => {});
  await act(() => sleep(20));
  expect(storeB.getSeen(ROOM)).toEqual(["$e0", "$e1"]);
  // The server has it: nothing on this device is waiting for the server any more.
  expect(deviceMarks()[ROOM].unconfirmed).toEqual([]);
  b.client.stopClient();

  // Another device clears the marks; the next page here writes back no mark the server had.
  const c = await tab(true, []);
  createAccountDataSeenStore(c.client).subscribe(() => {});
  await act(async () => {
    await c.script.push({});
    await sleep(50);
  });
  expect(seenMarkWrites(c.script)).toEqual([]);
  c.client.stopClient();
}

describe("another tab's mark, settled by this tab's news", () => {
  it("given tab A's answered write echoed only to tab B, which marked the room before, the mark is settled and a later page writes nothing back", async () => {
    await otherTabEcho(false);
  });

  it("given the echo coming while tab B's store has nothing subscribed, the mark is settled at its next subscribe, and a later page writes nothing back", async () => {
    await otherTabEcho(true);
  });
});
