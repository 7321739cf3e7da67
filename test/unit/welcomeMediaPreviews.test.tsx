/**
 * MSC4278's media preview setting: a user who turned media previews off (or on "private", in a public room) sees a
 * welcome's images only once they ask for them, image by image; the rest of the welcome shows as usual.
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import {
  createMemorySeenStore,
  defaultWelcomeDialogLabels,
  keepMxcMedia,
  mediaPreviewsShown,
  sanitizeMatrixHtml,
  WelcomeBody,
  WelcomeDialog,
} from "../../src";
import { stateEvent, welcomeEvent } from "../support/events";
import { listenerTotal } from "../support/listeners";
import { welcomeRoom } from "../support/scenarios";
import type { SyncBatch } from "../support/syncScript";
import { welcomeOf } from "../support/welcomeMessage";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const STABLE = "m.media_preview_config";
const UNSTABLE = "io.element.msc4278.media_preview_config";
const LOGO = '<p>Hello!</p><p><img src="mxc://example.org/logo" alt="Our logo"></p>';

/** The lounge with a welcome of `html`, its join rule, and the user's global setting (`type` account data). */
function lounge(opts: { html?: string; joinRule?: string; global?: unknown; type?: string } = {}): SyncBatch {
  // The join rule goes with the welcome, among the room's state.
  const rules = opts.joinRule ? [stateEvent("m.room.join_rules", { join_rule: opts.joinRule })] : [];
  const batch = welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Hello!", opts.html ?? LOGO), ...rules] });
  return opts.global === undefined
    ? batch
    : {
        ...batch,
        accountData: [{ type: opts.type ?? STABLE, content: opts.global as Record<string, unknown> }],
      };
}

/** The dialog over `batch`, with a resolver that records what it was asked for (and answers `answer`). */
async function dialogOver(
  batch: SyncBatch,
  props: { mediaPreviews?: boolean } = {},
  answer: (url: string) => string | null = (url) => `${url}#resolved`,
) {
  const { client, script } = await startWorld(ME, batch);
  const resolveMedia = vi.fn(async (url: string) => answer(url));
  const { unmount } = render(
    <WelcomeDialog
      client={client}
      roomId={ROOM}
      resolveMedia={resolveMedia}
      options={{ seenStore: createMemorySeenStore() }}
      {...props}
    />,
  );
  const dialog = await screen.findByRole("dialog");
  return { client, script, resolveMedia, dialog, unmount };
}

