/**
 * Four reviews of the session's fixes after 408c7b7: of shared own editions, echo confirmation, `superseded` and
 * enteredJoins; then (after 376bc26) of removal echoes, confirmByEcho by text and Markdown, `arrived`, enteredJoins'
 * `last` and kept seen marks; then (after ee47ab7) of the attempt registry in `once`, `removedByMe` and
 * `followsMemberEvent`; and last of which attempts a success retires. Holes found; each test states the behaviour
 * expected, and each failed against the code as reviewed, but two kept as `it.fails`: known limits, explained where
 * they stand (a third, both editions in one gap, was fixed later with `awaitEcho`).
 */
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor, within } from "@testing-library/react";
import { ClientEvent, type MatrixClient } from "matrix-js-sdk";
import { afterEach, describe, expect, it } from "vitest";
import { useWelcomeMessage, WELCOME_SEEN_ACCOUNT_DATA_TYPE, WelcomeEditor } from "../../src";
import {
  answerStatePuts,
  CHANGED_ELSEWHERE,
  EDITOR_LABEL,
  EDITOR_ROOM,
  expectFollowsOrAnnounces,
  MODERATOR,
  moderatorsWorld,
  myEcho,
  OTHER_MODERATOR,
  removeWelcome,
  SAVED,
  saveMineHeld,
  statePuts,
  typeAndSave,
} from "../support/editor";
import {
  memberEvent,
  type RawEvent,
  redactionEvent,
  stateEvent,
  textMessageEvent,
  welcomeEvent,
} from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import type { RouteResult, SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = MODERATOR;
const OTHER = OTHER_MODERATOR;
const ROOM = EDITOR_ROOM;
const UNSTABLE = "org.matrix.msc3857.welcome";
const world = moderatorsWorld;
const REMOVED = "Welcome message removed.";
const BOB = "@bob:example.org";
const STABLE = "m.room.welcome";

afterEach(() => localStorage.clear());

describe("echo confirmation", () => {
  it("given my first save succeeded and its echo is late, when a second save with the same plain text but other formatting fails, the late echo of the first does not make the second count as saved", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    // First PUT: applied and answered. Second PUT: the connection drops before the server gets it (not applied).
    const { bodies } = answerStatePuts(script, [{ json: { event_id: "$first:example.org" } }, "network"]);
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    typeAndSave("Be kind");
    await screen.findByText("Welcome message saved.");
    // Now the same words in italics, as Markdown: the same plain text, other HTML.
    fireEvent.click(screen.getByRole("radio", { name: "Markdown" }));
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "*Be kind*" } });
    await waitFor(() => expect(document.querySelector('[data-part="preview"] em')).not.toBeNull());
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Check your connection");
    expect(bodies).toHaveLength(2);
    expect(JSON.stringify(bodies[1])).toContain("<em>Be kind</em>");
    // The first save's echo (plain "Be kind", no HTML, no Markdown source) arrives only now.
    const first = stateEvent(UNSTABLE, bodies[0]!, { sender: ME, eventId: "$first:example.org" });
    await act(() => script.push({ join: { [ROOM]: { timeline: [first] } } }));
    // Readers see the plain edition: the italic draft was never published. Before a fix: "Welcome message saved.",
    // the error gone and Save off, the stored draft dropped (confirmByEcho matches by plain text alone and takes the
    // first save's echo for the second's).
    expect(screen.queryByText("Welcome message saved.")).toBeNull();
    expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled");
  });
});

