import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { describe, expect, it, vi } from "vitest";
import { createMemoryDismissStore, NoticeBanner, NoticeBannerList, type ServerNoticeItem } from "../../src";
import { pinnedEventsEvent, serverNoticeEvent, usageLimitNoticeEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom, noticesTimeline } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";
import { startPinningWorld } from "../support/world";

const ME = "@alice:example.org";

async function world(batch = noticesRoom(ME, { pinned: [] })) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, batch);
  return { script, client };
}

const item = (
  eventId: string,
  body: string,
  extra: Partial<ServerNoticeItem["notice"]> = {},
): ServerNoticeItem => ({
  eventId,
  sender: NOTICES_USER,
  ts: 0,
  source: "pinned",
  notice: { body, ...extra },
});

/** The app's own "Open settings" button, then `banners`: keyboard focus can come to them from the button. */
const renderAfterButton = (banners: ReactNode) =>
  render(
    <>
      <button type="button">Open settings</button>
      {banners}
    </>,
  );

/**
 * Banners for notices with `bodies` after the app's "Open settings" button, keyboard focus on the first dismiss button
 * (it came from that button).
 */
async function focusOnFirstDismiss(...bodies: string[]) {
  const events = bodies.map((body) => serverNoticeEvent(body));
  const { client, script } = await world(
    noticesRoom(ME, { pinned: events.map((e) => e.event_id), timeline: events }),
  );
  const user = userEvent.setup();
  const view = renderAfterButton(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
  await user.tab(); // Open settings
  await user.tab(); // the first banner's dismiss button
  /** Leaves only `kept` pinned. */
  const pinOnly = (...kept: typeof events) =>
    act(() =>
      script.push(
        noticesTimeline(
          pinnedEventsEvent(
            kept.map((e) => e.event_id),
            { sender: NOTICES_USER },
          ),
        ),
      ),
    );
  return { user, view, events, pinOnly };
}

describe("<NoticeBanner>", () => {
  it("given a pinned usage-limit notice, it shows a critical alert with the monthly-active-user text and a safe contact link", async () => {
    const notice = usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org");
    const { client } = await world(noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }));
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("This homeserver has hit its monthly active user limit.");
    expect(alert).toHaveAttribute("data-severity", "critical");
    const link = within(alert).getByRole("link", { name: /contact your server administrator/i });
    expect(link).toHaveAttribute("href", "mailto:admin@example.org");
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
  });

  it("given pinned notices with an empty, blank or non-string body, only the usage limit among them shows (it has its own text)", async () => {
    const empty = serverNoticeEvent("");
    const blank = serverNoticeEvent(" \n\t ");
    const notString = {
      ...serverNoticeEvent("x"),
      content: { msgtype: "m.server_notice", body: { text: "x" } },
    };
    const limit = { ...usageLimitNoticeEvent(), content: { ...usageLimitNoticeEvent().content, body: 7 } };
    const events = [empty, blank, notString, limit];
    const { client } = await world(
      noticesRoom(ME, { pinned: events.map((e) => e.event_id), timeline: events }),
    );
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    expect((await screen.findByRole("alert")).textContent).toMatch(/monthly active user limit/);
    expect(screen.queryByRole("group")).toBeNull();
  });

  it("given a headless list with blank-looking or non-string bodies, only notices with something to show get a banner", () => {
    const invisible = item("$zw", "\u200b\u2060\u200f");
    const notString = { ...item("$obj", ""), notice: { body: { text: "x" } as unknown as string } };
    render(
      <NoticeBannerList
        notices={[invisible, notString, item("$ok", "Real text")]}
        dismissStore={createMemoryDismissStore()}
      />,
    );
    expect(screen.getAllByRole("group").map((s) => s.getAttribute("data-notice-id"))).toEqual(["$ok"]);
  });

  it("when the pin is removed, the banner disappears", async () => {
    const notice = usageLimitNoticeEvent();
    const { client, script } = await world(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    expect(screen.getByRole("alert")).toBeInTheDocument();
    await act(() => script.push(noticesTimeline(pinnedEventsEvent([], { sender: NOTICES_USER }))));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("when a notice is pinned live after mount, its banner appears", async () => {
    const { client, script } = await world();
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    expect(screen.queryByRole("group")).not.toBeInTheDocument();
    const notice = serverNoticeEvent("Planned maintenance on Sunday, see https://status.example.org.");
    await act(() =>
      script.push(noticesTimeline(notice, pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER }))),
    );
    const status = await screen.findByRole("group");
    expect(status).toHaveTextContent("Planned maintenance on Sunday");
    expect(within(status).getByRole("link", { name: /^https:\/\/status\.example\.org/ })).toHaveAttribute(
      "href",
      "https://status.example.org",
    );
  });

  it.each([
    ["hs_disabled", "This homeserver has been blocked by its administrator."],
    ["hs_blocked", "This homeserver has been blocked by its administrator."],
    ["something_new", "This homeserver has exceeded one of its resource limits."],
  ])("given a usage limit of type %s, it shows %j", (limitType, text) => {
    render(
      <NoticeBannerList
        dismissStore={createMemoryDismissStore()}
        notices={[item("$1", "", { serverNoticeType: "m.server_notice.usage_limit_reached", limitType })]}
      />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent(text);
    expect(screen.getByRole("alert")).toHaveTextContent("Please contact your server administrator.");
    expect(screen.queryByRole("link")).not.toBeInTheDocument();
  });

  it("when the user dismisses a notice, it stays dismissed across remounts and a new notice still shows", async () => {
    const user = userEvent.setup();
    const store = createMemoryDismissStore();
    const onDismiss = vi.fn();
    const { unmount } = render(
      <NoticeBannerList dismissStore={store} onDismiss={onDismiss} notices={[item("$a", "First")]} />,
    );
    await user.click(screen.getByRole("button", { name: "Dismiss notice" }));
    expect(screen.queryByRole("group")).not.toBeInTheDocument();
    expect(onDismiss).toHaveBeenCalledWith(expect.objectContaining({ eventId: "$a" }));
    unmount();
    render(<NoticeBannerList dismissStore={store} notices={[item("$a", "First"), item("$b", "Second")]} />);
    expect(screen.getAllByRole("group")).toHaveLength(1);
    expect(screen.getByRole("group")).toHaveTextContent("Second");
  });

  it("given keyboard focus came from a button, when the last notice is dismissed, focus goes back to that button", async () => {
    const user = userEvent.setup();
    renderAfterButton(
      <NoticeBannerList
        dismissStore={createMemoryDismissStore()}
        notices={[item("$a", "First"), item("$b", "Second")]}
      />,
    );
    await user.tab();
    expect(screen.getByRole("button", { name: "Open settings" })).toHaveFocus();
    await user.tab();
    await user.keyboard("{Enter}");
    // The neighbouring banner's dismiss button takes focus first.
    expect(screen.getByRole("button", { name: "Dismiss notice" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(screen.queryByRole("group")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open settings" })).toHaveFocus();
  });

  it("when a banner is dismissed with focus elsewhere (a pointer click in Safari), focus is not moved", async () => {
    render(
      <>
        <button type="button">Open settings</button>
        <input aria-label="Search" />
        <NoticeBannerList dismissStore={createMemoryDismissStore()} notices={[item("$a", "First")]} />
      </>,
    );
    screen.getByRole("button", { name: "Open settings" }).focus();
    screen.getByRole("button", { name: "Dismiss notice" }).focus();
    screen.getByRole("textbox", { name: "Search" }).focus();
    act(() => screen.getByRole("button", { name: "Dismiss notice" }).click());
    expect(screen.queryByRole("group")).not.toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Search" })).toHaveFocus();
  });

  it("inside a shadow root, dismissing a banner by keyboard moves focus to the next dismiss button", () => {
    const host = document.createElement("div");
    document.body.append(host);
    const shadow = host.attachShadow({ mode: "open" });
    const container = document.createElement("div");
    shadow.append(container);
    const root = createRoot(container);
    act(() =>
      root.render(
        <NoticeBannerList
          dismissStore={createMemoryDismissStore()}
          notices={[item("$a", "First"), item("$b", "Second")]}
        />,
      ),
    );
    const buttons = () => [...shadow.querySelectorAll<HTMLButtonElement>('[data-part="dismiss"]')];
    buttons()[0]!.focus();
    act(() => buttons()[0]!.click()); // Enter on the focused button
    expect(buttons()).toHaveLength(1);
    expect(shadow.activeElement).toBe(buttons()[0]);
    act(() => root.unmount());
    host.remove();
  });

  it("given focus left the banners and came back from nowhere, dismissing the last one does not jump to an old origin", async () => {
    const user = userEvent.setup();
    renderAfterButton(
      <NoticeBannerList dismissStore={createMemoryDismissStore()} notices={[item("$a", "First")]} />,
    );
    await user.tab(); // Open settings
    await user.tab(); // the banner's dismiss button: it came from Open settings
    await user.tab({ shift: true }); // back out
    act(() => (document.activeElement as HTMLElement).blur()); // a click on the page background
    await user.click(screen.getByRole("button", { name: "Dismiss notice" })); // focus comes from <body>
    expect(screen.queryByRole("group")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open settings" })).not.toHaveFocus();
  });

  it("given keyboard focus came from a button, after switching windows and back, dismissing the last notice still returns focus there", async () => {
    const user = userEvent.setup();
    renderAfterButton(
      <NoticeBannerList dismissStore={createMemoryDismissStore()} notices={[item("$a", "First")]} />,
    );
    await user.tab(); // Open settings
    await user.tab(); // the dismiss button: focus came from Open settings
    const dismiss = screen.getByRole("button", { name: "Dismiss notice" });
    // Alt+Tab away and back: the browser blurs and refocuses the element with no relatedTarget, and it stays the
    // document's active element throughout.
    fireEvent.blur(dismiss, { relatedTarget: null });
    fireEvent.focus(dismiss, { relatedTarget: null });
    await user.keyboard("{Enter}");
    expect(screen.queryByRole("group")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open settings" })).toHaveFocus();
  });

  it("given the focused notice is unpinned, focus moves to the other banner's dismiss button, and dismissing that returns to where focus came from", async () => {
    const { user, events, pinOnly } = await focusOnFirstDismiss("First notice", "Second notice");
    await pinOnly(events[1]!);
    const dismiss = screen.getByRole("button", { name: "Dismiss notice" });
    expect(dismiss).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(screen.queryByRole("group")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open settings" })).toHaveFocus();
  });

  it("given the only notice is unpinned while its dismiss button has focus, focus returns to where it came from", async () => {
    const { pinOnly } = await focusOnFirstDismiss("Only notice");
    await pinOnly();
    expect(screen.queryByRole("group")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open settings" })).toHaveFocus();
  });

  it("given focus on a banner's dismiss button, when the app removes the whole banner list, focus returns to where it came from", async () => {
    const { view } = await focusOnFirstDismiss("First notice", "Second notice");
    view.rerender(<button type="button">Open settings</button>);
    expect(screen.getByRole("button", { name: "Open settings" })).toHaveFocus();
  });

  it("given focus outside the banners, a notice unpinned meanwhile moves no focus", async () => {
    const { user, events, pinOnly } = await focusOnFirstDismiss("First notice", "Second notice");
    await user.click(screen.getByRole("button", { name: "Open settings" }));
    await pinOnly(events[1]!);
    expect(screen.getByRole("button", { name: "Open settings" })).toHaveFocus();
  });

  it("every string can be overridden, aria labels included", () => {
    render(
      <NoticeBannerList
        dismissStore={createMemoryDismissStore()}
        labels={{ noticeTitle: "Hinweis", dismiss: "Schließen", region: "Serverhinweise" }}
        notices={[item("$x", "Text")]}
      />,
    );
    expect(screen.getByRole("region", { name: "Serverhinweise" })).toBeInTheDocument();
    expect(screen.getByRole("group")).toHaveTextContent("Hinweis");
    expect(screen.getByRole("button", { name: "Schließen" })).toBeInTheDocument();
  });

  it("server text is plain text in the direction it reads in: HTML in a body is never interpreted", () => {
    render(
      <NoticeBannerList
        dismissStore={createMemoryDismissStore()}
        notices={[item("$h", "<img src=x onerror=alert(1)> مرحبا")]}
      />,
    );
    const body = screen.getByText(/onerror/).closest("[data-part=body]");
    // Three of its four words are left to right (the markup's, as text).
    expect(body).toHaveAttribute("dir", "ltr");
    expect(document.querySelector("img")).toBeNull();
  });

  it("given a pinned event that fails to fetch with 500 then succeeds, the error is reported then the notice shows", async () => {
    const notice = serverNoticeEvent("Eventually fetched");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    script.fail({ path: /\/event\// }, { status: 500, errcode: "M_UNKNOWN" });
    render(
      <NoticeBanner
        client={client}
        options={{ retry: { baseDelayMs: 10 } }}
        dismissStore={createMemoryDismissStore()}
      />,
    );
    await waitFor(() => expect(screen.getByRole("group")).toHaveTextContent("Eventually fetched"));
    expect(script.requestsTo(/\/event\//)).toHaveLength(2);
  });
});
