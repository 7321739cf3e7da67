/**
 * A click to see an image is remembered for the edition shown at the time of the click (a review, CM): a new edition
 * with the same HTML (a moderator saving the welcome again unchanged) arriving while the dialog shows does not re-run
 * the images' effect, which read the edition when it ran.
 */
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, it } from "vitest";
import {
  createMemoryImageConsentStore,
  createMemorySeenStore,
  keepMxcMedia,
  sanitizeMatrixHtml,
  WelcomeBody,
  WelcomeDialog,
} from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const LOGO = '<p>Hello!</p><p><img src="mxc://example.org/logo" alt="Our logo"></p>';
const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

it("given WelcomeBody showing edition $w1, when edition $w2 with the same HTML replaces it and the user shows the image, then the consent is for $w2", async () => {
  const consent = createMemoryImageConsentStore();
  const html = sanitizeMatrixHtml(LOGO, { mediaUrl: keepMxcMedia });
  const message = (eventId: string) => ({
    eventId,
    eventType: "m.room.welcome",
    sender: "@m:x",
    ts: 0,
    html,
  });
  const view = render(<WelcomeBody message={message("$w1")} mediaPreviews={false} imageConsent={consent} />);
  view.rerender(<WelcomeBody message={message("$w2")} mediaPreviews={false} imageConsent={consent} />);
  await userEvent.click(screen.getByRole("button", { name: /Show image/ }));
  await screen.findByRole("img", { name: "Our logo" });
  const url = screen.getByRole("img", { name: "Our logo" }).getAttribute("data-mnk-src")!;
  expect([consent.hasConsent("$w1", url), consent.hasConsent("$w2", url)]).toEqual([false, true]);
});

async function resaved(remount: boolean) {
  const added: string[] = [];
  const inner = createMemoryImageConsentStore();
  const consent = {
    hasConsent: inner.hasConsent,
    addConsent: (id: string, url: string) => {
      added.push(id);
      inner.addConsent(id, url);
    },
  };
  const first = welcomeEvent("Hello!", LOGO);
  const { client, script } = await startWorld(ME, {
    ...welcomeRoom(ME, ROOM, { welcome: [first] }),
    accountData: [{ type: "m.media_preview_config", content: { media_previews: "off" } }],
  });
  const props = {
    client,
    roomId: ROOM,
    imageConsent: consent,
    resolveMedia: async (u: string) => `${u}#r`,
    options: { seenStore: createMemorySeenStore(), showNewEditions: true },
  };
  const view = render(<WelcomeDialog {...props} open />);
  await screen.findByRole("dialog");
  const second = welcomeEvent("Hello!", LOGO);
  expect(second.event_id).not.toBe(first.event_id);
  await act(() => script.push({ join: { [ROOM]: { timeline: [second] } } }));
  await new Promise((r) => setTimeout(r, 100));
  if (remount) {
    view.unmount();
    render(<WelcomeDialog {...props} open />);
    await screen.findByRole("dialog");
  }
  await userEvent.click(screen.getByRole("button", { name: /Show image/ }));
  await screen.findByRole("img", { name: "Our logo" });
  return { added, second: second.event_id as string };
}

it("control: the dialog mounted after the re-save remembers the click for the new edition", async () => {
  const { added, second } = await resaved(true);
  expect(added).toEqual([second]);
});

it("given the dialog open, when a moderator re-saves the same welcome (a new edition) and the user then shows the image, then the click is remembered for the new edition", async () => {
  const { added, second } = await resaved(false);
  expect(added).toEqual([second]);
});
