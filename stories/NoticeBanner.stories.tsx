import type { Meta, StoryObj } from "@storybook/react-vite";
import type { MatrixClient } from "matrix-js-sdk";
import type { CSSProperties } from "react";
import { expect, userEvent, waitFor, within } from "storybook/test";
import {
  createMemoryDismissStore,
  type DismissStore,
  NoticeBanner,
  type NoticeBannerLabels,
  NoticeBannerList,
  type ServerNoticesOptions,
  useServerNotices,
  useVisibleServerNotices,
} from "../src";
import {
  messageEvent,
  pinnedEventsEvent,
  redactionEvent,
  serverNoticeContent,
  serverNoticeEvent,
  usageLimitNoticeEvent,
} from "../test/support/events";
import { mauLimitFailure } from "../test/support/limits";
import {
  mergeBatches,
  NOTICES_ROOM,
  NOTICES_USER,
  noticeEdit,
  noticesRoom,
  noticesTimeline,
  welcomeRoom,
} from "../test/support/scenarios";
import { DEMO_USER, type DemoWorld, demoLoader, startDemo } from "./support/demo";
import { narrowColumn } from "./support/narrowColumn";

/**
 * Each story world's dismiss store, made once: a store made in `render` would be new on every re-render (a Control
 * change, say), bringing dismissed banners back, which the README warns apps against.
 */
const dismissStores = new WeakMap<DemoWorld, DismissStore>();
function dismissStoreOf(world: DemoWorld): DismissStore {
  const store = dismissStores.get(world) ?? createMemoryDismissStore();
  dismissStores.set(world, store);
  return store;
}

const meta = {
  title: "Server notices/NoticeBanner",
  component: NoticeBanner,
  parameters: {
    docs: { description: { component: "Banners for the user's active server notices, live from sync." } },
  },
  render: (args, { loaded }) => (
    <NoticeBanner
      {...args}
      client={(loaded.world as DemoWorld).client}
      dismissStore={dismissStoreOf(loaded.world as DemoWorld)}
    />
  ),
} satisfies Meta<typeof NoticeBanner>;
export default meta;
type Story = StoryObj<typeof meta>;

const pinned = (...events: ReturnType<typeof serverNoticeEvent>[]) =>
  noticesRoom(DEMO_USER, { pinned: events.map((e) => e.event_id), timeline: events });

/** Every banner of the canvas, in document order. */
const bannersIn = (canvasElement: HTMLElement) =>
  Array.from(canvasElement.querySelectorAll<HTMLElement>('[data-part="banner"]'));

/** Synapse's monthly-active-user notice with a mailto contact: a critical alert, without Synapse's fixed text. */
export const UsageLimitMonthlyActiveUser: Story = {
  args: {} as never,
  loaders: [
    demoLoader(() => pinned(usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org"))),
  ],
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole("alert");
    await expect(alert).toHaveTextContent("monthly active user limit");
    await expect(within(alert).getByRole("link")).toHaveAttribute("href", "mailto:admin@example.org");
    // Synapse's fixed text says what the headline says already: it is not shown.
    await expect(alert.querySelector('[data-part="body"]')).toBeNull();
  },
};

/**
 * A usage-limit notice with `limit_type: hs_disabled`: the administrator has blocked the homeserver. Their own message
 * (Synapse's `hs_disabled_message`, the notice body) shows under the headline.
 */
export const UsageLimitHomeserverDisabled: Story = {
  args: {} as never,
  loaders: [demoLoader(() => pinned(usageLimitNoticeEvent("hs_disabled", "https://example.org/support")))],
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole("alert");
    await expect(alert).toHaveTextContent("This homeserver has been blocked by its administrator.");
    await expect(alert).toHaveTextContent("Down for maintenance until 18:00 UTC.");
    const link = within(alert).getByRole("link", { name: /Contact your server administrator/ });
    await expect(link).toHaveAttribute("href", "https://example.org/support");
    await expect(link).toHaveAttribute("target", "_blank");
  },
};

/** A usage-limit notice with a `limit_type` this kit does not know: the generic headline, then the server's text. */
export const UsageLimitUnknownType: Story = {
  args: {} as never,
  loaders: [demoLoader(() => pinned(usageLimitNoticeEvent("storage_quota", "mailto:admin@example.org")))],
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole("alert");
    await expect(alert).toHaveTextContent("This homeserver has exceeded one of its resource limits.");
    await expect(alert).toHaveTextContent("Your account has used its storage quota.");
    await expect(alert).not.toHaveTextContent("monthly active user");
  },
};

/**
 * A monthly-active-user notice in the homeserver's own words (not Synapse's fixed text): they show under the headline,
 * their address a link.
 */
export const UsageLimitMonthlyActiveUserOwnWords: Story = {
  args: {} as never,
  loaders: [
    demoLoader(() =>
      pinned(
        usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org", {
          body: "We are at capacity this month. New sign-ins reopen on the 1st, see https://status.example.org",
        }),
      ),
    ),
  ],
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole("alert");
    await expect(alert).toHaveTextContent("This homeserver has hit its monthly active user limit.");
    await expect(alert).toHaveTextContent("We are at capacity this month.");
    await expect(within(alert).getByRole("link", { name: /^https:\/\/status\.example\.org/ })).toBeTruthy();
  },
};

/** A usage-limit notice whose `admin_contact` is null: a sentence instead of a link. */
export const UsageLimitNoContact: Story = {
  args: {} as never,
  loaders: [demoLoader(() => pinned(usageLimitNoticeEvent("monthly_active_user", null)))],
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole("alert");
    await expect(alert).toHaveTextContent("Please contact your server administrator.");
    await expect(within(alert).queryByRole("link")).toBeNull();
  },
};

