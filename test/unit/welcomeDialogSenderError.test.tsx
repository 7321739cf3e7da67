/**
 * A welcome's sender whose member event the client has not loaded (lazy-loaded members) is named from that one member
 * event, fetched while the dialog shows. When that fetch gives up (refused, or out of retries), the line shows the ID
 * alone and the app hears of it: through `<WelcomeDialog onSenderError>`, once each time it gives up, and through the
 * public `useSenderName` hook's `error`.
 */
import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, useSenderName, WelcomeDialog, type WelcomeDialogProps } from "../../src";
import { collectReports } from "../support/reports";
import { lazySenderJoin } from "../support/scenarios";
import type { RouteResult, SyncBatch, SyncScript } from "../support/syncScript";
import { ELEMENT_START_OPTIONS, startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
const memberPath = `/rooms/${ROOM}/state/m.room.member/${MOD}`;

const reported = collectReports();

/** The user's first join of the room, whose welcome @mod set; @mod's member event not in the sync (lazy-loaded). */
const lazyJoin = (): SyncBatch => lazySenderJoin(ME, ROOM);

/** The client after that join, the member fetch answered by `answer`. */
async function lazyWorld(answer: () => RouteResult) {
  const { client, script } = await startWorld(ME, {}, {}, ELEMENT_START_OPTIONS);
  script.route({ method: "GET", path: /\/state\/m\.room\.member\// }, () => answer());
  await act(() => script.push(lazyJoin()));
  return { client, script };
}

const memberFetches = (script: SyncScript) => script.requestsTo(memberPath, "GET");
const refused: RouteResult = { status: 403, errcode: "M_FORBIDDEN" };
const named = (displayname: string): RouteResult => ({ json: { membership: "join", displayname } });

/** Renders the dialog with `onSenderError` and resolves with its sender line. */
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

describe("given the sender's member fetch is refused (403)", () => {
  it("when the dialog shows, onSenderError is called once with the error and the sender's ID; the line shows the ID", async () => {
    const { client, script } = await lazyWorld(() => refused);
    const onSenderError = vi.fn();
    const { view, line } = await openDialog(client, { onSenderError });
    await waitFor(() => expect(onSenderError).toHaveBeenCalledTimes(1));
    expect(onSenderError.mock.calls[0]![0]).toMatchObject({ httpStatus: 403, errcode: "M_FORBIDDEN" });
    expect(onSenderError.mock.calls[0]![1]).toBe(MOD);
    expect(line()).toBe(`From ${MOD}`);
    // Not once per render: a new callback, rerenders and a sync later, still the one call, and no request again.
    const next = vi.fn();
    view.rerender(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore: createMemorySeenStore() }}
        onSenderError={next}
        className="other"
      />,
    );
    await act(() => script.push({}));
    await new Promise((r) => setTimeout(r, 100));
    expect(onSenderError).toHaveBeenCalledTimes(1);
    expect(next).not.toHaveBeenCalled();
    expect(memberFetches(script)).toHaveLength(1);
    expect(reported).toEqual([]);
  });

  it("when the app's onSenderError throws, the dialog still shows, its confirm still works, and the throw is reported as uncaught", async () => {
    const { client } = await lazyWorld(() => refused);
    const thrown = new Error("app bug");
    const onOpenChange = vi.fn();
    const { line } = await openDialog(client, {
      onSenderError: () => {
        throw thrown;
      },
      onOpenChange,
    });
    await waitFor(() => expect(reported).toEqual([thrown]));
    expect(screen.getByRole("dialog")).toBeTruthy();
    expect(line()).toBe(`From ${MOD}`);
    fireEvent.click(screen.getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(reported).toEqual([thrown]);
  });

  it("useSenderName used alone (the public hook) reports the refusal in `error`, with no name", async () => {
    const { client } = await lazyWorld(() => refused);
    const { result } = renderHook(() => useSenderName(client, ROOM, MOD, true));
    expect(result.current).toEqual({ name: "", error: null });
    await waitFor(() => expect(result.current.error).toMatchObject({ httpStatus: 403 }));
    expect(result.current.name).toBe("");
  });
});

describe("given the sender's member fetch succeeds", () => {
  it("the name shows, and onSenderError is not called", async () => {
    const { client, script } = await lazyWorld(() => named("Moderator Mia"));
    const onSenderError = vi.fn();
    const { line } = await openDialog(client, { onSenderError });
    await waitFor(() => expect(line()).toBe(`From Moderator Mia (${MOD})`));
    await new Promise((r) => setTimeout(r, 100));
    expect(onSenderError).not.toHaveBeenCalled();
    expect(memberFetches(script)).toHaveLength(1);
  });
});

describe("given the sender's member fetch keeps failing (fake timers)", () => {
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

  it("out of retries, onSenderError is called once; when sync comes back it is asked again, and a second give-up is reported again", async () => {
    const { client, script } = await lazyWorld(() => "network");
    const onSenderError = vi.fn();
    const { line } = await openDialog(client, { onSenderError });
    await advance(60_000);
    expect(onSenderError).not.toHaveBeenCalled(); // still retrying
    await advance(300_000);
    expect(memberFetches(script)).toHaveLength(8);
    expect(onSenderError).toHaveBeenCalledTimes(1);
    expect(onSenderError.mock.calls[0]![1]).toBe(MOD);
    expect(line()).toBe(`From ${MOD}`);
    await advance(60_000);
    expect(onSenderError).toHaveBeenCalledTimes(1);
    // Sync drops and comes back: the fetch is made again, and gives up again after its retries.
    script.pushSyncFailure("network");
    await advance(5_000);
    await act(() => script.push({}));
    await advance(300_000);
    expect(memberFetches(script)).toHaveLength(16);
    expect(onSenderError).toHaveBeenCalledTimes(2);
  });

  it("when the dialog closes while the fetch is being retried, it is cancelled and onSenderError is never called", async () => {
    const { client, script } = await lazyWorld(() => ({ status: 500, errcode: "M_UNKNOWN" }));
    const onSenderError = vi.fn();
    await openDialog(client, { onSenderError });
    await waitFor(() => expect(memberFetches(script)).toHaveLength(1));
    fireEvent.click(screen.getByRole("button", { name: "Got it" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await advance(400_000);
    expect(memberFetches(script)).toHaveLength(1);
    expect(onSenderError).not.toHaveBeenCalled();
  });
});