describe("a retried save", () => {
  it("given my save's answer was lost but the server applied it, when its echo arrives while my retry is out and the retry then fails, the editor says it is saved", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    // Both PUTs lose their answer; the second is held until released. Only the first is applied (its echo below).
    const { bodies, release } = answerStatePuts(script, ["network"], 1);
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    typeAndSave("Be kind");
    await screen.findByRole("alert");
    fireEvent.click(screen.getByRole("button", { name: "Save" })); // retry the same draft
    await waitFor(() => expect(bodies).toHaveLength(2));
    const first = stateEvent(UNSTABLE, bodies[0]!, { sender: ME });
    await act(() => script.push({ join: { [ROOM]: { timeline: [first] } } }));
    await act(async () => release());
    // Readers see exactly this draft, sent by me. Before a fix: "couldn't be saved. Check your connection" with Save on
    // (the echo confirmed the first attempt, which is no longer the one the editor waits for; the retry has no echo).
    await screen.findByText("Welcome message saved.");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("a removal whose answer is lost", () => {
  it("given a draft is open and my removal's answer is lost (the server applied it), its echo is not announced as someone else's change", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    let body: Record<string, unknown> = {};
    script.route({ method: "PUT", path: /\/state\// }, (req): RouteResult => {
      body = req.body as Record<string, unknown>;
      return "network";
    });
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "draft" } });
    removeWelcome();
    await screen.findByRole("alert");
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [stateEvent(UNSTABLE, body, { sender: ME })] } } }),
    );
    // Before a fix: "Someone else changed the welcome message since you started this draft..." (saves are confirmed
    // by their echo; removals are not).
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
  });
});

describe("another moderator's edition right after my save", () => {
  it("given my echo comes in a gappy sync's state section and theirs in its timeline, when my save returns, the editor does not present my text as the live welcome", async () => {
    const { client, script, release } = await saveMineHeld();
    const mine = myEcho();
    const theirs = welcomeEvent("theirs", undefined, { unstable: true, sender: OTHER });
    // The server applied mine, then theirs; the client was away (a gap): mine is only in the state section.
    await act(() => script.push({ join: { [ROOM]: { state: [mine], timeline: [theirs], limited: true } } }));
    await act(async () => release());
    await screen.findByText("Welcome message saved.");
    expect(client.getRoom(ROOM)!.currentState.getStateEvents(UNSTABLE, "")!.getId()).toBe(theirs.event_id);
    // As with both in the timeline (authoringReviewFindings): the editor follows theirs, or says it changed. Before a
    // fix: "mine", Save off, no notice (`superseded` asks findEventById, which knows no state-section event).
    expectFollowsOrAnnounces("theirs");
  });
});

describe("the latest entering join a hook saw (enteredJoins)", () => {
  it("given a hook saw my first join, when I leave and rejoin with no hook mounted and then change my profile across a gap, the welcome does not show as a first join", async () => {
    const me = "@bob:example.org";
    const { client, script } = await startWorld(me, welcomeRoom(me, ROOM, { prevMembership: "invite" }));
    const first = renderHook(() => useWelcomeMessage(client, ROOM));
    expect(first.result.current.decision.reason).toBe("no-welcome");
    first.unmount();
    // No hook mounted: I leave, a moderator sets a welcome, I come back (a rejoin, which the default showOn skips).
    await script.push({
      leave: { [ROOM]: { timeline: [memberEvent(me, "leave", { prevMembership: "join" })] } },
    });
    const rejoin = memberEvent(me, "join", { prevMembership: "leave" });
    await script.push({
      join: {
        [ROOM]: {
          state: welcomeRoom(me, ROOM).join![ROOM]!.state!,
          timeline: [welcomeEvent("Rules"), rejoin],
        },
      },
    });
    // Then two profile changes, the first of them before a gap: the rejoin is out of sight.
    const rename = memberEvent(me, "join", { prevMembership: "join", displayName: "Bobby" });
    const rename2 = memberEvent(me, "join", { prevMembership: "join", displayName: "Bob" });
    await script.push({ join: { [ROOM]: { state: [rename], timeline: [rename2], limited: true } } });
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    // (Without the first hook mounted the same history gives { show: false, reason: "profile-change" }.)
    // Before a fix: { show: true, reason: "first-join" } from the first join's record (prev "invite"), which the leave
    // and the rejoin made stale; the rejoin itself would not show it.
    expect(result.current.shouldShow).toBe(false);
  });
});

