import type { Meta, StoryObj } from "@storybook/react-vite";
import type { MatrixClient } from "matrix-js-sdk";
import { type ComponentType, useState } from "react";
import { expect, userEvent, waitFor, within } from "storybook/test";
import {
  createMemorySeenStore,
  type MediaResolver,
  useWelcomeMessage,
  WelcomeDialog,
  type WelcomeDialogProps,
  type WelcomeSeenStore,
} from "../src";
import { memberEvent, stateEvent, welcomeEvent } from "../test/support/events";
import { mergeBatches, welcomeRoom } from "../test/support/scenarios";
import type { SyncBatch } from "../test/support/syncScript";
import { DEMO_USER, startDemo } from "./support/demo";
import {
  bodyOf,
  contrastRatio,
  findWelcomeDialog,
  joinedWelcomeRoom,
  screenOf,
  WELCOME_ROOM,
  WelcomeDialogHost,
  type WelcomeLoaded,
  welcomeLoader,
} from "./support/welcomeStories";

declare global {
  interface Window {
    /** Set by the hostile payloads of `HostileHtml` if any of them ever ran. */
    __xss?: unknown;
  }
}

/** The props a story controls; the client, seen store and portal container come from the story's world. */
type WelcomeStoryArgs = Omit<WelcomeDialogProps, "client" | "options" | "container" | "resolveMedia">;

const meta = {
  title: "Welcome messages/WelcomeDialog",
  component: WelcomeDialog as ComponentType<WelcomeStoryArgs>,
  args: { roomId: WELCOME_ROOM },
  parameters: {
    layout: "fullscreen",
    docs: {
      description: {
        component:
          "The room's MSC3857 welcome message in a modal dialog, shown on the user's first (recent) join, at most once " +
          "per edition. " +
          "Every story joins a room on a scripted homeserver and keeps its seen marks in a memory store, so the " +
          "dialog opens on each render.",
      },
      // Each story is a modal dialog: one iframe per story keeps them from stacking on the docs page.
      story: { inline: false, iframeHeight: 500 },
    },
  },
  render: (args, { loaded }) => {
    const { world, seenStore } = loaded as WelcomeLoaded;
    return <WelcomeDialogHost {...args} client={world.client} options={{ seenStore }} />;
  },
} satisfies Meta<WelcomeStoryArgs>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The welcome's edition (event id) as the client holds it. */
const editionOf = (client: MatrixClient, type = "m.room.welcome") =>
  client.getRoom(WELCOME_ROOM)?.currentState.getStateEvents(type, "")?.getId();

// ---- Content ----

const richHtml = (warningColor: string) =>
  [
    "<h2>House rules</h2>",
    "<p>Glad you found us! Please read these before your first post.</p>",
    "<ol>",
    "<li><strong>Be kind.</strong> No harassment, no personal attacks.</li>",
    "<li>Stay on topic; everything else goes to <code>#offtopic:example.org</code>.</li>",
    "<li>No spam and no unsolicited advertising.</li>",
    "</ol>",
    "<h3>Getting started</h3>",
    "<ul><li>Say hello and tell us what brings you here.</li>",
    '<li>Read the <a href="https://example.org/faq">frequently asked questions</a>.</li></ul>',
    '<pre><code class="language-bash">/join #help:example.org</code></pre>',
    "<blockquote>Moderators answer reports within a day.</blockquote>",
    "<table><thead><tr><th>Room</th><th>For</th></tr></thead>",
    "<tbody><tr><td>#help</td><td>Questions</td></tr><tr><td>#news</td><td>Announcements</td></tr></tbody></table>",
    `<p><span data-mx-color="${warningColor}">Breaking these rules may get you removed.</span></p>`,
  ].join("");

const richText =
  "House rules\nGlad you found us! Please read these before your first post.\n1. Be kind.\n2. Stay on topic.\n3. No spam.";

/**
 * Every element of the rich welcome is there, and the coloured warning is readable on the dialog's surface: in the
 * sender's colour when that reads, else moved just far enough (`adjusted`).
 */
async function expectRichContent(dialog: HTMLElement, warningColor: string, adjusted = false) {
  const body = bodyOf(dialog);
  await expect(body.querySelector("h2")).toHaveTextContent("House rules");
  await expect(body.querySelectorAll("ol > li")).toHaveLength(3);
  await expect(body.querySelectorAll("ul > li")).toHaveLength(2);
  const link = body.querySelector("a")!;
  await expect(link).toHaveAttribute("href", "https://example.org/faq");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(body.querySelector("pre > code.language-bash")).toHaveTextContent("/join #help:example.org");
  await expect(body.querySelector("blockquote")).toHaveTextContent("within a day");
  await expect(body.querySelectorAll("table th")).toHaveLength(2);
  await expect(body.querySelectorAll("table tbody tr")).toHaveLength(2);
  const warning = body.querySelector<HTMLElement>("span[data-mx-color]")!;
  await expect(warning).toHaveTextContent("may get you removed");
  if (adjusted) await expect(warning).not.toHaveStyle({ color: warningColor });
  else await expect(warning).toHaveStyle({ color: warningColor });
  const ratio = contrastRatio(getComputedStyle(warning).color, getComputedStyle(dialog).backgroundColor);
  await expect(ratio).toBeGreaterThanOrEqual(4.5);
}

// ---- Stories ----

/**
 * Rich HTML (headings, lists, a link, a code block, a quote, a table and a coloured warning), sanitised to the Matrix
 * allowlist. The title is "Welcome to {room name}". The red warning (`#c62828`) has 5.6:1 contrast on the light
 * surface.
 */
export const HtmlWelcome: Story = {
  loaders: [welcomeLoader(() => joinedWelcomeRoom([welcomeEvent(richText, richHtml("#c62828"))]))],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(dialog).toHaveAccessibleName("Welcome to Rules Lounge");
    // Who set the welcome (a member without a display name: the Matrix ID alone), read before the kit's description.
    await expect(dialog).toHaveAccessibleDescription(
      "From @mod:example.org A welcome message set for this room.",
    );
    await expect(
      screenOf(canvasElement).getByRole("heading", { level: 2, name: "House rules" }),
    ).toBeVisible();
    await expectRichContent(dialog, "#c62828");
    await expect(screenOf(canvasElement).getByRole("button", { name: "Got it" })).toBeVisible();
    await expect(screenOf(canvasElement).getByRole("button", { name: "Close" })).toBeVisible();
  },
};

/** A welcome with only a plain-text body: line breaks are kept and the URL becomes a safe link. */
export const PlainTextOnly: Story = {
  loaders: [
    welcomeLoader(() =>
      joinedWelcomeRoom([
        welcomeEvent(
          "Welcome to the lounge!\n\nThree rules:\n1. Be kind.\n2. Stay on topic.\n3. No spam.\n\n" +
            "The full code of conduct: https://example.org/conduct.",
        ),
      ]),
    ),
  ],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    const body = bodyOf(dialog);
    await expect(body).toHaveClass("mnk-welcome-text");
    await expect(getComputedStyle(body).whiteSpace).toBe("pre-wrap");
    // Each line of the text is its own rendered line (innerText: as rendered, which is the point here).
    const lines = body.innerText.split("\n");
    await expect(lines).toContain("Three rules:");
    await expect(lines).toContain("2. Stay on topic.");
    // Links of plain text open in a new tab, which screen readers announce.
    const link = screenOf(canvasElement).getByRole("link", {
      name: "https://example.org/conduct (opens in a new tab)",
    });
    await expect(link).toHaveAttribute("href", "https://example.org/conduct");
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
    // The sentence's full stop stays outside the link.
    await expect(link.nextSibling?.textContent).toMatch(/^\./);
  },
};

