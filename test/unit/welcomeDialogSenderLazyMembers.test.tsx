/**
 * With lazy-loaded members a join's sync brings only the member events of the timeline's senders: a moderator who set
 * the welcome long ago and has not spoken since is not loaded. While the dialog shows, the kit fetches that one member
 * event (`GET /rooms/{roomId}/state/m.room.member/{userId}`): once per room and sender, retried, cancelled on unmount,
 * never for an invite's preview, and a member event a sync brings wins over it.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { StrictMode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, WelcomeDialog, type WelcomeDialogProps } from "../../src";
import { useSenderName } from "../../src/welcome/useSenderName";
import { createEvent, memberEvent, nameEvent, welcomeEvent } from "../support/events";
import { collectReports } from "../support/reports";
import { lazySenderJoin, welcomeRoom } from "../support/scenarios";
import type { RouteResult, SyncBatch, SyncScript } from "../support/syncScript";
import { ELEMENT_START_OPTIONS, startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
const OTHER_ROOM = "!hall:example.org";
/** The path of the member fetch for `userId` in `roomId` (as the script records it: decoded). */
const memberPath = (roomId: string, userId = MOD) => `/rooms/${roomId}/state/m.room.member/${userId}`;

const reported = collectReports();

/** The user's first join of `roomId`, whose welcome @mod set; @mod's member event not in the sync (lazy-loaded). */
const lazyJoin = (roomId = ROOM): SyncBatch => lazySenderJoin(ME, roomId);

