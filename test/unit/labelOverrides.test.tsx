// Labels (and retry policies) are partial objects: an entry given as undefined, which `Partial` allows, or of the
// wrong type from untyped code, keeps the English default instead of breaking the host app's render.
import { render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  describeServerNoticeError,
  NoticeBanner,
  NoticeBannerList,
  type ServerNoticeItem,
  WelcomeBody,
  WelcomeDialog,
  WelcomeEditor,
} from "../../src";
import { RequestTimeoutError, retryDelay, withTimeout } from "../../src/core/backoff";
import { serverNoticeEvent, stateEvent, welcomeEvent } from "../support/events";
import { noticesRoom, welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!rules:example.org";

describe("a label given as undefined or of the wrong type", () => {
  it("given WelcomeDialog labels { title: undefined }, the dialog opens with the English title", async () => {
    const { client } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Hello rules")] }),
    );
    render(<WelcomeDialog client={client} roomId={ROOM} labels={{ title: undefined, confirm: "OK then" }} />);
    expect(await screen.findByRole("dialog", { name: "Welcome to Rules Lounge" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "OK then" })).toBeTruthy();
  });

  it("given WelcomeDialog labels with a string where a function belongs (untyped code), the English title shows", async () => {
    const { client } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Hello rules")] }),
    );
    const labels = { title: "Hi", revealSpoiler: 3 } as never;
    render(<WelcomeDialog client={client} roomId={ROOM} labels={labels} />);
    expect(await screen.findByRole("dialog", { name: "Welcome to Rules Lounge" })).toBeTruthy();
  });

  it("given WelcomeEditor labels { size: undefined }, the editor renders with its byte count", async () => {
    const pl = stateEvent("m.room.power_levels", { users: { [ME]: 100 } }, { sender: "@mod:example.org" });
    const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [pl] }));
    render(<WelcomeEditor client={client} roomId={ROOM} labels={{ size: undefined }} />);
    await waitFor(() => expect(document.body.textContent).toContain("bytes"));
  });

  it("given WelcomeBody with some labels or none, a spoiler and a link take English where none is given", async () => {
    const message = {
      eventId: "$welcome",
      eventType: "m.room.welcome",
      sender: "@mod:example.org",
      ts: 0,
      html: '<p>Read <a href="https://example.org/rules">the rules</a>. <span data-mx-spoiler="">Cake</span></p>',
    };
    const { unmount } = render(<WelcomeBody message={message} labels={{ spoiler: "Divulgâchage" }} />);
    expect(await screen.findByRole("button", { name: "Divulgâchage" })).toBeTruthy();
    expect(screen.getByRole("link").textContent).toContain("(opens in a new tab)");
    unmount();
    render(<WelcomeBody message={message} />);
    expect(await screen.findByRole("button", { name: "Spoiler" })).toBeTruthy();
  });

  it("given NoticeBanner labels { dismiss: undefined }, the dismiss button keeps its English name", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const { client } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    render(<NoticeBanner client={client} labels={{ dismiss: undefined }} />);
    expect(await screen.findByRole("button", { name: "Dismiss notice" })).toBeTruthy();
  });

  it("given error labels with an undefined title, the English title is used", () => {
    const error = { errcode: "M_CANNOT_LEAVE_SERVER_NOTICE_ROOM", httpStatus: 403 };
    expect(describeServerNoticeError(error, { cannotLeaveTitle: undefined })?.title).toBe(
      describeServerNoticeError(error)?.title,
    );
  });

  it("given a retry policy with undefined or NaN entries, retries wait the default delays and stop", () => {
    const policy = { baseDelayMs: undefined, maxAttempts: Number.NaN };
    expect(retryDelay(1, policy)).toBe(1000);
    expect(retryDelay(2, policy)).toBe(2000);
    expect(retryDelay(8, policy)).toBeNull();
  });
});

const error = { errcode: "M_CANNOT_LEAVE_SERVER_NOTICE_ROOM", httpStatus: 403 };

describe("labels read as the app defines them", () => {
  it("given error labels whose title is a getter (lazy i18n), the translated title is used", () => {
    const labels = {
      get cannotLeaveTitle() {
        return "Vous ne pouvez pas partir";
      },
    };
    expect(describeServerNoticeError(error, labels)?.title).toBe("Vous ne pouvez pas partir");
  });

  it("given error labels as a Proxy that translates on read, the translated title is used", () => {
    const labels = new Proxy({ cannotLeaveTitle: "key:cannotLeaveTitle" }, { get: () => "Traduit" });
    expect(describeServerNoticeError(error, labels)?.title).toBe("Traduit");
  });

  it("given NoticeBannerList labels with a getter for dismiss, the dismiss button takes it", () => {
    const item: ServerNoticeItem = {
      eventId: "$n",
      sender: "@notices:example.org",
      ts: 1,
      notice: { msgtype: "m.server_notice", body: "Maintenance" } as never,
      source: "pinned",
    };
    const labels = {
      get dismiss() {
        return "Schließen";
      },
    };
    render(<NoticeBannerList notices={[item]} labels={labels} />);
    expect(screen.getByRole("button", { name: "Schließen" })).toBeTruthy();
  });
});

describe("a retry policy entry that is NaN", () => {
  afterEach(() => vi.useRealTimers());
  it("given requestTimeoutMs NaN, a request that never answers still times out after the default 30 s", async () => {
    vi.useFakeTimers();
    const outcome = withTimeout(new Promise<never>(() => {}), { requestTimeoutMs: Number.NaN }).catch(
      (e) => e,
    );
    await vi.advanceTimersByTimeAsync(30_001);
    vi.useRealTimers();
    const settled = await Promise.race([outcome, new Promise((r) => setTimeout(() => r("pending"), 20))]);
    expect(settled).toBeInstanceOf(RequestTimeoutError);
  });
});