/**
 * A usage-limit notice whose `admin_contact` is a `matrix:` URI, which a browser cannot open: the sentence, then the
 * contact as text (left to right, also in a right-to-left page), never a link.
 */
export const UsageLimitMatrixContact: Story = {
  args: {} as never,
  loaders: [
    demoLoader(() => pinned(usageLimitNoticeEvent("monthly_active_user", "matrix:u/admin:example.org"))),
  ],
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole("alert");
    await expect(alert).toHaveTextContent(
      "Please contact your server administrator. matrix:u/admin:example.org",
    );
    await expect(within(alert).queryByRole("link")).toBeNull();
    const contact = alert.querySelector('[data-part="contact-text"]')!;
    await expect(getComputedStyle(contact).direction).toBe("ltr");
  },
};

/** An ordinary notice whose text carries a URL: it becomes a safe link that opens in a new tab. */
export const NoticeWithLink: Story = {
  args: {} as never,
  loaders: [
    demoLoader(() =>
      pinned(
        serverNoticeEvent(
          "Our terms of service change on 1 December. Read them at https://example.org/terms before then.",
        ),
      ),
    ),
  ],
  play: async ({ canvasElement }) => {
    const status = await within(canvasElement).findByRole("group");
    await expect(status).toHaveTextContent("Notice from your homeserver");
    const link = within(status).getByRole("link", { name: /^https:\/\/example\.org\/terms/ });
    await expect(link).toHaveAttribute("href", "https://example.org/terms");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
    // The sentence's full stop is not part of the URL.
    await expect(status).toHaveTextContent(
      /https:\/\/example\.org\/terms ?\(opens in a new tab\) before then\./,
    );
  },
};

/** Three pinned notices (a usage limit and two ordinary ones) shown in pin order, not timeline order. */
export const SeveralNotices: Story = {
  args: {} as never,
  loaders: [
    demoLoader(() => {
      const limit = usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org");
      const maintenance = serverNoticeEvent("Scheduled maintenance tonight from 22:00 to 23:00 UTC.");
      const terms = serverNoticeEvent("Our terms of service change on 1 December: https://example.org/terms");
      return noticesRoom(DEMO_USER, {
        pinned: [limit.event_id, maintenance.event_id, terms.event_id],
        timeline: [terms, maintenance, limit],
      });
    }),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const region = await canvas.findByRole("region", { name: "Server notices" });
    await waitFor(() => expect(bannersIn(canvasElement)).toHaveLength(3));
    const [first, second, third] = bannersIn(canvasElement);
    await expect(first).toHaveAttribute("role", "alert");
    await expect(first).toHaveTextContent("monthly active user limit");
    await expect(second).toHaveAttribute("role", "group");
    await expect(second).toHaveTextContent("Scheduled maintenance");
    await expect(third).toHaveAttribute("role", "group");
    await expect(third).toHaveTextContent("terms of service");
    await expect(within(region).getAllByRole("button", { name: "Dismiss notice" })).toHaveLength(3);
  },
};

const longNotice = [
  "Planned migration of this homeserver to new hardware.",
  ...Array.from(
    { length: 24 },
    (_, i) =>
      `Step ${i + 1}: between ${String(i % 24).padStart(2, "0")}:00 and ${String((i + 1) % 24).padStart(2, "0")}:00 UTC ` +
      "some rooms may be slow to load, messages may arrive late and media uploads may fail. Nothing is lost: " +
      "your client retries automatically.",
  ),
  `Checksum of the announcement: sha256:${"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".repeat(4)}`,
  "Full announcement: https://status.example.org/migration",
].join("\n");

/** A notice of a few thousand characters (with one very long unbroken word): the body scrolls, the layout holds. */
export const VeryLongText: Story = {
  args: {} as never,
  loaders: [demoLoader(() => pinned(serverNoticeEvent(longNotice)))],
  play: async ({ canvasElement }) => {
    await expect(longNotice.length).toBeGreaterThan(3000);
    const status = await within(canvasElement).findByRole("group");
    await expect(status).toHaveTextContent("Planned migration");
    const body = status.querySelector<HTMLElement>('[data-part="body"]');
    await expect(body).not.toBeNull();
    // The body is capped in height and scrolls instead of pushing the page down.
    await expect(body!.scrollHeight).toBeGreaterThan(body!.clientHeight);
    await expect(status.getBoundingClientRect().height).toBeLessThan(400);
    // Nothing overflows sideways, not even the 256-character checksum.
    await expect(body!.scrollWidth).toBeLessThanOrEqual(body!.clientWidth);
    await expect(status.getBoundingClientRect().right).toBeLessThanOrEqual(
      canvasElement.getBoundingClientRect().right,
    );
    // The scrolling body is itself reachable by keyboard, and so is the link at its end (it scrolls into view).
    const link = within(body!).getByRole("link", { name: /^https:\/\/status\.example\.org\/migration/ });
    await userEvent.tab();
    await expect(body).toHaveFocus();
    await userEvent.tab();
    await expect(link).toHaveFocus();
    await waitFor(() => expect(body!.scrollTop).toBeGreaterThan(0));
  },
};

/**
 * Arabic labels with Arabic and Hebrew notices in a right-to-left layout (the Direction toolbar set to RTL); the third
 * opens with a product name in Latin letters and still reads right to left.
 */
