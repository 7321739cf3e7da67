/** What the welcome editor tests share: its label, the "changed elsewhere" notice, and scripted state PUTs. */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { IStartClientOpts } from "matrix-js-sdk";
import { createElement } from "react";
import { expect } from "vitest";
import { WelcomeEditor } from "../../src";
import type { RawEvent } from "./events";
import { stateEvent, welcomeEvent } from "./events";
import { welcomeRoom } from "./scenarios";
import type { RouteResult, SyncScript } from "./syncScript";
import { startWorld } from "./world";

/** The moderator whose editor the tests drive, another moderator, and their room. */
export const MODERATOR = "@mod:example.org";
export const OTHER_MODERATOR = "@other:example.org";
export const EDITOR_ROOM = "!lounge:example.org";

/**
 * `EDITOR_ROOM`'s power levels: the moderator at `level`, the other moderator at 100, state events at 50, and `events`
 * (a welcome type's own level, say).
 */
export const moderatorLevels = (level = 100, events: Record<string, number> = {}) =>
  stateEvent(
    "m.room.power_levels",
    { users: { [MODERATOR]: level, [OTHER_MODERATOR]: 100 }, users_default: 0, state_default: 50, events },
    { sender: MODERATOR },
  );

/** The moderator's client in `EDITOR_ROOM`, with `state` (power levels, welcomes), started with the SDK's `startOptions`. */
export const moderatorsRoom = (state: RawEvent[], startOptions: IStartClientOpts = {}) =>
  startWorld(MODERATOR, welcomeRoom(MODERATOR, EDITOR_ROOM, { welcome: state }), {}, startOptions);

/**
 * The moderator's client in `EDITOR_ROOM`, where both moderators have power level 100 (state events need 50), with
 * `extra` state (a welcome, say).
 */
export function moderatorsWorld(extra: RawEvent[] = []) {
  return moderatorsRoom([moderatorLevels(), ...extra]);
}

/** The editor's text area label (default labels). */
export const EDITOR_LABEL = "Message shown to people when they join";
/** The editor's notice that someone else published meanwhile (default labels). */
export const CHANGED_ELSEWHERE = /Someone else changed the welcome message/;

/** The state PUTs the client sent. */
export const statePuts = (s: SyncScript) => s.requestsTo(/\/state\//, "PUT");

/** A promise (`gate`) that resolves when `release()` is called: for holding a scripted answer. */
export function openGate(): { gate: Promise<void>; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  return { gate, release };
}

/** Holds the next state PUTs until `release()`, then answers them with `answer`. */
export function holdStatePuts(script: SyncScript, answer: RouteResult): () => void {
  const { gate, release } = openGate();
  script.route({ method: "PUT", path: /\/state\// }, async () => {
    await gate;
    return answer;
  });
  return release;
}

/**
 * State PUTs fail as if the connection dropped on the way back; `echo(sender)` is the event the server applied for
 * the last one (send it in a sync to say it was applied after all).
 */
export function loseStatePutAnswers(
  script: SyncScript,
  type: string,
): { echo(sender: string, eventId?: string): RawEvent } {
  let body: Record<string, unknown> = {};
  script.route({ method: "PUT", path: /\/state\// }, (req): RouteResult => {
    body = req.body as Record<string, unknown>;
    return "network";
  });
  return { echo: (sender, eventId) => stateEvent(type, body, { sender, ...(eventId ? { eventId } : {}) }) };
}

/** Types `text` into the editor and presses Save. */
export function typeAndSave(text: string): void {
  fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: text } });
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
}

/** The editor follows the published welcome `theirs`, or says it changed: it never presents an outdated draft as live. */
export function expectFollowsOrAnnounces(theirs: string): void {
  const shown = {
    text: (screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement).value,
    notice: !!screen.queryByText(CHANGED_ELSEWHERE),
  };
  expect(shown.text === theirs || shown.notice, JSON.stringify(shown)).toBe(true);
}

/** The editor's Remove button and the answer that confirms it (default labels). */
export const REMOVE = "Remove welcome message";
export const CONFIRM_REMOVE = "Yes, remove it";
/** The Remove question (a group named by it) and its safe answer, which has focus (default labels). */
export const REMOVE_QUESTION = "Remove the welcome message for everyone who joins this room?";
export const KEEP_WELCOME = "Keep it";
/** The editor's status once a save is published (default labels). */
export const SAVED = "Welcome message saved.";

