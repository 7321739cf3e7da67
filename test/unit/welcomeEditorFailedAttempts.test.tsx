/**
 * Failed saves and removals the server applied all the same, and own editions: an edition a gap hid for good, an echo
 * that comes after the editor was opened again, a removal whose answer was lost followed by a refused save (or by a
 * failed save of the same draft), a save whose echo is late (no false notice), and an old attempt's edition showing
 * again (no false "saved").
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import {
  CHANGED_ELSEWHERE,
  EDITOR_LABEL,
  EDITOR_ROOM,
  loseStatePutAnswers,
  MODERATOR,
  moderatorsWorld,
  myEcho,
  OTHER_MODERATOR,
  openGate,
  removeWelcome,
  SAVED,
  saveMineHeld,
  statePuts,
  typeAndSave,
} from "../support/editor";
import { stateEvent, textMessageEvent, welcomeEvent } from "../support/events";
import type { RouteResult } from "../support/syncScript";

const ROOM = EDITOR_ROOM;
const UNSTABLE = "org.matrix.msc3857.welcome";
const STABLE = "m.room.welcome";

afterEach(() => localStorage.clear());

const chat = () => textMessageEvent("hi", { sender: OTHER_MODERATOR });
type Script = Awaited<ReturnType<typeof moderatorsWorld>>["script"];
const sync = (script: Script, timeline: ReturnType<typeof stateEvent>[]) =>
  act(() => script.push({ join: { [ROOM]: { timeline } } }));
const saveButton = () => screen.getByRole("button", { name: "Save" });
const storedWith = (text: string) =>
  Object.keys(localStorage).filter((k) => localStorage.getItem(k)?.includes(text));

describe("an own edition a gap hid for good", () => {
  it("given my first save over no welcome was hidden by a gap behind someone else's and my second save's echo is shown, when I type and someone else then removes the welcome, then the editor says someone else changed it", async () => {
    const { client, script } = await moderatorsWorld([]);
    let n = 0;
    script.route(
      { method: "PUT", path: /\/state\// },
      (): RouteResult => ({ json: { event_id: `$s${++n}:example.org` } }),
    );
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    typeAndSave("one");
    await screen.findByText(SAVED);
    // A gappy sync: someone else's edition came after mine, which the gap hid (it never reaches the client).
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            state: [
              welcomeEvent("theirs", undefined, {
                unstable: true,
                sender: OTHER_MODERATOR,
                eventId: "$t:example.org",
              }),
            ],
            timeline: [chat()],
            limited: true,
          },
        },
      }),
    );
    await sync(script, [chat()]);
    await waitFor(() => expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("theirs"));
    typeAndSave("two");
    await screen.findByText(SAVED);
    await sync(script, [
      welcomeEvent("two", undefined, { unstable: true, sender: MODERATOR, eventId: "$s2:example.org" }),
    ]);
    await waitFor(() =>
      expect(client.getRoom(ROOM)!.currentState.getStateEvents(UNSTABLE, "")!.getId()).toBe(
        "$s2:example.org",
      ),
    );
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "three" } });
    // Someone else removes the welcome: my draft would bring it back unseen.
    await sync(script, [stateEvent(UNSTABLE, {}, { sender: OTHER_MODERATOR })]);
    await waitFor(() =>
      expect(client.getRoom(ROOM)!.currentState.getStateEvents(UNSTABLE, "")!.getContent()).toEqual({}),
    );
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("three");
    expect(screen.getByText(CHANGED_ELSEWHERE)).toBeInTheDocument();
  });
});

const storedDrafts = () => Object.keys(localStorage).filter((k) => localStorage.getItem(k)?.includes("mine"));

describe("a failed save the server applied, its echo coming after the editor was closed and opened again", () => {
  it("given my save's answer was lost (the server applied it) and I closed the editor and opened it again, when its echo arrives, then the editor shows my text as saved (Save disabled, no stored draft)", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const lost = loseStatePutAnswers(script, UNSTABLE);
    const first = render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    typeAndSave("mine");
    await screen.findByRole("alert");
    first.unmount();
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("mine");
    await sync(script, [lost.echo(MODERATOR)]);
    await waitFor(() =>
      expect(client.getRoom(ROOM)!.currentState.getStateEvents(UNSTABLE, "")!.getContent()).toMatchObject({
        [UNSTABLE]: expect.anything(),
      }),
    );
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("mine");
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
    expect(saveButton()).toHaveAttribute("aria-disabled", "true");
    expect(storedDrafts()).toEqual([]);
  });
});

describe("a removal whose answer was lost, then a save refused", () => {
  it("given my removal's answer was lost (the server applied it) and the save I typed since was refused (rate limit), when the removal's echo arrives, then the editor does not say someone else changed the welcome", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    script.route(
      { method: "PUT", path: /\/state\// },
      (req): RouteResult =>
        Object.keys(req.body as object).length === 0
          ? "network"
          : { status: 429, json: { errcode: "M_LIMIT_EXCEEDED", error: "Too many requests" } },
    );
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    removeWelcome();
    await screen.findByRole("alert");
    typeAndSave("New rules");
    await waitFor(() => expect(saveButton()).not.toHaveAttribute("aria-disabled"));
    expect(screen.getByRole("alert")).toBeInTheDocument();
    await sync(script, [stateEvent(UNSTABLE, {}, { sender: MODERATOR })]);
    await waitFor(() =>
      expect(client.getRoom(ROOM)!.currentState.getStateEvents(UNSTABLE, "")!.getContent()).toEqual({}),
    );
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("New rules");
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
  });
});

describe("a failed save while an earlier failed removal's echo comes", () => {
  it("given my removal failed (the server applied it) with my draft 'Keep this' open and I then pressed Save on that draft, when the removal's echo comes while the save is out and the save then fails, then my draft is still on screen and stored, as the error says", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const { gate, release } = openGate();
    script.route({ method: "PUT", path: /\/state\// }, async (req): Promise<RouteResult> => {
      if (Object.keys(req.body as object).length === 0) return "network";
      await gate;
      return "network";
    });
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "Keep this" } });
    removeWelcome();
    await screen.findByRole("alert");
    fireEvent.click(saveButton());
    await waitFor(() => expect(statePuts(script)).toHaveLength(2));
    // The removal was applied after all: its echo comes while the save is out.
    await sync(script, [stateEvent(UNSTABLE, {}, { sender: MODERATOR })]);
    await waitFor(() =>
      expect(client.getRoom(ROOM)!.currentState.getStateEvents(UNSTABLE, "")!.getContent()).toEqual({}),
    );
    await act(async () => release());
    await screen.findByRole("alert");
    expect(screen.getByRole("alert").textContent).toMatch(/couldn't be saved/);
    // Bug: settleFailed in the save's catch finishes the removal (its draft was "Keep this"): the draft is emptied
    // and dropped from storage, right before the error that says it is kept.
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("Keep this");
    expect(storedWith("Keep this")).toHaveLength(1);
  });
});

describe("an own edition forgotten when the two-sync watch gives up, its echo still to come", () => {
  it("given my save over 'v1' was answered and two syncs brought no echo (a sync worker behind) while readers still see 'v1', when I look at the editor, then it does not say someone else changed the welcome", async () => {
    const { client, script, release } = await saveMineHeld();
    await act(async () => release());
    await screen.findByText(SAVED);
    await sync(script, [chat()]);
    await sync(script, [chat()]);
    await waitFor(() => expect(saveButton()).not.toHaveAttribute("aria-disabled"));
    expect(client.getRoom(ROOM)!.currentState.getStateEvents(UNSTABLE, "")!.getContent()).toMatchObject({
      [UNSTABLE]: expect.anything(),
    });
    // Nobody else changed anything: readers see "v1", which my save replaced (no gap hid it behind another edition).
    // Bug: own.published.delete(base) makes "v1" (replaced by my save) someone else's change.
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
    // The late echo then arrives: saved.
    await sync(script, [myEcho()]);
    await waitFor(() => expect(saveButton()).toHaveAttribute("aria-disabled", "true"));
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
  });
});

describe("a failed save whose echo came while no draft was open, kept as a failed attempt", () => {
  it("given my save failed (applied), I discarded, its echo came and someone else then published a stable welcome, when I type and they remove theirs (mine shows again), then the editor does not say my draft was saved", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const lost = loseStatePutAnswers(script, UNSTABLE);
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    typeAndSave("mine");
    await screen.findByRole("alert");
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("v1");
    await sync(script, [lost.echo(MODERATOR, "$mine:example.org")]);
    await waitFor(() => expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("mine"));
    await sync(script, [
      welcomeEvent("theirs", undefined, { sender: OTHER_MODERATOR, eventId: "$theirs:example.org" }),
    ]);
    await waitFor(() => expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("theirs"));
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "draft" } });
    await sync(script, [stateEvent(STABLE, {}, { sender: OTHER_MODERATOR })]);
    await waitFor(() =>
      expect(client.getRoom(ROOM)!.currentState.getStateEvents(STABLE, "")!.getContent()).toEqual({}),
    );
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("draft");
    // Bug: the stale failed attempt (its echo "$mine" shown again) is finished: "saved", though "draft" is not.
    expect(screen.queryByText(SAVED)).toBeNull();
    expect(saveButton()).not.toHaveAttribute("aria-disabled");
  });
});