describe("the welcome's images and the user's media preview setting", () => {
  it("given media previews off, the image waits behind a button and nothing is downloaded", async () => {
    const { resolveMedia } = await dialogOver(lounge({ global: { media_previews: "off" } }));
    expect(screen.getByText("Hello!")).toBeVisible();
    expect(screen.getByRole("button", { name: "Show image: \u2068Our logo\u2069" })).toBeVisible();
    expect(screen.queryByRole("img")).toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    expect(resolveMedia).not.toHaveBeenCalled();
  });

  it("given media previews off, when the user asks for the image, it loads and takes focus", async () => {
    const { resolveMedia } = await dialogOver(lounge({ global: { media_previews: "off" } }));
    await userEvent.click(screen.getByRole("button", { name: /Show image/ }));
    const img = await screen.findByRole("img", { name: "Our logo" });
    await waitFor(() => expect(img.getAttribute("src")).toMatch(/#resolved$/));
    expect(resolveMedia).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("button", { name: /Show image/ })).toBeNull();
    expect(document.activeElement).toBe(img);
  });

  it("given the same image twice, one click shows both with one download", async () => {
    const twice =
      '<p><img src="mxc://example.org/logo" alt="a"> and <img src="mxc://example.org/logo" alt="b"></p>';
    const { resolveMedia } = await dialogOver(lounge({ html: twice, global: { media_previews: "off" } }));
    expect(screen.getAllByRole("button", { name: /Show image/ })).toHaveLength(2);
    await userEvent.click(screen.getAllByRole("button", { name: /Show image/ })[0]!);
    await waitFor(() => expect(screen.getAllByRole("img")).toHaveLength(2));
    expect(screen.queryByRole("button", { name: /Show image/ })).toBeNull();
    expect(resolveMedia).toHaveBeenCalledTimes(1);
  });

  it("given an image in a link, the link keeps the alt text as its name and the button comes after the link", async () => {
    const linked =
      '<p><a href="https://example.org/home"><img src="mxc://example.org/logo" alt="Home"></a></p>';
    await dialogOver(lounge({ html: linked, global: { media_previews: "off" } }));
    const link = screen.getByRole("link", { name: /^Home/ });
    const button = screen.getByRole("button", { name: /Show image/ });
    expect(link.contains(button)).toBe(false);
    expect(link.nextElementSibling).toBe(button);
    await userEvent.click(button);
    await screen.findByRole("img", { name: "Home" });
    expect(link.textContent).not.toContain("HomeHome");
  });

  it("given previews on 'private', a public room hides the image and an invite-only one shows it", async () => {
    const hidden = await dialogOver(lounge({ joinRule: "public", global: { media_previews: "private" } }));
    expect(screen.getByRole("button", { name: /Show image/ })).toBeVisible();
    expect(hidden.resolveMedia).not.toHaveBeenCalled();
  });

  it("given previews on 'private' in an invite-only room, the image loads (control)", async () => {
    const { resolveMedia } = await dialogOver(
      lounge({ joinRule: "invite", global: { media_previews: "private" } }),
    );
    await waitFor(() => expect(resolveMedia).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole("button", { name: /Show image/ })).toBeNull();
  });

  it("given Element's unstable setting off, the image is hidden too", async () => {
    await dialogOver(lounge({ global: { media_previews: "off" }, type: UNSTABLE }));
    expect(screen.getByRole("button", { name: /Show image/ })).toBeVisible();
  });

  it("given no setting, the image loads as before (control)", async () => {
    const { resolveMedia } = await dialogOver(lounge());
    await waitFor(() => expect(resolveMedia).toHaveBeenCalledTimes(1));
  });

  it("given previews off, when the user turns them on (another device), the image loads without a click", async () => {
    const { script, resolveMedia } = await dialogOver(lounge({ global: { media_previews: "off" } }));
    expect(screen.getByRole("button", { name: /Show image/ })).toBeVisible();
    expect(resolveMedia).not.toHaveBeenCalled();
    await act(() => script.push({ accountData: [{ type: STABLE, content: { media_previews: "on" } }] }));
    await waitFor(() => expect(resolveMedia).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole("button", { name: /Show image/ })).toBeNull();
  });

  it("given previews on, when the user turns them off, the shown image is hidden again behind its button", async () => {
    const { script, resolveMedia } = await dialogOver(lounge({ global: { media_previews: "on" } }));
    await waitFor(() => expect(resolveMedia).toHaveBeenCalledTimes(1));
    await act(() => script.push({ accountData: [{ type: STABLE, content: { media_previews: "off" } }] }));
    expect(await screen.findByRole("button", { name: /Show image/ })).toBeVisible();
    expect(screen.queryByRole("img")).toBeNull();
  });

  it("given the room's own setting on over a global off, the image loads", async () => {
    const batch = lounge({ global: { media_previews: "off" } });
    batch.join![ROOM]!.accountData = [{ type: STABLE, content: { media_previews: "on" } }];
    const { resolveMedia } = await dialogOver(batch);
    await waitFor(() => expect(resolveMedia).toHaveBeenCalledTimes(1));
  });

  it("given the app's mediaPreviews prop, it wins over the setting", async () => {
    const { resolveMedia } = await dialogOver(lounge({ global: { media_previews: "off" } }), {
      mediaPreviews: true,
    });
    await waitFor(() => expect(resolveMedia).toHaveBeenCalledTimes(1));
  });

  it("given a label override, the button uses it, also without alt text", async () => {
    const { client } = await startWorld(
      ME,
      lounge({ html: '<p><img src="mxc://example.org/logo"></p>', global: { media_previews: "off" } }),
    );
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        labels={{ showImage: (alt) => (alt ? `Bild zeigen: ${alt}` : "Bild zeigen") }}
        options={{ seenStore: createMemorySeenStore() }}
      />,
    );
    expect(await screen.findByRole("button", { name: "Bild zeigen" })).toBeVisible();
  });
});