export const RightToLeft: Story = {
  args: {
    labels: { region: "إشعارات الخادم", noticeTitle: "إشعار من الخادم", dismiss: "إغلاق الإشعار" },
  } as never,
  globals: { dir: "rtl" },
  loaders: [
    demoLoader(() =>
      pinned(
        serverNoticeEvent(
          "ستخضع الخدمة للصيانة الليلة من الساعة 22:00 حتى 23:00. التفاصيل: https://status.example.org",
        ),
        serverNoticeEvent("השרת יעבור תחזוקה מתוכננת ביום ראשון בבוקר."),
        serverNoticeEvent("Synapse سيتم تحديثه الليلة عند الساعة العاشرة."),
      ),
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole("region", { name: "إشعارات الخادم" });
    await waitFor(() => expect(bannersIn(canvasElement)).toHaveLength(3));
    const [arabic, hebrew, product] = bannersIn(canvasElement);
    await expect(arabic).toHaveTextContent("ستخضع الخدمة للصيانة");
    await expect(hebrew).toHaveTextContent("השרת יעבור תחזוקה");
    await expect(within(arabic!).getByRole("link")).toHaveAttribute("href", "https://status.example.org");
    for (const banner of [arabic!, hebrew!, product!]) {
      await expect(getComputedStyle(banner).direction).toBe("rtl");
      // Mirrored: the icon sits at the right, the dismiss button at the left.
      const icon = banner.querySelector('[data-part="icon"]')!.getBoundingClientRect();
      const content = banner.querySelector('[data-part="content"]')!.getBoundingClientRect();
      const dismiss = within(banner).getByRole("button", { name: "إغلاق الإشعار" }).getBoundingClientRect();
      await expect(icon.left).toBeGreaterThan(content.left);
      await expect(dismiss.right).toBeLessThanOrEqual(content.left);
      await expect(getComputedStyle(banner.querySelector('[data-part="body"]')!).direction).toBe("rtl");
    }
  },
};

/** A usage limit and an ordinary notice with a link: the two kinds of banner, for the theme stories. */
const limitAndMaintenance = demoLoader(() =>
  pinned(
    usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org"),
    serverNoticeEvent("Scheduled maintenance tonight. Details: https://status.example.org"),
  ),
);

/**
 * An app whose dark mode is its own switch (another class, a stored setting) sets `--mnk-color-scheme: dark` on an
 * ancestor: the dark palette, whatever the Theme toolbar and the OS say (browsers with container style queries).
 */
export const AppDarkModeSwitch: Story = {
  args: {} as never,
  globals: { theme: "light" },
  loaders: [limitAndMaintenance],
  render: (args, { loaded }) => (
    <div style={{ "--mnk-color-scheme": "dark", background: "#101418", padding: "1rem" } as CSSProperties}>
      <NoticeBanner
        {...args}
        client={(loaded.world as DemoWorld).client}
        dismissStore={dismissStoreOf(loaded.world as DemoWorld)}
      />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole("alert");
    const status = await canvas.findByRole("group");
    await expect(alert.closest("[data-theme]")).toHaveAttribute("data-theme", "light");
    await expect(getComputedStyle(alert).backgroundColor).toBe("rgb(58, 20, 20)");
    await expect(getComputedStyle(status).backgroundColor).toBe("rgb(20, 35, 58)");
    await expect(getComputedStyle(status).color).toBe("rgb(232, 234, 237)");
  },
};

/** A usage limit and an ordinary notice on the dark theme (the Theme toolbar set to Dark). */
export const DarkTheme: Story = {
  args: {} as never,
  globals: { theme: "dark" },
  loaders: [limitAndMaintenance],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole("alert");
    const status = await canvas.findByRole("group");
    await expect(alert.closest("[data-theme]")).toHaveAttribute("data-theme", "dark");
    // The dark palette applies: dark backgrounds with light text.
    await expect(getComputedStyle(alert).backgroundColor).toBe("rgb(58, 20, 20)");
    await expect(getComputedStyle(alert).color).toBe("rgb(255, 218, 218)");
    await expect(getComputedStyle(status).backgroundColor).toBe("rgb(20, 35, 58)");
    await expect(getComputedStyle(status).color).toBe("rgb(232, 234, 237)");
  },
};

/**
 * The Theme toolbar's "System": no `data-theme` on any ancestor, so the OS's `prefers-color-scheme` picks the palette
 * (switch your OS, or DevTools' Rendering panel, between light and dark to see both).
 */
export const FollowsSystemTheme: Story = {
  args: {} as never,
  globals: { theme: "system" },
  loaders: [limitAndMaintenance],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole("alert");
    const status = await canvas.findByRole("group");
    await expect(canvasElement.querySelector("[data-theme]")).toBeNull();
    await expect(alert.closest("[data-theme]")).toBeNull();
    // Whichever scheme the OS (or the test browser) prefers, its palette applies.
    const dark = canvasElement.ownerDocument.defaultView!.matchMedia("(prefers-color-scheme: dark)").matches;
    await expect(getComputedStyle(alert).backgroundColor).toBe(
      dark ? "rgb(58, 20, 20)" : "rgb(253, 240, 240)",
    );
    await expect(getComputedStyle(status).backgroundColor).toBe(
      dark ? "rgb(20, 35, 58)" : "rgb(238, 244, 252)",
    );
  },
};

