// @vitest-environment node
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  memberEvent,
  pinnedEventsEvent,
  stateEvent,
  usageLimitNoticeEvent,
  welcomeEvent,
} from "../support/events";
import { offlineClient, offlineRoom } from "../support/offline";

describe("server rendering (no DOM)", () => {
  it("importing the package touches no browser global", async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined");
    const kit = await import("../../src");
    expect(typeof kit.NoticeBanner).toBe("function");
  });

  it("the sanitizer returns escaped text, never unsanitized HTML", async () => {
    const { sanitizeMatrixHtml } = await import("../../src");
    expect(sanitizeMatrixHtml('<img src=x onerror="alert(1)"><b>hi</b>')).toBe(
      "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;b&gt;hi&lt;/b&gt;",
    );
  });

  it("NoticeBanner and WelcomeDialog render to a string from real SDK objects", async () => {
    const { NoticeBanner, WelcomeDialog, createMemoryDismissStore, createMemorySeenStore } = await import(
      "../../src"
    );
    const client = offlineClient();
    const notice = usageLimitNoticeEvent();
    offlineRoom(client, "!notices:example.org", {
      state: [memberEvent(client.getSafeUserId(), "join"), pinnedEventsEvent([notice.event_id])],
      timeline: [notice],
      tags: { "m.server_notice": {} },
    });
    offlineRoom(client, "!lounge:example.org", {
      state: [
        memberEvent(client.getSafeUserId(), "join", { prevMembership: "invite" }),
        welcomeEvent("Hi", "<b>Hi</b>"),
      ],
    });
    const html = renderToString(
      <>
        <NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />
        <WelcomeDialog
          client={client}
          roomId="!lounge:example.org"
          options={{ seenStore: createMemorySeenStore() }}
        />
      </>,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain("monthly active user limit");
  });

  it("a welcome renders its plain text on the server, never its HTML escaped into visible tags", async () => {
    const { WelcomeBody, defaultWelcomeDialogLabels, createMemorySeenStore, useWelcomeMessage } =
      await import("../../src");
    const client = offlineClient();
    const seenStore = createMemorySeenStore();
    offlineRoom(client, "!lounge:example.org", {
      state: [
        memberEvent(client.getSafeUserId(), "join", { prevMembership: "invite" }),
        welcomeEvent("Hi there", "<b>Hi</b> there"),
      ],
    });
    offlineRoom(client, "!html-only:example.org", {
      state: [
        memberEvent(client.getSafeUserId(), "join", { prevMembership: "invite" }),
        stateEvent("m.room.welcome", { "m.room.welcome": { "m.html": "<b>Only</b> HTML" } }),
      ],
    });
    function Welcome({ roomId }: { roomId: string }) {
      const { message } = useWelcomeMessage(client, roomId, { seenStore });
      return message ? <WelcomeBody message={message} labels={defaultWelcomeDialogLabels} /> : <p>none</p>;
    }
    const html = renderToString(<Welcome roomId="!lounge:example.org" />);
    expect(html).toContain("Hi there");
    expect(html).not.toContain("&lt;b&gt;");
    expect(html).not.toContain("<b>");
    // HTML alone has nothing a server can show safely: no welcome until the browser takes over.
    expect(renderToString(<Welcome roomId="!html-only:example.org" />)).toBe("<p>none</p>");
  });
});