describe("a seen mark another device's write drops", () => {
  it("given the welcome was marked seen on another device, when a later write empties the marks, it does not come back as a first join", async () => {
    const me = "@bob:example.org";
    const welcome = welcomeEvent("Rules");
    const { client, script } = await startWorld(me, welcomeRoom(me, ROOM, { welcome: [welcome] }));
    const marks = (...eventIds: string[]) => ({
      join: {
        [ROOM]: { accountData: [{ type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: eventIds } }] },
      },
    });
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
    await act(() => script.push(marks(welcome.event_id)));
    expect(result.current.decision.reason).toBe("seen");
    // README: "a seen mark another device's write drops later does not bring it back". With another mark left in the
    // list it holds (earlier-edition-seen); with none left it does not. Before a fix: { show: true, "first-join" }.
    await act(() => script.push(marks()));
    expect(result.current.shouldShow).toBe(false);
  });
});

// The second review (after 376bc26).

describe("a failed removal and the welcome going for another reason", () => {
  it("given my removal failed (not applied) and my save of the same draft then failed, when another moderator removes the welcome, my draft stays and their change is announced", async () => {
    const { client, script } = await world([
      welcomeEvent("v1", undefined, { unstable: true, sender: OTHER }),
    ]);
    // The connection drops before the server gets anything: neither PUT is applied.
    script.route({ method: "PUT", path: /\/state\// }, (): RouteResult => "network");
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "New rules" } });
    removeWelcome();
    await screen.findByRole("alert");
    // The author changes their mind and saves the draft instead: that fails too.
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(statePuts(script)).toHaveLength(2));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled"),
    );
    expect(screen.getByRole("alert")).toBeInTheDocument();
    // The other moderator removes the welcome (empty content).
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [stateEvent(UNSTABLE, {}, { sender: OTHER })] } } }),
    );
    // Before a fix: the draft is emptied and "Welcome message removed." shows (the welcome going confirms the stale,
    // never-applied removal attempt, and the status is an error whose draft has the removal's source).
    expect(screen.queryByText(REMOVED)).toBeNull();
    expect((screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement).value).toBe("New rules");
    expect(screen.getByText(CHANGED_ELSEWHERE)).toBeInTheDocument();
  });

  it("given my removal failed (not applied), when I leave the room and the app forgets it, the editor does not say the welcome was removed", async () => {
    const { client, script } = await world([
      welcomeEvent("v1", undefined, { unstable: true, sender: OTHER }),
    ]);
    script.route({ method: "PUT", path: /\/state\// }, (): RouteResult => "network");
    script.route({ method: "POST", path: /\/forget$/ }, () => ({ json: {} }));
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    removeWelcome();
    await screen.findByRole("alert");
    await act(() =>
      script.push({
        leave: { [ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
      }),
    );
    await act(() => client.forget(ROOM, true));
    // The welcome is still in the room (nobody removed it). Before a fix: "Welcome message removed." (the room
    // unknown makes `message` null, taken for the removal's echo).
    expect(screen.queryByText(REMOVED)).toBeNull();
  });
});

describe("another moderator's edition right after my save, both in a gap", () => {
  // At the save's answer the client cannot tell theirs came after mine (rather than before, with my echo still on its
  // way): a /sync begun after the answer would carry mine unless a gap hid it. So the editor waits for two syncs.
  const theirs = welcomeEvent("theirs", undefined, { unstable: true, sender: OTHER });
  const emptySync = { join: { [ROOM]: { timeline: [textMessageEvent("hi", { sender: OTHER })] } } };

  async function saveMineWhileTheirsComesInAGap() {
    const { client, script, release } = await saveMineHeld();
    // The server applied mine, then theirs, both during a gap: only theirs is in the state section.
    await act(() =>
      script.push({
        join: {
          [ROOM]: { state: [theirs], timeline: [textMessageEvent("hi", { sender: OTHER })], limited: true },
        },
      }),
    );
    await act(async () => release());
    await screen.findByText("Welcome message saved.");
    expect(client.getRoom(ROOM)!.currentState.getStateEvents(UNSTABLE, "")!.getId()).toBe(theirs.event_id);
    return { client, script };
  }

  it("given my save is out and a gappy sync's state section carries only their later edition, when two syncs after my save's answer bring no echo of it, the editor announces their change and keeps my text unsaved", async () => {
    const { script } = await saveMineWhileTheirsComesInAGap();
    await act(() => script.push(emptySync));
    await act(() => script.push(emptySync));
    // Before a fix: "mine", Save off, no notice (`arrived` finds mine nowhere, so it is not `superseded`; and the
    // editor no longer follows the message, which changed while it was dirty).
    expect(await screen.findByText(CHANGED_ELSEWHERE)).toBeInTheDocument();
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("mine");
    expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled");
    expectFollowsOrAnnounces("theirs");
  });

  it("given the same, when my echo comes after theirs in the next sync (the server applied mine last), the editor shows mine as saved, with no notice", async () => {
    const { script } = await saveMineWhileTheirsComesInAGap();
    const mine = myEcho();
    await act(() => script.push({ join: { [ROOM]: { timeline: [mine] } } }));
    await act(() => script.push(emptySync));
    await act(() => script.push(emptySync));
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("mine");
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
  });

  it("given the same, when the editor closes before the two syncs, it leaves no sync listener behind", async () => {
    const before = await (async () => {
      const { client } = await world();
      return client.listenerCount(ClientEvent.Sync);
    })();
    const { client } = await saveMineWhileTheirsComesInAGap();
    expect(client.listenerCount(ClientEvent.Sync)).toBeGreaterThan(before);
    cleanup();
    expect(client.listenerCount(ClientEvent.Sync)).toBe(before);
  });

  it("given the same, when the author types on before the two syncs, their text stays theirs and the notice shows", async () => {
    const { script } = await saveMineWhileTheirsComesInAGap();
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "mine, and more" } });
    await act(() => script.push(emptySync));
    await act(() => script.push(emptySync));
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("mine, and more");
    expect(screen.getByText(CHANGED_ELSEWHERE)).toBeInTheDocument();
  });
});