const german: Partial<NoticeBannerLabels> = {
  region: "Server-Hinweise",
  monthlyActiveUser: "Dieser Homeserver hat sein Limit an monatlich aktiven Nutzern erreicht.",
  hsDisabled: "Dieser Homeserver wurde von seiner Administration gesperrt.",
  resourceLimit: "Dieser Homeserver hat eine seiner Ressourcengrenzen überschritten.",
  contactAdmin: "Wende dich an die Administration deines Servers",
  contactAdminNoLink: "Bitte wende dich an die Administration deines Servers.",
  noticeTitle: "Hinweis deines Homeservers",
  dismiss: "Hinweis schließen",
  opensInNewTab: "(öffnet in einem neuen Tab)",
};

/** Every string replaced through `labels` (German here); the notice text itself comes from the server as is. */
export const GermanLabels: Story = {
  args: { labels: german } as never,
  loaders: [
    demoLoader(() =>
      pinned(
        usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org"),
        serverNoticeEvent("Wartungsarbeiten heute Nacht von 22 bis 23 Uhr."),
      ),
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const region = await canvas.findByRole("region", { name: "Server-Hinweise" });
    const alert = await within(region).findByRole("alert");
    await expect(alert).toHaveTextContent("Limit an monatlich aktiven Nutzern");
    await expect(
      within(alert).getByRole("link", {
        name: "Wende dich an die Administration deines Servers (öffnet in einem neuen Tab)",
      }),
    ).toBeVisible();
    const status = within(region).getByRole("group");
    await expect(status).toHaveTextContent("Hinweis deines Homeservers");
    await expect(status).toHaveTextContent("Wartungsarbeiten heute Nacht");
    await expect(within(region).getAllByRole("button", { name: "Hinweis schließen" })).toHaveLength(2);
  },
};

/**
 * German labels (long words) with a usage limit and a notice in a 320px-wide column, a small phone's: everything
 * wraps, nothing scrolls sideways, and each dismiss button stays inside its banner.
 */
export const NoticeBannerNarrow: Story = {
  args: { labels: german } as never,
  loaders: [
    demoLoader(() =>
      pinned(
        usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org"),
        serverNoticeEvent(
          "Wartungsarbeiten heute Nacht von 22 bis 23 Uhr. Datenbankmigrationsvorbereitungsarbeiten: " +
            "https://status.example.org/wartungsarbeiten/datenbankmigration",
        ),
      ),
    ),
  ],
  decorators: [narrowColumn],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole("region", { name: "Server-Hinweise" });
    await waitFor(() => expect(bannersIn(canvasElement)).toHaveLength(2));
    const column = canvas.getByTestId("narrow").getBoundingClientRect();
    await expect(column.width).toBe(320);
    for (const banner of bannersIn(canvasElement)) {
      const box = banner.getBoundingClientRect();
      await expect(box.right).toBeLessThanOrEqual(column.right);
      await expect(banner.scrollWidth).toBeLessThanOrEqual(banner.clientWidth);
      const body = banner.querySelector<HTMLElement>('[data-part="body"]');
      if (body) await expect(body.scrollWidth).toBeLessThanOrEqual(body.clientWidth);
      const dismiss = within(banner)
        .getByRole("button", { name: "Hinweis schließen" })
        .getBoundingClientRect();
      await expect(dismiss.left).toBeGreaterThanOrEqual(box.left);
      await expect(dismiss.right).toBeLessThanOrEqual(box.right);
      await expect(dismiss.top).toBeGreaterThanOrEqual(box.top);
      await expect(dismiss.bottom).toBeLessThanOrEqual(box.bottom);
    }
  },
};

/** The headless form: the app calls `useServerNotices` itself and renders the notices it chooses. */
function HeadlessNotices({ client, options }: { client: MatrixClient; options?: ServerNoticesOptions }) {
  const { notices, loading } = useServerNotices(client, options);
  return (
    <div>
      <p data-testid="summary">
        {loading ? "Loading notices…" : `${notices.length} active notice${notices.length === 1 ? "" : "s"}`}
      </p>
      <NoticeBannerList notices={notices} dismissible={false} />
    </div>
  );
}

/** `NoticeBannerList` fed by `useServerNotices` in the app's own component (here without dismiss buttons). */
export const HeadlessList: Story = {
  args: {} as never,
  render: (_args, { loaded }) => <HeadlessNotices client={(loaded.world as DemoWorld).client} />,
  loaders: [
    demoLoader(() =>
      pinned(
        usageLimitNoticeEvent("hs_blocked", "mailto:admin@example.org"),
        serverNoticeEvent("New: you can now export your chat history from the settings."),
      ),
    ),
  ],
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByTestId("summary")).toHaveTextContent("2 active notices");
    await expect(await canvas.findByRole("alert")).toHaveTextContent("blocked by its administrator");
    await expect(canvas.getByRole("group")).toHaveTextContent("export your chat history");
    await expect(canvas.queryByRole("button")).toBeNull();
    // Still live: a new pin list from sync updates the app's component.
    const { script, client } = loaded.world as DemoWorld;
    const room = client.getRoom(NOTICES_ROOM)!;
    const [, generic] = room.getLiveTimeline().getEvents();
    await script.push({
      join: {
        [NOTICES_ROOM]: { timeline: [pinnedEventsEvent([generic!.getId()], { sender: NOTICES_USER })] },
      },
    });
    await expect(await canvas.findByText("1 active notice")).toBeVisible();
    await expect(canvas.queryByRole("alert")).toBeNull();
  },
};

/** An app's own bell: `useVisibleServerNotices` counts what the banner beside it shows, with the same dismiss store. */
function NoticesBell({ client, dismissStore }: { client: MatrixClient; dismissStore: DismissStore }) {
  const count = useVisibleServerNotices(client, dismissStore).length;
  return (
    <button
      type="button"
      data-testid="bell"
      aria-label={`Server notices: ${count}`}
      style={{ marginBlockEnd: 8 }}
    >
      🔔 <span aria-hidden="true">{count}</span>
    </button>
  );
}

