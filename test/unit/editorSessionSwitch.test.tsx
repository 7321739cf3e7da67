/**
 * A multi-session app (the same moderator signed in twice, or signed in again after a soft logout) switches a mounted
 * welcome editor from one client to the other while a save is out.
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import {
  CHANGED_ELSEWHERE,
  EDITOR_LABEL,
  EDITOR_ROOM,
  MODERATOR,
  moderatorLevels,
  openGate,
  SAVED,
  statePuts,
  stateTypeOf,
} from "../support/editor";
import { stateEvent } from "../support/events";
import { listenerTotal } from "../support/listeners";
import { welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const total = (client: MatrixClient) => listenerTotal(client, ...client.getRooms());

async function session(deviceId: string) {
  const script = new SyncScript({ userId: MODERATOR, deviceId, accessToken: `token-${deviceId}` });
  const client = script.createClient();
  await script.start(client, welcomeRoom(MODERATOR, EDITOR_ROOM, { welcome: [moderatorLevels()] }));
  return { script, client };
}

/**
 * Two sessions of the moderator; the editor on the first saves "Hello there" (its PUT held until `answer`), then is
 * switched to the second. `echo()` is the saved edition's event, as both sessions' syncs bring it.
 */
async function saveOutThenSwitch() {
  const one = await session("ONE");
  const two = await session("TWO");
  const before = total(one.client);
  const { gate, release } = openGate();
  let body: Record<string, unknown> = {};
  let type = "";
  one.script.route({ method: "PUT", path: /\/state\// }, async (req) => {
    body = req.body as Record<string, unknown>;
    type = stateTypeOf(req.path);
    await gate;
    return { json: { event_id: "$saved:example.org" } };
  });
  const view = render(<WelcomeEditor client={one.client} roomId={EDITOR_ROOM} />);
  fireEvent.change(await screen.findByLabelText(EDITOR_LABEL), { target: { value: "Hello there" } });
  await waitFor(() =>
    expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled"),
  );
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  await waitFor(() => expect(statePuts(one.script)).toHaveLength(1));
  view.rerender(<WelcomeEditor client={two.client} roomId={EDITOR_ROOM} />);
  return {
    one,
    two,
    view,
    /** The first session's listeners before the editor mounted. */
    before,
    answer: () =>
      act(async () => {
        release();
        await sleep(50);
      }),
    echo: () => stateEvent(type, body, { sender: MODERATOR, eventId: "$saved:example.org", ts: Date.now() }),
  };
}

/** Brings `event` to the editor's room in each session's sync. */
const pushEach = (sessions: { script: SyncScript }[], event: ReturnType<typeof stateEvent>) =>
  act(async () => {
    for (const { script } of sessions) await script.push({ join: { [EDITOR_ROOM]: { timeline: [event] } } });
    await sleep(50);
  });

describe("a welcome editor switched to another session of the same user", () => {
  it("given a save out on the first session, when the editor switches to the second, nothing is left listening on the first once it is answered, and the text stays", async () => {
    const { one, two, view, before, answer } = await saveOutThenSwitch();
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("Hello there");
    await answer();
    // Its echo is awaited on the session the editor shows, not on one the app may have logged out.
    expect(total(one.client)).toBe(before);
    expect(statePuts(two.script)).toHaveLength(0);
    view.unmount();
  });

  it("given a save out on the first session, when the editor switches to the second and the first is logged out, the save's echo on the second leaves the draft saved", async () => {
    const { one, two, view, answer, echo } = await saveOutThenSwitch();
    await answer();
    one.client.stopClient();
    await pushEach([two], echo());
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("Hello there");
    expect(screen.getByRole("status")).toHaveTextContent(SAVED);
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    view.unmount();
  });

  it("given the same save's echo on both sessions, the editor is not left with unsaved text nor says someone else changed it", async () => {
    const { one, two, view, answer, echo } = await saveOutThenSwitch();
    await answer();
    await pushEach([one, two], echo());
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    view.unmount();
  });

  it("control: typing, the text area keeps focus and caret when the client is swapped for another of the same user", async () => {
    const one = await session("ONE");
    const two = await session("TWO");
    const view = render(<WelcomeEditor client={one.client} roomId={EDITOR_ROOM} />);
    const area = (await screen.findByLabelText(EDITOR_LABEL)) as HTMLTextAreaElement;
    area.focus();
    fireEvent.change(area, { target: { value: "Hello there, wel" } });
    area.setSelectionRange(5, 5);
    view.rerender(<WelcomeEditor client={two.client} roomId={EDITOR_ROOM} />);
    const after = screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement;
    expect(after).toHaveValue("Hello there, wel");
    expect(document.activeElement).toBe(after);
    expect(after.selectionStart).toBe(5);
    view.unmount();
  });
});