/** The client after that join, with `answer` serving the member fetch (the script's 404 without one). */
async function lazyWorld(answer?: (path: string) => RouteResult, batch = lazyJoin()) {
  const { client, script } = await startWorld(ME, {}, {}, ELEMENT_START_OPTIONS);
  if (answer) script.route({ method: "GET", path: /\/state\/m\.room\.member\// }, (req) => answer(req.path));
  await act(() => script.push(batch));
  return { client, script };
}

const memberFetches = (script: SyncScript, roomId = ROOM) => script.requestsTo(memberPath(roomId), "GET");

/** Renders the dialog for `roomId` and resolves with its sender line. */
async function openDialog(client: MatrixClient, props: Partial<WelcomeDialogProps> = {}) {
  const view = render(
    <WelcomeDialog
      client={client}
      roomId={ROOM}
      options={{ seenStore: createMemorySeenStore() }}
      {...props}
    />,
  );
  const dialog = await screen.findByRole("dialog");
  return { view, line: () => dialog.querySelector<HTMLElement>('[data-part="sender"]')?.textContent };
}

const named = (displayname: unknown): RouteResult => ({ json: { membership: "join", displayname } });

describe("given a welcome whose sender's member event the join's sync did not bring", () => {
  it("when the dialog opens, their name is fetched once and shows with the ID; nobody else is named by it", async () => {
    const { client, script } = await lazyWorld((path) =>
      path.endsWith(memberPath(ROOM)) ? named("Moderator Mia") : undefined,
    );
    const { line } = await openDialog(client);
    await waitFor(() => expect(line()).toBe(`From Moderator Mia (${MOD})`));
    expect(memberFetches(script)).toHaveLength(1);
    // Not put into the room's state: the SDK's members (and anything reading them) are as the sync left them.
    expect(client.getRoom(ROOM)!.getMember(MOD)).toBeNull();
    // Nor used in another room, where the same sender's member is not loaded either: asked there (404), the ID alone.
    await act(() => script.push(lazyJoin(OTHER_ROOM)));
    const other = render(
      <WelcomeDialog
        client={client}
        roomId={OTHER_ROOM}
        open
        options={{ seenStore: createMemorySeenStore() }}
      />,
    );
    await waitFor(() => expect(memberFetches(script, OTHER_ROOM)).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    const otherLine = other.baseElement.querySelector(`[data-room-id="${OTHER_ROOM}"] [data-part="sender"]`);
    expect(otherLine?.textContent).toBe(`From ${MOD}`);
    expect(reported).toEqual([]);
  });

  it("two dialogs showing the same sender share one fetch", async () => {
    const { client, script } = await lazyWorld(() => named("Moderator Mia"));
    const options = { seenStore: createMemorySeenStore() };
    render(
      <>
        <WelcomeDialog client={client} roomId={ROOM} open options={options} />
        <WelcomeDialog client={client} roomId={ROOM} open options={options} />
      </>,
    );
    await waitFor(() => {
      const lines = document.querySelectorAll('[data-part="sender"]');
      expect([...lines].map((l) => l.textContent)).toEqual([
        `From Moderator Mia (${MOD})`,
        `From Moderator Mia (${MOD})`,
      ]);
    });
    expect(memberFetches(script)).toHaveLength(1);
  });

  it("in StrictMode (effects mounted twice): still one fetch, and the name shows", async () => {
    const { client, script } = await lazyWorld(() => named("Moderator Mia"));
    render(
      <StrictMode>
        <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />
      </StrictMode>,
    );
    const dialog = await screen.findByRole("dialog");
    await waitFor(() =>
      expect(dialog.querySelector('[data-part="sender"]')?.textContent).toBe(`From Moderator Mia (${MOD})`),
    );
    expect(memberFetches(script)).toHaveLength(1);
  });

  it("a failed fetch (500) is retried, and the name shows once it succeeds", async () => {
    const { client, script } = await lazyWorld(() => named("Moderator Mia"));
    script.fail({ path: memberPath(ROOM) }, { status: 500, errcode: "M_UNKNOWN" });
    const { line } = await openDialog(client);
    await waitFor(() => expect(line()).toBe(`From Moderator Mia (${MOD})`), { timeout: 8000 });
    expect(memberFetches(script)).toHaveLength(2);
  });

  it("a fetch retried and then refused (403): the hook reports the refusal, the line keeps the ID alone", async () => {
    const { client, script } = await lazyWorld(() => ({ status: 403, errcode: "M_FORBIDDEN" }));
    script.fail({ path: memberPath(ROOM) }, "network");
    const { result } = renderHook(() => useSenderName(client, ROOM, MOD, true));
    await waitFor(() => expect(result.current.error).toMatchObject({ httpStatus: 403 }), { timeout: 8000 });
    expect(result.current.name).toBe("");
    expect(memberFetches(script)).toHaveLength(2);
    // Given up: no further request.
    await new Promise((r) => setTimeout(r, 1500));
    expect(memberFetches(script)).toHaveLength(2);
    expect(reported).toEqual([]);
  });

  it("an unmount cancels the fetch still out, and nothing is asked again", async () => {
    const { client, script } = await lazyWorld();
    script.hold({ path: memberPath(ROOM) }, () => named("Moderator Mia"));
    const { view } = await openDialog(client);
    await waitFor(() => expect(memberFetches(script)).toHaveLength(1));
    view.unmount();
    await waitFor(() => expect(memberFetches(script)[0]!.signal?.aborted).toBe(true));
    await new Promise((r) => setTimeout(r, 1500));
    expect(memberFetches(script)).toHaveLength(1);
  });

  it("a member event a later sync brings wins over the fetched name (also over a fetch still out)", async () => {
    const { client, script } = await lazyWorld(() => named("Fetched Mia"));
    const { line } = await openDialog(client);
    await waitFor(() => expect(line()).toBe(`From Fetched Mia (${MOD})`));
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [memberEvent(MOD, "join", { displayName: "Synced Mia" })] } },
      }),
    );
    expect(line()).toBe(`From Synced Mia (${MOD})`);
  });

  it("a member event arriving while the fetch is out: its name shows, the fetch is cancelled and its answer unused", async () => {
    const { client, script } = await lazyWorld();
    const release = script.hold({ path: memberPath(ROOM) }, () => named("Fetched Mia"));
    const { line } = await openDialog(client);
    await waitFor(() => expect(memberFetches(script)).toHaveLength(1));
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [memberEvent(MOD, "join", { displayName: "Synced Mia" })] } },
      }),
    );
    expect(line()).toBe(`From Synced Mia (${MOD})`);
    await waitFor(() => expect(memberFetches(script)[0]!.signal?.aborted).toBe(true));
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(line()).toBe(`From Synced Mia (${MOD})`);
  });
});

describe("given hostile content in the fetched member event", () => {
  const cases: [string, RouteResult, string][] = [
    ["a displayname that is an object", named({ toString: 1 }), `From ${MOD}`],
    ["a huge displayname", named("M".repeat(100_000)), `From ${"M".repeat(100_000)} (${MOD})`],
    ["bidi controls", named("\u202EMia\u202C"), `From Mia (${MOD})`],
    ["a blank displayname", named(" \u200B\u2800 "), `From ${MOD}`],
    ["the ID as the displayname", named(MOD), `From ${MOD}`],
    ["another member's name (the user's own)", named("Bob"), `From Bob (${MOD})`],
    ["content that is no object", { json: ["Mia"] }, `From ${MOD}`],
    ["no content at all (null)", { json: null }, `From ${MOD}`],
  ];
  for (const [what, answer, expected] of cases)
    it(`${what}: the line reads "${expected.slice(0, 40)}", nothing thrown or reported`, async () => {
      const { client, script } = await lazyWorld(() => answer);
      const { line } = await openDialog(client);
      await waitFor(() => expect(memberFetches(script)).toHaveLength(1));
      await waitFor(() => expect(line()).toBe(expected));
      await new Promise((r) => setTimeout(r, 50));
      expect(line()).toBe(expected);
      expect(reported).toEqual([]);
    });
});

