/**
 * A homeserver (or a proxy in front of it) answering a pinned event's fetch with a 200 whose body is no event: it is a
 * failed fetch, reported and retried, and never handed to the app's pinned UI as an event.
 */
import { renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { serverNoticeEvent, textMessageEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER } from "../support/scenarios";
import { startPinningWorld } from "../support/world";

const ME = "@alice:example.org";

const NOT_EVENTS: [string, unknown][] = [
  ["an empty object", {}],
  ["an error-shaped body", { errcode: "M_UNKNOWN", error: "held" }],
  ["content alone", { content: { msgtype: "m.text", body: "hi" } }],
  ["a number for its type", { type: 5, content: { body: "x" }, sender: "@notices:example.org" }],
  [
    "a string for its content",
    { type: "m.room.message", content: "not an object", sender: "@notices:example.org" },
  ],
  ["no sender", { type: "m.room.message", content: { msgtype: "m.text", body: "x" } }],
];

describe("a pinned event fetched as a body that is no event", () => {
  for (const [name, body] of NOT_EVENTS) {
    it(`given the server answers with ${name}, no pinned event reaches the app and the fetch is reported as failed`, async () => {
      const notice = serverNoticeEvent("Real notice");
      const { client, script } = await startPinningWorld(ME, notice);
      script.route({ path: /\/event\// }, () => ({ json: body }));
      const { result } = renderHook(() => useServerNotices(client, { retry: { maxAttempts: 1 } }));
      await waitFor(() => expect(result.current.loading).toBe(false));
      expect(result.current.pinnedEvents).toEqual([]);
      expect(result.current.failedEventIds).toEqual([notice.event_id]);
      expect(result.current.error?.message).toMatch(/another event than/);
    });
  }

  it("given the answer is an event again on retry, the notice shows", async () => {
    const notice = serverNoticeEvent("Shown on retry");
    const { client, script } = await startPinningWorld(ME, notice);
    let asked = 0;
    script.route({ path: /\/event\// }, () => (asked++ === 0 ? { json: {} } : undefined));
    script.serveEvent(NOTICES_ROOM, notice);
    const { result } = renderHook(() => useServerNotices(client, { retry: { baseDelayMs: 50 } }));
    await waitFor(() => expect(result.current.notices.map((n) => n.notice.body)).toEqual(["Shown on retry"]));
    expect(result.current.error).toBeNull();
  });

  it("given an ordinary pinned message (no notice), it is still handed on as an event for the pinned UI", async () => {
    const rules = textMessageEvent("House rules", { sender: NOTICES_USER });
    const { client, script } = await startPinningWorld(ME, rules);
    script.serveEvent(NOTICES_ROOM, rules);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.pinnedEvents.map((e) => e.getContent().body)).toEqual(["House rules"]);
    expect(result.current.failedEventIds).toEqual([]);
  });
});
