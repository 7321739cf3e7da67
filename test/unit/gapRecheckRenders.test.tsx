/**
 * A gappy sync (sync v2, banner mounted) where nothing about the pinned notice changed: it is checked with the server,
 * and the banner does not commit again (as for unrelated sync traffic).
 */
import { act, render } from "@testing-library/react";
import { Profiler } from "react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner } from "../../src";
import { serverNoticeEvent } from "../support/events";
import { NOTICES_ROOM, noticesGap, noticesRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const inTimeline of [true, false])
  describe(`a gappy sync where nothing changed (notice ${inTimeline ? "in the timeline" : "fetched"})`, () => {
    it("the banner does not commit again", async () => {
      const notice = serverNoticeEvent("Still current");
      const script = new SyncScript({ userId: ME });
      const client = script.createClient();
      script.serveEvent(NOTICES_ROOM, notice);
      await script.start(
        client,
        noticesRoom(ME, { pinned: [notice.event_id], timeline: inTimeline ? [notice] : [] }),
      );
      let commits = 0;
      render(
        <Profiler id="banner" onRender={() => commits++}>
          <NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />
        </Profiler>,
      );
      await act(() => sleep(100));
      expect(document.body.textContent).toContain("Still current");
      const settled = commits;
      await act(() => script.push(noticesGap()));
      await act(() => sleep(100));
      expect(script.requestsTo(/\/event\//).length).toBeGreaterThan(0); // it was checked
      expect(document.body.textContent).toContain("Still current");
      expect(commits).toBe(settled);
    });
  });
