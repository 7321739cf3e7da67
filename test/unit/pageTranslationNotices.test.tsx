/**
 * On a translated page: NoticeBanner / NoticeBannerList / LinkifiedText text that changes shape while a
 * translator has replaced the kit's text nodes with <font><font>…</font></font>.
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  type DismissStore,
  LinkifiedText,
  NoticeBanner,
  NoticeBannerList,
  type NoticeBannerListProps,
  reportResourceLimitError,
  type ServerNoticeItem,
} from "../../src";
import { CrashBoundary } from "../support/crashBoundary";
import { pinnedEventsEvent, serverNoticeEvent, usageLimitNoticeEvent } from "../support/events";
import { bareUsageLimitItem, noticeItem, usageLimitItem } from "../support/noticeItems";
import { noticeEdit, noticesRoom, noticesTimeline } from "../support/scenarios";
import { crashed, translate, walkTranslated } from "../support/translate";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";

/**
 * Renders the list with `steps[0]`, translates, then goes through the other steps, translating again after each (a
 * translator watches the page and translates new text); resolves with the crash message, if any.
 */
async function walk(
  steps: Partial<NoticeBannerListProps>[],
  store: DismissStore = createMemoryDismissStore(),
): Promise<string | null> {
  const ui = (p: Partial<NoticeBannerListProps>) => (
    <CrashBoundary>
      <NoticeBannerList notices={[]} dismissStore={store} {...p} />
    </CrashBoundary>
  );
  return walkTranslated(ui, steps);
}

const limit = (notice: Partial<ServerNoticeItem["notice"]>): ServerNoticeItem => ({
  ...usageLimitItem,
  notice: { ...usageLimitItem.notice, ...notice },
});

describe("NoticeBannerItem, usage limit", () => {
  it("contact line: admin_contact link -> no link -> link", async () => {
    const { adminContact: _, ...withoutContact } = usageLimitItem.notice;
    const noLink = { ...usageLimitItem, notice: withoutContact };
    expect(
      await walk([{ notices: [usageLimitItem] }, { notices: [noLink] }, { notices: [usageLimitItem] }]),
    ).toBeNull();
  });

  it("server text appears and goes (hasBody toggles between title and contact)", async () => {
    expect(
      await walk([
        { notices: [bareUsageLimitItem] },
        { notices: [usageLimitItem] },
        { notices: [bareUsageLimitItem] },
      ]),
    ).toBeNull();
  });

  it("headline changes with limit_type", async () => {
    expect(
      await walk([
        { notices: [usageLimitItem] },
        { notices: [limit({ limitType: "hs_disabled" })] },
        { notices: [limit({ limitType: "something_else" })] },
      ]),
    ).toBeNull();
  });

  it("a usage limit appears before, then ends after, translated notices", async () => {
    const a = noticeItem("$a", "First notice");
    const b = noticeItem("$b", "Second https://example.org notice");
    expect(
      await walk([{ notices: [a, b] }, { notices: [usageLimitItem, a, b] }, { notices: [a, b] }]),
    ).toBeNull();
  });

  it("an ordinary notice becomes a usage limit (same event id) and back", async () => {
    const plain = noticeItem(usageLimitItem.eventId, "Just a notice");
    expect(
      await walk([{ notices: [plain] }, { notices: [usageLimitItem] }, { notices: [plain] }]),
    ).toBeNull();
  });
});

describe("NoticeBannerItem, ordinary notices", () => {
  it("notices added first/last and removed from the middle", async () => {
    const [a, b, c] = [noticeItem("$a", "A"), noticeItem("$b", "B"), noticeItem("$c", "C")];
    expect(
      await walk([{ notices: [b] }, { notices: [a, b] }, { notices: [a, b, c] }, { notices: [a, c] }]),
    ).toBeNull();
  });

  it("body edits: text -> link -> link moved -> multi-line -> text", async () => {
    const n = (body: string) => ({ notices: [noticeItem("$a", body)] });
    expect(
      await walk([
        n("All fine"),
        n("See https://example.org for details"),
        n("https://example.org first, then words, then https://example.com"),
        n("Line one\nLine two https://x.example"),
        n("Plain again"),
        n("Plain"),
      ]),
    ).toBeNull();
  });

  it("dismiss button appears and goes (dismissible toggles)", async () => {
    const a = noticeItem("$a", "A");
    expect(
      await walk([
        { notices: [a], dismissible: true },
        { notices: [a], dismissible: false },
        { notices: [a], dismissible: true },
      ]),
    ).toBeNull();
  });

  it("dismissing a translated banner (click) and the list emptying", async () => {
    const store = createMemoryDismissStore();
    const notices = [noticeItem("$a", "A"), noticeItem("$b", "B https://example.org")];
    const { container } = render(
      <CrashBoundary>
        <NoticeBannerList notices={notices} dismissStore={store} />
      </CrashBoundary>,
    );
    translate(container);
    for (const _ of notices) {
      await act(async () => fireEvent.click(container.querySelector('[data-part="dismiss"]')!));
      translate(container);
    }
    expect(crashed()).toBeNull();
  });
});

