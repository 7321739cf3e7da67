/**
 * The title's and the sender line's labels belong to the open dialog: a dialog that stays closed (its welcome already
 * seen) never calls the app's `title` or `sentBy`, however often the app or the sync renders it, and so never reports
 * one that throws.
 */
import { act, render, screen } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, WelcomeDialog, type WelcomeDialogLabels } from "../../src";
import { memberEvent, nameEvent, welcomeEvent } from "../support/events";
import { collectReports } from "../support/reports";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
const reported = collectReports();

/** A client whose lounge has a welcome Bob has already seen, and the dialog mounted with `labels`. */
async function closedDialog(labels: Partial<WelcomeDialogLabels>) {
  const batch = welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Hello")] });
  const { client, script } = await startWorld(ME, batch);
  const seenStore = createMemorySeenStore();
  const welcome = client.getRoom(ROOM)!.currentState.getStateEvents("m.room.welcome", "")!;
  seenStore.markSeen(ROOM, welcome.getId()!, ME);
  const view = render(
    <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} labels={labels} />,
  );
  await act(async () => {});
  return { client: client as MatrixClient, script, view, seenStore };
}

describe("the sender line's label while the dialog is closed", () => {
  it("given a welcome already seen, when the room's members and name change, the app's sentBy label is never called", async () => {
    const sentBy = vi.fn((name: string, id: string) => `From ${name} (${id})`);
    const { client, script, view, seenStore } = await closedDialog({ sentBy });
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [memberEvent(MOD, "join", { displayName: "Alice" })] } } }),
    );
    await act(() => script.push({ join: { [ROOM]: { timeline: [nameEvent("New name")] } } }));
    // The app renders its room view again.
    view.rerender(
      <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} labels={{ sentBy }} />,
    );
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(sentBy).not.toHaveBeenCalled();
  });

  it("given a sentBy label that throws, a closed dialog reports nothing", async () => {
    const sentBy = () => {
      throw new Error("label broke");
    };
    await closedDialog({ sentBy });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(reported).toEqual([]);
  });

  it("given a welcome already seen, when the room's members and name change, the app's title label is never called", async () => {
    const title = vi.fn((name: string) => `Welcome to ${name}`);
    const { client, script, view, seenStore } = await closedDialog({ title });
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [memberEvent(MOD, "join", { displayName: "Alice" })] } } }),
    );
    await act(() => script.push({ join: { [ROOM]: { timeline: [nameEvent("New name")] } } }));
    view.rerender(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} labels={{ title }} />);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(title).not.toHaveBeenCalled();
  });

  it("given a title label that throws, a closed dialog reports nothing", async () => {
    const title = () => {
      throw new Error("title label broke");
    };
    await closedDialog({ title });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(reported).toEqual([]);
  });
});
