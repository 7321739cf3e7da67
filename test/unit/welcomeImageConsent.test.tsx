/**
 * MSC4278: once a user whose media setting hides images asks to see one, the client SHOULD remember it and show the
 * media again in the future. The kit remembers it per welcome edition and image URL: for the page's lifetime by
 * default, across reloads with a storage store, and forgets it at logout (`forgetStoredUserData`).
 */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import {
  createMemoryImageConsentStore,
  createMemorySeenStore,
  createStorageImageConsentStore,
  forgetStoredUserData,
  IMAGE_CONSENT_PREFIX,
  type ImageConsentStore,
  keepMxcMedia,
  sanitizeMatrixHtml,
  sessionImageConsentStore,
  WelcomeBody,
  WelcomeDialog,
} from "../../src";
import { isRecentSanitizerOutput } from "../../src/welcome/recentSanitizerOutputs";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import type { SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const LOGO = '<p>Hello!</p><p><img src="mxc://example.org/logo" alt="Our logo"></p>';
const TWO =
  '<p>Hello!</p><p><img src="mxc://example.org/logo" alt="Our logo"> <img src="mxc://example.org/map" alt="Map"></p>';

/** The lounge with a welcome of `html`, for a user whose media previews are off. */
function lounge(html = LOGO, welcome = welcomeEvent("Hello!", html)): SyncBatch {
  return {
    ...welcomeRoom(ME, ROOM, { welcome: [welcome] }),
    accountData: [{ type: "m.media_preview_config", content: { media_previews: "off" } }],
  };
}

/** The welcome dialog over the lounge; `imageConsent` as given (the default store when absent). */
async function openDialog(batch: SyncBatch, imageConsent?: ImageConsentStore) {
  const { client, script } = await startWorld(ME, batch);
  const resolveMedia = vi.fn(async (url: string) => `${url}#resolved`);
  const props = {
    client,
    roomId: ROOM,
    resolveMedia,
    options: { seenStore: createMemorySeenStore() },
    ...(imageConsent ? { imageConsent } : {}),
  };
  const view = render(<WelcomeDialog {...props} />);
  await screen.findByRole("dialog");
  /** The dialog closed and shown again (an app's "show the welcome" button, or the room opened again). */
  const reopen = async () => {
    view.unmount();
    render(<WelcomeDialog {...props} open />);
    await screen.findByRole("dialog");
  };
  return { client, script, resolveMedia, reopen, unmount: view.unmount };
}

describe("remembering that the user asked to see a welcome's image", () => {
  it("given the user showed the logo, when the welcome shows again, the logo shows without a click", async () => {
    const { reopen, resolveMedia } = await openDialog(lounge(), createMemoryImageConsentStore());
    await userEvent.click(screen.getByRole("button", { name: /Show image/ }));
    await screen.findByRole("img", { name: "Our logo" });

    await reopen();
    const img = await screen.findByRole("img", { name: "Our logo" });
    await waitFor(() => expect(img.getAttribute("src")).toMatch(/#resolved$/));
    expect(screen.queryByRole("button", { name: /Show image/ })).toBeNull();
    expect(resolveMedia).toHaveBeenCalledTimes(2);
  });

  it("given the default store, consent given in one dialog holds in the next for the page's lifetime", async () => {
    const { reopen } = await openDialog(lounge());
    await userEvent.click(screen.getByRole("button", { name: /Show image/ }));
    await screen.findByRole("img", { name: "Our logo" });
    await reopen();
    expect(await screen.findByRole("img", { name: "Our logo" })).toBeVisible();
    expect(screen.queryByRole("button", { name: /Show image/ })).toBeNull();
  });

  it("given two images and the user showed one, the other still waits behind its button when the welcome shows again", async () => {
    const { reopen } = await openDialog(lounge(TWO), createMemoryImageConsentStore());
    await userEvent.click(screen.getByRole("button", { name: /Show image: .Map./ }));
    await screen.findByRole("img", { name: "Map" });
    await reopen();
    expect(await screen.findByRole("img", { name: "Map" })).toBeVisible();
    expect(screen.getByRole("button", { name: /Show image: .Our logo./ })).toBeVisible();
  });

  it("given consent for one edition, a new edition with the same image asks again", async () => {
    const consent = createMemoryImageConsentStore();
    const first = await openDialog(lounge(), consent);
    await userEvent.click(screen.getByRole("button", { name: /Show image/ }));
    await screen.findByRole("img", { name: "Our logo" });
    first.unmount();

    await openDialog(lounge(LOGO, welcomeEvent("Hello again!", LOGO)), consent);
    expect(await screen.findByRole("button", { name: /Show image/ })).toBeVisible();
    expect(screen.queryByRole("img")).toBeNull();
  });

  it("given nothing asked for (control), the welcome shown again still hides the logo", async () => {
    const { reopen, resolveMedia } = await openDialog(lounge(), createMemoryImageConsentStore());
    await reopen();
    expect(await screen.findByRole("button", { name: /Show image/ })).toBeVisible();
    expect(resolveMedia).not.toHaveBeenCalled();
  });

  it("given a storage store, the consent outlives a reload (a new store over the same storage) and the logout removes it", async () => {
    const welcome = welcomeEvent("Hello!", LOGO);
    const first = await openDialog(
      lounge(LOGO, welcome),
      createStorageImageConsentStore(() => localStorage, ME),
    );
    await userEvent.click(screen.getByRole("button", { name: /Show image/ }));
    await screen.findByRole("img", { name: "Our logo" });
    first.unmount();
    expect(localStorage.getItem(IMAGE_CONSENT_PREFIX + ME)).toContain("example.org/logo");

    const reloaded = await openDialog(
      lounge(LOGO, welcome),
      createStorageImageConsentStore(() => localStorage, ME),
    );
    expect(await screen.findByRole("img", { name: "Our logo" })).toBeVisible();
    reloaded.unmount();

    expect(forgetStoredUserData(ME)).toBe(1);
    await openDialog(
      lounge(LOGO, welcome),
      createStorageImageConsentStore(() => localStorage, ME),
    );
    expect(await screen.findByRole("button", { name: /Show image/ })).toBeVisible();
  });

  it("given the default store, a logout forgets the consent it held", async () => {
    const { reopen, unmount } = await openDialog(lounge());
    await userEvent.click(screen.getByRole("button", { name: /Show image/ }));
    await screen.findByRole("img", { name: "Our logo" });
    unmount();
    forgetStoredUserData(ME);
    await reopen();
    expect(await screen.findByRole("button", { name: /Show image/ })).toBeVisible();
  });

  it("given an app's store that throws, the image waits behind its button, a click still shows it, and both throws are reported", async () => {
    const reported: unknown[] = [];
    const onError = (e: ErrorEvent) => {
      reported.push(e.error);
      e.preventDefault();
    };
    window.addEventListener("error", onError);
    try {
      const throwing: ImageConsentStore = {
        hasConsent: () => {
          throw new Error("has");
        },
        addConsent: () => {
          throw new Error("add");
        },
      };
      await openDialog(lounge(), throwing);
      await userEvent.click(await screen.findByRole("button", { name: /Show image/ }));
      expect(await screen.findByRole("img", { name: "Our logo" })).toBeVisible();
      await waitFor(() => expect(reported.map((e) => (e as Error).message)).toEqual(["has", "add"]));
    } finally {
      window.removeEventListener("error", onError);
    }
  });

  it("given a WelcomeBody used alone with a store, the same edition's image shows without a click the second time", async () => {
    const consent = createMemoryImageConsentStore();
    const message = {
      eventId: "$w1",
      eventType: "m.room.welcome",
      sender: "@m:x",
      ts: 0,
      html: sanitizeMatrixHtml(LOGO, { mediaUrl: keepMxcMedia }),
    };
    const first = render(<WelcomeBody message={message} mediaPreviews={false} imageConsent={consent} />);
    await userEvent.click(screen.getByRole("button", { name: /Show image/ }));
    await screen.findByRole("img", { name: "Our logo" });
    first.unmount();
    render(<WelcomeBody message={message} mediaPreviews={false} imageConsent={consent} />);
    expect(await screen.findByRole("img", { name: "Our logo" })).toBeInTheDocument();
  });
});

describe("the consent stores", () => {
  it("given more consents than the cap, the oldest go first", () => {
    const store = createMemoryImageConsentStore(2);
    store.addConsent("$a", "u1");
    store.addConsent("$a", "u2");
    store.addConsent("$a", "u1"); // used again: newest
    store.addConsent("$b", "u3");
    expect([
      store.hasConsent("$a", "u1"),
      store.hasConsent("$a", "u2"),
      store.hasConsent("$b", "u3"),
    ]).toEqual([true, false, true]);
  });

  it("given an event id and URL with line breaks and quotes, pairs never run into each other", () => {
    const store = createStorageImageConsentStore(() => localStorage, ME);
    store.addConsent("$a\nb", 'c"');
    expect(store.hasConsent("$a", 'b\nc"')).toBe(false);
    expect(createStorageImageConsentStore(() => localStorage, ME).hasConsent("$a\nb", 'c"')).toBe(true);
  });

  it("given a corrupt stored value, the store reads none and its next consent repairs it", () => {
    localStorage.setItem(IMAGE_CONSENT_PREFIX + ME, "{not json");
    const store = createStorageImageConsentStore(() => localStorage, ME);
    expect(store.hasConsent("$a", "u")).toBe(false);
    store.addConsent("$a", "u");
    expect(JSON.parse(localStorage.getItem(IMAGE_CONSENT_PREFIX + ME) ?? "")).toEqual([["$a", "u"]]);
  });

  it("given a storage that throws, consent holds in memory for the session", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    const store = createStorageImageConsentStore(broken, ME);
    store.addConsent("$a", "u");
    expect(store.hasConsent("$a", "u")).toBe(true);
  });

  it("given another tab added a consent, this tab's store reads it and keeps it when it adds its own", () => {
    const here = createStorageImageConsentStore(() => localStorage, ME);
    createStorageImageConsentStore(() => localStorage, ME).addConsent("$a", "there");
    expect(here.hasConsent("$a", "there")).toBe(true);
    here.addConsent("$a", "here");
    const reloaded = createStorageImageConsentStore(() => localStorage, ME);
    expect([reloaded.hasConsent("$a", "there"), reloaded.hasConsent("$a", "here")]).toEqual([true, true]);
  });

  it("given an empty event id (a message an app made up), nothing is remembered", () => {
    sessionImageConsentStore.addConsent("", "u");
    expect(sessionImageConsentStore.hasConsent("", "u")).toBe(false);
  });
});

describe("a logout and the sanitized welcomes the kit holds in memory", () => {
  it("given a welcome sanitized for display, forgetStoredUserData drops it from the kit's memory", () => {
    const html = sanitizeMatrixHtml("<p>The house rules</p>");
    expect(isRecentSanitizerOutput(html)).toBe(true);
    forgetStoredUserData(ME);
    expect(isRecentSanitizerOutput(html)).toBe(false);
  });
});
