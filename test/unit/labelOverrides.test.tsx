// Labels (and retry policies) are partial objects: an entry given as undefined, which `Partial` allows, or of the
// wrong type from untyped code, keeps the English default instead of breaking the host app's render.
import { render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { describeServerNoticeError, NoticeBanner, WelcomeDialog, WelcomeEditor } from "../../src";
import { retryDelay } from "../../src/core/backoff";
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