/** A welcome under the unstable event type `org.matrix.msc3857.welcome`, as sent before MSC3857 is merged. */
export const UnstableEventType: Story = {
  loaders: [
    welcomeLoader(() =>
      joinedWelcomeRoom([
        welcomeEvent(
          "Welcome! Read the pinned rules first.",
          "<p>Welcome! Read the <strong>pinned rules</strong> first.</p>",
          { unstable: true },
        ),
      ]),
    ),
  ],
  play: async ({ canvasElement, loaded }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(dialog).toHaveAccessibleName("Welcome to Rules Lounge");
    await expect(bodyOf(dialog).querySelector("strong")).toHaveTextContent("pinned rules");
    const { world } = loaded as WelcomeLoaded;
    await expect(editionOf(world.client, "m.room.welcome")).toBeUndefined();
    await expect(editionOf(world.client, "org.matrix.msc3857.welcome")).toMatch(/^\$/);
  },
};

/** Content in the current MSC1767 form: an `m.text` array of representations (HTML preferred over plain text). */
export const Msc1767ArrayForm: Story = {
  loaders: [
    welcomeLoader(() =>
      joinedWelcomeRoom([
        welcomeEvent(
          "Welcome! Introduce yourself in the thread.",
          "<p>Welcome! Introduce yourself in <em>the thread</em>.</p>",
          { shape: "msc1767" },
        ),
      ]),
    ),
  ],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    const body = bodyOf(dialog);
    await expect(body).toHaveClass("mnk-welcome-html");
    await expect(body.querySelector("em")).toHaveTextContent("the thread");
  },
};

/** Content in the MSC3857 shorthand: `m.text` and `m.html` strings instead of an array. */
export const Msc3857Shorthand: Story = {
  loaders: [
    welcomeLoader(() =>
      joinedWelcomeRoom([
        welcomeEvent(
          "Welcome! Voice chat is on Fridays.",
          "<p>Welcome! Voice chat is on <strong>Fridays</strong>.</p>",
          { shape: "shorthand" },
        ),
      ]),
    ),
  ],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    const body = bodyOf(dialog);
    await expect(body).toHaveClass("mnk-welcome-html");
    await expect(body.querySelector("strong")).toHaveTextContent("Fridays");
    await expect(body).toHaveTextContent("Welcome! Voice chat is on Fridays.");
  },
};

const hostileHtml = [
  "<p>Welcome, friend.</p>",
  "<script>window.__xss = 'script'</script>",
  '<img src="x" onerror="window.__xss = \'img onerror\'">',
  "<p><a href=\"javascript:window.__xss = 'link'\">Claim your prize</a></p>",
  "<p><a href=\" JaVaScRiPt:window.__xss = 'spaced link'\">Claim it again</a></p>",
  '<p><a href="https://example.org/ok" onclick="window.__xss = \'onclick\'">A real link</a></p>',
  "<iframe srcdoc=\"<script>parent.__xss = 'iframe'</script>\"></iframe>",
  "<style>body { display: none !important }</style>",
  "<svg onload=\"window.__xss = 'svg'\"><script>window.__xss = 'svg script'</script></svg>",
  '<p><span data-mx-color="red;background:url(javascript:alert(1))">Colour injection</span></p>',
  "<p>The end.</p>",
  // Mutation XSS; unclosed, so it swallows whatever follows (all of it removed).
  "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss = 'mxss'\">",
].join("");

/**
 * A welcome stuffed with XSS payloads (script, onerror, `javascript:` links, iframe, style, svg, mutation XSS, a
 * colour that smuggles CSS). The sanitiser keeps only allowlisted tags and attributes: nothing runs and no page style
 * changes; the text of the harmless parts remains.
 */
export const HostileHtml: Story = {
  loaders: [
    async () => {
      window.__xss = undefined;
      return welcomeLoader(() => joinedWelcomeRoom([welcomeEvent("Welcome, friend.", hostileHtml)]))();
    },
  ],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    const body = bodyOf(dialog);
    await expect(body).toHaveTextContent("Welcome, friend.");
    await expect(body).toHaveTextContent("The end.");
    await expect(body.querySelector("script, iframe, style, svg, math, object, embed, form")).toBeNull();
    for (const element of body.querySelectorAll("*")) {
      for (const attribute of element.attributes) await expect(attribute.name).not.toMatch(/^on/i);
    }
    const anchors = [...body.querySelectorAll("a")];
    await expect(anchors.length).toBeGreaterThanOrEqual(3);
    for (const anchor of anchors) await expect(anchor.getAttribute("href") ?? "").not.toMatch(/script:/i);
    await expect(screenOf(canvasElement).getByRole("link", { name: /^A real link/ })).toHaveAttribute(
      "href",
      "https://example.org/ok",
    );
    // The javascript: links lost their href: they are plain text, not links.
    await expect(screenOf(canvasElement).queryByRole("link", { name: /^Claim your prize/ })).toBeNull();
    const colour = screenOf(canvasElement).getByText("Colour injection");
    await expect(colour).not.toHaveAttribute("style");
    await expect(colour).not.toHaveAttribute("data-mx-color");
    // Give any event handler a chance to fire before concluding nothing ran.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(window.__xss).toBeUndefined();
    await expect(getComputedStyle(canvasElement.ownerDocument.body).display).not.toBe("none");
  },
};

const sixtyRules = Array.from(
  { length: 60 },
  (_, i) => `Rule ${i + 1}: be patient with newcomers and keep discussions civil and on topic.`,
);

/** Loads a room whose welcome is the sixty rules, in text and HTML. */
const sixtyRulesLoader = welcomeLoader(() =>
  joinedWelcomeRoom([
    welcomeEvent(
      `${sixtyRules.join("\n")}\nFull text: https://example.org/rules`,
      `<ol>${sixtyRules.map((r) => `<li>${r}</li>`).join("")}</ol>` +
        '<p>Full text: <a href="https://example.org/rules">example.org/rules</a></p>',
    ),
  ]),
);

/** Sixty rules: the message scrolls inside the dialog while the title and the "Got it" button stay in view. */
export const LongRulesScroll: Story = {
  loaders: [sixtyRulesLoader],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(bodyOf(dialog).querySelectorAll("li")).toHaveLength(60);
    const scroll = dialog.querySelector<HTMLElement>('[data-part="scroll"]')!;
    await expect(scroll.scrollHeight).toBeGreaterThan(scroll.clientHeight);
    // The dialog fits the viewport; the footer's button is visible without scrolling the page.
    const view = canvasElement.ownerDocument.defaultView!;
    const rect = dialog.getBoundingClientRect();
    await expect(rect.top).toBeGreaterThanOrEqual(0);
    await expect(rect.bottom).toBeLessThanOrEqual(view.innerHeight);
    const confirm = screenOf(canvasElement).getByRole("button", { name: "Got it" });
    await expect(confirm).toBeVisible();
    const button = confirm.getBoundingClientRect();
    await expect(button.top).toBeGreaterThanOrEqual(rect.top);
    await expect(button.bottom).toBeLessThanOrEqual(Math.min(rect.bottom, view.innerHeight));
    // The last rule can be reached: its link scrolls into view when focused.
    const link = screenOf(canvasElement).getByRole("link", { name: /^example\.org\/rules/ });
    link.focus();
    await waitFor(() => expect(scroll.scrollTop).toBeGreaterThan(0));
  },
};