describe("mediaPreviewsShown", () => {
  const cases: [string, unknown[], unknown[], unknown, boolean][] = [
    ["nothing set", [], [], "public", true],
    ["global on", [], [{ media_previews: "on" }], "public", true],
    ["global off", [], [{ media_previews: "off" }], "invite", false],
    ["private in a public room", [], [{ media_previews: "private" }], "public", false],
    ["private with no join rule", [], [{ media_previews: "private" }], undefined, false],
    ["private in a knock_restricted room", [], [{ media_previews: "private" }], "knock_restricted", true],
    ["an unknown value counts as off", [], [{ media_previews: "sometimes" }], "invite", false],
    ["a null value counts as off", [], [{ media_previews: null }], "invite", false],
    [
      "the room's on over a global off",
      [{ media_previews: "on" }],
      [{ media_previews: "off" }],
      "public",
      true,
    ],
    ["the room's empty content leaves the global off", [{}], [{ media_previews: "off" }], "public", false],
    [
      "the stable type before the unstable one",
      [],
      [{ media_previews: "on" }, { media_previews: "off" }],
      "public",
      true,
    ],
    [
      "the unstable type when the stable one says nothing",
      [],
      [undefined, { media_previews: "off" }],
      "public",
      false,
    ],
    ["content that is no object is ignored", ["off", 3], [null], "public", true],
  ];
  for (const [name, room, global, rule, expected] of cases)
    it(`${name}: ${expected ? "shown" : "hidden"}`, () => {
      expect(mediaPreviewsShown(room, global, rule)).toBe(expected);
    });
});

/** A message holding one image, for `WelcomeBody` alone. */
const bodyMessage = (img: string) =>
  welcomeOf({ html: sanitizeMatrixHtml(`<p>${img}</p>`, { mediaUrl: keepMxcMedia }) });