/** Bob's profile change to `displayName`, naming the member event it replaces (Synapse: unsigned.replaces_state). */
const renameOf = (replaces: string, displayName = "Bobby") =>
  memberEvent(BOB, "join", { prevMembership: "join", displayName, unsigned: { replaces_state: replaces } });

/** A gappy sync whose state section holds `member` (the member event at the timeline's start). */
const gapWithMember = (member: RawEvent): SyncBatch => ({
  join: { [ROOM]: { state: [member], timeline: [textMessageEvent("hi")], limited: true } },
});

/**
 * Bob's first join, seen by a hook that then unmounts; then two profile changes, each naming the member event it
 * replaces (Synapse: unsigned.replaces_state), delivered by `sync`; a hook mounted again. Its result.
 */
async function sawFirstJoinThenTwoRenames(sync: (rename: RawEvent, rename2: RawEvent) => SyncBatch) {
  const { client, script } = await startWorld(
    BOB,
    welcomeRoom(BOB, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Rules")] }),
  );
  const join = client.getRoom(ROOM)!.currentState.getStateEvents("m.room.member", BOB)!;
  const first = renderHook(() => useWelcomeMessage(client, ROOM));
  await waitFor(() => expect(first.result.current.decision.reason).toBe("first-join"));
  first.unmount();
  const rename = renameOf(join.getId()!);
  const rename2 = renameOf(rename.event_id, "Bob");
  await script.push(sync(rename, rename2));
  return renderHook(() => useWelcomeMessage(client, ROOM)).result;
}

describe("the latest entering join a hook saw (enteredJoins `last`)", () => {
  it("given a hook saw my first join, when two profile changes happen while no hook is mounted and the first is before a gap, a remounted hook still shows the welcome", async () => {
    const result = await sawFirstJoinThenTwoRenames((rename, rename2) => ({
      join: { [ROOM]: { state: [rename], timeline: [rename2], limited: true } },
    }));
    // README: a profile change is judged by its join, also one "seen by a kit hook before a gap". The client sees
    // rename (state section) replacing the join the hook saw, and rename2 replacing rename. Before a fix:
    // { show: false, reason: "profile-change" } (only rename2 itself is compared with the join).
    expect(result.current.decision.reason).toBe("first-join");
  });

  it.for([
    ["with unsigned.replaces_state naming it (as Synapse sends)", true],
    [
      "without unsigned.replaces_state (not in the current spec: then the join is unknown, and nothing shows)",
      false,
    ],
  ] as const)(
    "given a hook saw my first join, when my profile change arrives in a gappy sync's state section %s",
    async ([, linked]) => {
      const { client, script } = await startWorld(
        BOB,
        welcomeRoom(BOB, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Rules")] }),
      );
      const first = renderHook(() => useWelcomeMessage(client, ROOM));
      await waitFor(() => expect(first.result.current.decision.reason).toBe("first-join"));
      const joinId = first.result.current.joinEventId!;
      first.unmount();
      const rename = memberEvent(BOB, "join", {
        prevMembership: "join",
        displayName: "Bobby",
        ...(linked ? { unsigned: { replaces_state: joinId } } : {}),
      });
      await script.push({
        join: { [ROOM]: { state: [rename], timeline: [textMessageEvent("hi")], limited: true } },
      });
      const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
      // README: judged by its join when the profile change follows the last member event a hook saw in it (as
      // `replaces_state` says); where nothing ties them, the join is unknown (the safe default: a rejoin nobody saw
      // must not count as a first join).
      expect(result.current.decision.reason).toBe(linked ? "first-join" : "profile-change");
    },
  );

  // A known limit (not fixed): the profile change names a member event the client never got, and nothing tells a
  // hidden rejoin from a hidden rename (both are joins); a mounted hook keeps the join it knew, so that two renames in
  // a gap do not end a shown welcome (sessionFixReview3). Fetching the missing event would tell; `it.fails` keeps
  // the case on record.
  it.fails("given a shown welcome, when a gappy sync brings a leave, a rejoin and a profile change, the dialog's welcome ends as for a leave and rejoin in one sync", async () => {
    const { client, script } = await startWorld(
      BOB,
      welcomeRoom(BOB, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Rules")] }),
    );
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    expect(result.current.shouldShow).toBe(true);
    const joinId = result.current.joinEventId;
    // During a gap: leave, rejoin (a rejoin: not shown by default), a profile change. Only the last is in sight.
    const leave = memberEvent(BOB, "leave", { prevMembership: "join" });
    const rejoin = memberEvent(BOB, "join", {
      prevMembership: "leave",
      unsigned: { replaces_state: leave.event_id },
    });
    const rename = renameOf(rejoin.event_id);
    await act(() => script.push(gapWithMember(rename)));
    // README: "Once shown, an edition stays shown until it is marked seen or the user leaves (also a leave and a
    // rejoin within one sync)". The rename names the rejoin it replaces, not the join the hook saw. Before a fix:
    // still shown, joinEventId the old join (a mounted store takes its own snapshot's join as known).
    expect(result.current.joinEventId).not.toBe(joinId);
    expect(result.current.shouldShow).toBe(false);
  });
});

describe("seen marks kept after another device's write drops them, and the 20-edition cap", () => {
  it("a mark kept from an earlier read does not push out a mark the server's copy still has", async () => {
    const welcome = welcomeEvent("Rules");
    const { client, script } = await startWorld(
      BOB,
      welcomeRoom(BOB, ROOM, { prevMembership: "invite", welcome: [welcome] }),
    );
    const marks = (ids: string[]) => ({
      join: {
        [ROOM]: { accountData: [{ type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: ids } }] },
      },
    });
    const others = Array.from({ length: 19 }, (_, i) => `$other${i}:example.org`);
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { showNewEditions: true }));
    // Another device's list: 20 marks, this edition second.
    await act(() => script.push(marks([others[0]!, welcome.event_id, ...others.slice(1, 19)])));
    expect(result.current.decision.reason).toBe("seen");
    // Its next write marks one more edition; its cap drops the oldest (others[0]). This edition is still there.
    await act(() => script.push(marks([welcome.event_id, ...others.slice(1, 19), "$newer:example.org"])));
    // Before a fix: { show: true, reason: "new-edition" } (the dropped others[0] is kept and appended as newest,
    // and the cap then pushes out this edition, which the server's copy has).
    expect(result.current.decision.reason).toBe("seen");
  });

  it("a mark another device's write dropped stays seen here, and is not written back when this device marks another edition", async () => {
    const first = welcomeEvent("Rules");
    const { client, script } = await startWorld(
      BOB,
      welcomeRoom(BOB, ROOM, { prevMembership: "invite", welcome: [first] }),
    );
    const marks = (ids: string[]) => ({
      join: {
        [ROOM]: { accountData: [{ type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: ids } }] },
      },
    });
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, { showNewEditions: true }));
    await act(() => script.push(marks([first.event_id])));
    // Another device clears the list (on purpose, or a write that never saw the mark).
    await act(() => script.push(marks([])));
    expect(result.current.decision.reason).toBe("seen");
    const second = welcomeEvent("Rules v2");
    await act(() => script.push({ join: { [ROOM]: { timeline: [second] } } }));
    expect(result.current.shouldShow).toBe(true);
    act(() => result.current.markSeen());
    await waitFor(() => expect(script.requestsTo(/\/account_data\//, "PUT")).toHaveLength(1));
    // Only this device's own mark goes to the server: the cleared one is read here, never written back.
    expect(script.requestsTo(/\/account_data\//, "PUT")[0]!.body).toEqual({ event_ids: [second.event_id] });
  });
});

// The third review (after ee47ab7).

/**
 * Two editors of one room for the same account: A saves "From A" and, once its PUT is out (`bodies` records PUTs),
 * B saves "From B". Their scoped queries.
 */
async function twoEditorsSaving(client: MatrixClient, bodies: readonly unknown[]) {
  render(
    <>
      <div data-testid="a">
        <WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />
      </div>
      <div data-testid="b">
        <WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />
      </div>
    </>,
  );
  const a = within(screen.getByTestId("a"));
  const b = within(screen.getByTestId("b"));
  fireEvent.change(a.getByLabelText(EDITOR_LABEL), { target: { value: "From A" } });
  fireEvent.click(a.getByRole("button", { name: "Save" }));
  await waitFor(() => expect(bodies).toHaveLength(1));
  fireEvent.change(b.getByLabelText(EDITOR_LABEL), { target: { value: "From B" } });
  fireEvent.click(b.getByRole("button", { name: "Save" }));
  return { a, b };
}

describe("two editors of one room (shared unconfirmed attempts)", () => {
  it("given editor A's save is out, when editor B's save succeeds and A's answer is then lost (the server applied it after B's), A's echo is not announced as someone else's change", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    // PUT 1 (editor A): held, then the connection drops on the way back (the server applied it). PUT 2 (editor B):
    // answered at once.
    const { bodies, release } = answerStatePuts(
      script,
      ["network", { json: { event_id: "$b:example.org" } }],
      0,
    );
    const { a, b } = await twoEditorsSaving(client, bodies);
    await b.findByText(SAVED);
    await act(async () => release());
    await a.findByRole("alert");
    // The server applied B's, then A's (A's request reached it late): both echoes, A's last (it is what readers see).
    const echoB = stateEvent(UNSTABLE, bodies[1]!, { sender: ME, eventId: "$b:example.org" });
    const echoA = stateEvent(UNSTABLE, bodies[0]!, { sender: ME });
    await act(() => script.push({ join: { [ROOM]: { timeline: [echoB, echoA] } } }));
    expect(client.getRoom(ROOM)!.currentState.getStateEvents(UNSTABLE, "")!.getId()).toBe(echoA.event_id);
    // Readers see exactly A's draft, sent by me. Before a fix: A says "Someone else changed the welcome message since
    // you started this draft" (B's success ran `own.unconfirmed.clear()`, retiring A's attempt while it was still out;
    // its lost answer then found it gone and dropped it, so its echo confirms nothing).
    expect(a.queryByText(CHANGED_ELSEWHERE)).toBeNull();
  });
});

describe("a save whose answer is lost while its body is read", () => {
  it("given the server applied my save but the connection dropped while the client read the answer's body (fetch rejects with a TypeError), its echo is my save, not someone else's change", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    let body: Record<string, unknown> = {};
    // 200 and its headers came; the body stream then fails, as undici ("TypeError: terminated") and browsers
    // ("TypeError: network error") report a connection lost mid-body. matrix-js-sdk reads the body outside the
    // try that turns fetch failures into ConnectionError, so the TypeError reaches the editor as it is.
    script.route({ method: "PUT", path: /\/state\// }, (req): RouteResult => {
      body = req.body as Record<string, unknown>;
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"event_'));
          c.error(new TypeError("terminated"));
        },
      });
      return new Response(stream, { status: 200, headers: { "content-type": "application/json" } });
    });
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    typeAndSave("Be kind");
    await screen.findByRole("alert");
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [stateEvent(UNSTABLE, body, { sender: ME })] } } }),
    );
    // Before a fix: "Someone else changed the welcome message..." and the error stays (`mayHaveApplied` takes every
    // TypeError for a request never sent, and drops the attempt its echo would confirm).
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
    await screen.findByText(SAVED);
  });
});