/**
 * The same sixty rules on a phone held sideways (Storybook's viewport toolbar: a small phone, rotated). Under 30rem of
 * height the whole dialog scrolls, title and buttons included, so the message always has room; a control focused by
 * Tab past the last or first one is brought into view.
 */
export const PhoneSideways: Story = {
  globals: { viewport: { value: "mobile1", isRotated: true } },
  loaders: [sixtyRulesLoader],
  play: async ({ canvasElement }) => {
    // Checked at whatever size the test runs: the layout itself is covered by test/browser/welcomeDialogReflow.
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(bodyOf(dialog).querySelectorAll("li")).toHaveLength(60);
    await expect(screenOf(canvasElement).getByRole("button", { name: "Got it" })).toBeInTheDocument();
  },
};

const logoSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">' +
  '<rect width="64" height="64" rx="12" fill="#0467dd"/><circle cx="32" cy="32" r="14" fill="#fff"/></svg>';
const LOGO_DATA_URL = `data:image/svg+xml,${encodeURIComponent(logoSvg)}`;

interface ImagesLoaded extends WelcomeLoaded {
  resolveMedia: MediaResolver;
  resolved: string[];
}

const logoHtml =
  '<p><img src="mxc://example.org/logo" alt="Rules Lounge logo" width="64" height="64"></p>' +
  "<p>Welcome to the Rules Lounge!</p>";

/** A welcome with a captioned `mxc://` logo (or the `html` given); `answer` plays the resolver. */
function imagesLoader(
  answer: (url: string) => Promise<string>,
  html = logoHtml,
  accountData: SyncBatch["accountData"] = [],
) {
  return async (): Promise<ImagesLoaded> => {
    const loaded = await welcomeLoader(() => ({
      ...joinedWelcomeRoom([welcomeEvent("Welcome to the Rules Lounge!", html)]),
      accountData,
    }))();
    const resolved: string[] = [];
    const resolveMedia: MediaResolver = async (url) => {
      resolved.push(url);
      return answer(url);
    };
    return { ...loaded, resolveMedia, resolved };
  };
}

/** Renders the dialog with the loader's media resolver. */
function renderWithResolver(args: WelcomeStoryArgs, loaded: unknown) {
  const { world, seenStore, resolveMedia } = loaded as ImagesLoaded;
  return (
    <WelcomeDialogHost {...args} client={world.client} options={{ seenStore }} resolveMedia={resolveMedia} />
  );
}

/**
 * An `mxc://` image. The sanitiser turns it into the homeserver's authenticated media URL, and the dialog loads it
 * through `resolveMedia`: here a stand-in that answers with an inline SVG (no network); the default fetches it with
 * the access token and shows a blob URL.
 */
export const Images: Story = {
  loaders: [imagesLoader(async () => LOGO_DATA_URL)],
  render: (args, { loaded }) => renderWithResolver(args, loaded),
  play: async ({ canvasElement, loaded }) => {
    const { resolved, world } = loaded as ImagesLoaded;
    await findWelcomeDialog(canvasElement);
    const img = await screenOf(canvasElement).findByRole("img", { name: "Rules Lounge logo" });
    await waitFor(() => expect(img).toHaveAttribute("src", LOGO_DATA_URL));
    await expect(img).toHaveAttribute("alt", "Rules Lounge logo");
    await waitFor(() => expect((img as HTMLImageElement).naturalWidth).toBeGreaterThan(0));
    // The resolver was asked for the authenticated media URL of the mxc URI, and nothing went to the server.
    await expect(resolved).toEqual([
      expect.stringMatching(
        /^https:\/\/matrix\.example\.org\/_matrix\/client\/v1\/media\/download\/example\.org\/logo\b/,
      ),
    ]);
    await expect(world.script.requestsTo(/\/media\//)).toHaveLength(0);
  },
};

/**
 * The user turned media previews off (MSC4278's `m.media_preview_config` account data, which Element writes as
 * `io.element.msc4278.media_preview_config`): the logo waits behind a "Show image" button and nothing is downloaded
 * until the user asks. `"private"` does the same in public rooms only; `mediaPreviews` on the dialog overrides it.
 */
export const ImagesBehindMediaSetting: Story = {
  loaders: [
    imagesLoader(async () => LOGO_DATA_URL, logoHtml, [
      { type: "m.media_preview_config", content: { media_previews: "off" } },
    ]),
  ],
  render: (args, { loaded }) => renderWithResolver(args, loaded),
  play: async ({ canvasElement, loaded }) => {
    const { resolved } = loaded as ImagesLoaded;
    const dialog = await findWelcomeDialog(canvasElement);
    const button = await within(dialog).findByRole("button", { name: /Show image: .Rules Lounge logo./ });
    await expect(button).toBeVisible();
    await expect(dialog.querySelector("img:not([hidden])")).toBeNull();
    await expect(resolved).toEqual([]);
    await userEvent.click(button);
    const img = await within(dialog).findByRole("img", { name: "Rules Lounge logo" });
    await waitFor(() => expect(img).toHaveAttribute("src", LOGO_DATA_URL));
    await expect(img).toHaveFocus();
  },
};

/** An image the homeserver cannot deliver (here the resolver fails): its description stays in its place. */
export const ImageUnavailable: Story = {
  loaders: [imagesLoader(async () => Promise.reject(new Error("404")))],
  render: (args, { loaded }) => renderWithResolver(args, loaded),
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await waitFor(() => expect(dialog.querySelector("img")).toBeNull());
    await expect(dialog).toHaveTextContent("Rules Lounge logo");
  },
};

/**
 * An image without alt text that the homeserver cannot deliver: the kit's own words, "Image unavailable", stand in
 * (`[data-mnk-image-unavailable]`, following a language switch of the `imageUnavailable` label).
 */
export const ImageUnavailableNoAlt: Story = {
  loaders: [
    imagesLoader(
      async () => Promise.reject(new Error("404")),
      '<p><img src="mxc://example.org/map" width="320" height="180"></p><p>This is where we meet every Friday.</p>',
    ),
  ],
  render: (args, { loaded }) => renderWithResolver(args, loaded),
  play: async ({ canvasElement, loaded }) => {
    const { resolved } = loaded as ImagesLoaded;
    const dialog = await findWelcomeDialog(canvasElement);
    await waitFor(() => expect(dialog.querySelector("img")).toBeNull());
    const standIn = bodyOf(dialog).querySelector("[data-mnk-image-unavailable]");
    await expect(standIn).toHaveTextContent("Image unavailable");
    await expect(standIn).toBeVisible();
    await expect(dialog).toHaveTextContent("This is where we meet every Friday.");
    await expect(resolved).toHaveLength(1);
  },
};

/**
 * A welcome of more different images than a reader downloads unasked (here 53 stickers; the kit shows the first 50
 * URLs): the other three show their alt text, and one "Show 3 more images" button after the message (one tab stop,
 * not one per image) loads them and moves focus to the first. With media previews off, each image waits behind its
 * own "Show image" button instead (`ImagesBehindMediaSetting`).
 */
export const ManyImages: Story = {
  loaders: [
    imagesLoader(
      async () => LOGO_DATA_URL,
      `<p>Our sticker wall:</p><p>${Array.from(
        { length: 53 },
        (_, i) => `<img src="mxc://example.org/sticker${i}" alt="sticker ${i + 1}" width="24" height="24">`,
      ).join(" ")}</p>`,
    ),
  ],
  render: (args, { loaded }) => renderWithResolver(args, loaded),
  play: async ({ canvasElement, loaded }) => {
    const { resolved } = loaded as ImagesLoaded;
    const dialog = await findWelcomeDialog(canvasElement);
    const more = await within(dialog).findByRole("button", { name: "Show 3 more images" });
    await expect(more).toBeVisible();
    await waitFor(() => expect(resolved).toHaveLength(50));
    await expect(dialog).toHaveTextContent("sticker 53");
    await userEvent.click(more);
    const first = await within(dialog).findByRole("img", { name: "sticker 51" });
    await expect(first).toHaveFocus();
    await waitFor(() => expect(resolved).toHaveLength(53));
  },
};

const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0"));
const onDuty = (from: number, to: number) =>
  hours.map((_, h) => `<td>${h >= from && h < to ? "●" : ""}</td>`).join("");

/**
 * A table wider than the dialog (moderators on duty per hour, 24 columns): the table scrolls sideways in its own box
 * (`[data-mnk-table-scroll]`, focusable while it overflows, for the arrow keys), the rest of the message does not.
 */
export const WideTable: Story = {
  loaders: [
    welcomeLoader(() =>
      joinedWelcomeRoom([
        welcomeEvent(
          "Moderators on duty (UTC): #help 08-20, #news 06-14, #offtopic 16-24.",
          "<p>Moderators on duty, by hour (UTC):</p>" +
            `<table><thead><tr><th>Room</th>${hours.map((h) => `<th>${h}</th>`).join("")}</tr></thead>` +
            `<tbody><tr><th>#help</th>${onDuty(8, 20)}</tr><tr><th>#news</th>${onDuty(6, 14)}</tr>` +
            `<tr><th>#offtopic</th>${onDuty(16, 24)}</tr></tbody></table>` +
            "<p>Outside these hours, use the report button: reports are read every morning.</p>",
        ),
      ]),
    ),
  ],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    const body = bodyOf(dialog);
    await expect(body.querySelectorAll("thead th")).toHaveLength(25);
    const box = body.querySelector<HTMLElement>("[data-mnk-table-scroll]")!;
    await expect(box.querySelector("table")).not.toBeNull();
    // The table's box scrolls sideways, and can be reached by keyboard to do so.
    await expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
    await waitFor(() => expect(box).toHaveAttribute("tabindex", "0"));
    // The message itself does not: its scrolling area and the body are no wider than they show.
    const scroll = dialog.querySelector<HTMLElement>('[data-part="scroll"]')!;
    await expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
    await expect(body.scrollWidth).toBeLessThanOrEqual(body.clientWidth);
    await expect(dialog.getBoundingClientRect().right).toBeLessThanOrEqual(
      canvasElement.ownerDocument.documentElement.clientWidth,
    );
  },
};