/** Presses Remove and confirms: the welcome message is cleared for everyone. */
export function removeWelcome(): void {
  fireEvent.click(screen.getByRole("button", { name: REMOVE }));
  fireEvent.click(screen.getByRole("button", { name: CONFIRM_REMOVE }));
}

/**
 * Answers the state PUTs in turn: the n-th (from 0) gets `answers[n]`, any beyond them the last answer; the PUT
 * numbered `hold` waits for `release()` first. `bodies` are the contents sent, in order.
 */
export function answerStatePuts(
  script: SyncScript,
  answers: RouteResult[],
  hold?: number,
): { bodies: Record<string, unknown>[]; release: () => void } {
  const bodies: Record<string, unknown>[] = [];
  const { gate, release } = openGate();
  script.route({ method: "PUT", path: /\/state\// }, async (req) => {
    const n = bodies.push(req.body as Record<string, unknown>) - 1;
    if (n === hold) await gate;
    return answers[Math.min(n, answers.length - 1)]!;
  });
  return { bodies, release };
}

/** The echo of my save "mine" (`$mine:example.org`), as the server applied it. */
export const myEcho = () =>
  welcomeEvent("mine", undefined, { unstable: true, sender: MODERATOR, eventId: "$mine:example.org" });

/**
 * The moderator's plain-text editor over the unstable welcome "v1": "mine" typed and saved, its answer
 * (`$mine:example.org`) held until `release()`.
 */
export async function saveMineHeld() {
  const world = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
  const release = holdStatePuts(world.script, { json: { event_id: "$mine:example.org" } });
  const { unmount } = render(
    createElement(WelcomeEditor, { client: world.client, roomId: EDITOR_ROOM, defaultFormat: "plain" }),
  );
  typeAndSave("mine");
  await waitFor(() => expect(statePuts(world.script)).toHaveLength(1));
  return { ...world, release, unmount };
}

/** The event type a state PUT's path names. */
export const stateTypeOf = (path: string) => decodeURIComponent(path.split("/state/")[1]!.split("/")[0]!);

/** Delivers `timeline` to `EDITOR_ROOM` in one sync. */
export const syncEditorRoom = (script: SyncScript, ...timeline: RawEvent[]) =>
  act(() => script.push({ join: { [EDITOR_ROOM]: { timeline } } }));

/** Another moderator's stable "Current rules" over their unstable "Old rules" (ids `$cur`, `$old`), under `levels`. */
export const othersCurrentOverOld = (levels: RawEvent) => [
  levels,
  welcomeEvent("Old rules", undefined, {
    unstable: true,
    sender: OTHER_MODERATOR,
    eventId: "$old:example.org",
  }),
  welcomeEvent("Current rules", undefined, { sender: OTHER_MODERATOR, eventId: "$cur:example.org" }),
];

/** `othersCurrentOverOld` with the moderator at power level 50 and the welcome type `type` raised to 100. */
export const othersCurrentOverOldRaising = (type: string) =>
  othersCurrentOverOld(moderatorLevels(50, { [type]: 100 }));

/** A state PUT as sent: its event type and content ("" and {} until one is sent). */
export interface SentState {
  type: string;
  body: Record<string, unknown>;
}

/** Answers every state PUT with `eventId` and records the last one sent. */
export function captureStatePut(script: SyncScript, eventId: string): SentState {
  const sent: SentState = { type: "", body: {} };
  script.route({ method: "PUT", path: /\/state\// }, (req) => {
    sent.body = req.body as Record<string, unknown>;
    sent.type = stateTypeOf(req.path);
    return { json: { event_id: eventId } };
  });
  return sent;
}

/** Delivers the echo of `sent` (as `eventId`, from `sender`) in the editor room's timeline. */
export const pushStateEcho = (script: SyncScript, sent: SentState, eventId: string, sender = MODERATOR) =>
  act(() =>
    script.push({
      join: {
        [EDITOR_ROOM]: { timeline: [stateEvent(sent.type, sent.body, { sender, eventId, ts: Date.now() })] },
      },
    }),
  );
