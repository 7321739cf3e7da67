import type { Meta, StoryObj } from "@storybook/react-vite";
import type { MatrixClient } from "matrix-js-sdk";
import { useState } from "react";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { describeServerNoticeError, type ServerNoticeErrorDescription, useServerNoticesRoom } from "../src";
import { memberEvent, nameEvent } from "../test/support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom } from "../test/support/scenarios";
import type { SyncBatch } from "../test/support/syncScript";
import { DEMO_USER, type DemoWorld, startDemo } from "./support/demo";

/** Props of the demo. */
interface ServerNoticesRoomDemoProps {
  /** Accept the notices invite automatically. */
  autoJoin: boolean;
}

/** A small app screen built on `useServerNoticesRoom`: the notices room's state and a "Reject invite" button. */
function ServerNoticesRoomDemo({ client, autoJoin }: ServerNoticesRoomDemoProps & { client: MatrixClient }) {
  const { room, invite, joining, joinError } = useServerNoticesRoom(client, {
    noticesUserIds: [NOTICES_USER],
    autoJoin,
  });
  const [rejecting, setRejecting] = useState(false);
  const [rejectError, setRejectError] = useState<Pick<
    ServerNoticeErrorDescription,
    "title" | "description"
  > | null>(null);

  const reject = async (roomId: string) => {
    setRejecting(true);
    setRejectError(null);
    try {
      await client.leave(roomId);
    } catch (error) {
      setRejectError(
        describeServerNoticeError(error) ?? {
          title: "Could not reject the invite",
          description: error instanceof Error ? error.message : String(error),
        },
      );
    } finally {
      setRejecting(false);
    }
  };

  let state: string;
  if (room) state = `Joined: ${room.name}`;
  else if (invite) state = joining ? `Joining ${invite.name}…` : `Invite pending: ${invite.name}`;
  else state = "No server notices room";

  return (
    <section
      aria-label="Server notices room"
      style={{ display: "grid", gap: "0.75rem", justifyItems: "start" }}
    >
      <p role="status" style={{ margin: 0 }}>
        {state}
      </p>
      {joinError ? <p style={{ margin: 0 }}>Joining failed: {joinError.message}</p> : null}
      {invite && !room ? (
        <button type="button" disabled={rejecting} onClick={() => reject(invite.roomId)}>
          Reject invite
        </button>
      ) : null}
      {rejectError ? (
        <div role="alert">
          <p style={{ margin: 0, fontWeight: 600 }}>{rejectError.title}</p>
          <p style={{ margin: 0 }}>{rejectError.description}</p>
        </div>
      ) : null}
    </section>
  );
}

/** The notices invite as a homeserver sends it: stripped state from the notices user, named "Server Notices". */
const noticesInvite = (): SyncBatch => ({
  invite: {
    [NOTICES_ROOM]: [
      memberEvent(NOTICES_USER, "join"),
      memberEvent(DEMO_USER, "invite", { sender: NOTICES_USER }),
      nameEvent("Server Notices", { sender: NOTICES_USER }),
    ],
  },
});

/** A demo world with a pending notices invite whose rejection the homeserver refuses, as Synapse does. */
const inviteLoader = async () => {
  const world = await startDemo(noticesInvite());
  world.script.fail(
    { method: "POST", path: /\/leave$/ },
    { status: 403, errcode: "M_CANNOT_LEAVE_SERVER_NOTICE_ROOM", error: "You cannot reject this invite" },
    100,
  );
  return { world };
};

const meta = {
  title: "Server notices/useServerNoticesRoom",
  parameters: {
    docs: {
      description: {
        component:
          "`useServerNoticesRoom` finds the user's notices room and a pending invite to it; with `autoJoin` it " +
          "accepts the invite. Rejecting it fails with `M_CANNOT_LEAVE_SERVER_NOTICE_ROOM`, which " +
          "`describeServerNoticeError` turns into a friendly message.",
      },
    },
  },
  args: { autoJoin: false },
  loaders: [inviteLoader],
  render: (args, { loaded }) => (
    <ServerNoticesRoomDemo {...args} client={(loaded.world as DemoWorld).client} />
  ),
} satisfies Meta<ServerNoticesRoomDemoProps>;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * A pending invite with auto-join off: the user tries to reject it and learns why they can't.
 *
 * Open in Canvas: its state is reached by its play function.
 */
export const PendingInviteReject: Story = {
  args: { autoJoin: false },
  play: async ({ canvasElement, loaded }) => {
    const { script } = loaded.world as DemoWorld;
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("status")).toHaveTextContent("Invite pending: Server Notices");
    await userEvent.click(canvas.getByRole("button", { name: "Reject invite" }));
    const alert = await canvas.findByRole("alert");
    await expect(alert).toHaveTextContent("You can't leave the Server Notices room");
    await expect(alert).toHaveTextContent("you can't reject its invite or leave it");
    await expect(script.requestsTo(`/rooms/${NOTICES_ROOM}/leave`, "POST")).toHaveLength(1);
    // Nothing was joined behind the user's back, and the invite is still there.
    await expect(script.requestsTo(/\/join/)).toHaveLength(0);
    await expect(canvas.getByRole("status")).toHaveTextContent("Invite pending: Server Notices");
  },
};

/** A pending invite with auto-join on: the hook joins once, and the room shows as joined when sync confirms it. */
export const PendingInviteAutoJoin: Story = {
  args: { autoJoin: true },
  parameters: { docs: { story: { autoplay: true } } },
  play: async ({ canvasElement, loaded }) => {
    const { script } = loaded.world as DemoWorld;
    const canvas = within(canvasElement);
    await waitFor(() => expect(script.requestsTo(/\/join/, "POST")).toHaveLength(1));
    await expect(script.requestsTo(/\/join/)[0]!.path).toContain(NOTICES_ROOM);
    await script.push(noticesRoom(DEMO_USER));
    await expect(await canvas.findByText("Joined: Server Notices")).toBeVisible();
    await expect(canvas.queryByRole("button", { name: "Reject invite" })).toBeNull();
    await expect(script.requestsTo(/\/join/)).toHaveLength(1);
  },
};

/** Auto-join while the homeserver has not answered yet: `joining` is true. */
export const AutoJoinInFlight: Story = {
  args: { autoJoin: true },
  loaders: [
    async () => {
      const { world } = await inviteLoader();
      world.script.route({ method: "POST", path: /\/join/ }, () => new Promise<never>(() => undefined));
      return { world };
    },
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("Joining Server Notices…")).toBeVisible();
  },
};

/** Auto-join refused by the homeserver (403, which a retry cannot change): `joinError` says why, and no retry follows. */
export const AutoJoinRefused: Story = {
  args: { autoJoin: true },
  loaders: [
    async () => {
      const { world } = await inviteLoader();
      world.script.fail(
        { method: "POST", path: /\/join/ },
        { status: 403, errcode: "M_FORBIDDEN", error: "You are not invited to this room." },
      );
      return { world };
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    const { script } = loaded.world as DemoWorld;
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/Joining failed: .*not invited/)).toBeVisible();
    await expect(canvas.getByRole("status")).toHaveTextContent("Invite pending: Server Notices");
    await new Promise((r) => setTimeout(r, 1500)); // longer than the first retry would wait
    await expect(script.requestsTo(/\/join/, "POST")).toHaveLength(1);
  },
};
