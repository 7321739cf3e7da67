/**
 * The account-data seen store's writes: none needed, one held back by the server, and the repair limit. (Behaviour no
 * test pinned down before a mutation hunt of the stores.)
 */
import { waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createAccountDataSeenStore, WELCOME_SEEN_ACCOUNT_DATA_TYPE } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { seenMarksSync, seenMarkWrites } from "../support/seenMarks";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PUT = { method: "PUT", path: /account_data/ };

async function world() {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
  return { script, client };
}

describe("account-data seen marks", () => {
  it("given the server already has an edition's mark (another device's), when this device marks it seen, nothing is written", async () => {
    const { script, client } = await world();
    const store = createAccountDataSeenStore(client, { retry: { baseDelayMs: 5 }, deviceMarks: null });
    store.subscribe(() => {});
    script.queueBatch(seenMarksSync(ROOM, ["$e:example.org"]));
    await waitFor(() => expect(store.getSeen(ROOM)).toContain("$e:example.org"));
    store.markSeen(ROOM, "$e:example.org");
    await sleep(150);
    expect(seenMarkWrites(script)).toEqual([]);
  });

  it("given a write the server rate-limited for 400 ms, when another edition is marked meanwhile, nothing is written before the wait ends", async () => {
    const { script, client } = await world();
    script.fail(PUT, { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 400 } });
    const store = createAccountDataSeenStore(client, { retry: { baseDelayMs: 5 }, deviceMarks: null });
    store.markSeen(ROOM, "$a:example.org");
    await waitFor(() => expect(seenMarkWrites(script)).toHaveLength(1));
    const first = script.requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT")[0]!.at;
    await sleep(50);
    store.markSeen(ROOM, "$b:example.org");
    await waitFor(() => expect(seenMarkWrites(script)).toHaveLength(2), { timeout: 3000 });
    const second = script.requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT")[1]!;
    expect(second.at - first).toBeGreaterThanOrEqual(380);
    expect((second.body as { event_ids: string[] }).event_ids).toEqual(["$a:example.org", "$b:example.org"]);
  });

  it("given another device keeps dropping this device's mark, this device rewrites it at most 5 times", async () => {
    const { script, client } = await world();
    script.route(PUT, () => {
      script.queueBatch(seenMarksSync(ROOM, ["$other:example.org"]));
      return { json: {} };
    });
    const store = createAccountDataSeenStore(client, { retry: { baseDelayMs: 5 }, deviceMarks: null });
    store.subscribe(() => {});
    store.markSeen(ROOM, "$mine:example.org");
    await sleep(2500);
    // The first write, then at most five repairs.
    expect(seenMarkWrites(script).length).toBeLessThanOrEqual(6);
    expect(seenMarkWrites(script).length).toBeGreaterThanOrEqual(2);
  }, 20_000);
});
