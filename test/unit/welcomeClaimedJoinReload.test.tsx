/**
 * An invite whose state claims the user joined is noted in memory. After a reload the SDK's saved sync replays that
 * invite at `startClient`, before a room view mounts a welcome hook: `watchPreviewWelcomes(client)`, called before
 * `startClient`, hears the replay, so the claim still names no first join. (Found by a review, CG.)
 */
import { act, renderHook } from "@testing-library/react";
import { SyncState } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, useWelcomeMessage, watchPreviewWelcomes } from "../../src";
import { memberEvent, nameEvent, welcomeEvent } from "../support/events";
import { clientOn, newProfile } from "../support/savedSync";
import { SyncScript, waitForSyncState } from "../support/syncScript";

const ME = "@bob:example.org";
const EVIL = "@mallory:evil.example";
const ROOM = "!lounge:example.org";

describe("an invite claiming Bob joined, across a reload", () => {
  it("given watchPreviewWelcomes called before startClient, after a reload the claim shows no welcome", async () => {
    const profile = newProfile();
    const script = new SyncScript({ userId: ME });
    const { client, store } = await clientOn(script, profile);
    const release = watchPreviewWelcomes(client);
    await script.start(client, {});
    await script.push({
      invite: {
        [ROOM]: [
          memberEvent(ME, "invite", { sender: EVIL }),
          nameEvent("Lounge", { sender: EVIL }),
          memberEvent(ME, "join", { prevMembership: "invite" }),
          welcomeEvent("Verify your account at evil.example", undefined, { sender: EVIL }),
        ],
      },
      strippedStateAs: "whole",
    });
    client.stopClient();
    release();
    await store.save(true);

    // The page reloads: the app watches before it starts the client, and mounts the room view once it is ready.
    const again = await clientOn(new SyncScript({ userId: ME }), profile);
    watchPreviewWelcomes(again.client);
    const prepared = waitForSyncState(again.client, SyncState.Prepared);
    void again.client.startClient({ initialSyncLimit: 50 });
    await prepared;
    const { result } = renderHook(() =>
      useWelcomeMessage(again.client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    await act(() => new Promise((r) => setTimeout(r, 20)));

    expect(again.client.getRoom(ROOM)?.getMyMembership()).toBe("join"); // what the SDK believes
    expect(result.current.message).toBeNull();
    expect(result.current.shouldShow).toBe(false);
  });
});
