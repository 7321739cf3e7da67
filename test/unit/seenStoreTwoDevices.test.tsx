// Two live devices whose marks in one room together exceed MAX_SEEN_EDITIONS: each repairs only its latest mark,
// so a few writes settle it instead of the devices overwriting each other forever.
import { waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createAccountDataSeenStore, WELCOME_SEEN_ACCOUNT_DATA_TYPE } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { seenMarkWrites } from "../support/seenMarks";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

async function device(deviceId: string) {
  const script = new SyncScript({ userId: ME, deviceId });
  const client = script.createClient();
  await script.start(client, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules")] }));
  return { script, client };
}

describe("the account-data seen store across two live devices", () => {
  it("does not ping-pong writes forever when the two devices' marks together exceed MAX_SEEN_EDITIONS", async () => {
    const a = await device("LAPTOP");
    const b = await device("PHONE");
    // One homeserver: each device's PUT reaches the other device's sync too (and its own, via the script's echo).
    // Circuit breaker so the test ends: after 200 PUTs the "server" refuses further writes.
    let total = 0;
    const cap = () => (++total > 200 ? { status: 403, errcode: "M_FORBIDDEN" } : undefined);
    a.script.route({ method: "PUT", path: /account_data/ }, (req) => {
      const stop = cap();
      if (stop) return stop;
      b.script.queueBatch({
        join: {
          [ROOM]: {
            accountData: [
              { type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: req.body as Record<string, unknown> },
            ],
          },
        },
      });
      return undefined;
    });
    b.script.route({ method: "PUT", path: /account_data/ }, (req) => {
      const stop = cap();
      if (stop) return stop;
      a.script.queueBatch({
        join: {
          [ROOM]: {
            accountData: [
              { type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: req.body as Record<string, unknown> },
            ],
          },
        },
      });
      return undefined;
    });
    const storeA = createAccountDataSeenStore(a.client, { retry: { baseDelayMs: 5 } });
    const storeB = createAccountDataSeenStore(b.client, { retry: { baseDelayMs: 5 } });
    // Both devices show the room's welcome dialog (subscribed, as useWelcomeMessage is while mounted).
    storeA.subscribe(() => {});
    storeB.subscribe(() => {});
    // A long-lived laptop session saw 20 editions of the welcome (each confirmed on the server).
    for (let i = 1; i <= 20; i++) {
      storeA.markSeen(ROOM, `$e${i}:example.org`);
      await waitFor(() => expect(seenMarkWrites(a.script).at(-1)).toContain(`$e${i}:example.org`));
    }
    await waitFor(() => expect(storeB.getSeen(ROOM)).toHaveLength(20));
    await new Promise((r) => setTimeout(r, 100));
    const before = seenMarkWrites(a.script).length + seenMarkWrites(b.script).length;
    // The phone sees edition 21.
    storeB.markSeen(ROOM, "$e21:example.org");
    await new Promise((r) => setTimeout(r, 1500));
    const after = seenMarkWrites(a.script).length + seenMarkWrites(b.script).length;
    // A handful of writes settle it; the devices should not keep overwriting each other.
    expect(after - before).toBeLessThan(10);
  }, 40_000);
});
