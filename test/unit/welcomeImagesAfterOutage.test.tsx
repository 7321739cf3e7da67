/**
 * A welcome's image that failed while the network was down (its alt text stands in) is asked for again when sync
 * comes back, as the kit's other fetches are; images that loaded are not downloaded again.
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import {
  createMemorySeenStore,
  keepMxcMedia,
  sanitizeMatrixHtml,
  WelcomeBody,
  WelcomeDialog,
} from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import type { SyncBatch } from "../support/syncScript";
import { dropSyncOnce, startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const TWO =
  '<p>Hello!</p><p><img src="mxc://example.org/logo" alt="Our logo"> <img src="mxc://example.org/map" alt="Map"></p>';

/** The lounge with a welcome of two images; `off` turns the user's media previews off. */
function lounge(off = false): SyncBatch {
  const batch = welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Hello!", TWO)] });
  return off
    ? { ...batch, accountData: [{ type: "m.media_preview_config", content: { media_previews: "off" } }] }
    : batch;
}

/** A resolver for which the logo's server is unreachable while `down.logo` is true; the map always loads. */
function flakyResolver() {
  const down = { logo: true };
  const resolveMedia = vi.fn(async (url: string) => {
    if (url.includes("logo") && down.logo) throw new TypeError("Failed to fetch");
    return `${url}#resolved`;
  });
  return { down, resolveMedia };
}

async function dialogOver(batch: SyncBatch) {
  const world = await startWorld(ME, batch);
  const { down, resolveMedia } = flakyResolver();
  render(
    <WelcomeDialog
      client={world.client}
      roomId={ROOM}
      resolveMedia={resolveMedia}
      options={{ seenStore: createMemorySeenStore() }}
    />,
  );
  await screen.findByRole("dialog");
  return { ...world, down, resolveMedia };
}

const callsFor = (fn: ReturnType<typeof vi.fn>, part: string) =>
  fn.mock.calls.filter(([url]) => String(url).includes(part)).length;

describe("a welcome's images after a network outage", () => {
  it("given the logo failed while offline, when sync comes back, the logo loads in its place", async () => {
    const { client, script, down, resolveMedia } = await dialogOver(lounge());
    await screen.findByRole("img", { name: "Map" });
    await waitFor(() => expect(screen.getByRole("dialog")).toHaveTextContent("Our logo"));
    expect(screen.queryByRole("img", { name: "Our logo" })).toBeNull();

    down.logo = false;
    await dropSyncOnce(client, script);
    const logo = await screen.findByRole("img", { name: "Our logo" }, { timeout: 15_000 });
    await waitFor(() => expect(logo.getAttribute("src")).toMatch(/logo.*#resolved$/));
    // The map, which loaded, was not downloaded again; the logo was asked for twice.
    expect(callsFor(resolveMedia, "map")).toBe(1);
    expect(callsFor(resolveMedia, "logo")).toBe(2);
    expect(screen.getByRole("dialog")).not.toHaveTextContent("Image unavailable");
  }, 30_000);

  it("given the logo still unreachable when sync comes back, its alt text stays and it is asked for once more", async () => {
    const { client, script, resolveMedia } = await dialogOver(lounge());
    await waitFor(() => expect(callsFor(resolveMedia, "logo")).toBe(1));
    await dropSyncOnce(client, script);
    await waitFor(() => expect(callsFor(resolveMedia, "logo")).toBe(2), { timeout: 15_000 });
    await waitFor(() => expect(screen.getByRole("dialog")).toHaveTextContent("Our logo"));
    expect(screen.queryByRole("img", { name: "Our logo" })).toBeNull();
  }, 30_000);

  it("given the user showed the hidden logo and it failed, focus on its stand-in goes to the logo when it loads after the outage", async () => {
    const { client, script, down } = await dialogOver(lounge(true));
    await userEvent.click(screen.getByRole("button", { name: /Show image: .Our logo./ }));
    // It failed: its alt text stands in, and holds the focus the user gave it.
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Our logo"));
    expect(document.activeElement?.tagName).toBe("SPAN");

    down.logo = false;
    await dropSyncOnce(client, script);
    const logo = await screen.findByRole("img", { name: "Our logo" }, { timeout: 15_000 });
    expect(document.activeElement).toBe(logo);
    // The map, never asked for, still waits behind its button.
    expect(screen.getByRole("button", { name: /Show image: .Map./ })).toBeVisible();
  }, 30_000);

  it("given no outage (control), a failed logo is not asked for again", async () => {
    const { resolveMedia } = await dialogOver(lounge());
    await waitFor(() => expect(callsFor(resolveMedia, "logo")).toBe(1));
    await act(() => new Promise((r) => setTimeout(r, 200)));
    expect(callsFor(resolveMedia, "logo")).toBe(1);
  });
});

describe("WelcomeBody's imageRetryKey", () => {
  it("given a failed image and a loaded one, a new key asks again for the failed one only", async () => {
    const { down, resolveMedia } = flakyResolver();
    const message = {
      eventId: "$w",
      eventType: "m.room.welcome",
      sender: "@m:x",
      ts: 0,
      html: sanitizeMatrixHtml(TWO, { mediaUrl: keepMxcMedia }),
    };
    const view = render(<WelcomeBody message={message} resolveMedia={resolveMedia} imageRetryKey={0} />);
    await screen.findByRole("img", { name: "Map" });
    await waitFor(() => expect(screen.getByText("Our logo")).toBeInTheDocument());

    down.logo = false;
    view.rerender(<WelcomeBody message={message} resolveMedia={resolveMedia} imageRetryKey={0} />);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(callsFor(resolveMedia, "logo")).toBe(1);

    view.rerender(<WelcomeBody message={message} resolveMedia={resolveMedia} imageRetryKey={1} />);
    expect(await screen.findByRole("img", { name: "Our logo" })).toBeInTheDocument();
    expect(callsFor(resolveMedia, "logo")).toBe(2);
    expect(callsFor(resolveMedia, "map")).toBe(1);
  });

  it("given a failed image, when the media setting hides images and shows them again, it is asked for again", async () => {
    const { down, resolveMedia } = flakyResolver();
    const message = {
      eventId: "$w2",
      eventType: "m.room.welcome",
      sender: "@m:x",
      ts: 0,
      html: sanitizeMatrixHtml(TWO, { mediaUrl: keepMxcMedia }),
    };
    const body = (previews: boolean) => (
      <WelcomeBody message={message} resolveMedia={resolveMedia} mediaPreviews={previews} imageRetryKey={0} />
    );
    const view = render(body(true));
    await waitFor(() => expect(screen.getByText("Our logo")).toBeInTheDocument());
    down.logo = false;
    view.rerender(body(false));
    expect(screen.getByRole("button", { name: /Show image: .Our logo./ })).toBeInTheDocument();
    view.rerender(body(true));
    expect(await screen.findByRole("img", { name: "Our logo" })).toBeInTheDocument();
    expect(callsFor(resolveMedia, "logo")).toBe(2);
  });
});