const spoilerLoader = welcomeLoader(() =>
  joinedWelcomeRoom([
    welcomeEvent(
      "Welcome to the book club! This month: the murderer is the butler.",
      '<p>Welcome to the book club! This month: <span data-mx-spoiler="chapter 12">the murderer is the ' +
        "butler</span>.</p><p>Next month: <span data-mx-spoiler>the ship sinks</span>.</p>",
    ),
  ]),
);

/**
 * Spoilers (`data-mx-spoiler`) stay hidden until activated: each is a button named "Spoiler" whose hint carries the
 * sender's reason; a click, Enter or Space reveals it.
 */
export const Spoiler: Story = {
  loaders: [spoilerLoader],
  play: async ({ canvasElement }) => {
    const screen = screenOf(canvasElement);
    const dialog = await findWelcomeDialog(canvasElement);
    const spoilers = await screen.findAllByRole("button", { name: "Spoiler" });
    await expect(spoilers).toHaveLength(2);
    const [first, second] = spoilers as [HTMLElement, HTMLElement];
    await expect(first).toHaveAttribute("title", "Spoiler (\u2068chapter 12\u2069): activate to reveal");
    await expect(second).toHaveAttribute("title", "Spoiler: activate to reveal");
    await expect(first).not.toHaveAttribute("data-revealed");
    // Hidden text is painted transparent.
    await expect(getComputedStyle(first).color).toBe("rgba(0, 0, 0, 0)");

    await userEvent.click(first);
    await expect(first).toHaveAttribute("data-revealed", "true");
    await expect(first).not.toHaveAttribute("role");
    await expect(getComputedStyle(first).color).toBe(getComputedStyle(dialog).color);
    await expect(screen.getAllByRole("button", { name: "Spoiler" })).toEqual([second]);

    second.focus();
    await userEvent.keyboard("{Enter}");
    await expect(second).toHaveAttribute("data-revealed", "true");
    await expect(screen.queryByRole("button", { name: "Spoiler" })).toBeNull();
    // Revealing a spoiler does not close the dialog.
    await expect(dialog).toBeVisible();
  },
};

/** Spoilers as they first appear, unrevealed, on the dark theme. */
export const SpoilerHiddenDark: Story = {
  globals: { theme: "dark" },
  loaders: [spoilerLoader],
  play: async ({ canvasElement }) => {
    await findWelcomeDialog(canvasElement);
    const spoilers = await screenOf(canvasElement).findAllByRole("button", { name: "Spoiler" });
    await expect(spoilers).toHaveLength(2);
    for (const spoiler of spoilers) {
      await expect(spoiler).not.toHaveAttribute("data-revealed");
      await expect(getComputedStyle(spoiler).color).toBe("rgba(0, 0, 0, 0)");
    }
  },
};

/**
 * The rich welcome on the dark theme (the Theme toolbar set to Dark; the dialog is portalled inside the themed
 * frame). The sender's red warning (`#c62828`, 5.6:1 on the light surface) has only 2.8:1 on the dark one
 * (`#1d2228`): it is mixed towards white just past 4.5:1, hue kept. Switch the toolbar back to Light and it is the
 * sender's red again.
 */
export const Dark: Story = {
  globals: { theme: "dark" },
  loaders: [welcomeLoader(() => joinedWelcomeRoom([welcomeEvent(richText, richHtml("#c62828"))]))],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(dialog.closest("[data-theme]")).toHaveAttribute("data-theme", "dark");
    await expect(getComputedStyle(dialog).backgroundColor).toBe("rgb(29, 34, 40)");
    await expect(getComputedStyle(dialog).color).toBe("rgb(232, 234, 237)");
    const link = screenOf(canvasElement).getByRole("link", { name: /^frequently asked questions/ });
    await expect(getComputedStyle(link).color).toBe("rgb(138, 184, 255)");
    await expect(getComputedStyle(bodyOf(dialog).querySelector("pre")!).backgroundColor).toBe(
      "rgb(42, 48, 56)",
    );
    // The sender's red would not be readable here; what shows is a lighter red.
    await expect(contrastRatio("rgb(198, 40, 40)", getComputedStyle(dialog).backgroundColor)).toBeLessThan(
      4.5,
    );
    await expectRichContent(dialog, "#c62828", true);
    const [r, g, b] = (
      getComputedStyle(bodyOf(dialog).querySelector("span[data-mx-color]")!).color.match(/\d+/g) ?? []
    ).map(Number);
    await expect(r!).toBeGreaterThan(g! + 60);
    await expect(r!).toBeGreaterThan(b! + 60);
  },
};