describe("the media preview setting's edges", () => {
  it("given the user showed an image that then fails to load, focus stays on its stand-in in the message", async () => {
    const { dialog: shown } = await dialogOver(lounge({ global: { media_previews: "off" } }), {}, () => null);
    await userEvent.click(screen.getByRole("button", { name: /Show image/ }));
    await waitFor(() => expect(shown.querySelector("img")).toBeNull());
    expect(document.activeElement?.textContent).toBe("Our logo");
    expect(shown.querySelector('[data-part="body"]')!.contains(document.activeElement)).toBe(true);
  });

  it("given the room's setting is null over a global on, the image is hidden (an undefined value counts as off)", async () => {
    const batch = lounge({ global: { media_previews: "on" } });
    batch.join![ROOM]!.accountData = [{ type: STABLE, content: { media_previews: null } }];
    await dialogOver(batch);
    expect(screen.getByRole("button", { name: /Show image/ })).toBeVisible();
  });

  it("given account data of any shape, the dialog opens: an array, a list, an object, a number, a huge string", async () => {
    for (const content of [
      [1, 2],
      { media_previews: ["on"] },
      { media_previews: { a: 1 } },
      { media_previews: 7 },
      { media_previews: "x".repeat(1e6) },
    ]) {
      // Content that is no object says nothing (images show); a value the MSC does not define hides them.
      const { unmount } = await dialogOver(lounge({ global: content }));
      expect(!!screen.queryByRole("button", { name: /Show image/ })).toBe(!Array.isArray(content));
      unmount();
    }
  });

  it("given the dialog mounted and unmounted, the client, room and state listeners are as before", async () => {
    const { client } = await startWorld(ME, lounge({ global: { media_previews: "off" } }));
    const room = client.getRoom(ROOM)!;
    const state = room.getLiveTimeline().getState("f" as never)!;
    const count = () => [client, room, state].map((e) => listenerTotal(e as never));
    const before = count();
    const { unmount } = render(
      <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />,
    );
    await screen.findByRole("dialog");
    unmount();
    expect(count()).toEqual(before);
  });

  it("given a showImage label that returns rich text, the button says the English words, not [object Object]", async () => {
    const labels = {
      ...defaultWelcomeDialogLabels,
      showImage: ((alt: string) => <b>Bild: {alt}</b>) as never,
    };
    render(
      <WelcomeBody
        message={bodyMessage('<img src="mxc://example.org/logo" alt="Logo">')}
        labels={labels}
        mediaPreviews={false}
      />,
    );
    expect(await screen.findByRole("button")).toHaveTextContent("Show image: \u2068Logo\u2069");
  });

  it("given focus on a Show image button, when previews are turned on on another device, focus goes to the image", async () => {
    const { script, dialog: shown } = await dialogOver(lounge({ global: { media_previews: "off" } }));
    screen.getByRole("button", { name: /Show image/ }).focus();
    await act(() => script.push({ accountData: [{ type: STABLE, content: { media_previews: "on" } }] }));
    const img = await screen.findByRole("img", { name: "Our logo" });
    expect(document.activeElement).toBe(img);
    // And turned off again: focus goes back to the image's button, still in the message.
    await act(() => script.push({ accountData: [{ type: STABLE, content: { media_previews: "off" } }] }));
    const button = await screen.findByRole("button", { name: /Show image/ });
    expect(document.activeElement).toBe(button);
    expect(shown.contains(document.activeElement)).toBe(true);
  });

  it("given focus on the button of an image in a link, when previews are turned on elsewhere, focus goes to the link", async () => {
    const linked =
      '<p><a href="https://example.org/home"><img src="mxc://example.org/logo" alt="Home"></a></p>';
    const { script } = await dialogOver(lounge({ html: linked, global: { media_previews: "off" } }));
    screen.getByRole("button", { name: /Show image/ }).focus();
    await act(() => script.push({ accountData: [{ type: STABLE, content: { media_previews: "on" } }] }));
    await screen.findByRole("img", { name: "Home" });
    expect(document.activeElement).toBe(screen.getByRole("link", { name: /^Home/ }));
  });

  it("given focus elsewhere in the dialog, turning previews on leaves it there (control)", async () => {
    const { script } = await dialogOver(lounge({ global: { media_previews: "off" } }));
    const close = screen.getAllByRole("button").find((b) => !/Show image/.test(b.textContent ?? ""))!;
    close.focus();
    await act(() => script.push({ accountData: [{ type: STABLE, content: { media_previews: "on" } }] }));
    await screen.findByRole("img", { name: "Our logo" });
    expect(document.activeElement).toBe(close);
  });

  it("given several hidden images in one link, their buttons follow the link in the message's order", async () => {
    const linked =
      '<p><a href="https://example.org/home"><img src="mxc://example.org/a" alt="first"><img src="mxc://example.org/b" alt="second"><img src="mxc://example.org/c" alt="third"></a></p>';
    await dialogOver(lounge({ html: linked, global: { media_previews: "off" } }));
    const buttons = screen.getAllByRole("button", { name: /^Show image/ });
    expect(buttons.map((b) => b.textContent)).toEqual([
      "Show image: \u2068first\u2069",
      "Show image: \u2068second\u2069",
      "Show image: \u2068third\u2069",
    ]);
    expect(screen.getByRole("link").nextElementSibling).toBe(buttons[0]);
  });

  it("given alt text of blanks only, the button says only 'Show image'", async () => {
    render(
      <WelcomeBody
        message={bodyMessage('<img src="mxc://example.org/logo" alt="  ">')}
        mediaPreviews={false}
      />,
    );
    expect(await screen.findByRole("button")).toHaveAccessibleName("Show image");
  });
});