/**
 * A count for the app's own bell, beside the banner: `useVisibleServerNotices(client, dismissStore)` lists what a
 * `<NoticeBanner>` with the same dismiss store shows, so a dismissal lowers the count.
 */
export const BellCount: Story = {
  args: {} as never,
  render: (_args, { loaded }) => {
    const world = loaded.world as DemoWorld;
    const dismissStore = dismissStoreOf(world);
    return (
      <div>
        <NoticesBell client={world.client} dismissStore={dismissStore} />
        <NoticeBanner client={world.client} dismissStore={dismissStore} />
      </div>
    );
  },
  loaders: [
    demoLoader(() =>
      pinned(
        serverNoticeEvent("Scheduled maintenance tonight from 22:00 to 23:00 UTC."),
        serverNoticeEvent("Our terms of service change on 1 December."),
      ),
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("button", { name: "Server notices: 2" })).toBeVisible();
    await userEvent.click(canvas.getAllByRole("button", { name: "Dismiss notice" })[0]!);
    await expect(await canvas.findByRole("button", { name: "Server notices: 1" })).toBeVisible();
  },
};

/**
 * A notices room with nothing pinned: no banner. The list stays in the page (`data-empty`), visually hidden and without
 * its landmark, so that a notice pinned later is announced by its live region; the canvas looks empty.
 */
export const NoNotices: Story = {
  args: {} as never,
  loaders: [demoLoader(() => noticesRoom(DEMO_USER, { pinned: [] }))],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvasElement.querySelector<HTMLElement>('[data-part="root"]')!;
    await expect(root).toHaveAttribute("data-empty");
    await expect(root).toHaveClass("mnk-visually-hidden");
    const box = root.getBoundingClientRect();
    await expect(box.width).toBeLessThanOrEqual(1);
    await expect(box.height).toBeLessThanOrEqual(1);
    await expect(canvas.queryByRole("region")).toBeNull();
    await expect(bannersIn(canvasElement)).toHaveLength(0);
  },
};

const slowNotice = serverNoticeEvent("This notice takes its time.");

/**
 * A pinned notice not in the synced timeline whose fetch the homeserver never answers. `NoticeBanner` shows nothing
 * meanwhile (no placeholder banner); the app's own component can say so from `useServerNotices().loading`, as here
 * (the request timeout is off, so the state stays).
 */
export const LoadingPinnedNotice: Story = {
  args: {} as never,
  render: (_args, { loaded }) => (
    <HeadlessNotices
      client={(loaded.world as DemoWorld).client}
      options={{ retry: { requestTimeoutMs: 0 } }}
    />
  ),
  loaders: [
    async () => {
      const world = await startDemo(noticesRoom(DEMO_USER, { pinned: [slowNotice.event_id], timeline: [] }));
      world.script.route(
        { method: "GET", path: `/rooms/${NOTICES_ROOM}/event/${slowNotice.event_id}` },
        () => new Promise<never>(() => undefined),
      );
      return { world };
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    const { script } = loaded.world as DemoWorld;
    const canvas = within(canvasElement);
    await waitFor(() => expect(script.requestsTo(`/event/${slowNotice.event_id}`, "GET")).toHaveLength(1));
    await expect(canvas.getByTestId("summary")).toHaveTextContent("Loading notices…");
    await expect(bannersIn(canvasElement)).toHaveLength(0);
    await expect(canvasElement.querySelector('[data-part="root"]')).toHaveAttribute("data-empty");
  },
};

const fetchedNotice = serverNoticeEvent("This notice was pinned long ago and is fetched from the server.");

/** A pinned notice that is not in the synced timeline: it is fetched with `/rooms/{roomId}/event/{eventId}`. */
export const FetchedPin: Story = {
  args: {} as never,
  loaders: [
    async () => {
      const world = await startDemo(
        noticesRoom(DEMO_USER, { pinned: [fetchedNotice.event_id], timeline: [] }),
      );
      world.script.serveEvent(NOTICES_ROOM, fetchedNotice);
      return { world };
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    const { script } = loaded.world as DemoWorld;
    const status = await within(canvasElement).findByRole("group");
    await expect(status).toHaveTextContent("pinned long ago and is fetched");
    await expect(
      script.requestsTo(`/rooms/${NOTICES_ROOM}/event/${fetchedNotice.event_id}`, "GET"),
    ).toHaveLength(1);
  },
};

/** The headless form reporting fetch failures: `error` and `failedEventIds` from `useServerNotices`. */
function HeadlessWithFailures({ client }: { client: MatrixClient }) {
  const { notices, error, failedEventIds } = useServerNotices(client);
  return (
    <div>
      <NoticeBannerList notices={notices} />
      {error ? (
        <p data-testid="fetch-error">
          {failedEventIds.length} pinned notice{failedEventIds.length === 1 ? "" : "s"} could not be loaded:{" "}
          {error.message}
        </p>
      ) : null}
    </div>
  );
}

const servedNotice = serverNoticeEvent("This pinned notice loaded fine.");
const missingNotice = serverNoticeEvent("The server no longer has this one.");

/**
 * One pinned notice loads; the server answers 404 for the other. The hook reports the failure (`error`,
 * `failedEventIds`) and does not ask again: a retry cannot change a 404 (a 5xx, a timeout or a network failure would
 * be retried with backoff, a 429 after the server's wait).
 */
export const FetchFailureReported: Story = {
  args: {} as never,
  render: (_args, { loaded }) => <HeadlessWithFailures client={(loaded.world as DemoWorld).client} />,
  loaders: [
    async () => {
      const world = await startDemo(
        noticesRoom(DEMO_USER, { pinned: [servedNotice.event_id, missingNotice.event_id], timeline: [] }),
      );
      world.script.serveEvent(NOTICES_ROOM, servedNotice);
      return { world };
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    const { script } = loaded.world as DemoWorld;
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("group")).toHaveTextContent("loaded fine");
    await expect(await canvas.findByTestId("fetch-error")).toHaveTextContent(
      "1 pinned notice could not be loaded",
    );
    await new Promise((r) => setTimeout(r, 1500)); // longer than the first retry would wait
    await expect(script.requestsTo(`/event/${missingNotice.event_id}`, "GET")).toHaveLength(1);
  },
};

/** A notice pinned after the banner mounted, delivered through the scripted sync. */
export const PinnedLiveAfterMount: Story = {
  args: {} as never,
  parameters: { docs: { story: { autoplay: true } } },
  loaders: [demoLoader(() => noticesRoom(DEMO_USER, { pinned: [] }))],
  play: async ({ canvasElement, loaded }) => {
    const { script } = loaded.world as DemoWorld;
    const notice = serverNoticeEvent(
      "Scheduled maintenance tonight at 22:00 UTC. Details: https://status.example.org",
    );
    await script.push({
      join: {
        [NOTICES_ROOM]: {
          timeline: [notice, pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER })],
        },
      },
    });
    await expect(await within(canvasElement).findByRole("group")).toHaveTextContent("Scheduled maintenance");
  },
};