/**
 * `authorColors="as-sent"`: the sender's colours exactly as sent, here the red warning at 2.8:1 on the dark theme,
 * for apps that keep contrast their own way. Its contrast failure is the point, so axe's contrast rule is off here.
 */
export const AuthorColorsAsSent: Story = {
  globals: { theme: "dark" },
  args: { authorColors: "as-sent" },
  parameters: { a11y: { config: { rules: [{ id: "color-contrast", enabled: false }] } } },
  loaders: [welcomeLoader(() => joinedWelcomeRoom([welcomeEvent(richText, richHtml("#c62828"))]))],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    const warning = bodyOf(dialog).querySelector("span[data-mx-color]")!;
    await expect(getComputedStyle(warning).color).toBe("rgb(198, 40, 40)");
  },
};

/** mIRC's 16 colours, as IRC bridges put them in `<font color>` (a bridged room's welcome often carries them). */
const IRC_COLOURS = [
  ["white", "#ffffff"],
  ["black", "#000000"],
  ["navy", "#00007f"],
  ["green", "#009300"],
  ["red", "#ff0000"],
  ["brown", "#7f0000"],
  ["purple", "#9c009c"],
  ["orange", "#fc7f00"],
  ["yellow", "#ffff00"],
  ["light green", "#00fc00"],
  ["teal", "#009393"],
  ["cyan", "#00ffff"],
  ["blue", "#0000fc"],
  ["pink", "#ff00ff"],
  ["grey", "#7f7f7f"],
  ["light grey", "#d2d2d2"],
] as const;

const ircHtml = `<h2>#lounge on IRC</h2><ul>${IRC_COLOURS.map(
  ([name, hex]) => `<li><font color="${hex}">${name} (${hex})</font></li>`,
).join(
  "",
)}<li><span data-mx-bg-color="#ffff00">highlighted (on yellow)</span></li></ul><p><font color="#00007f">Commands: <code>/msg NickServ help</code></font></p>`;

/** Every sender-coloured line of the IRC welcome (and the highlighted one) has 4.5:1 on the background it is painted on. */
async function expectIrcColoursReadable(dialog: HTMLElement) {
  for (const el of bodyOf(dialog).querySelectorAll("font, code, span[data-mx-bg-color]")) {
    let bg = "rgba(0, 0, 0, 0)";
    for (let up: Element | null = el; up && /rgba\(0, 0, 0, 0\)/.test(bg); up = up.parentElement)
      bg = getComputedStyle(up).backgroundColor;
    await expect(contrastRatio(getComputedStyle(el).color, bg)).toBeGreaterThanOrEqual(4.5);
  }
}

/**
 * A bridged IRC room's welcome in all 16 mIRC colours, on the light theme: the ones too light for a white surface
 * (white, yellow, light green, cyan, light grey and a few more) are darkened just far enough, hue kept; the others
 * are as sent. Compare `SenderColoursDark`.
 */
export const SenderColoursLight: Story = {
  globals: { theme: "light" },
  loaders: [welcomeLoader(() => joinedWelcomeRoom([welcomeEvent("IRC colours", ircHtml)]))],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await expectIrcColoursReadable(dialog);
    const navy = bodyOf(dialog).querySelector('font[color="#00007f"]')!;
    await expect(getComputedStyle(navy).color).toBe("rgb(0, 0, 127)");
  },
};

/**
 * The same IRC welcome on the dark theme: navy, black, blue, brown and purple are lightened just far enough; the
 * code sample inside the navy line is measured on the code's own background, and the theme's light text on the
 * sender's yellow highlight is darkened to read on it.
 */
export const SenderColoursDark: Story = {
  globals: { theme: "dark" },
  loaders: [welcomeLoader(() => joinedWelcomeRoom([welcomeEvent("IRC colours", ircHtml)]))],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await expectIrcColoursReadable(dialog);
    const yellow = bodyOf(dialog).querySelector('font[color="#ffff00"]')!;
    await expect(getComputedStyle(yellow).color).toBe("rgb(255, 255, 0)");
  },
};

const arabicLabels = {
  title: (name: string) => `مرحبًا بك في ${name}`,
  untitledRoom: "هذه الغرفة",
  description: "رسالة ترحيب من مشرفي هذه الغرفة.",
  confirm: "فهمت",
  close: "إغلاق",
  spoiler: "حرق للأحداث",
  revealSpoiler: (reason: string) =>
    reason ? `حرق للأحداث (${reason}): فعّله للكشف` : "حرق للأحداث: فعّله للكشف",
  imageUnavailable: "الصورة غير متاحة",
  opensInNewTab: "(يُفتح في علامة تبويب جديدة)",
  sentBy: (name: string, userId: string) => (name ? `من ${name} (${userId})` : `من ${userId}`),
};

/**
 * An Arabic welcome with Arabic labels (`lang="ar"`) in a right-to-left layout (the Direction toolbar set to RTL): the
 * close button sits at the left, "Got it" at the left of the footer, lists indent from the right, and the dialog stays
 * centred.
 */
export const Rtl: Story = {
  args: { labels: arabicLabels, lang: "ar" },
  globals: { dir: "rtl" },
  loaders: [
    welcomeLoader(() =>
      joinedWelcomeRoom(
        [
          welcomeEvent(
            "أهلًا بك في ردهة القواعد!\n١. كن لطيفًا.\n٢. التزم بالموضوع.\nالتفاصيل: https://example.org/ar/rules",
            "<h2>أهلًا بك!</h2><ol><li>كن لطيفًا مع الجميع.</li><li>التزم بموضوع الغرفة.</li></ol>" +
              '<p>التفاصيل: <a href="https://example.org/ar/rules">القواعد الكاملة</a></p>',
          ),
        ],
        { name: "ردهة القواعد" },
      ),
    ),
  ],
  play: async ({ canvasElement }) => {
    const screen = screenOf(canvasElement);
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(dialog).toHaveAccessibleName("مرحبًا بك في ردهة القواعد");
    // Its labels are read as Arabic (`lang`: portalled, it inherits no language from the app's tree).
    await expect(dialog).toHaveAttribute("lang", "ar");
    await expect(getComputedStyle(dialog).direction).toBe("rtl");
    await expect(getComputedStyle(bodyOf(dialog)).direction).toBe("rtl");
    const title = dialog.querySelector('[data-part="title"]')!.getBoundingClientRect();
    const close = screen.getByRole("button", { name: "إغلاق" }).getBoundingClientRect();
    await expect(close.right).toBeLessThanOrEqual(title.left);
    // Who set it, under the title, from its start (the right), the Matrix ID left to right within the sentence.
    const sender = dialog.querySelector<HTMLElement>('[data-part="sender"]')!;
    await expect(sender).toHaveTextContent("من @mod:example.org");
    await expect(sender.getBoundingClientRect().top).toBeGreaterThanOrEqual(title.bottom);
    await expect(getComputedStyle(sender.querySelector('[data-part="sender-id"]')!).direction).toBe("ltr");
    const confirm = screen.getByRole("button", { name: "فهمت" }).getBoundingClientRect();
    const box = dialog.getBoundingClientRect();
    await expect(confirm.left - box.left).toBeLessThan(box.right - confirm.right);
    // Centred in the viewport, as in left-to-right layouts.
    const view = canvasElement.ownerDocument.defaultView!;
    await expect(Math.abs((box.left + box.right) / 2 - view.innerWidth / 2)).toBeLessThan(2);
    await expect(screen.getByRole("link", { name: /^القواعد الكاملة/ })).toHaveAttribute(
      "href",
      "https://example.org/ar/rules",
    );
  },
};