describe("when no fetch is needed or allowed", () => {
  it("the sender's member is loaded: their name shows, nothing is fetched", async () => {
    const batch = welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Hello")] });
    const room = batch.join![ROOM]!;
    room.state = room.state!.map((e) =>
      e.type === "m.room.member" && e.state_key === MOD
        ? memberEvent(MOD, "join", { displayName: "Mia" })
        : e,
    );
    const { client, script } = await lazyWorld(() => named("Fetched"), batch);
    const { line } = await openDialog(client);
    expect(line()).toBe(`From Mia (${MOD})`);
    await new Promise((r) => setTimeout(r, 100));
    expect(script.requestsTo(/\/state\/m\.room\.member\//)).toHaveLength(0);
  });

  it("an invite's preview (a welcome in its stripped state, the dialog forced open): nothing is fetched", async () => {
    const { client, script } = await startWorld(ME, {}, {}, ELEMENT_START_OPTIONS);
    await act(() =>
      script.push({
        invite: {
          [ROOM]: [
            createEvent({ creator: MOD }),
            nameEvent("Rules Lounge"),
            welcomeEvent("Hello"),
            memberEvent(ME, "invite", { sender: MOD }),
          ],
        },
      }),
    );
    render(
      <WelcomeDialog client={client} roomId={ROOM} open options={{ seenStore: createMemorySeenStore() }} />,
    );
    // The hook itself, asked to fetch while the user is only invited, does not either.
    renderHook(() => useSenderName(client, ROOM, MOD, true));
    await new Promise((r) => setTimeout(r, 200));
    expect(script.requestsTo(/\/state\/m\.room\.member\//)).toHaveLength(0);
  });

  it("a welcome already seen (the dialog mounted but closed): nothing is fetched", async () => {
    const seenStore = createMemorySeenStore();
    const { client, script } = await lazyWorld(() => named("Fetched"));
    const event = client.getRoom(ROOM)!.currentState.getStateEvents("m.room.welcome", "")!;
    seenStore.markSeen(ROOM, event.getId()!);
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />);
    await new Promise((r) => setTimeout(r, 200));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(script.requestsTo(/\/state\/m\.room\.member\//)).toHaveLength(0);
  });
});

describe("the member fetch and the client's state (found by a review, CF)", () => {
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"],
      shouldAdvanceTime: true,
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

  it("given a failing fetch being retried, when the app stops the client, no further member request is sent", async () => {
    const { client, script } = await lazyWorld(() => ({ status: 500, errcode: "M_UNKNOWN" }));
    await openDialog(client);
    await waitFor(() => expect(memberFetches(script)).toHaveLength(1));
    client.stopClient(); // a logout in progress, or an account put to sleep in a multi-account app
    await advance(130_000);
    expect(memberFetches(script)).toHaveLength(1);
  });

  it("given the client stopped before the dialog opens, nothing is fetched", async () => {
    const { client, script } = await lazyWorld(() => named("Moderator Mia"));
    client.stopClient();
    const { line } = await openDialog(client);
    await advance(5_000);
    expect(memberFetches(script)).toHaveLength(0);
    expect(line()).toBe(`From ${MOD}`);
  });

  it("given the fetch gave up while offline, when sync comes back, it is made again and the name shows", async () => {
    let answer: RouteResult = "network";
    const { client, script } = await lazyWorld(() => answer);
    const { line } = await openDialog(client);
    await advance(300_000);
    expect(memberFetches(script)).toHaveLength(8);
    // Sync fails too (offline), then works again, and so does the server.
    script.pushSyncFailure("network");
    await advance(5_000);
    answer = named("Moderator Mia");
    await act(() => script.push({}));
    await advance(5_000);
    await waitFor(() => expect(line()).toBe(`From Moderator Mia (${MOD})`));
    expect(memberFetches(script)).toHaveLength(9);
  });

  it("given a soft logout refuses the fetch, it waits without asking again, and the name shows once the user signs in again", async () => {
    let answer: RouteResult = { status: 401, errcode: "M_UNKNOWN_TOKEN", data: { soft_logout: true } };
    const { client, script } = await lazyWorld(() => answer);
    const { line } = await openDialog(client);
    await advance(120_000);
    expect(memberFetches(script)).toHaveLength(1);
    answer = named("Moderator Mia");
    client.setAccessToken("syt_new_token");
    await advance(2_000);
    await waitFor(() => expect(line()).toBe(`From Moderator Mia (${MOD})`));
    expect(memberFetches(script)).toHaveLength(2);
  });
});
