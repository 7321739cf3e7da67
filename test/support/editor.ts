/** What the welcome editor tests share: its label, the "changed elsewhere" notice, and scripted state PUTs. */
import { fireEvent, screen } from "@testing-library/react";
import { expect } from "vitest";
import type { RawEvent } from "./events";
import { stateEvent } from "./events";
import { welcomeRoom } from "./scenarios";
import type { RouteResult, SyncScript } from "./syncScript";
import { startWorld } from "./world";

/** The moderator whose editor the tests drive, another moderator, and their room. */
export const MODERATOR = "@mod:example.org";
export const OTHER_MODERATOR = "@other:example.org";
export const EDITOR_ROOM = "!lounge:example.org";

/**
 * The moderator's client in `EDITOR_ROOM`, where both moderators have power level 100 (state events need 50), with
 * `extra` state (a welcome, say).
 */
export function moderatorsWorld(extra: RawEvent[] = []) {
  const pl = stateEvent(
    "m.room.power_levels",
    { users: { [MODERATOR]: 100, [OTHER_MODERATOR]: 100 }, users_default: 0, state_default: 50, events: {} },
    { sender: MODERATOR },
  );
  return startWorld(MODERATOR, welcomeRoom(MODERATOR, EDITOR_ROOM, { welcome: [pl, ...extra] }));
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

/** Presses Remove and confirms: the welcome message is cleared for everyone. */
export function removeWelcome(): void {
  fireEvent.click(screen.getByRole("button", { name: REMOVE }));
  fireEvent.click(screen.getByRole("button", { name: CONFIRM_REMOVE }));
}