/**
 * The user joins while the app is running: the initial sync does not have the room, then a sync batch brings the
 * join (from an invite) with the room's welcome, and the dialog opens.
 */
export const LiveJoin: Story = {
  // Autoplayed on the Docs page too (this file's stories render there in iframes, which run their play functions).
  parameters: { docs: { story: { autoplay: true } } },
  loaders: [welcomeLoader({})],
  play: async ({ canvasElement, loaded }) => {
    const screen = screenOf(canvasElement);
    await expect(screen.queryByRole("dialog")).toBeNull();
    const { world } = loaded as WelcomeLoaded;
    await world.script.push(
      joinedWelcomeRoom([
        welcomeEvent(
          "Thanks for accepting the invite! Start in the #intro thread.",
          "<p>Thanks for accepting the invite! Start in the <strong>#intro</strong> thread.</p>",
        ),
      ]),
    );
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(dialog).toHaveAccessibleName("Welcome to Rules Lounge");
    await expect(dialog).toHaveTextContent("Start in the #intro thread.");
  },
};

/** A space (`m.room.create` type `m.space`) can carry a welcome too; it shows when the user joins the space. */
export const Space: Story = {
  loaders: [
    welcomeLoader(() =>
      joinedWelcomeRoom(
        [
          welcomeEvent(
            "Welcome to the Example Community space! Join #announcements and #help to get started.",
            "<p>Welcome to the Example Community space! Join <strong>#announcements</strong> and " +
              "<strong>#help</strong> to get started.</p>",
          ),
        ],
        { roomType: "m.space", name: "Example Community" },
      ),
    ),
  ],
  play: async ({ canvasElement, loaded }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(dialog).toHaveAccessibleName("Welcome to Example Community");
    await expect(dialog).toHaveTextContent("Join #announcements and #help");
    const { world } = loaded as WelcomeLoaded;
    await expect(world.client.getRoom(WELCOME_ROOM)?.isSpaceRoom()).toBe(true);
  },
};

const SPACE_ROOM = "!community:example.org";

/**
 * A space and one of its rooms joined in one sync, each with a welcome, each with its own `<WelcomeDialog>`: one
 * dialog at a time (two modal dialogs open together would each hide the other from screen readers). "Got it" on the
 * space's opens the room's.
 */
export const SpaceAndRoomInLine: Story = {
  loaders: [
    welcomeLoader(() =>
      mergeBatches(
        welcomeRoom(DEMO_USER, SPACE_ROOM, {
          prevMembership: "invite",
          roomType: "m.space",
          name: "Example Community",
          welcome: [welcomeEvent("Welcome to the community! Each room has its own rules.")],
        }),
        joinedWelcomeRoom([welcomeEvent("Rules Lounge: be kind, stay on topic.")]),
      ),
    ),
  ],
  render: (args, { loaded }) => {
    const { world, seenStore } = loaded as WelcomeLoaded;
    return (
      <>
        <WelcomeDialogHost {...args} roomId={SPACE_ROOM} client={world.client} options={{ seenStore }} />
        <WelcomeDialogHost {...args} client={world.client} options={{ seenStore }} />
      </>
    );
  },
  play: async ({ canvasElement }) => {
    const screen = screenOf(canvasElement);
    const space = await findWelcomeDialog(canvasElement);
    await expect(space).toHaveAccessibleName("Welcome to Example Community");
    await expect(screen.getAllByRole("dialog", { hidden: true })).toHaveLength(1);
    await userEvent.click(screen.getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.getByRole("dialog")).toHaveAccessibleName("Welcome to Rules Lounge"));
    await expect(screen.getAllByRole("dialog", { hidden: true })).toHaveLength(1);
  },
};

const keyboardWelcome = () =>
  joinedWelcomeRoom([
    welcomeEvent(
      "Welcome! The rules are short: https://example.org/rules",
      '<p>Welcome! The rules are short: <a href="https://example.org/rules">read them</a>.</p>',
    ),
  ]);

/** Waits until the dialog is gone and checks that this render's seen store holds the welcome's edition. */
async function expectClosedAndSeen(canvasElement: HTMLElement, loaded: Record<string, unknown>) {
  const { world, seenStore } = loaded as unknown as WelcomeLoaded;
  await waitFor(() => expect(screenOf(canvasElement).queryByRole("dialog")).toBeNull());
  const edition = editionOf(world.client);
  await expect(edition).toMatch(/^\$/);
  await expect(seenStore.getSeen(WELCOME_ROOM)).toEqual([edition]);
}

/**
 * Keyboard only: the message takes focus when the dialog opens (so Enter alone cannot dismiss it unread), Tab and
 * Shift+Tab cycle inside it (the message's link, "Got it", the close button), and Enter on "Got it" closes it and
 * marks the edition seen.
 */
export const KeyboardFlow: Story = {
  loaders: [welcomeLoader(keyboardWelcome)],
  play: async ({ canvasElement, loaded }) => {
    const screen = screenOf(canvasElement);
    const dialog = await findWelcomeDialog(canvasElement);
    const close = screen.getByRole("button", { name: "Close" });
    // Links in the HTML say that they open in a new tab, as plain-text links do.
    const link = screen.getByRole("link", { name: "read them (opens in a new tab)" });
    const confirm = screen.getByRole("button", { name: "Got it" });
    await waitFor(() =>
      expect(dialog).toContainElement(canvasElement.ownerDocument.activeElement as HTMLElement),
    );
    const message = dialog.querySelector<HTMLElement>('[data-part="scroll"]');
    await expect(message).toHaveFocus();
    const { seenStore } = loaded as WelcomeLoaded;
    await userEvent.keyboard("{Enter}");
    await expect(screen.getByRole("dialog")).toBeVisible();
    await userEvent.tab();
    await expect(link).toHaveFocus();
    await userEvent.tab();
    await expect(confirm).toHaveFocus();
    // The focus trap wraps around in both directions.
    await userEvent.tab();
    await expect(close).toHaveFocus();
    await userEvent.tab({ shift: true });
    await expect(confirm).toHaveFocus();
    await expect(seenStore.getSeen(WELCOME_ROOM)).toEqual([]);
    await userEvent.keyboard("{Enter}");
    await expectClosedAndSeen(canvasElement, loaded);
  },
};

/** Space on the focused "Got it" button confirms just as Enter does. */
export const KeyboardSpaceConfirms: Story = {
  loaders: [welcomeLoader(keyboardWelcome)],
  play: async ({ canvasElement, loaded }) => {
    await findWelcomeDialog(canvasElement);
    screenOf(canvasElement).getByRole("button", { name: "Got it" }).focus();
    await userEvent.keyboard(" ");
    await expectClosedAndSeen(canvasElement, loaded);
  },
};

/** Escape closes the dialog too, and (with the default `markSeenOnDismiss`) marks the edition seen. */
export const KeyboardEscape: Story = {
  loaders: [welcomeLoader(keyboardWelcome)],
  play: async ({ canvasElement, loaded }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await waitFor(() =>
      expect(dialog).toContainElement(canvasElement.ownerDocument.activeElement as HTMLElement),
    );
    await userEvent.keyboard("{Escape}");
    await expectClosedAndSeen(canvasElement, loaded);
  },
};

