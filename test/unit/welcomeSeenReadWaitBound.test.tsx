/**
 * A due welcome waits for the seen store's read of the room's marks (see welcomeSeenAfterRejoin) at most 30 s, also
 * under a retry policy without a request timeout (`requestTimeoutMs: 0`) or with a longer one: then it shows, and the
 * read, still out, applies its answer when it comes.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAccountDataSeenStore, type RetryPolicy, useWelcomeMessage } from "../../src";
import { type RawEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { SEEN_MARKS_PATH, seenMarkReads } from "../support/seenMarks";
import type { RouteResult } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], shouldAdvanceTime: true });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * Bob joined the lounge again live (no marks event in its sync), with a welcome hook whose store has `retry`; the
 * read of the marks hangs until `answer` is called with what the server says then.
 */
async function rejoinedWithHangingRead(retry: RetryPolicy) {
  const welcome = welcomeEvent("House rules");
  const { client, script } = await startWorld(ME, {});
  let answer!: (result: RouteResult) => void;
  const answered = new Promise<RouteResult>((resolve) => {
    answer = resolve;
  });
  script.route({ method: "GET", path: SEEN_MARKS_PATH }, () => answered);
  await act(() =>
    script.push(welcomeRoom(ME, ROOM, { prevMembership: "invite", name: "Lounge", welcome: [welcome] })),
  );
  const onReadError = vi.fn();
  const seenStore = createAccountDataSeenStore(client, { deviceMarks: null, retry, onReadError });
  const hook = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
  await waitFor(() => expect(seenMarkReads(script)).toHaveLength(1));
  return { client, script, hook, onReadError, welcome, answer };
}

const seenThere = (welcome: RawEvent): RouteResult => ({ json: { event_ids: [welcome.event_id] } });

describe("how long a due welcome waits for the seen-marks read", () => {
  it("given no request timeout (0) and a read that hangs, the welcome shows after 30 s, and the late answer that it was seen takes it away", async () => {
    const { script, hook, welcome, answer } = await rejoinedWithHangingRead({ requestTimeoutMs: 0 });
    await advance(29_000);
    expect(hook.result.current.decision.reason).toBe("awaiting-sync");
    await advance(1_500);
    expect(hook.result.current.shouldShow).toBe(true);
    // A later decision (a sync) does not read again while the read is still out.
    await act(() => script.push({}));
    expect(hook.result.current.shouldShow).toBe(true);
    expect(seenMarkReads(script)).toHaveLength(1);
    answer(seenThere(welcome));
    await waitFor(() => expect(hook.result.current.decision.reason).toBe("seen"));
    expect(seenMarkReads(script)).toHaveLength(1);
  });

  it("given a request timeout longer than 30 s (5 min), the welcome still shows after 30 s", async () => {
    const { hook } = await rejoinedWithHangingRead({ requestTimeoutMs: 300_000 });
    await advance(30_500);
    expect(hook.result.current.shouldShow).toBe(true);
  });

  it("given no request timeout and a read that fails after the welcome showed, the failure is reported, the welcome stays, nothing is read again", async () => {
    const { script, hook, onReadError, answer } = await rejoinedWithHangingRead({ requestTimeoutMs: 0 });
    await advance(30_500);
    expect(hook.result.current.shouldShow).toBe(true);
    answer({ status: 500, errcode: "M_UNKNOWN", error: "down" } as RouteResult);
    await waitFor(() => expect(onReadError).toHaveBeenCalledTimes(1));
    await advance(1_000);
    expect(hook.result.current.shouldShow).toBe(true);
    expect(seenMarkReads(script)).toHaveLength(1);
  });

  it("given the default policy and an answer after 10 s, the welcome waits for it, then shows (control)", async () => {
    const { script, hook, onReadError, answer } = await rejoinedWithHangingRead({});
    await advance(10_000);
    expect(hook.result.current.decision.reason).toBe("awaiting-sync");
    answer({ status: 404, errcode: "M_NOT_FOUND", error: "none" } as RouteResult);
    await waitFor(() => expect(hook.result.current.shouldShow).toBe(true));
    await advance(30_000);
    expect(hook.result.current.shouldShow).toBe(true);
    expect(seenMarkReads(script)).toHaveLength(1);
    expect(onReadError).not.toHaveBeenCalled();
  });

  it("given a 10 s request timeout, the welcome waits 10 s, the read's timeout (control)", async () => {
    const { hook, onReadError } = await rejoinedWithHangingRead({ requestTimeoutMs: 10_000 });
    await advance(9_000);
    expect(hook.result.current.decision.reason).toBe("awaiting-sync");
    await advance(1_500);
    expect(hook.result.current.shouldShow).toBe(true);
    expect(onReadError).toHaveBeenCalledTimes(1);
  });
});