/**
 * The user dismisses a notice.
 *
 * Open in Canvas: its state is reached by its play function.
 */
export const Dismiss: Story = {
  args: {} as never,
  loaders: [demoLoader(() => pinned(serverNoticeEvent("Our terms of service change on 1 December.")))],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Dismiss notice" }));
    await expect(canvas.queryByRole("group")).toBeNull();
  },
};

/**
 * Keyboard only: dismissing a banner moves focus to the next banner's dismiss button; dismissing the last one sends
 * focus back to where it came from (here the app's own button), never to the page body.
 *
 * Open in Canvas: its state is reached by its play function.
 */
export const KeyboardDismiss: Story = {
  args: {} as never,
  loaders: [
    demoLoader(() =>
      pinned(
        serverNoticeEvent("Scheduled maintenance tonight from 22:00 to 23:00 UTC."),
        serverNoticeEvent("Our terms of service change on 1 December."),
      ),
    ),
  ],
  render: (args, { loaded }) => (
    <>
      <button type="button">Open settings</button>
      <NoticeBanner
        {...args}
        client={(loaded.world as DemoWorld).client}
        dismissStore={dismissStoreOf(loaded.world as DemoWorld)}
      />
    </>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(bannersIn(canvasElement)).toHaveLength(2));
    const origin = canvas.getByRole("button", { name: "Open settings" });
    origin.focus();
    await userEvent.tab();
    await expect(canvas.getAllByRole("button", { name: "Dismiss notice" })[0]).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await waitFor(() => expect(bannersIn(canvasElement)).toHaveLength(1));
    await expect(canvas.getByRole("button", { name: "Dismiss notice" })).toHaveFocus();
    await userEvent.keyboard(" ");
    await waitFor(() => expect(bannersIn(canvasElement)).toHaveLength(0));
    await expect(origin).toHaveFocus();
  },
};

/**
 * No notice pinned yet, but the homeserver refuses to sync with `M_RESOURCE_LIMIT_EXCEEDED`: the same alert, built
 * from the error (`data-source="resource-limit-error"`), until a sync succeeds.
 */
export const UsageLimitFromSyncError: Story = {
  args: {} as never,
  loaders: [
    async () => {
      const world = await startDemo(noticesRoom(DEMO_USER, { pinned: [] }));
      world.script.pushSyncFailure(mauLimitFailure);
      return { world };
    },
  ],
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole("alert", {}, { timeout: 5000 });
    await expect(alert).toHaveAttribute("data-source", "resource-limit-error");
    await expect(alert).toHaveTextContent("monthly active user limit");
  },
};

/**
 * The homeserver's pinned usage-limit notice and a sync it refuses over that limit: one alert, the pinned one. Once
 * the user dismisses it, the alert from the error takes its place (a dismissed notice does not hide that sync stopped).
 *
 * Open in Canvas: its state is reached by its play function.
 */