/** An app's "Room rules" button that opens the welcome on demand (controlled `open`), for any edition, seen or not. */
function RulesButton({ client, seenStore }: { client: MatrixClient; seenStore: WelcomeSeenStore }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Room rules
      </button>
      <WelcomeDialogHost
        client={client}
        roomId={WELCOME_ROOM}
        options={{ seenStore }}
        open={open}
        onOpenChange={setOpen}
      />
    </>
  );
}

/**
 * Focus return: the app opens the welcome from its own "Room rules" button (controlled `open`); when the dialog
 * closes (here with Escape), keyboard focus goes back to that button, not to the top of the page.
 */
export const FocusReturnsToOpener: Story = {
  loaders: [welcomeLoader(keyboardWelcome)],
  render: (_args, { loaded }) => {
    const { world, seenStore } = loaded as WelcomeLoaded;
    return <RulesButton client={world.client} seenStore={seenStore} />;
  },
  play: async ({ canvasElement }) => {
    const screen = screenOf(canvasElement);
    const opener = screen.getByRole("button", { name: "Room rules" });
    opener.focus();
    await userEvent.keyboard("{Enter}");
    const dialog = await findWelcomeDialog(canvasElement);
    await waitFor(() =>
      expect(dialog).toContainElement(canvasElement.ownerDocument.activeElement as HTMLElement),
    );
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() => expect(opener).toHaveFocus());
  },
};

/** What the app knows about the room's welcome, next to the (closed) dialog. */
function WelcomeStatus({ client, seenStore }: { client: MatrixClient; seenStore: WelcomeSeenStore }) {
  const { message, shouldShow } = useWelcomeMessage(client, WELCOME_ROOM, { seenStore });
  return (
    <p data-testid="welcome-status">
      {message ? "This room has a welcome message" : "No welcome message"}
      {" · "}
      {shouldShow ? "shown now" : "not shown"}
    </p>
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The fresh-login rule: a join must be recent (at most `maxJoinAgeMs`, default 24 hours) for its welcome to show.
 * Here the user joined 30 days ago and has just logged in on a new device: the room's welcome is known, but no
 * dialog opens, so old joins are not replayed on every new session.
 */
export const NotShownForOldJoin: Story = {
  loaders: [
    welcomeLoader(() =>
      joinedWelcomeRoom(
        [welcomeEvent("Welcome! Please read the rules.", "<p>Welcome! Please read the rules.</p>")],
        { joinTs: Date.now() - 30 * DAY_MS },
      ),
    ),
  ],
  render: (args, { loaded }) => {
    const { world, seenStore } = loaded as WelcomeLoaded;
    return (
      <>
        <WelcomeStatus client={world.client} seenStore={seenStore} />
        <WelcomeDialogHost {...args} client={world.client} options={{ seenStore }} />
      </>
    );
  },
  play: async ({ canvasElement, loaded }) => {
    const status = await screenOf(canvasElement).findByTestId("welcome-status");
    await expect(status).toHaveTextContent("This room has a welcome message · not shown");
    const { world } = loaded as WelcomeLoaded;
    const me = world.client.getRoom(WELCOME_ROOM)?.currentState.getMember(DEMO_USER);
    await expect(me?.membership).toBe("join");
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(screenOf(canvasElement).queryByRole("dialog")).toBeNull();
  },
};

/**
 * `markSeenOnDismiss={false}`: Escape (or the close button, or a click outside) closes the dialog without marking the
 * edition seen, so it shows again on a later mount while the join still qualifies. Only "Got it" marks it seen.
 */
export const DismissWithoutMarkingSeen: Story = {
  args: { markSeenOnDismiss: false },
  loaders: [welcomeLoader(keyboardWelcome)],
  play: async ({ canvasElement, loaded }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await waitFor(() =>
      expect(dialog).toContainElement(canvasElement.ownerDocument.activeElement as HTMLElement),
    );
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screenOf(canvasElement).queryByRole("dialog")).toBeNull());
    const { seenStore } = loaded as unknown as WelcomeLoaded;
    await expect(seenStore.getSeen(WELCOME_ROOM)).toEqual([]);
  },
};

/** A room without a name of its own: the title says "Welcome to this room" rather than a name made up from members. */
export const UnnamedRoom: Story = {
  loaders: [
    welcomeLoader(() => joinedWelcomeRoom([welcomeEvent("Be kind, and enjoy your stay.")], { name: "" })),
  ],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(dialog).toHaveAccessibleName("Welcome to this room");
  },
};

/**
 * An unnamed room in a translation that words that case on its own: `labels.title` is told the room has no name
 * (`hasName` false) instead of building "Willkommen in diesem Raum" from `untitledRoom`.
 */
export const UnnamedRoomOwnWording: Story = {
  args: {
    labels: {
      title: (name: string, hasName?: boolean) => (hasName ? `Willkommen in ${name}` : "Willkommen!"),
      confirm: "Verstanden",
    },
  },
  loaders: [
    welcomeLoader(() => joinedWelcomeRoom([welcomeEvent("Seid freundlich zueinander.")], { name: "" })),
  ],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(dialog).toHaveAccessibleName("Willkommen!");
  },
};

/**
 * HTML of which nothing visible survives sanitising (only an image from outside the homeserver's media): the
 * plain-text body shows instead of an empty dialog.
 */
export const HtmlWithNothingToShow: Story = {
  loaders: [
    welcomeLoader(() =>
      joinedWelcomeRoom([
        welcomeEvent(
          "Please read the rules pinned in this room.",
          '<p><img src="https://example.org/banner.png"></p>',
        ),
      ]),
    ),
  ],
  play: async ({ canvasElement }) => {
    const body = bodyOf(await findWelcomeDialog(canvasElement));
    await expect(body).toHaveClass("mnk-welcome-text");
    await expect(body).toHaveTextContent("Please read the rules pinned in this room.");
  },
};

/** Sixty rules without any link: the scrolling part itself takes keyboard focus, so the rules can be read. */
export const LongRulesWithoutLink: Story = {
  loaders: [
    welcomeLoader(() =>
      joinedWelcomeRoom([
        welcomeEvent(sixtyRules.join("\n"), `<ol>${sixtyRules.map((r) => `<li>${r}</li>`).join("")}</ol>`),
      ]),
    ),
  ],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(screenOf(canvasElement).queryByRole("link")).toBeNull();
    const scroll = dialog.querySelector<HTMLElement>('[data-part="scroll"]')!;
    await expect(scroll.scrollHeight).toBeGreaterThan(scroll.clientHeight);
    // Focus starts in the dialog; Tab reaches the scrolling rules as well as the buttons.
    const reached = new Set<Element | null>();
    for (let i = 0; i < 4; i++) {
      await userEvent.tab();
      reached.add(canvasElement.ownerDocument.activeElement);
    }
    await expect([...reached].some((el) => el === scroll || scroll.contains(el))).toBe(true);
  },
};

/** A welcome with HTML only (MSC3857's `m.html` shorthand, no plain text): the sanitized HTML shows. */
export const HtmlOnly: Story = {
  loaders: [
    welcomeLoader(() =>
      joinedWelcomeRoom([
        stateEvent("m.room.welcome", {
          "m.room.welcome": {
            "m.html": "<h2>Hello!</h2><p>This welcome has <em>no</em> plain-text body.</p>",
          },
        }),
      ]),
    ),
  ],
  play: async ({ canvasElement }) => {
    const body = bodyOf(await findWelcomeDialog(canvasElement));
    await expect(body).toHaveClass("mnk-welcome-html");
    await expect(body.querySelector("h2")).toHaveTextContent("Hello!");
    await expect(body.querySelector("em")).toHaveTextContent("no");
  },
};

