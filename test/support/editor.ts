/** What the welcome editor tests share: its label, the "changed elsewhere" notice, and scripted state PUTs. */
import { fireEvent, screen } from "@testing-library/react";
import type { RawEvent } from "./events";
import { stateEvent } from "./events";
import type { RouteResult, SyncScript } from "./syncScript";

/** The editor's text area label (default labels). */
export const EDITOR_LABEL = "Message shown to people when they join";
/** The editor's notice that someone else published meanwhile (default labels). */
export const CHANGED_ELSEWHERE = /Someone else changed the welcome message/;

/** The state PUTs the client sent. */
export const statePuts = (s: SyncScript) => s.requestsTo(/\/state\//, "PUT");

/** Holds the next state PUTs until `release()`, then answers them with `answer`. */
export function holdStatePuts(script: SyncScript, answer: RouteResult): () => void {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
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
export function loseStatePutAnswers(script: SyncScript, type: string): { echo(sender: string): RawEvent } {
  let body: Record<string, unknown> = {};
  script.route({ method: "PUT", path: /\/state\// }, (req): RouteResult => {
    body = req.body as Record<string, unknown>;
    return "network";
  });
  return { echo: (sender) => stateEvent(type, body, { sender }) };
}

/** Types `text` into the editor and presses Save. */
export function typeAndSave(text: string): void {
  fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: text } });
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
}
