/**
 * A multi-account app stops one account's client (a logout, an account put to sleep) and keeps its pane mounted: the
 * kit's retries ask nothing more of that client, the other account's notices keep coming, and the stopped one's work
 * goes again once it starts again.
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { NoticeBanner } from "../../src";
import { pinnedEventsEvent, serverNoticeEvent } from "../support/events";
import {
  NOTICES_ROOM,
  NOTICES_USER,
  noticesInvite,
  noticesRoom,
  noticesTimeline,
} from "../support/scenarios";
import { startWorld } from "../support/world";

// Two accounts of the homeserver whose notices user the scenarios use (a notices room counts only when a user of the
// account's own homeserver created it).
const ALICE = "@alice:example.org";
const BOB = "@bob:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const retry = { baseDelayMs: 20, maxDelayMs: 20, maxAttempts: 8 };
const failing = { status: 500, json: { errcode: "M_UNKNOWN", error: "down" } };

/** Alice's banner, her pinned notice failing to load, then her client stopped. */
async function failingFetchThenStopped() {
  const notice = serverNoticeEvent("Alice notice");
  const alice = await startWorld(ALICE, noticesRoom(ALICE, { pinned: [notice.event_id] }));
  alice.script.route({ path: /\/event\// }, () => failing);
  const view = render(<NoticeBanner client={alice.client} options={{ retry }} />);
  await waitFor(() => expect(alice.script.requestsTo(/\/event\//).length).toBeGreaterThan(0));
  act(() => alice.client.stopClient());
  return { alice, view };
}

describe("retries on a client the app stopped", () => {
  it("given Alice's pinned notice failing to load, when her client is stopped, it is asked no more while Bob's notices keep coming; started again, hers shows", async () => {
    const aliceNotice = serverNoticeEvent("Alice notice");
    const bobNotice = serverNoticeEvent("Bob notice");
    const bobSecond = serverNoticeEvent("Bob second");
    const alice = await startWorld(ALICE, noticesRoom(ALICE, { pinned: [aliceNotice.event_id] }));
    const bob = await startWorld(BOB, noticesRoom(BOB, { pinned: [bobNotice.event_id] }));
    let down = true;
    alice.script.route({ path: /\/event\// }, () => (down ? failing : undefined));
    alice.script.serveEvent(NOTICES_ROOM, aliceNotice);
    bob.script.serveEvent(NOTICES_ROOM, bobNotice);
    bob.script.serveEvent(NOTICES_ROOM, bobSecond);
    const options = { retry };
    render(
      <>
        <NoticeBanner client={alice.client} options={options} />
        <NoticeBanner client={bob.client} options={options} />
      </>,
    );
    await screen.findByText("Bob notice");
    await waitFor(() => expect(alice.script.requestsTo(/\/event\//).length).toBeGreaterThan(0));
    act(() => alice.client.stopClient());
    const afterStop = alice.script.requestsTo(/\/event\//).length;
    await act(() =>
      bob.script.push(
        noticesTimeline(
          pinnedEventsEvent([bobNotice.event_id, bobSecond.event_id], { sender: NOTICES_USER }),
        ),
      ),
    );
    await screen.findByText("Bob second");
    await act(() => sleep(300));
    expect(alice.script.requestsTo(/\/event\//).length - afterStop).toBe(0);

    down = false;
    await act(() => alice.script.start(alice.client, {}));
    expect(await screen.findByText("Alice notice")).toBeTruthy();
  });

  it("given the notices room's auto-join failing, when the client is stopped, the join is sent no more; started again, it goes again", async () => {
    const alice = await startWorld(ALICE, noticesInvite(ALICE));
    let down = true;
    alice.script.route({ method: "POST", path: /\/join/ }, () => (down ? failing : undefined));
    const options = { autoJoin: true, isNoticesInvite: () => true, retry };
    render(<NoticeBanner client={alice.client} options={options} />);
    await waitFor(() => expect(alice.script.requestsTo(/\/join/).length).toBeGreaterThan(0));
    act(() => alice.client.stopClient());
    const afterStop = alice.script.requestsTo(/\/join/).length;
    await act(() => sleep(300));
    expect(alice.script.requestsTo(/\/join/).length - afterStop).toBe(0);

    down = false;
    await act(() => alice.script.start(alice.client, {}));
    await waitFor(() => expect(alice.script.requestsTo(/\/join/).length).toBe(afterStop + 1));
  });

  it("control: with the banner unmounted too, nothing more is asked of the stopped client", async () => {
    const { alice, view } = await failingFetchThenStopped();
    view.unmount();
    const afterStop = alice.script.requestsTo(/\/event\//).length;
    await act(() => sleep(300));
    expect(alice.script.requestsTo(/\/event\//).length - afterStop).toBe(0);
  });

  it("given a failing pinned fetch and the client stopped, when the app remounts the banner, nothing is sent", async () => {
    const { alice, view } = await failingFetchThenStopped();
    await act(() => sleep(100));
    view.unmount();
    const afterStop = alice.script.requestsTo(/\/event\//).length;
    // The app remounts (a route change, a pane re-rendered) while the account stays stopped.
    const again = render(<NoticeBanner client={alice.client} options={{ retry }} />);
    await act(() => sleep(300));
    again.unmount();
    expect(alice.script.requestsTo(/\/event\//).length - afterStop).toBe(0);
  });

  it("given a failing auto-join and the client stopped, when the app remounts the banner, no join is sent", async () => {
    const alice = await startWorld(ALICE, noticesInvite(ALICE));
    alice.script.route({ method: "POST", path: /\/join/ }, () => failing);
    const options = { autoJoin: true, isNoticesInvite: () => true, retry };
    const view = render(<NoticeBanner client={alice.client} options={options} />);
    await waitFor(() => expect(alice.script.requestsTo(/\/join/).length).toBeGreaterThan(0));
    act(() => alice.client.stopClient());
    await act(() => sleep(100));
    view.unmount();
    const afterStop = alice.script.requestsTo(/\/join/).length;
    const again = render(<NoticeBanner client={alice.client} options={options} />);
    await act(() => sleep(300));
    again.unmount();
    expect(alice.script.requestsTo(/\/join/).length - afterStop).toBe(0);
  });
});