describe("NoticeBanner labels changing while mounted (app language switch)", () => {
  const fr = {
    region: "Avis du serveur",
    monthlyActiveUser: "Limite mensuelle atteinte.",
    contactAdmin: "Contactez l'administrateur",
    contactAdminNoLink: "Veuillez contacter l'administrateur.",
    noticeTitle: "Avis de votre serveur",
    dismiss: "Fermer",
    opensInNewTab: "(nouvel onglet)",
  };

  it("every label switches to another language", async () => {
    const notices = [usageLimitItem, noticeItem("$a", "See https://example.org")];
    expect(await walk([{ notices }, { notices, labels: fr }, { notices }])).toBeNull();
  });

  it("contactAdmin label switches to '' (text next to the hidden span in the contact link)", async () => {
    const notices = [usageLimitItem];
    expect(await walk([{ notices }, { notices, labels: { contactAdmin: "" } }])).toBeNull();
  });

  it("opensInNewTab label switches to '' (contact link's hidden span holds ' ' + label)", async () => {
    const notices = [usageLimitItem];
    expect(await walk([{ notices }, { notices, labels: { opensInNewTab: "" } }])).toBeNull();
  });

  it("opensInNewTab label switches to '' and back (plain notice links: hidden span conditional)", async () => {
    const notices = [noticeItem("$a", "See https://example.org")];
    expect(await walk([{ notices }, { notices, labels: { opensInNewTab: "" } }, { notices }])).toBeNull();
  });

  it("'' -> non-empty contactAdmin / opensInNewTab (text inserted)", async () => {
    const notices = [usageLimitItem];
    expect(
      await walk([{ notices, labels: { contactAdmin: "", opensInNewTab: "" } }, { notices }]),
    ).toBeNull();
  });
});

describe("LinkifiedText (exported)", () => {
  const walkText = async (steps: { text: string; newTabLabel?: string }[]) => {
    const ui = (p: { text: string; newTabLabel?: string }) => (
      <CrashBoundary>
        <p>
          <LinkifiedText {...p} />
        </p>
      </CrashBoundary>
    );
    return walkTranslated(ui, steps);
  };

  it("newTabLabel toggles on a link; link text changes", async () => {
    expect(
      await walkText([
        { text: "Go https://example.org now", newTabLabel: "(new tab)" },
        { text: "Go https://example.org now" },
        { text: "Go https://example.org now", newTabLabel: "(nouvel onglet)" },
        { text: "Go https://example.com/other now", newTabLabel: "(nouvel onglet)" },
        { text: "https://example.com/other", newTabLabel: "(nouvel onglet)" },
        { text: "words only" },
      ]),
    ).toBeNull();
  });
});

describe("NoticeBanner through the real SDK", () => {
  it("a pinned notice edited to a link and a usage limit reported then ended by a good sync", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { container } = render(
      <CrashBoundary>
        <NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />
      </CrashBoundary>,
    );
    await screen.findByText("Maintenance tonight");
    translate(container);
    await act(() =>
      script.push(noticesTimeline(noticeEdit(notice.event_id!, "Details: https://example.org"))),
    );
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(crashed()).toBeNull();
    translate(container);
    act(() =>
      reportResourceLimitError(client, {
        errcode: "M_RESOURCE_LIMIT_EXCEEDED",
        data: { errcode: "M_RESOURCE_LIMIT_EXCEEDED", error: "Limit", limit_type: "monthly_active_user" },
      }),
    );
    expect(crashed()).toBeNull();
    translate(container);
    await act(() => script.push({}));
    expect(crashed()).toBeNull();
    translate(container);
    // A pinned usage-limit notice arrives, then its admin_contact goes (edited), then it is unpinned.
    const usage = usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org");
    await act(() =>
      script.push(
        noticesTimeline(
          usage,
          pinnedEventsEvent([notice.event_id, usage.event_id], { sender: "@notices:example.org" }),
        ),
      ),
    );
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(container.querySelector('[data-kind="usage-limit"]')).not.toBeNull();
    translate(container);
    await act(() =>
      script.push(noticesTimeline(pinnedEventsEvent([notice.event_id], { sender: "@notices:example.org" }))),
    );
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(crashed()).toBeNull();
    expect(container.querySelector('[data-kind="usage-limit"]')).toBeNull();
  });
});

/**
 * The other half of the crash's pattern: a bare text node beside a sibling was updated in place (nodeValue) after the
 * translator had detached it, so the page kept showing the old text; each text is now alone in its element.
 */
describe("text that changes under translation follows the change", () => {
  it("when a notice's link is edited to another URL at the same position, the link shows the new URL", async () => {
    const store = createMemoryDismissStore();
    const ui = (body: string) => (
      <CrashBoundary>
        <NoticeBannerList notices={[noticeItem("$a", body)]} dismissStore={store} />
      </CrashBoundary>
    );
    const { container, rerender } = render(ui("See https://old.example.org"));
    translate(container);
    await act(async () => rerender(ui("See https://new.example.org")));
    expect(crashed()).toBeNull();
    const link = container.querySelector<HTMLAnchorElement>('[data-part="link"]')!;
    expect(link.getAttribute("href")).toBe("https://new.example.org");
    expect(link.textContent).toContain("new.example.org");
  });

  it("when the contactAdmin label switches language, the contact link shows the new words", async () => {
    const store = createMemoryDismissStore();
    const ui = (contactAdmin?: string) => (
      <CrashBoundary>
        <NoticeBannerList notices={[usageLimitItem]} dismissStore={store} labels={{ contactAdmin }} />
      </CrashBoundary>
    );
    const { container, rerender } = render(ui());
    translate(container);
    await act(async () => rerender(ui("Contactez l'administrateur")));
    expect(crashed()).toBeNull();
    expect(container.querySelector('[data-part="contact-link"]')!.textContent).toContain("Contactez");
  });
});