export const UsageLimitAfterDismissedNotice: Story = {
  args: {} as never,
  loaders: [
    async () => {
      const world = await startDemo(
        pinned(usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org")),
      );
      world.script.pushSyncFailure(mauLimitFailure);
      return { world };
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const { client } = loaded.world as DemoWorld;
    await waitFor(() => expect(client.getSyncStateData()?.error).toBeDefined(), { timeout: 5000 });
    await expect(await canvas.findByRole("alert")).toHaveAttribute("data-source", "pinned");
    await userEvent.click(canvas.getByRole("button", { name: "Dismiss notice" }));
    await waitFor(() =>
      expect(canvas.getByRole("alert")).toHaveAttribute("data-source", "resource-limit-error"),
    );
    await expect(canvas.getAllByRole("alert")).toHaveLength(1);
  },
};

/** A usage limit in a right-to-left layout, with Arabic labels: icon and contact link mirrored. */
export const UsageLimitRightToLeft: Story = {
  args: {
    labels: {
      region: "إشعارات الخادم",
      monthlyActiveUser: "بلغ هذا الخادم الحد الشهري للمستخدمين النشطين.",
      contactAdmin: "تواصل مع مسؤول الخادم",
      opensInNewTab: "(يفتح في علامة تبويب جديدة)",
    },
  } as never,
  globals: { dir: "rtl" },
  loaders: [
    demoLoader(() => pinned(usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org"))),
  ],
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole("alert");
    await expect(alert).toHaveTextContent("بلغ هذا الخادم الحد الشهري");
    await expect(getComputedStyle(alert).direction).toBe("rtl");
    const icon = alert.querySelector('[data-part="icon"]')!.getBoundingClientRect();
    const content = alert.querySelector('[data-part="content"]')!.getBoundingClientRect();
    await expect(icon.left).toBeGreaterThan(content.left);
    // The contact link starts at the right (the start side in right to left), not at the left.
    const link = within(alert)
      .getByRole("link", { name: /تواصل مع مسؤول الخادم/ })
      .getBoundingClientRect();
    const contact = alert.querySelector('[data-part="contact"]')!.getBoundingClientRect();
    await expect(Math.abs(contact.right - link.right)).toBeLessThanOrEqual(1);
    await expect(link.left - contact.left).toBeGreaterThan(contact.right - link.right);
  },
};

/** A usage limit without an administrator contact, on the dark theme. */
export const UsageLimitNoContactDark: Story = {
  args: {} as never,
  globals: { theme: "dark" },
  loaders: [demoLoader(() => pinned(usageLimitNoticeEvent("monthly_active_user", null)))],
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole("alert");
    await expect(alert).toHaveTextContent("Please contact your server administrator.");
    await expect(within(alert).queryByRole("link")).toBeNull();
    await expect(getComputedStyle(alert).backgroundColor).toBe("rgb(58, 20, 20)");
  },
};

/** A long notice without any link: its scrolling body is still reachable by keyboard, so it can be read. */
export const LongTextWithoutLink: Story = {
  args: {} as never,
  loaders: [
    demoLoader(() =>
      pinned(serverNoticeEvent(longNotice.replace(/\nFull announcement: \S+$/, "\nThat is all for now."))),
    ),
  ],
  play: async ({ canvasElement }) => {
    const status = await within(canvasElement).findByRole("group");
    await expect(within(status).queryByRole("link")).toBeNull();
    const body = status.querySelector<HTMLElement>('[data-part="body"]')!;
    await expect(body.scrollHeight).toBeGreaterThan(body.clientHeight);
    // Focusable although it holds no link: the arrow keys scroll it.
    await userEvent.tab();
    await expect(body).toHaveFocus();
  },
};

/**
 * A brand palette through the `--mnk-*` custom properties on `style` (a `className` works the same): colours, radius,
 * font and spacing of both kinds of banner; nothing else needs overriding.
 */
export const CustomTheme: Story = {
  args: {
    style: {
      "--mnk-font": "Georgia, 'Times New Roman', serif",
      "--mnk-radius": "0px",
      "--mnk-gap": "16px",
      "--mnk-info-bg": "#f3efe6",
      "--mnk-info-fg": "#2b2417",
      "--mnk-info-border": "#c8b98f",
      "--mnk-info-accent": "#7a5c1c",
      "--mnk-critical-bg": "#2b0a3d",
      "--mnk-critical-fg": "#f7e9ff",
      "--mnk-critical-border": "#8e44ad",
      "--mnk-critical-accent": "#e0b3ff",
      "--mnk-link": "#e0b3ff",
      "--mnk-focus-color": "#ff9f1c",
    } as CSSProperties,
  } as never,
  loaders: [limitAndMaintenance],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole("alert");
    const status = await canvas.findByRole("group");
    await expect(getComputedStyle(alert).backgroundColor).toBe("rgb(43, 10, 61)");
    await expect(getComputedStyle(alert).color).toBe("rgb(247, 233, 255)");
    await expect(getComputedStyle(status).backgroundColor).toBe("rgb(243, 239, 230)");
    await expect(getComputedStyle(status).borderTopLeftRadius).toBe("0px");
    await expect(getComputedStyle(status).fontFamily).toMatch(/Georgia/);
    // The rest of the palette: text, borders, accents (the inline-start stripe and the icon) and spacing.
    await expect(getComputedStyle(status).color).toBe("rgb(43, 36, 23)");
    await expect(getComputedStyle(status).borderTopColor).toBe("rgb(200, 185, 143)");
    await expect(getComputedStyle(status).borderLeftColor).toBe("rgb(122, 92, 28)");
    await expect(getComputedStyle(alert).borderTopColor).toBe("rgb(142, 68, 173)");
    await expect(getComputedStyle(alert).borderLeftColor).toBe("rgb(224, 179, 255)");
    await expect(getComputedStyle(alert.querySelector('[data-part="icon"]')!).color).toBe(
      "rgb(224, 179, 255)",
    );
    await expect(getComputedStyle(status).columnGap).toBe("16px");
  },
};

/**
 * What a hostile or broken notices room may send, shown harmlessly: markup in a body stays text, a `javascript:`
 * contact gives the no-link sentence, a right-to-left override cannot flip the banner's own labels, and notices
 * whose body is not a string (or is empty) show no banner at all.
 */
export const HostileContent: Story = {
  args: {} as never,
  loaders: [
    demoLoader(() => {
      const markup = serverNoticeEvent(
        '<img src=x onerror="window.__xss=1"><b>Bold?</b> <a href="javascript:alert(1)">click</a> javascript:alert(1)',
      );
      const contact = usageLimitNoticeEvent("monthly_active_user", "javascript:alert(1)");
      const bidi = serverNoticeEvent("\u202Eevil.exe\u202C moved to https://example.org/\u202Egpj.exe");
      const notString = messageEvent({ ...serverNoticeContent(""), body: { html: "<b>x</b>" } });
      const empty = serverNoticeEvent("   ");
      const events = [markup, contact, bidi, notString, empty];
      return noticesRoom(DEMO_USER, { pinned: events.map((e) => e.event_id), timeline: events });
    }),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(bannersIn(canvasElement)).toHaveLength(3));
    // The usage limit first, then the ordinary notices in pin order.
    const [contact, markup, bidi] = bannersIn(canvasElement);
    await expect(markup).toHaveTextContent('<img src=x onerror="window.__xss=1"><b>Bold?</b>');
    await expect(markup!.querySelector("img, b")).toBeNull();
    // Only http(s) text becomes a link: neither the markup's href nor the bare javascript: URL does.
    await expect(within(markup!).queryByRole("link")).toBeNull();
    await expect(contact).toHaveAttribute("role", "alert");
    await expect(contact).toHaveTextContent("Please contact your server administrator.");
    await expect(within(contact!).queryByRole("link")).toBeNull();
    await expect(bidi).toHaveTextContent("Notice from your homeserver");
    await expect(canvas.getAllByRole("group")).toHaveLength(2);
    await expect(window.__xss).toBeUndefined();
  },
};

