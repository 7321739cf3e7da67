/**
 * One sync response whose timeline replaces the welcome many times (a hostile or noisy moderator, on a homeserver that
 * sends no MSC4222 `state_after`): the SDK applies each edition in turn, and only the last one is ever shown, so only
 * the last one's HTML is sanitized (each sanitization of a large message costs the page milliseconds).
 */
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

/** An edition with an image of its own: the app's `mediaUrl` is asked for it each time the edition is sanitized. */
const edition = (i: number) =>
  welcomeEvent(
    `edition ${i}`,
    `<p>${"<b>rule</b> ".repeat(200)}edition ${i}<img src="mxc://example.org/i${i}" alt=""></p>`,
  );

describe("a welcome replaced many times in one sync", () => {
  it("given 300 editions in one sync's timeline, the dialog shows the last, and only the last is sanitized", async () => {
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [edition(-1)] }));
    const mediaUrl = vi.fn((mxc: string) => `https://media.example.org/${mxc.slice(6)}`);
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore: createMemorySeenStore(), mediaUrl }}
        resolveMedia={async (url) => url}
      />,
    );
    await screen.findByText(/edition -1/);
    mediaUrl.mockClear();
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: Array.from({ length: 300 }, (_, i) => edition(i)) } } }),
    );
    expect(await screen.findByText(/edition 299/)).toBeInTheDocument();
    expect(mediaUrl.mock.calls.map(([mxc]) => mxc)).toEqual(["mxc://example.org/i299"]);
  });

  it("given editions in separate syncs, each is shown in turn", async () => {
    const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [edition(0)] }));
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    await screen.findByText(/edition 0/);
    for (const i of [1, 2]) {
      await act(() => script.push({ join: { [ROOM]: { timeline: [edition(i)] } } }));
      expect(screen.getByRole("dialog")).toHaveTextContent(`edition ${i}`);
    }
  });
});
