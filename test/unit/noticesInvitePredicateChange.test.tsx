/**
 * An app's `isNoticesInvite` that changes over time (it learns its notices sender later, e.g. from config loaded
 * after the first render): the invite already pending is asked about again, and `autoJoin` joins it.
 */
import { act, render, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  NoticeBanner,
  type NoticesInvitePredicate,
  useServerNoticesRoom,
} from "../../src";
import { NOTICES_ROOM, NOTICES_USER, noticesInvite } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";

describe("isNoticesInvite that changes over time", () => {
  it("useServerNoticesRoom: a predicate that starts recognising the pending invite (app config loaded) finds it", async () => {
    const { client } = await startWorld(ME, noticesInvite(ME));
    let sender: string | null = null;
    const { result, rerender } = renderHook(
      ({ isNoticesInvite }: { isNoticesInvite: NoticesInvitePredicate }) =>
        useServerNoticesRoom(client, { isNoticesInvite }),
      { initialProps: { isNoticesInvite: ({ inviter }) => inviter === sender } },
    );
    await act(async () => {});
    expect(result.current.invite).toBeNull();
    sender = NOTICES_USER; // the app learnt its notices sender (e.g. from its config)
    rerender({ isNoticesInvite: ({ inviter }) => inviter === sender });
    await act(async () => {});
    expect(result.current.invite?.roomId).toBe(NOTICES_ROOM);
  });

  it("given a predicate that stops recognising the invite, the invite is no longer the notices invite", async () => {
    const { client } = await startWorld(ME, noticesInvite(ME));
    const { result, rerender } = renderHook(
      ({ known }: { known: boolean }) =>
        useServerNoticesRoom(client, { isNoticesInvite: ({ inviter }) => known && inviter === NOTICES_USER }),
      { initialProps: { known: true } },
    );
    await act(async () => {});
    expect(result.current.invite?.roomId).toBe(NOTICES_ROOM);
    rerender({ known: false });
    await act(async () => {});
    expect(result.current.invite).toBeNull();
  });

  it("NoticeBanner autoJoin with a predicate that starts recognising the invite: the join is sent", async () => {
    const { client, script } = await startWorld(ME, noticesInvite(ME));
    script.route({ method: "POST", path: /\/join/ }, () => ({ json: { room_id: NOTICES_ROOM } }));
    const ui = (known: boolean) => (
      <NoticeBanner
        client={client}
        dismissStore={createMemoryDismissStore()}
        options={{ autoJoin: true, isNoticesInvite: ({ inviter }) => known && inviter === NOTICES_USER }}
      />
    );
    const view = render(ui(false));
    await act(async () => {});
    view.rerender(ui(true));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
  });
});
