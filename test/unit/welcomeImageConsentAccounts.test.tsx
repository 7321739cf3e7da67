/**
 * The dialog's default image consent is each user's own (a review, CM): in a multi-account app, or after a user switch
 * without `forgetStoredUserData`, one user's click must not show an image unasked to another whose previews are off;
 * a logout forgets that user's consent only.
 */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, forgetStoredUserData, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import type { SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

const ROOM = "!lounge:example.org";
const LOGO = '<p>Hello!</p><p><img src="mxc://example.org/logo" alt="Our logo"></p>';
const welcome = welcomeEvent("Hello!", LOGO);
const lounge = (me: string, edition = welcome): SyncBatch => ({
  ...welcomeRoom(me, ROOM, { welcome: [edition] }),
  accountData: [{ type: "m.media_preview_config", content: { media_previews: "off" } }],
});

it("given bob showed the logo (the default store), when carol (previews off, never asked) opens the same welcome, then she still gets a Show image button", async () => {
  const bob = await startWorld("@bob:example.org", lounge("@bob:example.org"));
  const carol = await startWorld("@carol:example.org", lounge("@carol:example.org"));
  const bobResolve = vi.fn(async (url: string) => `${url}#bob`);
  const carolResolve = vi.fn(async (url: string) => `${url}#carol`);
  const a = render(
    <WelcomeDialog
      client={bob.client}
      roomId={ROOM}
      resolveMedia={bobResolve}
      options={{ seenStore: createMemorySeenStore() }}
    />,
  );
  const dialogA = await screen.findByRole("dialog");
  await userEvent.click(within(dialogA).getByRole("button", { name: /Show image/ }));
  await waitFor(() => expect(bobResolve).toHaveBeenCalled());
  a.unmount();

  render(
    <WelcomeDialog
      client={carol.client}
      roomId={ROOM}
      resolveMedia={carolResolve}
      options={{ seenStore: createMemorySeenStore() }}
    />,
  );
  const dialogB = await screen.findByRole("dialog");
  await new Promise((r) => setTimeout(r, 200));
  expect(carolResolve).not.toHaveBeenCalled();
  expect(within(dialogB).getByRole("button", { name: /Show image/ })).toBeTruthy();
});

/** Opens the welcome for `client`'s user and shows the logo; resolves once it is asked for. */
async function showLogo(client: Parameters<typeof WelcomeDialog>[0]["client"]) {
  const resolve = vi.fn(async (url: string) => `${url}#shown`);
  const view = render(
    <WelcomeDialog
      client={client}
      roomId={ROOM}
      resolveMedia={resolve}
      options={{ seenStore: createMemorySeenStore() }}
    />,
  );
  const dialog = await screen.findByRole("dialog");
  await userEvent.click(within(dialog).getByRole("button", { name: /Show image/ }));
  await waitFor(() => expect(resolve).toHaveBeenCalled());
  view.unmount();
}

/** Whether the welcome, opened again for `client`'s user, shows the logo without a click. */
async function shownUnasked(client: Parameters<typeof WelcomeDialog>[0]["client"]) {
  const resolve = vi.fn(async (url: string) => `${url}#again`);
  const view = render(
    <WelcomeDialog
      client={client}
      roomId={ROOM}
      resolveMedia={resolve}
      options={{ seenStore: createMemorySeenStore() }}
      open
    />,
  );
  await screen.findByRole("dialog");
  await new Promise((r) => setTimeout(r, 100));
  view.unmount();
  return resolve.mock.calls.length > 0;
}

describe("a logout and the dialog's default consent", () => {
  it("given bob and carol both showed the logo, when bob logs out, his consent is gone and carol's stays", async () => {
    // An edition of its own: the test above gave bob's consent to the first.
    const edition = welcomeEvent("Hello again!", LOGO);
    const bob = await startWorld("@bob:example.org", lounge("@bob:example.org", edition));
    const carol = await startWorld("@carol:example.org", lounge("@carol:example.org", edition));
    await showLogo(bob.client);
    await showLogo(carol.client);
    forgetStoredUserData("@bob:example.org");
    expect(await shownUnasked(bob.client)).toBe(false);
    expect(await shownUnasked(carol.client)).toBe(true);
  });
});