/** The app's own `title` (any React node) instead of "Welcome to {room}". */
export const CustomTitle: Story = {
  args: { title: "Before you post in the Rules Lounge" },
  loaders: [welcomeLoader(() => joinedWelcomeRoom([welcomeEvent("Be kind, and enjoy your stay.")]))],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(dialog).toHaveAccessibleName("Before you post in the Rules Lounge");
  },
};

/** A display name made to mislead: an official-sounding title, long, and a right-to-left override in front. */
const HOSTILE_NAME = `\u202Enimda@ ${"Official Trust & Safety Team of example.org (verify your account below) ".repeat(3)}`;

/** A welcome set by @mod, whose member event names them {@link HOSTILE_NAME}. */
const hostileSenderLoader = welcomeLoader(() =>
  joinedWelcomeRoom([
    welcomeEvent("Please verify your account at https://example.org/verify before posting."),
    // (After the room's own member event for @mod: the later one stands.)
    memberEvent("@mod:example.org", "join", { displayName: HOSTILE_NAME }),
  ]),
);

/**
 * Who set the welcome, under the title: the sender's display name in the room and always their Matrix ID (here a
 * member whose name is long and made to mislead). The name is isolated, without its override, and cut to one line;
 * the ID shows in full after it. `showSender={false}` leaves the line out.
 */
export const SenderAttribution: Story = {
  loaders: [hostileSenderLoader],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    const sender = dialog.querySelector<HTMLElement>('[data-part="sender"]')!;
    const name = sender.querySelector<HTMLElement>('[data-part="sender-name"]')!;
    const id = sender.querySelector<HTMLElement>('[data-part="sender-id"]')!;
    await expect(sender).toBeVisible();
    await expect(sender.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    await expect(id).toHaveTextContent("@mod:example.org");
    await expect(dialog).toHaveAccessibleDescription(expect.stringContaining("(@mod:example.org)"));
    // The name takes one line, cut; the ID is whole and inside the dialog; nothing runs past the dialog's side.
    await expect(name.scrollWidth).toBeGreaterThan(name.clientWidth);
    const box = dialog.getBoundingClientRect();
    for (const rect of [
      sender.getBoundingClientRect(),
      id.getBoundingClientRect(),
      name.getBoundingClientRect(),
    ]) {
      await expect(rect.left).toBeGreaterThanOrEqual(box.left);
      await expect(rect.right).toBeLessThanOrEqual(box.right);
    }
    await expect(id.scrollWidth).toBeLessThanOrEqual(id.clientWidth + 1);
    await expect(dialog.scrollWidth).toBeLessThanOrEqual(dialog.clientWidth);
    // In the muted colour of the dialog's other secondary text, readable on its surface.
    const ratio = contrastRatio(getComputedStyle(sender).color, getComputedStyle(dialog).backgroundColor);
    await expect(ratio).toBeGreaterThanOrEqual(4.5);
  },
};

/** The same welcome with `showSender={false}`: no line says who set it. */
export const SenderHidden: Story = {
  args: { showSender: false },
  loaders: [hostileSenderLoader],
  play: async ({ canvasElement }) => {
    const dialog = await findWelcomeDialog(canvasElement);
    await expect(dialog.querySelector('[data-part="sender"]')).toBeNull();
    await expect(dialog).toHaveAccessibleDescription("A welcome message set for this room.");
  },
};

const WHY_ROOMS = {
  "!fresh:example.org": "Joined from an invite a minute ago",
  "!seen:example.org": "Joined a minute ago; confirmed the welcome on another device",
  "!own:example.org": "Set the welcome themself",
  "!old:example.org": "Joined 30 days ago (a fresh login)",
  "!rejoin:example.org": "Left and joined again",
  "!upgraded:example.org": "Followed the room's upgrade from a room they are still in",
} as const;

/** A row per room: what `useWelcomeMessage` decided there (`shouldShow`, `decision.reason`). */
function WhyRow({
  client,
  roomId,
  seenStore,
}: {
  client: MatrixClient;
  roomId: string;
  seenStore: WelcomeSeenStore;
}) {
  const { shouldShow, decision } = useWelcomeMessage(client, roomId, { seenStore });
  return (
    <tr data-room={roomId}>
      <th scope="row">{WHY_ROOMS[roomId as keyof typeof WHY_ROOMS]}</th>
      <td>{shouldShow ? "shown" : "not shown"}</td>
      <td>
        <code>{decision.reason}</code>
      </td>
    </tr>
  );
}

/**
 * Why a welcome shows or not, room by room: the hook's `decision` for the common cases (a table, no dialog), as an app
 * could show it in a room's settings or use it for analytics.
 */
export const WhyShownOrNot: Story = {
  loaders: [
    async (): Promise<WelcomeLoaded> => {
      const welcome = (room: string, sender?: string) =>
        welcomeEvent("Be kind.", undefined, {
          eventId: `$welcome-${room.slice(1)}`,
          ...(sender ? { sender } : {}),
        });
      const join = (roomId: string, opts: Parameters<typeof welcomeRoom>[2]) =>
        welcomeRoom(DEMO_USER, roomId, opts);
      const world = await startDemo(
        mergeBatches(
          join("!fresh:example.org", { prevMembership: "invite", welcome: [welcome("!fresh")] }),
          join("!seen:example.org", { prevMembership: "invite", welcome: [welcome("!seen")] }),
          join("!own:example.org", { prevMembership: "invite", welcome: [welcome("!own", DEMO_USER)] }),
          join("!old:example.org", { joinTs: Date.now() - 30 * DAY_MS, welcome: [welcome("!old")] }),
          join("!rejoin:example.org", { prevMembership: "leave", welcome: [welcome("!rejoin")] }),
          join("!previous:example.org", {
            joinTs: Date.now() - 30 * DAY_MS,
            welcome: [
              stateEvent("m.room.tombstone", { body: "Upgraded", replacement_room: "!upgraded:example.org" }),
            ],
          }),
          join("!upgraded:example.org", {
            predecessor: "!previous:example.org",
            welcome: [welcome("!upgraded")],
          }),
        ),
      );
      const seenStore = createMemorySeenStore();
      seenStore.markSeen("!seen:example.org", "$welcome-seen");
      return { world, seenStore };
    },
  ],
  render: (_args, { loaded }) => {
    const { world, seenStore } = loaded as WelcomeLoaded;
    return (
      <table>
        <thead>
          <tr>
            <th scope="col">The user</th>
            <th scope="col">Welcome</th>
            <th scope="col">
              <code>decision.reason</code>
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.keys(WHY_ROOMS).map((roomId) => (
            <WhyRow key={roomId} client={world.client} roomId={roomId} seenStore={seenStore} />
          ))}
        </tbody>
      </table>
    );
  },
  play: async ({ canvasElement }) => {
    const reasonOf = (roomId: string) =>
      canvasElement.querySelector(`tr[data-room="${roomId}"] code`)?.textContent;
    await waitFor(() => expect(reasonOf("!fresh:example.org")).toBe("first-join"));
    await expect(reasonOf("!seen:example.org")).toBe("seen");
    await expect(reasonOf("!own:example.org")).toBe("own-welcome");
    await expect(reasonOf("!old:example.org")).toBe("join-too-old");
    await expect(reasonOf("!rejoin:example.org")).toBe("not-a-qualifying-join");
    await expect(reasonOf("!upgraded:example.org")).toBe("room-upgrade");
  },
};
