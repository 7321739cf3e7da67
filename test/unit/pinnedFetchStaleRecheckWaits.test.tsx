/**
 * A server's rate-limit wait (notBefore) must hold across a remount also for a fetched notice that a
 * gappy sync made stale (re-checked with the server on the next mount).
 */
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { serverNoticeEvent, textMessageEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER } from "../support/scenarios";
import { noticeBodies, showFetchedNotice } from "../support/world";

const ME = "@alice:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a stale fetched notice rate-limited on its re-check", () => {
  it("given the re-check of a stale notice was rate-limited for a minute, a remount does not ask again before the wait", async () => {
    const notice = serverNoticeEvent("Checked again");
    const { client, script } = await showFetchedNotice(ME, notice);
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
    // Nothing mounted; a gappy sync arrives: the fetched notice is stale on the next mount.
    // showFetchedNotice hands back no unmount: RTL's cleanup unmounts its hook.
    cleanup();
    await act(() =>
      script.push({
        join: {
          [NOTICES_ROOM]: { timeline: [textMessageEvent("filler", { sender: NOTICES_USER })], limited: true },
        },
      }),
    );
    // The re-check is rate-limited for a minute.
    script.fail(
      { path: /\/event\// },
      { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 60_000 } },
      5,
    );
    const second = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    await act(() => sleep(50));
    // Still shown as it was.
    expect(noticeBodies(second.result)).toEqual(["Checked again"]);
    second.unmount();
    // A remount during the server's one-minute wait must not ask.
    renderHook(() => useServerNotices(client));
    await act(() => sleep(100));
    expect(script.requestsTo(/\/event\//)).toHaveLength(2);
  });
});
