/**
 * A moderator clearing spam in a room whose welcome is watched: the local echoes of their redactions are kept only
 * while they may still matter (until sent, and only when they redact what the kit reads), never for the room's life.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useWelcomeMessage } from "../../src";
import { keptRedactionEchoes } from "../../src/core/timelineRedactions";
import { textMessageEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@mod:example.org";
const ROOM = "!busy:example.org";

async function busyRoom(spam: number) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  const msgs = Array.from({ length: spam }, (_, i) => textMessageEvent(`spam ${i}`));
  const batch = welcomeRoom(ME, ROOM, {
    welcome: [welcomeEvent("House rules", undefined, { unstable: true, sender: "@owner:example.org" })],
  });
  batch.join?.[ROOM]?.timeline?.push(...msgs);
  await script.start(client, batch);
  return { script, client, msgs };
}

describe("the user's own redactions in a room whose welcome is watched", () => {
  it("given 20 spam messages redacted, once the homeserver accepted them no echo is kept (none redacts what the kit reads)", async () => {
    const { client, msgs } = await busyRoom(20);
    const hook = renderHook(() => useWelcomeMessage(client, ROOM));
    const room = client.getRoom(ROOM)!;
    for (const m of msgs) await act(() => client.redactEvent(ROOM, m.event_id));
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(hook.result.current.message?.text).toBe("House rules");
    expect(keptRedactionEchoes(room)).toBe(0);
    hook.unmount();
  });

  it("control: a redaction of the welcome itself still takes the welcome away", async () => {
    const { client } = await busyRoom(0);
    const hook = renderHook(() => useWelcomeMessage(client, ROOM));
    const welcomeId = hook.result.current.message?.eventId;
    expect(welcomeId).toBeTruthy();
    await act(() => client.redactEvent(ROOM, welcomeId!));
    await waitFor(() => expect(hook.result.current.message).toBeNull());
    hook.unmount();
  });
});
