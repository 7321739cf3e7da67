/**
 * A room the user leaves and then forgets (`client.forget`: the SDK drops it from its store and emits `DeleteRoom`)
 * while the kit stays mounted: the hooks say the room is gone, and nothing of the kit keeps the dead Room (a lifecycle
 * review's probes; the permission and notices cases failed before).
 */
import { act, render, renderHook, screen } from "@testing-library/react";
import type { MatrixClient, Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import {
  defaultWelcomeEditorLabels,
  useServerNotices,
  useWelcomeEditPermission,
  useWelcomeMessage,
  WelcomeEditor,
} from "../../src";
import { collected } from "../support/collected";
import { EDITOR_ROOM, MODERATOR, moderatorsWorld } from "../support/editor";
import { memberEvent, serverNoticeEvent } from "../support/events";
import { listenerTotal } from "../support/listeners";
import { NOTICES_ROOM, noticesRoom } from "../support/scenarios";
import type { SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

async function leaveThenForget(script: SyncScript, client: MatrixClient, roomId: string, userId: string) {
  script.route({ method: "POST", path: /\/forget$/ }, () => ({ json: {} }));
  await act(() =>
    script.push({
      leave: { [roomId]: { timeline: [memberEvent(userId, "leave", { prevMembership: "join" })] } },
    }),
  );
  await act(async () => {
    await client.forget(roomId);
  });
  expect(client.getRoom(roomId)).toBeNull();
}

/**
 * The kit's listeners left on the room `hold` gives up, and a weak reference to it (`hold` drops the test's own
 * reference, so that only the kit could keep it).
 */
function letGo(hold: { room?: Room | undefined }, listenersBefore: number) {
  const listeners = listenerTotal(hold.room!) - listenersBefore;
  const ref = new WeakRef(hold.room!);
  hold.room = undefined;
  return { listeners, ref };
}

describe("given a moderator's editor room that is left and forgotten", () => {
  it("useWelcomeEditPermission says the room is unknown, and lets the Room go", async () => {
    const { client, script } = await moderatorsWorld();
    const hold: { room?: Room | undefined } = { room: client.getRoom(EDITOR_ROOM)! };
    const before = listenerTotal(hold.room!);
    const { result, rerender } = renderHook(() => useWelcomeEditPermission(client, EDITOR_ROOM));
    expect(result.current.canEdit).toBe(true);
    await leaveThenForget(script, client, EDITOR_ROOM, MODERATOR);
    rerender();
    expect(result.current.reason).toBe("unknown-room");
    const { listeners, ref } = letGo(hold, before);
    expect(listeners).toBe(0);
    expect(await collected(ref)).toBe(true);
  });

  it("the editor turns read-only and says the room isn't available (not 'join the room')", async () => {
    const { client, script } = await moderatorsWorld();
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    expect(screen.getByRole("textbox")).not.toHaveAttribute("readonly");
    await leaveThenForget(script, client, EDITOR_ROOM, MODERATOR);
    expect(screen.getByText(defaultWelcomeEditorLabels.readOnlyUnknownRoom)).toBeInTheDocument();
    expect(screen.queryByText(defaultWelcomeEditorLabels.readOnlyNotJoined)).toBeNull();
  });

  it("useWelcomeMessage lets the Room go too", async () => {
    const { client, script } = await moderatorsWorld();
    const hold: { room?: Room | undefined } = { room: client.getRoom(EDITOR_ROOM)! };
    const before = listenerTotal(hold.room!);
    renderHook(() => useWelcomeMessage(client, EDITOR_ROOM));
    await leaveThenForget(script, client, EDITOR_ROOM, MODERATOR);
    const { listeners, ref } = letGo(hold, before);
    expect(listeners).toBe(0);
    expect(await collected(ref)).toBe(true);
  });
});

describe("given the notices room, left and forgotten while the banner's hook is mounted", () => {
  it("the hook has no room and no notices, and lets the Room and its pins go", async () => {
    const ME = "@alice:example.org";
    const notice = serverNoticeEvent("Local");
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const hold: { room?: Room | undefined } = { room: client.getRoom(NOTICES_ROOM)! };
    const before = listenerTotal(hold.room!);
    const { result, rerender } = renderHook(() => useServerNotices(client));
    expect(result.current.notices).toHaveLength(1);
    await leaveThenForget(script, client, NOTICES_ROOM, ME);
    // React keeps each component's previous render (its old snapshot) until the next one.
    rerender();
    expect(result.current.room).toBeNull();
    expect(result.current.notices).toEqual([]);
    const { listeners, ref } = letGo(hold, before);
    expect(listeners).toBe(0);
    expect(await collected(ref)).toBe(true);
  });
});
