/**
 * From a review as an embedding team: the editor's default size label hydrates in any browser locale, and the notice
 * list keeps a live region in the page while empty (each failed against the code as reviewed; styles.css findings are
 * in test/browser/theming and stylesFallback).
 */
import { act, render } from "@testing-library/react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryDismissStore, NoticeBannerList, type ServerNoticeItem, WelcomeEditor } from "../../src";
import { EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { welcomeEvent } from "../support/events";

afterEach(() => localStorage.clear());

describe("WelcomeEditor server rendering + hydration", () => {
  it("given the same locale on both sides, the editor hydrates cleanly", async () => {
    const { client } = await moderatorsWorld([welcomeEvent("House rules")]);
    const serverHtml = renderToString(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    const container = document.createElement("div");
    container.innerHTML = serverHtml;
    document.body.append(container);
    const recoverable = vi.fn();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const root = await act(async () =>
      hydrateRoot(container, <WelcomeEditor client={client} roomId={EDITOR_ROOM} />, {
        onRecoverableError: recoverable,
      }),
    );
    act(() => root.unmount());
    container.remove();
    expect(recoverable).not.toHaveBeenCalled();
  });

  it("hydrates without a mismatch when the browser's locale differs from the server's (default `size` label)", async () => {
    const { client } = await moderatorsWorld([welcomeEvent("House rules")]);
    // Server (Node, default ICU locale en-US): "... of 63,488 bytes".
    const serverHtml = renderToString(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    expect(serverHtml).toContain("63,488");
    const container = document.createElement("div");
    container.innerHTML = serverHtml;
    document.body.append(container);
    // Browser of a German-speaking user: Number#toLocaleString() with no argument uses the browser's locale.
    const original = Number.prototype.toLocaleString;
    vi.spyOn(Number.prototype, "toLocaleString").mockImplementation(function (
      this: number,
      locales?,
      options?,
    ) {
      return original.call(this, locales ?? "de-DE", options);
    });
    const recoverable = vi.fn();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const root = await act(async () =>
      hydrateRoot(container, <WelcomeEditor client={client} roomId={EDITOR_ROOM} />, {
        onRecoverableError: recoverable,
      }),
    );
    const firstError = recoverable.mock.calls[0]?.[0] as Error | undefined;
    act(() => root.unmount());
    container.remove();
    // Before: "Hydration failed because the server rendered text didn't match the client" (63,488 vs 63.488).
    expect(firstError?.message ?? null).toBeNull();
  });
});

describe("NoticeBannerList live region", () => {
  const notice: ServerNoticeItem = {
    eventId: "$n",
    sender: "@notices:example.org",
    ts: 0,
    source: "pinned",
    notice: { body: "Scheduled maintenance tonight" },
  };

  it("keeps a live region in the page before a notice arrives, so a notice arriving later is announced", () => {
    const dismissStore = createMemoryDismissStore();
    const { container, rerender } = render(<NoticeBannerList notices={[]} dismissStore={dismissStore} />);
    const regionBefore = container.querySelector("[aria-live]");
    rerender(<NoticeBannerList notices={[notice]} dismissStore={dismissStore} />);
    // The same live region now holds the banner (added to it, so announced).
    expect(regionBefore?.querySelector('[data-part="banner"]')).toHaveTextContent(
      "Scheduled maintenance tonight",
    );
    // Before: with no notice the list rendered nothing, and the role="status" element arrived already holding its
    // text, which NVDA/JAWS (and often VoiceOver) do not announce: a live region must exist before its content changes.
    expect(regionBefore).not.toBeNull();
    // The empty region is no landmark ("Server notices" with nothing in it).
    rerender(<NoticeBannerList notices={[]} dismissStore={dismissStore} />);
    expect(container.querySelector("section")).not.toHaveAttribute("aria-label");
  });

  it("given no notices, the app's className and style put no box in the page (the empty region is visually hidden)", () => {
    const card = { padding: "1rem", border: "1px solid #ccc" };
    const dismissStore = createMemoryDismissStore();
    const { container, rerender } = render(
      <NoticeBannerList notices={[]} className="app-notice-card" style={card} dismissStore={dismissStore} />,
    );
    const section = container.querySelector("section")!;
    expect(section).not.toHaveAttribute("style");
    expect(section).not.toHaveClass("app-notice-card");
    expect(section).toHaveClass("mnk-visually-hidden");
    // With a notice, the app's class and style apply again.
    rerender(
      <NoticeBannerList
        notices={[notice]}
        className="app-notice-card"
        style={card}
        dismissStore={dismissStore}
      />,
    );
    expect(section).toHaveClass("app-notice-card");
    expect(section).not.toHaveClass("mnk-visually-hidden");
    expect(section.style.padding).toBe("1rem");
  });
});
