/**
 * A redaction of a fetched pinned notice that arrives while the notices room is untagged, read meanwhile by another
 * reader of the room's redactions (the welcome store, for the room's welcome): once tagged again, the notice stays
 * redacted (the kit keeps only redactions that may matter in other rooms, and reads the room's again once it is the
 * notices room).
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useServerNotices, useWelcomeMessage } from "../../src";
import { redactionEvent, serverNoticeEvent, tagEvent, welcomeEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom, noticesTimeline } from "../support/scenarios";
import {
  noticeBodies as bodies,
  ELEMENT_START_OPTIONS,
  noticeEdit as editOf,
  startWorld,
} from "../support/world";

const ME = "@alice:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A fetched pinned notice shown (with the edit its answer bundles, if `redactEdit`); the room untagged (unless `untag`
 * is false), the notice (or that edit) redacted meanwhile (the welcome store reading the room then, if
 * `welcomeReads`), the room tagged again: the notices shown at the end.
 */
async function scenario({ untag = true, welcomeReads = false, threads = false, redactEdit = false }) {
  const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
  const edit = editOf(notice.event_id, "Maintenance at 11");
  const batch = noticesRoom(ME, { pinned: [notice.event_id] });
  batch.join![NOTICES_ROOM]!.state!.push(
    welcomeEvent("Welcome to the notices room", undefined, { sender: NOTICES_USER }),
  );
  const { client, script } = await startWorld(ME, batch, {}, threads ? ELEMENT_START_OPTIONS : undefined);
  script.serveEvent(
    NOTICES_ROOM,
    redactEdit
      ? { ...notice, unsigned: { "m.relations": { "m.replace": { ...edit, room_id: NOTICES_ROOM } } } }
      : notice,
  );
  const { result } = renderHook(() => useServerNotices(client));
  await waitFor(() =>
    expect(bodies(result)).toEqual([redactEdit ? "Maintenance at 11" : "Maintenance at 10"]),
  );
  if (untag) {
    await act(() => script.push({ join: { [NOTICES_ROOM]: { accountData: [tagEvent({})] } } }));
    await waitFor(() => expect(result.current.notices).toHaveLength(0));
  }
  const redacted = redactEdit ? edit.event_id : notice.event_id;
  await act(() => script.push(noticesTimeline(redactionEvent(redacted, { sender: NOTICES_USER }))));
  if (welcomeReads) {
    // The app shows the room (its welcome is read): the kit's record of the room's redactions is caught up.
    const welcome = renderHook(() => useWelcomeMessage(client, NOTICES_ROOM));
    await act(() => sleep(20));
    welcome.unmount();
  }
  if (untag)
    await act(() =>
      script.push({
        join: { [NOTICES_ROOM]: { accountData: [tagEvent({ "m.server_notice": { order: 0.5 } })] } },
      }),
    );
  await act(() => sleep(50));
  return bodies(result);
}

describe("a redaction while the notices room was untagged", () => {
  it("control: given nobody reading the room meanwhile, the redacted notice is gone once the room is tagged again", async () => {
    expect(await scenario({})).toEqual([]);
  });
  it("given the welcome store reading the room meanwhile, the redacted notice is still gone once the room is tagged again", async () => {
    expect(await scenario({ welcomeReads: true })).toEqual([]);
  });
});

describe("a redaction while the notices room was untagged, with thread support on (Element's options)", () => {
  it("control: given the room tagged throughout, the redacted notice goes", async () => {
    expect(await scenario({ untag: false, threads: true })).toEqual([]);
  });
  it("given the room untagged meanwhile (the redaction filed in no timeline), the redacted notice stays gone once tagged again", async () => {
    expect(await scenario({ threads: true })).toEqual([]);
  });
  it("given the room untagged meanwhile, a redaction of the edit its answer bundled (filed in no timeline) still takes the edit away once tagged again", async () => {
    expect(await scenario({ threads: true, redactEdit: true })).toEqual(["Maintenance at 10"]);
  });
});
