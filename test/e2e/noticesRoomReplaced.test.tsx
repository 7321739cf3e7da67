/**
 * A notices room Synapse replaces: after its admin changes `server_notices.system_mxid_localpart` (and restarts it),
 * the next notice goes to a new room with an invite from the new sender, while the user is still joined to the old
 * room (Synapse finds the notices room by the current sender's membership). An app that lists the new sender joins
 * the new room with `autoJoin` and shows its pinned notice; a stale invite to a room Synapse gave up is never joined.
 */
import { render, renderHook, screen, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, SERVER_NOTICE_TAG, useServerNoticesRoom } from "../../src";
import {
  connect,
  NOTICES_USER_ID,
  pinServerNotices,
  type RegisteredUser,
  type SynapseServer,
  sendServerNotice,
  startServer,
  stateEvent,
  stopClients,
  until,
  untilMembership,
} from "./harness";

let server: SynapseServer;
let admin: RegisteredUser;
let alice: MatrixClient;
let bob: MatrixClient;
/** The notices sender after the admin's change. */
const SYSTEM = "@system:localhost";

beforeAll(async () => {
  server = await startServer();
  admin = await server.registerUser("admin", { admin: true });
  alice = await connect(server, await server.registerUser("alice"));
  bob = await connect(server, await server.registerUser("bob"));
});

afterAll(async () => {
  stopClients();
  await server?.stop();
});

const notice = (body: string) => ({ msgtype: "m.server_notice", body });
const inviteFrom = (client: MatrixClient, sender: string) =>
  until(`${client.getUserId()} invited by ${sender}`, () =>
    client
      .getRooms()
      .find(
        (r) =>
          r.getMyMembership() === "invite" &&
          stateEvent(r, "m.room.member", client.getUserId()!)?.getSender() === sender,
      ),
  );

describe("Synapse replacing the notices room (system_mxid_localpart changed)", () => {
  it("the app that lists the new sender joins the new room, and the banner shows its notice instead of the old one", async () => {
    const oldId = await sendServerNotice(
      server,
      admin,
      alice.getUserId()!,
      notice("Old notice: maintenance"),
    );
    await pinServerNotices(server, admin, alice.getUserId()!, [oldId]);
    await sendServerNotice(server, admin, bob.getUserId()!, notice("Old notice for Bob"));
    const aliceOld = await inviteFrom(alice, NOTICES_USER_ID);
    await alice.joinRoom(aliceOld.roomId);
    await untilMembership(alice, aliceOld.roomId, "join");

    await server.restart({
      server_notices: {
        system_mxid_localpart: "system",
        system_mxid_display_name: "Server Notices",
        room_name: "Server Notices",
        auto_join: false,
      },
    });
    const newId = await sendServerNotice(
      server,
      admin,
      alice.getUserId()!,
      notice("New notice: we move on Friday"),
    );
    await pinServerNotices(server, admin, alice.getUserId()!, [newId]);
    const aliceNew = await inviteFrom(alice, SYSTEM);
    // Synapse's side: a new room, the old one still joined.
    expect(aliceNew.roomId).not.toBe(aliceOld.roomId);
    expect(alice.getRoom(aliceOld.roomId)?.getMyMembership()).toBe("join");

    render(
      <NoticeBanner
        client={alice}
        dismissStore={createMemoryDismissStore()}
        options={{ noticesUserIds: [SYSTEM], autoJoin: true }}
      />,
    );
    await untilMembership(alice, aliceNew.roomId, "join");
    expect(await screen.findByText(/New notice: we move on Friday/, {}, { timeout: 30_000 })).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(/Old notice: maintenance/)).toBeNull());
  }, 180_000);

  it("given the new room joined, a stale invite from the old sender the user never took is neither offered nor joined", async () => {
    // Bob was invited by the old sender and never joined; he joins the new room (say from another client).
    const bobOld = await inviteFrom(bob, NOTICES_USER_ID);
    await sendServerNotice(server, admin, bob.getUserId()!, notice("New notice for Bob"));
    const bobNew = await inviteFrom(bob, SYSTEM);
    expect(bobNew.roomId).not.toBe(bobOld.roomId);
    await bob.joinRoom(bobNew.roomId);
    const joined = await untilMembership(bob, bobNew.roomId, "join");
    await until("the homeserver's tag on the new room", () => SERVER_NOTICE_TAG in joined.tags);

    const { result } = renderHook(() =>
      useServerNoticesRoom(bob, { noticesUserIds: [SYSTEM, NOTICES_USER_ID], autoJoin: true }),
    );
    await waitFor(() => expect(result.current.room?.roomId).toBe(bobNew.roomId));
    await new Promise((r) => setTimeout(r, 1500));
    expect(result.current.invite).toBeNull();
    expect(bob.getRoom(bobOld.roomId)?.getMyMembership()).toBe("invite");
  }, 120_000);
});