const flakyNotice = serverNoticeEvent("This notice loaded on the second try.");

/**
 * The homeserver answers the pinned notice's fetch with a 503 once: the hook reports the failure (`error`,
 * `failedEventIds`), retries after a second, and the banner appears when the retry succeeds.
 */
export const FetchRetriedAfterServerError: Story = {
  args: {} as never,
  render: (_args, { loaded }) => <HeadlessWithFailures client={(loaded.world as DemoWorld).client} />,
  loaders: [
    async () => {
      const world = await startDemo(noticesRoom(DEMO_USER, { pinned: [flakyNotice.event_id], timeline: [] }));
      world.script.serveEvent(NOTICES_ROOM, flakyNotice);
      world.script.fail(
        { method: "GET", path: `/rooms/${NOTICES_ROOM}/event/${flakyNotice.event_id}` },
        { status: 503, errcode: "M_UNKNOWN", error: "Service temporarily unavailable" },
      );
      return { world };
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    const { script } = loaded.world as DemoWorld;
    const canvas = within(canvasElement);
    await expect(await canvas.findByTestId("fetch-error")).toHaveTextContent(
      "1 pinned notice could not be loaded",
    );
    await expect(await canvas.findByRole("group", {}, { timeout: 5000 })).toHaveTextContent("second try");
    await expect(canvas.queryByTestId("fetch-error")).toBeNull();
    await expect(script.requestsTo(`/event/${flakyNotice.event_id}`, "GET")).toHaveLength(2);
  },
};

/**
 * The app's own message fails to send with `M_RESOURCE_LIMIT_EXCEEDED` (`hs_disabled` here): the usage-limit alert
 * appears, and goes once a message is sent again.
 */
export const UsageLimitFromSendError: Story = {
  args: {} as never,
  parameters: { docs: { story: { autoplay: true } } },
  loaders: [
    async () => {
      const world = await startDemo(
        mergeBatches(noticesRoom(DEMO_USER, { pinned: [] }), welcomeRoom(DEMO_USER, "!chat:example.org")),
      );
      world.script.fail(
        { method: "PUT", path: /\/send\// },
        {
          status: 403,
          errcode: "M_RESOURCE_LIMIT_EXCEEDED",
          error: "This homeserver has been blocked",
          data: { limit_type: "hs_disabled", admin_contact: "mailto:admin@example.org" },
        },
      );
      return { world };
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    const { client } = loaded.world as DemoWorld;
    const canvas = within(canvasElement);
    await expect(client.sendTextMessage("!chat:example.org", "Hello?")).rejects.toBeTruthy();
    const alert = await canvas.findByRole("alert");
    await expect(alert).toHaveAttribute("data-source", "resource-limit-error");
    await expect(alert).toHaveTextContent("blocked by its administrator");
    await client.sendTextMessage("!chat:example.org", "Hello again");
    await waitFor(() => expect(canvas.queryByRole("alert")).toBeNull());
  },
};

/** A notice edited, then redacted, by the homeserver while shown: the banner follows, then goes. */
export const EditedThenRedactedLive: Story = {
  args: {} as never,
  parameters: { docs: { story: { autoplay: true } } },
  loaders: [demoLoader(() => pinned(serverNoticeEvent("Maintenance tonight at 22:00 UTC.")))],
  play: async ({ canvasElement, loaded }) => {
    const { script, client } = loaded.world as DemoWorld;
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("group")).toHaveTextContent("at 22:00 UTC");
    const id = client.getRoom(NOTICES_ROOM)!.getLiveTimeline().getEvents().at(-1)!.getId()!;
    await script.push(noticesTimeline(noticeEdit(id, "Maintenance moved to 23:00 UTC.")));
    await waitFor(() => expect(canvas.getByRole("group")).toHaveTextContent("moved to 23:00 UTC"));
    await script.push(noticesTimeline(redactionEvent(id, { sender: NOTICES_USER })));
    await waitFor(() => expect(canvas.queryByRole("group")).toBeNull());
  },
};
