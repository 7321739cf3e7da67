/**
 * The welcome store lets go of the client on unmount; the notices room store hears a forgotten room. (Behaviour no
 * test pinned down before a mutation hunt of the stores.)
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { ClientEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, useServerNoticesRoom, useWelcomeMessage } from "../../src";
import { welcomeEvent } from "../support/events";
import { NOTICES_ROOM, noticesRoom, welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

describe("store lifecycles", () => {
  it("given useWelcomeMessage mounted and unmounted, no listener of it stays on the client's Room and DeleteRoom events", async () => {
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(
      client,
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Rules")] }),
    );
    const before = [client.listenerCount(ClientEvent.Room), client.listenerCount(ClientEvent.DeleteRoom)];
    const seenStore = createMemorySeenStore();
    const { result, unmount } = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    await waitFor(() => expect(result.current.message?.text).toBe("Rules"));
    unmount();
    expect([client.listenerCount(ClientEvent.Room), client.listenerCount(ClientEvent.DeleteRoom)]).toEqual(
      before,
    );
  });

  it("given the notices room shown, when the app forgets it (the SDK deletes the room), the hook reports no notices room", async () => {
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(client, noticesRoom(ME, { pinned: [] }));
    script.route({ path: /\/forget$/ }, () => ({ json: {} }));
    const { result } = renderHook(() => useServerNoticesRoom(client));
    await waitFor(() => expect(result.current.room?.roomId).toBe(NOTICES_ROOM));
    await act(() => client.forget(NOTICES_ROOM, true));
    expect(client.getRoom(NOTICES_ROOM)).toBeNull();
    await waitFor(() => expect(result.current.room).toBeNull());
  });
});