describe("a removal's echo (removedByMe)", () => {
  it("given an old redacted stable welcome of mine and my removal of the unstable one failed (not applied), when another moderator removes it, my draft stays and their change is announced", async () => {
    const { client, script } = await moderatorsWorld([
      // Long ago I set a stable welcome, later redacted (so the unstable type speaks); another moderator set one.
      stateEvent(
        STABLE,
        {},
        {
          sender: ME,
          eventId: "$old-stable:example.org",
          ts: Date.now() - 3_600_000,
          unsigned: { redacted_because: redactionEvent("$old-stable:example.org", { sender: ME }) },
        },
      ),
      welcomeEvent("v1", undefined, { unstable: true, sender: OTHER }),
    ]);
    // The connection drops before the server gets it: not applied.
    script.route({ method: "PUT", path: /\/state\// }, (): RouteResult => "network");
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "New rules" } });
    removeWelcome();
    await screen.findByRole("alert");
    expect(statePuts(script).map((r) => r.path)).toEqual([expect.stringContaining(UNSTABLE)]);
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [stateEvent(UNSTABLE, {}, { sender: OTHER })] } } }),
    );
    // Before a fix: "Welcome message removed." and the draft emptied (`removedByMe` asks whether *any* welcome type's
    // current event is mine: the old emptied stable one is, although the removal just seen is theirs).
    expect(screen.queryByText(REMOVED)).toBeNull();
    expect((screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement).value).toBe("New rules");
    expect(screen.getByText(CHANGED_ELSEWHERE)).toBeInTheDocument();
  });
});

