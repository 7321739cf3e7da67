/**
 * `RoomEvent.TimelineReset` for a reason other than a gap: with thread support (Element's setup) a new thread in the
 * notices room resets the thread's timeline set, which the Room passes on. The room's own live timeline is untouched:
 * nothing was missed, so a pinned notice in it is not fetched.
 */
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useServerNotices } from "../../src";
import { messageEvent, type RawEvent, serverNoticeEvent, textMessageEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";
import { noticeBodies as bodies } from "../support/world";

const ME = "@alice:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const threadReply = (root: string, body: string): RawEvent =>
  messageEvent(
    {
      msgtype: "m.text",
      body,
      "m.relates_to": {
        rel_type: "m.thread",
        event_id: root,
        is_falling_back: true,
        "m.in_reply_to": { event_id: root },
      },
    },
    { sender: NOTICES_USER },
  );

for (const [label, threadSupport] of [
  ["threadSupport", true],
  ["control, no threads", false],
] as const)
  describe(`a thread starts in the notices room (${label})`, () => {
    it("a pinned notice in the live timeline is not fetched (nothing was missed)", async () => {
      const notice = serverNoticeEvent("Maintenance at 10");
      // A homeserver advertising every spec version (as Synapse does): v1.4 turns on the SDK's server-side threads.
      const script = new SyncScript({ userId: ME });
      script.route({ path: /\/versions$/ }, () => ({
        json: { versions: ["v1.1", "v1.4", "v1.5", "v1.11", "v1.12", "v1.13"], unstable_features: {} },
      }));
      // The thread's own requests (relations, messages, thread list), answered empty.
      script.route({ path: /\/(relations|messages|threads)(\/|$)/ }, () => ({
        json: { chunk: [], start: "t0" },
      }));
      const client = script.createClient();
      await script.start(client, noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }), {
        threadSupport,
      });
      script.serveEvent(NOTICES_ROOM, notice);
      const { result } = renderHook(() => useServerNotices(client));
      expect(bodies(result)).toEqual(["Maintenance at 10"]);
      const resets: unknown[] = [];
      const room0 = () => client.getRoom(NOTICES_ROOM)!;
      client
        .getRoom(NOTICES_ROOM)!
        .on("Room.timelineReset" as never, ((_r: unknown, set: unknown) => resets.push(set)) as never);
      const root = textMessageEvent("Questions? Reply in the thread", { sender: NOTICES_USER });
      script.serveEvent(NOTICES_ROOM, root);
      await act(() =>
        script.push({
          join: { [NOTICES_ROOM]: { timeline: [root, threadReply(root.event_id, "a reply")] } },
        }),
      );
      await act(() => sleep(300));
      // The thread's own timeline set was reset (re-emitted by the Room); the room's live timeline was not.
      if (threadSupport) expect(resets.length).toBeGreaterThan(0);
      expect(resets.every((set) => set !== room0().getUnfilteredTimelineSet())).toBe(true);
      const noticeFetches = script.requestsTo(/\/event\//).filter((r) => r.path.endsWith(notice.event_id));
      expect(noticeFetches).toHaveLength(0);
    });
  });
