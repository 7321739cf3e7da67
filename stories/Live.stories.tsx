import type { Meta, StoryObj } from "@storybook/react-vite";
import { ClientEvent, createClient, type MatrixClient, type SyncState } from "matrix-js-sdk";
import { type FormEvent, useEffect, useState } from "react";
import { expect, within } from "storybook/test";
import {
  createMemorySeenStore,
  NoticeBanner,
  useServerNotices,
  useWelcomeMessage,
  WelcomeDialog,
} from "../src";

/**
 * Connect to a real homeserver (e.g. `npm run synapse -- start`, which prints a URL and an admin access token) and see
 * your real server notices and a room's welcome. Nothing is sent anywhere until you press Connect.
 */
function LiveDemo() {
  const [baseUrl, setBaseUrl] = useState("http://127.0.0.1:8008");
  const [token, setToken] = useState("");
  const [roomId, setRoomId] = useState("");
  const [client, setClient] = useState<MatrixClient | null>(null);
  const [status, setStatus] = useState("Not connected.");

  useEffect(() => () => client?.stopClient(), [client]);

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    client?.stopClient();
    setClient(null);
    setStatus("Connecting…");
    try {
      const probe = createClient({ baseUrl, accessToken: token });
      const { user_id: userId, device_id: deviceId } = await probe.whoami();
      const live = createClient({ baseUrl, accessToken: token, userId, deviceId: deviceId ?? "STORYBOOK" });
      live.on(ClientEvent.Sync, (state: SyncState) => setStatus(`Signed in as ${userId}; sync: ${state}`));
      await live.startClient({ initialSyncLimit: 20 });
      setClient(live);
    } catch (error) {
      setStatus(`Could not connect: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <div style={{ display: "grid", gap: "1rem", maxInlineSize: "40rem" }}>
      <form onSubmit={connect} style={{ display: "grid", gap: "0.5rem" }}>
        <label>
          Homeserver URL{" "}
          <input
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            style={{ inlineSize: "100%" }}
          />
        </label>
        <label>
          Access token{" "}
          <input
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            style={{ inlineSize: "100%" }}
          />
        </label>
        <label>
          Room id for the welcome (optional){" "}
          <input
            value={roomId}
            onChange={(e) => setRoomId(e.target.value)}
            placeholder="!room:example.org"
            style={{ inlineSize: "100%" }}
          />
        </label>
        <button type="submit" disabled={!token}>
          Connect
        </button>
      </form>
      <p role="status">{status}</p>
      {client ? <Connected client={client} roomId={roomId} /> : null}
    </div>
  );
}

function Connected({ client, roomId }: { client: MatrixClient; roomId: string }) {
  const { room, invite, notices, pinnedEvents, error } = useServerNotices(client, { autoJoin: false });
  const [seenStore] = useState(createMemorySeenStore);
  const [open, setOpen] = useState(false);
  const welcome = useWelcomeMessage(client, roomId || "!none:invalid", { seenStore });
  return (
    <section aria-label="Live data">
      <NoticeBanner client={client} />
      <p>
        Notices room: {room ? `${room.name} (${room.roomId})` : "none"}; pending invite:{" "}
        {invite ? invite.roomId : "none"}; active notices: {notices.length}; other pinned events:{" "}
        {pinnedEvents.length}
        {error ? `; fetch error: ${error.message}` : ""}
      </p>
      {roomId ? (
        <p>
          Welcome: {welcome.message ? `edition ${welcome.message.eventId}` : "none"}; would show now:{" "}
          {String(welcome.shouldShow)}{" "}
          <button type="button" disabled={!welcome.message} onClick={() => setOpen(true)}>
            Open the welcome dialog
          </button>
        </p>
      ) : null}
      {roomId ? (
        <WelcomeDialog
          client={client}
          roomId={roomId}
          open={open}
          onOpenChange={setOpen}
          options={{ seenStore }}
        />
      ) : null}
    </section>
  );
}

const meta = {
  title: "Live/Your homeserver",
  component: LiveDemo,
  parameters: {
    docs: {
      description: {
        component:
          "Enter a homeserver URL and an access token to see your real server notices and a room's welcome. " +
          "For a local Synapse: `npm run synapse -- start` prints both.",
      },
    },
  },
} satisfies Meta<typeof LiveDemo>;
export default meta;

/** The connection form (the test only checks the form: it never connects anywhere). */
export const Connect: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText(/Homeserver URL/)).toHaveValue("http://127.0.0.1:8008");
    await expect(canvas.getByRole("button", { name: "Connect" })).toBeDisabled();
  },
};