describe("profile changes across a gap (followsMemberEvent)", () => {
  it("given a shown welcome, when a gappy sync follows two profile changes (the first of them out of sight, superseded inside the gap), the welcome stays shown", async () => {
    const { client, script } = await startWorld(
      BOB,
      welcomeRoom(BOB, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Rules")] }),
    );
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
    const joinId = result.current.joinEventId!;
    // While the client is away, Bob's profile changes twice (a client setting a display name, then an avatar, sends
    // one member event each), as Synapse sends them: each names the member event it replaces.
    const rename = renameOf(joinId);
    const avatar = renameOf(rename.event_id);
    // The gappy sync's state section holds the member event at the timeline's start: `avatar`. `rename` was
    // superseded inside the gap and is delivered nowhere.
    await act(() => script.push(gapWithMember(avatar)));
    // README: "Once shown, an edition stays shown until it is marked seen or the user leaves"; Bob never left.
    // Before a fix: { show: false, reason: "profile-change" } with joinEventId `avatar` (the hop to `rename`, out of
    // sight, is taken for a rejoin nobody saw; the previous code kept the join a mounted store knew).
    expect(result.current.joinEventId).toBe(joinId);
    expect(result.current.shouldShow).toBe(true);
  });

  // A known limit (not fixed): with `state_after` the client never holds the middle profile change, so the chain
  // back to the join is unknown and a fresh hook takes the safe default (not shown). Fetching the missing event
  // would tell; `it.fails` keeps the case on record.
  it.fails("given a hook saw my first join, when two profile changes arrive as an MSC4222 state_after gappy sync (which the SDK asks for), a remounted hook judges them as the same history sent with a state section", async () => {
    // The history of "two profile changes ... the first is before a gap" above (there: state [rename], timeline
    // [rename2], and the welcome shows as a first join). With state_after the server sends the state at the
    // timeline's end: rename2; rename is delivered nowhere.
    const result = await sawFirstJoinThenTwoRenames((_rename, rename2) => ({
      join: { [ROOM]: { stateAfter: [rename2], timeline: [rename2], limited: true } },
    }));
    // Before a fix: { show: false, reason: "profile-change" } (the hop to `rename` is out of sight: "no").
    expect(result.current.decision.reason).toBe("first-join");
  });
});

// The fourth review (after 3ce1e82).

describe("two editors of one room: a save started later fails while an earlier one is out", () => {
  it("given editor A's save is out, when editor B's later save loses its answer (the server applied it after A's) and A's save then succeeds, B's echo is B's save, not someone else's change", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    // PUT 1 (editor A): held, then answered. PUT 2 (editor B, sent while A's is out): the connection drops on the way
    // back, but the server applied it, after A's (readers end up seeing B's).
    const { bodies, release } = answerStatePuts(
      script,
      [{ json: { event_id: "$a:example.org" } }, "network"],
      0,
    );
    const { a, b } = await twoEditorsSaving(client, bodies);
    await b.findByRole("alert");
    // A's answer comes only now: its success retires every attempt not out, B's included, although B's request
    // started after A's and may well have been applied after it.
    await act(async () => release());
    await a.findByText(SAVED);
    const echoA = stateEvent(UNSTABLE, bodies[0]!, { sender: ME, eventId: "$a:example.org" });
    const echoB = stateEvent(UNSTABLE, bodies[1]!, { sender: ME });
    await act(() => script.push({ join: { [ROOM]: { timeline: [echoA] } } }));
    await act(() => script.push({ join: { [ROOM]: { timeline: [echoB] } } }));
    expect(client.getRoom(ROOM)!.currentState.getStateEvents(UNSTABLE, "")!.getId()).toBe(echoB.event_id);
    // Readers see exactly B's draft, sent by me. Found: B says "Someone else changed the welcome message since you
    // started this draft" and keeps its error (`once`'s success deletes every attempt whose `out` is false, not only
    // those that had ended before it was sent; B's echo then confirms nothing).
    expect(b.queryByText(CHANGED_ELSEWHERE)).toBeNull();
    await b.findByText(SAVED);
  });
});
