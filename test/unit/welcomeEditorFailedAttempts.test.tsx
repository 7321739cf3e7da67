/**
 * Failed saves and removals the server applied all the same, and own editions: an edition a gap hid for good, an echo
 * that comes after the editor was opened again, and a removal whose answer was lost followed by a refused save.
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
  OTHER_MODERATOR,
  removeWelcome,
  typeAndSave,
} from "../support/editor";
import { stateEvent, textMessageEvent, welcomeEvent } from "../support/events";
import type { RouteResult } from "../support/syncScript";

const ROOM = EDITOR_ROOM;
const SAVED = "Welcome message saved.";
const UNSTABLE = "org.matrix.msc3857.welcome";

afterEach(() => localStorage.clear());

const chat = () => textMessageEvent("hi", { sender: OTHER_MODERATOR });
type Script = Awaited<ReturnType<typeof moderatorsWorld>>["script"];
const sync = (script: Script, timeline: ReturnType<typeof stateEvent>[]) =>
  act(() => script.push({ join: { [ROOM]: { timeline } } }));
const saveButton = () => screen.getByRole("button", { name: "Save" });

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
    expect(saveButton()).toBeDisabled();
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
    await waitFor(() => expect(saveButton()).toBeEnabled());
    expect(screen.getByRole("alert")).toBeInTheDocument();
    await sync(script, [stateEvent(UNSTABLE, {}, { sender: MODERATOR })]);
    await waitFor(() =>
      expect(client.getRoom(ROOM)!.currentState.getStateEvents(UNSTABLE, "")!.getContent()).toEqual({}),
    );
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("New rules");
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
  });
});
