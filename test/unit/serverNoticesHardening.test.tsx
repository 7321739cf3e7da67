import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ClientEvent, type MatrixClient, type MatrixEvent, SyncState } from "matrix-js-sdk";
import * as React from "react";
import { type ComponentType, type ReactNode, useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createMemoryDismissStore,
  NoticeBanner,
  reportResourceLimitError,
  useServerNotices,
  useServerNoticesRoom,
} from "../../src";
import { ServerNoticesStore } from "../../src/notices/ServerNoticesStore";
import {
  createEvent,
  memberEvent,
  messageEvent,
  pinnedEventsEvent,
  type RawEvent,
  redactionEvent,
  serverNoticeContent,
  serverNoticeEvent,
  textMessageEvent,
} from "../support/events";
import { mergeBatches, NOTICES_ROOM, NOTICES_USER, noticesRoom, noticesTimeline } from "../support/scenarios";
import { type SyncBatch, SyncScript } from "../support/syncScript";
import {
  noticeBodies as bodies,
  dropSyncOnce,
  noticeEdit as editOf,
  holdNoticeFetch,
  showFetchedNotice,
  startPinningWorld,
  startWorld,
} from "../support/world";

/** React 19's `<Activity>` (absent in React 18). */
const Activity = (
  React as unknown as { Activity?: ComponentType<{ mode: "visible" | "hidden"; children: ReactNode }> }
).Activity;

const ME = "@alice:example.org";

const world = (initial: SyncBatch = {}) => startWorld(ME, initial);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => vi.restoreAllMocks());

describe("pinned_events redaction", () => {
  it("when the m.room.pinned_events event (delivered in the state section) is redacted, its pins are no longer active", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const pins = pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER });
    const base = noticesRoom(ME, { timeline: [notice] });
    base.join![NOTICES_ROOM]!.state!.push(pins);
    const { client, script } = await world(base);
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Maintenance tonight"]);
    await act(() => script.push(noticesTimeline(redactionEvent(pins.event_id, { sender: NOTICES_USER }))));
    // A redacted m.room.pinned_events keeps no `pinned` key: nothing is pinned any more.
    expect(bodies(result)).toEqual([]);
  });
});

describe("the user's own redaction", () => {
  it("given a fetched pinned notice, when the homeserver accepts the user's redaction of it, the notice disappears", async () => {
    const notice = serverNoticeEvent("Posted by mistake");
    const { client, result } = await showFetchedNotice(ME, notice);
    await act(async () => {
      await client.redactEvent(NOTICES_ROOM, notice.event_id);
    });
    await waitFor(() => expect(bodies(result)).toEqual([]));
  });

  it("given a pinned notice in the timeline, when the homeserver accepts the user's redaction, the notice goes at once and the SDK's event is left for the SDK to redact when its echo comes", async () => {
    const notice = serverNoticeEvent("Posted by mistake");
    // The SDK's default (chronological) ordering: the SDK redacts its event, and tells the app (whose timeline shows
    // that event), when the redaction comes back in a sync. The kit does not change the SDK's event before that.
    const { client, script } = await world(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Posted by mistake"]);
    let redactionId = "";
    await act(async () => {
      redactionId = (await client.redactEvent(NOTICES_ROOM, notice.event_id)).event_id;
    });
    expect(bodies(result)).toEqual([]);
    const sdkEvent = client.getRoom(NOTICES_ROOM)!.findEventById(notice.event_id)!;
    expect(sdkEvent.isRedacted()).toBe(false);
    await act(() =>
      script.push(
        noticesTimeline({ ...redactionEvent(notice.event_id, { sender: ME }), event_id: redactionId }),
      ),
    );
    expect(sdkEvent.isRedacted()).toBe(true);
    expect(bodies(result)).toEqual([]);
  });
});

describe("a redaction the server refused", () => {
  it("given a fetched pinned notice, when the user's redaction of it is refused by the server, the notice still shows", async () => {
    const notice = serverNoticeEvent("Still pinned");
    const { client, script, result } = await showFetchedNotice(ME, notice);
    script.fail({ method: "PUT", path: /\/redact\// }, { status: 403, errcode: "M_FORBIDDEN" });
    await act(async () => {
      await client.redactEvent(NOTICES_ROOM, notice.event_id).catch(() => undefined);
    });
    // The homeserver refused the redaction: the event is not redacted and is still pinned.
    expect(bodies(result)).toEqual(["Still pinned"]);
  });

  it("given a pinned notice in the timeline, a redaction the server refused neither hides it nor redacts the SDK's event", async () => {
    const notice = serverNoticeEvent("Still pinned");
    const { client, script } = await world(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Still pinned"]);
    script.fail({ method: "PUT", path: /\/redact\// }, { status: 403, errcode: "M_FORBIDDEN" });
    await act(async () => {
      await client.redactEvent(NOTICES_ROOM, notice.event_id).catch(() => undefined);
    });
    // Without the hook mounted, matrix-js-sdk leaves its timeline event intact after a refused redaction.
    expect(client.getRoom(NOTICES_ROOM)!.findEventById(notice.event_id)!.isRedacted()).toBe(false);
    expect(bodies(result)).toEqual(["Still pinned"]);
  });
});

describe("redacting an edit", () => {
  it("given a fetched pinned notice edited live, when the edit is redacted, the notice falls back to its original text", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script, result } = await showFetchedNotice(ME, notice);
    const edit = editOf(notice.event_id, "Maintenance at 11");
    await act(() => script.push(noticesTimeline(edit)));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
    await act(() => script.push(noticesTimeline(redactionEvent(edit.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(20));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
    // and a fresh mount agrees
    const { result: again } = renderHook(() => useServerNotices(client));
    expect(bodies(again)).toEqual(["Maintenance at 10"]);
  });

  it("control: a timeline pinned notice edited live, when the edit is redacted, falls back to its original text", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await world(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    const edit = editOf(notice.event_id, "Maintenance at 11");
    await act(() => script.push(noticesTimeline(edit)));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
    await act(() => script.push(noticesTimeline(redactionEvent(edit.event_id, { sender: NOTICES_USER }))));
    await act(() => sleep(20));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
  });
});

describe("an edit racing a fetch", () => {
  it("given a pinned notice is being fetched, when it is edited before the fetch returns, the edit shows", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await startPinningWorld(ME, notice);
    const release = holdNoticeFetch(script, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    await act(() => script.push(noticesTimeline(editOf(notice.event_id, "Maintenance at 11"))));
    await act(async () => {
      release();
      await sleep(20);
    });
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });
});

describe("retrying failed fetches when sync recovers", () => {
  it("given two hooks share a failed pinned event, sync recovery fetches it once, not once per hook", async () => {
    const notice = serverNoticeEvent("Back online");
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    script.fail({ path: /\/event\// }, "network", 1);
    const policy = { retry: { maxAttempts: 1 } };
    const a = renderHook(() => useServerNotices(client, policy));
    renderHook(() => useServerNotices(client, policy));
    await waitFor(() => expect(a.result.current.failedEventIds).toEqual([notice.event_id]));
    expect(script.requestsTo(/\/event\//)).toHaveLength(1); // shared: one fetch for both hooks
    await dropSyncOnce(client, script);
    await waitFor(() => expect(bodies(a.result)).toEqual(["Back online"]), { timeout: 15_000 });
    await act(() => sleep(20));
    expect(script.requestsTo(/\/event\//)).toHaveLength(2);
  }, 40_000);
});

describe("retries after unmount", () => {
  it("given sync recovery retried a failing pinned event for two hooks, after both unmount no further fetch is made", async () => {
    const notice = serverNoticeEvent("Never");
    const { client, script } = await startPinningWorld(ME, notice);
    script.fail({ path: /\/event\// }, { status: 500 }, 1000);
    const policy = { retry: { baseDelayMs: 100, maxDelayMs: 100, maxAttempts: 3 } };
    const a = renderHook(() => useServerNotices(client, policy));
    const b = renderHook(() => useServerNotices(client, policy));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(3)); // the first round gave up
    await waitFor(() => expect(a.result.current.failedEventIds).toEqual([notice.event_id]));
    await dropSyncOnce(client, script);
    await waitFor(() => expect(client.getSyncState()).toBe("SYNCING"), { timeout: 15_000 });
    await act(() => sleep(30)); // the recovery fetches have failed and scheduled their retries
    a.unmount();
    b.unmount();
    const atUnmount = script.requestsTo(/\/event\//).length;
    await sleep(300);
    // Nobody needs the event any more: no request may follow.
    expect(script.requestsTo(/\/event\//)).toHaveLength(atUnmount);
  }, 40_000);
});

describe("usage-limit dismissal across remounts", () => {
  it("given the user dismissed the usage-limit banner, remounting the banner while the limit lasts keeps it dismissed", async () => {
    const user = userEvent.setup();
    const dismissStore = createMemoryDismissStore();
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const first = render(<NoticeBanner client={client} dismissStore={dismissStore} />);
    script.pushSyncFailure({
      status: 403,
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      error: "MAU",
      data: { limit_type: "monthly_active_user" },
    });
    await user.click(await screen.findByRole("button", { name: "Dismiss notice" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    first.unmount(); // e.g. the app navigates to another page that has the banner too
    await sleep(5);
    expect(client.getSyncStateData()?.error).toBeDefined(); // the limit still lasts
    render(<NoticeBanner client={client} dismissStore={dismissStore} />);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});

describe("a usage limit that sends ran into, across remounts", () => {
  const LIMIT = {
    status: 403,
    errcode: "M_RESOURCE_LIMIT_EXCEEDED",
    data: { limit_type: "monthly_active_user" },
  };
  const send = (client: MatrixClient, body: string) =>
    act(async () => {
      await client.sendTextMessage(NOTICES_ROOM, body).catch(() => undefined);
    });

  it("given the user dismissed a usage-limit banner from a failed send, after a remount the next failed send keeps it dismissed", async () => {
    const user = userEvent.setup();
    const dismissStore = createMemoryDismissStore();
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const first = render(<NoticeBanner client={client} dismissStore={dismissStore} />);
    script.fail({ method: "PUT", path: /\/send\// }, LIMIT);
    await send(client, "one");
    await user.click(await screen.findByRole("button", { name: "Dismiss notice" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    first.unmount();
    render(<NoticeBanner client={client} dismissStore={dismissStore} />);
    script.fail({ method: "PUT", path: /\/send\// }, LIMIT);
    await send(client, "two");
    await act(() => sleep(20));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("given one hook shows a send limit, a second hook mounted later shows the same notice, through a sync error and its recovery, until a send succeeds", async () => {
    const limit = { ...LIMIT, error: "MAU" };
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const a = renderHook(() => useServerNotices(client));
    script.fail({ method: "PUT", path: /\/send\// }, limit);
    await send(client, "one");
    await waitFor(() => expect(a.result.current.notices).toHaveLength(1));
    const id = a.result.current.notices[0]!.eventId;
    const b = renderHook(() => useServerNotices(client)); // e.g. a banner on another panel
    expect(b.result.current.notices.map((n) => n.eventId)).toEqual([id]);
    script.pushSyncFailure(limit);
    await waitFor(() => expect(client.getSyncState()).not.toBe(SyncState.Syncing), { timeout: 15_000 });
    expect(b.result.current.notices.map((n) => n.eventId)).toEqual([id]);
    script.queueBatch({}); // sync recovers
    await waitFor(() => expect(client.getSyncState()).toBe(SyncState.Syncing), { timeout: 15_000 });
    // No send has succeeded: the limit lasts for both.
    expect(b.result.current.notices.map((n) => n.eventId)).toEqual([id]);
    expect(a.result.current.notices.map((n) => n.eventId)).toEqual([id]);
    await act(() => sleep(5)); // a new occurrence would get a new first-seen time
    script.fail({ method: "PUT", path: /\/send\// }, limit);
    await send(client, "two");
    await waitFor(() => expect(b.result.current.notices).toHaveLength(1));
    expect(b.result.current.notices[0]!.eventId).toBe(id);
    expect(a.result.current.notices.map((n) => n.eventId)).toEqual([id]);
  }, 40_000);

  it("given a dismissed usage limit from a failed send, once a send succeeds, the next failed send shows the banner again", async () => {
    const user = userEvent.setup();
    const dismissStore = createMemoryDismissStore();
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    render(<NoticeBanner client={client} dismissStore={dismissStore} />);
    script.fail({ method: "PUT", path: /\/send\// }, LIMIT);
    await send(client, "one");
    await user.click(await screen.findByRole("button", { name: "Dismiss notice" }));
    await send(client, "two"); // the limit is gone
    await act(() => sleep(5)); // a new occurrence gets a new id (its first-seen time)
    script.fail({ method: "PUT", path: /\/send\// }, LIMIT);
    await send(client, "three");
    expect((await screen.findByRole("alert")).textContent).toMatch(/monthly active user limit/i);
  });
});

describe("encrypted pinned notices", () => {
  it("given a pinned notice in the timeline that is still encrypted, when it is decrypted, its banner appears", async () => {
    const encrypted = messageEvent(
      {
        algorithm: "m.megolm.v1.aes-sha2",
        ciphertext: "AwgAEn...",
        sender_key: "k",
        session_id: "s",
        device_id: "D",
      },
      { type: "m.room.encrypted", sender: NOTICES_USER },
    );
    const { client } = await world(noticesRoom(ME, { pinned: [encrypted.event_id], timeline: [encrypted] }));
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual([]); // not decrypted yet
    const event = client.getRoom(NOTICES_ROOM)!.findEventById(encrypted.event_id)!;
    // What the client's crypto does in the background: decrypt, then emit MatrixEventEvent.Decrypted.
    const crypto = {
      decryptEvent: async () => ({
        clearEvent: { type: "m.room.message", content: serverNoticeContent("Encrypted notice") },
      }),
    } as unknown as Parameters<MatrixEvent["attemptDecryption"]>[0];
    await act(() => event.attemptDecryption(crypto));
    expect(event.getContent().body).toBe("Encrypted notice");
    expect(bodies(result)).toEqual(["Encrypted notice"]);
  });
});

describe("encrypted edits of fetched notices", () => {
  it("given a fetched pinned notice, when an encrypted edit of it is decrypted, the banner shows the edit", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script, result } = await showFetchedNotice(ME, notice);
    const encryptedEdit = messageEvent(
      {
        algorithm: "m.megolm.v1.aes-sha2",
        ciphertext: "AwgAEn...",
        sender_key: "k",
        session_id: "s",
        device_id: "D",
        // Relations stay in the clear, as the spec requires for encrypted events.
        "m.relates_to": { rel_type: "m.replace", event_id: notice.event_id },
      },
      { type: "m.room.encrypted", sender: NOTICES_USER },
    );
    await act(() => script.push(noticesTimeline(encryptedEdit)));
    expect(bodies(result)).toEqual(["Maintenance at 10"]); // not decrypted yet
    const event = client.getRoom(NOTICES_ROOM)!.findEventById(encryptedEdit.event_id)!;
    const edit = editOf(notice.event_id, "Maintenance at 11");
    const crypto = {
      decryptEvent: async () => ({ clearEvent: { type: "m.room.message", content: edit.content } }),
    } as unknown as Parameters<MatrixEvent["attemptDecryption"]>[0];
    await act(() => event.attemptDecryption(crypto));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });
});

describe("an encrypted fetched notice and its encrypted edit, decrypted in either order", () => {
  const megolm = (extra: Record<string, unknown> = {}) => ({
    algorithm: "m.megolm.v1.aes-sha2",
    ciphertext: "AwgAEn...",
    sender_key: "k",
    session_id: "s",
    device_id: "D",
    ...extra,
  });
  /** What the client's crypto does in the background: decrypt to `clear`, then emit MatrixEventEvent.Decrypted. */
  const decryptTo = (event: MatrixEvent, clear: { type: string; content: Record<string, unknown> }) =>
    event.attemptDecryption({
      decryptEvent: async () => ({ clearEvent: clear }),
    } as unknown as Parameters<MatrixEvent["attemptDecryption"]>[0]);

  it("given the edit is decrypted before the fetched notice itself, the banner shows the edit once both are", async () => {
    const original = messageEvent(megolm(), { type: "m.room.encrypted", sender: NOTICES_USER });
    const { client, script } = await startPinningWorld(ME, original);
    script.serveEvent(NOTICES_ROOM, original); // pinned, not in the timeline: fetched
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.pinnedEvents).toHaveLength(1)); // fetched, still encrypted
    const fetched = result.current.pinnedEvents[0]!;
    const encryptedEdit = messageEvent(
      megolm({ "m.relates_to": { rel_type: "m.replace", event_id: original.event_id } }),
      { type: "m.room.encrypted", sender: NOTICES_USER },
    );
    await act(() => script.push(noticesTimeline(encryptedEdit)));
    const edit = client.getRoom(NOTICES_ROOM)!.findEventById(encryptedEdit.event_id)!;
    await act(() =>
      decryptTo(edit, {
        type: "m.room.message",
        content: editOf(original.event_id, "Maintenance at 11").content,
      }),
    );
    await act(() =>
      decryptTo(fetched, { type: "m.room.message", content: serverNoticeContent("Maintenance at 10") }),
    );
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });
});

describe("rooms any user can create with MSC4279's room type", () => {
  const MALLORY = "@mallory:evil.example";
  const FAKE = "!fake-notices:evil.example";

  it("a room someone else created with type m.server_notice does not displace the homeserver's tagged notices room", async () => {
    const real = serverNoticeEvent("Real notice from the homeserver");
    const fake = serverNoticeEvent("Your account is locked: log in at https://evil.example", {
      sender: MALLORY,
    });
    const { client } = await world(
      mergeBatches(noticesRoom(ME, { pinned: [real.event_id], timeline: [real], createdTs: 1_000 }), {
        join: {
          [FAKE]: {
            state: [
              createEvent({ creator: MALLORY, roomType: "m.server_notice", ts: 2_000 }),
              memberEvent(MALLORY, "join"),
              memberEvent(ME, "join"),
              pinnedEventsEvent([fake.event_id], { sender: MALLORY }),
            ],
            timeline: [fake],
          },
        },
      }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    expect(bodies(result)).toEqual(["Real notice from the homeserver"]);
  });

  it("with autoJoin and noticesUserIds, an invite from a stranger to a room typed m.server_notice is not accepted", async () => {
    const { client, script } = await world({
      invite: {
        [FAKE]: [
          createEvent({ creator: MALLORY, roomType: "m.server_notice" }),
          memberEvent(ME, "invite", { sender: MALLORY }),
        ],
      },
    });
    const { result } = renderHook(() =>
      useServerNoticesRoom(client, { noticesUserIds: [NOTICES_USER], autoJoin: true }),
    );
    await act(() => sleep(20));
    expect(result.current.invite).toBeNull();
    expect(script.requestsTo(/\/join/)).toHaveLength(0);
  });
});

/** A gappy (limited) sync: the live timeline is reset, and the pinned notice is no longer in any timeline. */
/**
 * A gappy (limited) sync that drops `eventId` from the timeline; the homeserver serves `served` (the event as it is
 * now, with its newest edit bundled) when the kit checks it again.
 */
async function gappySyncDropping(
  script: SyncScript,
  client: MatrixClient,
  eventId: string,
  served?: RawEvent,
) {
  if (served) script.serveEvent(NOTICES_ROOM, served);
  await act(() =>
    script.push({
      join: {
        [NOTICES_ROOM]: { timeline: [textMessageEvent("filler", { sender: NOTICES_USER })], limited: true },
      },
    }),
  );
  expect(client.getRoom(NOTICES_ROOM)!.findEventById(eventId)).toBeUndefined();
}

/** An event as `/rooms/{roomId}/event/{eventId}` serves it: its newest edit bundled in `m.relations`. */
const withNewestEdit = (event: RawEvent, edit: RawEvent): RawEvent => ({
  ...event,
  unsigned: { ...event.unsigned, "m.relations": { "m.replace": { ...edit, room_id: NOTICES_ROOM } } },
});

describe("a pinned notice a gappy sync dropped from the timeline", () => {
  it("a pinned notice first seen in the timeline still takes a live edit after a gappy (limited) sync dropped it from the timeline", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await world(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
    await gappySyncDropping(script, client, notice.event_id, notice);
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
    await act(() => script.push(noticesTimeline(editOf(notice.event_id, "Maintenance at 11"))));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });

  it("redacting the edit the SDK had applied reverts the notice to its original text", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const edit = { ...editOf(notice.event_id, "Maintenance at 11"), origin_server_ts: 2_000 };
    const { client, script } = await world(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice, edit] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"])); // the SDK applied the edit
    await gappySyncDropping(script, client, notice.event_id, withNewestEdit(notice, edit));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
    await act(() => script.push(noticesTimeline(redactionEvent(edit.event_id, { sender: NOTICES_USER }))));
    // Before the fix: still "Maintenance at 11" (the fetcher's edit list for a local entry is only seeded by replace()).
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
  });
});

describe("usage-limit ids", () => {
  const limitError = (limitType: string) => ({
    errcode: "M_RESOURCE_LIMIT_EXCEEDED",
    data: { errcode: "M_RESOURCE_LIMIT_EXCEEDED", error: "Limit", limit_type: limitType },
  });

  it("a limit type that changed while active and later recurs after clearing gets a new synthetic id", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const store = new ServerNoticesStore(client);
    const unsubscribe = store.subscribe(() => {});
    const now = vi.spyOn(Date, "now");
    now.mockReturnValue(1_000);
    store.reportError(limitError("monthly_active_user"));
    const firstId = store.getSnapshot().notices[0]?.eventId;
    expect(firstId).toMatch(/^resource-limit:monthly_active_user:\d+$/);
    now.mockReturnValue(2_000);
    store.reportError(limitError("hs_disabled")); // the limit changes type while it lasts
    await script.push({}); // a good sync: the limit clears
    expect(store.getSnapshot().notices).toEqual([]);
    now.mockReturnValue(9_000);
    store.reportError(limitError("monthly_active_user")); // a new occurrence, long after
    // Expected a new id (a dismissal covers one occurrence); observed the first occurrence's id again.
    const recurring = store.getSnapshot().notices[0]?.eventId;
    expect(recurring).toMatch(/^resource-limit:monthly_active_user:\d+$/);
    expect(recurring).not.toBe(firstId);
    unsubscribe();
  });
});

describe("errors from the app's own calls", () => {
  const limitError = {
    errcode: "M_RESOURCE_LIMIT_EXCEEDED",
    data: { errcode: "M_RESOURCE_LIMIT_EXCEEDED", error: "Limit", limit_type: "monthly_active_user" },
  };

  it("given a mounted banner, when the app reports a failed room creation's resource limit, the usage-limit banner shows until the next good sync", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    expect(screen.queryByRole("alert")).toBeNull();
    act(() => reportResourceLimitError(client, limitError));
    expect(screen.getByRole("alert").textContent).toMatch(/monthly active user limit/i);
    await act(() => script.push({}));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("given two hooks of the same client, one report reaches both; an error that is no resource limit reaches neither", async () => {
    const { client } = await world(noticesRoom(ME, { pinned: [] }));
    const a = renderHook(() => useServerNotices(client));
    const b = renderHook(() => useServerNotices(client, { retry: { maxAttempts: 2 } }));
    act(() => reportResourceLimitError(client, { errcode: "M_FORBIDDEN", data: {} }));
    act(() => reportResourceLimitError(client, new Error("offline")));
    act(() => reportResourceLimitError(client, null));
    expect(a.result.current.notices).toEqual([]);
    act(() => reportResourceLimitError(client, limitError));
    expect(a.result.current.notices.map((n) => n.source)).toEqual(["resource-limit-error"]);
    expect(b.result.current.notices.map((n) => n.eventId)).toEqual(
      a.result.current.notices.map((n) => n.eventId),
    );
  });

  it("given a hook with resourceLimitErrors: false, an app report shows nothing there, while another hook shows it", async () => {
    const { client } = await world(noticesRoom(ME, { pinned: [] }));
    const off = renderHook(() => useServerNotices(client, { resourceLimitErrors: false }));
    const on = renderHook(() => useServerNotices(client));
    act(() => reportResourceLimitError(client, limitError));
    expect(off.result.current.notices).toEqual([]);
    expect(on.result.current.notices).toHaveLength(1);
  });

  it("given the banner was unmounted, a report reaches nothing and throws nothing; one of another client is not shown", async () => {
    const { client } = await world(noticesRoom(ME, { pinned: [] }));
    const other = (await world(noticesRoom(ME, { pinned: [] }))).client;
    const { unmount } = render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    act(() => reportResourceLimitError(other, limitError));
    expect(screen.queryByRole("alert")).toBeNull();
    unmount();
    expect(() => reportResourceLimitError(client, limitError)).not.toThrow();
  });
});

describe("an app-reported limit across hooks and remounts", () => {
  const limitError = {
    errcode: "M_RESOURCE_LIMIT_EXCEEDED",
    data: { errcode: "M_RESOURCE_LIMIT_EXCEEDED", error: "Limit", limit_type: "monthly_active_user" },
  };

  it("given a hook showing an app-reported limit, a hook mounted later shows the same notice (one dismissal covers both)", async () => {
    const { client } = await world(noticesRoom(ME, { pinned: [] }));
    const a = renderHook(() => useServerNotices(client));
    act(() => reportResourceLimitError(client, limitError));
    const b = renderHook(() => useServerNotices(client));
    act(() => reportResourceLimitError(client, limitError));
    const ids = (r: typeof a) => r.result.current.notices.map((n) => n.eventId);
    expect(ids(a)).toHaveLength(1);
    expect(ids(b)).toEqual(ids(a));
  });

  it("given an app-reported limit, then good syncs while no hook is mounted, a hook mounted afterwards shows no limit", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const a = renderHook(() => useServerNotices(client));
    act(() => reportResourceLimitError(client, limitError));
    expect(a.result.current.notices).toHaveLength(1);
    a.unmount();
    await script.push({});
    const b = renderHook(() => useServerNotices(client));
    expect(b.result.current.notices).toEqual([]);
  });

  it("given the app removed every sync listener from its client, a later report still ends at the next good sync unwatched", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const a = renderHook(() => useServerNotices(client));
    act(() => reportResourceLimitError(client, limitError));
    a.unmount();
    client.removeAllListeners(ClientEvent.Sync);
    const b = renderHook(() => useServerNotices(client));
    act(() => reportResourceLimitError(client, limitError));
    b.unmount();
    await script.push({});
    const c = renderHook(() => useServerNotices(client));
    expect(c.result.current.notices).toEqual([]);
  });

  it("given the same store restarted after its app-reported limit ended unwatched, it shows no limit", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const store = new ServerNoticesStore(client);
    let off = store.subscribe(() => {});
    reportResourceLimitError(client, limitError);
    expect(store.getSnapshot().notices).toHaveLength(1);
    off();
    await script.push({});
    off = store.subscribe(() => {});
    expect(store.getSnapshot().notices).toEqual([]);
    off();
  });

  // <Activity> is React 19's (the react18 tier skips this).
  it.skipIf(!Activity)(
    "given a banner hidden by React's <Activity> while its app-reported limit ends, it shows no limit when visible again",
    async () => {
      const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
      const dismissStore = createMemoryDismissStore();
      let setMode!: (mode: "visible" | "hidden") => void;
      function App() {
        const [mode, set] = useState<"visible" | "hidden">("visible");
        setMode = set;
        const Hideable = Activity!;
        return (
          <Hideable mode={mode}>
            <NoticeBanner client={client} dismissStore={dismissStore} />
          </Hideable>
        );
      }
      render(<App />);
      act(() => reportResourceLimitError(client, limitError));
      expect(screen.queryByRole("alert")).not.toBeNull();
      act(() => setMode("hidden"));
      await act(() => script.push({}));
      act(() => setMode("visible"));
      expect(screen.queryByRole("alert")).toBeNull();
    },
  );

  it("given an app-reported limit, when the hook's options change (its store is rebuilt), it still shows until the next good sync", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const hook = renderHook(
      ({ attempts }) => useServerNotices(client, { retry: { maxAttempts: attempts } }),
      {
        initialProps: { attempts: 3 },
      },
    );
    act(() => reportResourceLimitError(client, limitError));
    const id = hook.result.current.notices[0]?.eventId;
    expect(id).toMatch(/^resource-limit:monthly_active_user:/);
    hook.rerender({ attempts: 5 });
    expect(hook.result.current.notices.map((n) => n.eventId)).toEqual([id]);
    await act(() => script.push({}));
    expect(hook.result.current.notices).toEqual([]);
  });
});

describe("edits with equal timestamps", () => {
  it("two edits with the same origin_server_ts: the lexicographically larger event_id wins (spec), whatever the arrival order", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const { client, script } = await startPinningWorld(ME, notice);
    script.serveEvent(NOTICES_ROOM, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 10"]));
    const a = {
      ...editOf(notice.event_id, "Maintenance at 11"),
      event_id: "$edit-a:example.org",
      origin_server_ts: 5_000,
    };
    const b = {
      ...editOf(notice.event_id, "Maintenance at 12"),
      event_id: "$edit-b:example.org",
      origin_server_ts: 5_000,
    };
    await act(() => script.push(noticesTimeline(a, b)));
    // What the homeserver would bundle, and what the SDK itself shows for an event in its timeline.
    expect(bodies(result)).toEqual(["Maintenance at 12"]);
  });
});

describe("MSC4279 typed rooms", () => {
  it("a room another local account created with type m.server_notice is not taken for the notices room (app named its notices sender)", async () => {
    const MALLORY = "@mallory:example.org"; // an ordinary account on the user's (public) homeserver
    const FAKE = "!fake:example.org";
    const fake = serverNoticeEvent("Your account will be deleted: verify at https://evil.example", {
      sender: MALLORY,
    });
    const { client } = await world({
      join: {
        [FAKE]: {
          state: [
            createEvent({ creator: MALLORY, roomType: "m.server_notice" }),
            memberEvent(MALLORY, "join"),
            memberEvent(ME, "join", { prevMembership: "invite", sender: ME }),
            pinnedEventsEvent([fake.event_id], { sender: MALLORY }),
          ],
          timeline: [fake],
        },
      },
    });
    const { result } = renderHook(() => useServerNotices(client, { noticesUserIds: [NOTICES_USER] }));
    expect(result.current.room).toBeNull();
    expect(bodies(result)).toEqual([]);
  });
});

describe("syncs with MSC4222 state_after (the SDK asks for it)", () => {
  const withStateAfter = (timeline: RawEvent[], stateAfter: RawEvent[]): SyncBatch => ({
    join: { [NOTICES_ROOM]: { timeline, stateAfter } },
  });

  it("given a notice sent and pinned in one sync, it shows without a fetch", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const { result } = renderHook(() => useServerNotices(client));
    const notice = serverNoticeEvent("Sent and pinned together");
    const pin = pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER });
    await act(() => script.push(withStateAfter([notice, pin], [pin])));
    expect(bodies(result)).toEqual(["Sent and pinned together"]);
    expect(script.requestsTo(/\/event\//)).toEqual([]);
  });

  it("given threadSupport and a reaction to an unknown event earlier in the batch (the SDK fetches its parent), the notice is still not fetched", async () => {
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    script.queueBatch(noticesRoom(ME, { pinned: [] }));
    const prepared = new Promise<void>((resolve) =>
      client.on(ClientEvent.Sync, (s) => s === SyncState.Prepared && resolve()),
    );
    await client.startClient({ initialSyncLimit: 50, threadSupport: true });
    await prepared;
    const { result } = renderHook(() => useServerNotices(client));
    const reaction = messageEvent(
      { "m.relates_to": { rel_type: "m.annotation", event_id: "$old:example.org", key: "+1" } },
      { type: "m.reaction", sender: ME },
    );
    const notice = serverNoticeEvent("Sent and pinned together");
    const pin = pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER });
    await act(() => script.push(withStateAfter([reaction, notice, pin], [pin])));
    await act(() => sleep(30));
    expect(bodies(result)).toEqual(["Sent and pinned together"]);
    const noticeFetches = script
      .requestsTo(/\/event\//)
      .filter((r) => r.path.includes(notice.event_id.slice(1)));
    expect(noticeFetches).toEqual([]);
    client.stopClient();
  });

  it("given a notice replaced in one sync (the old one redacted, the new one sent and pinned), the new one is not fetched", async () => {
    const old = serverNoticeEvent("Old notice");
    const { client, script } = await world(noticesRoom(ME, { pinned: [old.event_id], timeline: [old] }));
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Old notice"]);
    const notice = serverNoticeEvent("New notice");
    const pin = pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER });
    const redaction = redactionEvent(old.event_id, { sender: NOTICES_USER });
    await act(() => script.push(withStateAfter([redaction, notice, pin], [pin])));
    expect(bodies(result)).toEqual(["New notice"]);
    expect(script.requestsTo(/\/event\//)).toEqual([]);
  });

  it("given a sync that changes the old notices room's pins and brings a newer notices room, the old room's pins are never looked up in the new one", async () => {
    const NEW_ROOM = "!notices2:example.org";
    const oldNotice = serverNoticeEvent("Old room notice");
    const { client, script } = await world(
      noticesRoom(ME, { pinned: [oldNotice.event_id], timeline: [oldNotice], createdTs: 1_000 }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Old room notice"]);
    const newNotice = serverNoticeEvent("New room notice");
    const batch = mergeBatches(
      { join: { [NOTICES_ROOM]: { timeline: [pinnedEventsEvent([], { sender: NOTICES_USER })] } } },
      noticesRoom(ME, {
        roomId: NEW_ROOM,
        pinned: [newNotice.event_id],
        timeline: [newNotice],
        createdTs: 2_000,
      }),
    );
    await act(() => script.push(batch));
    expect(result.current.room?.roomId).toBe(NEW_ROOM);
    expect(bodies(result)).toEqual(["New room notice"]);
    expect(script.requestsTo(/\/event\//).map((r) => r.path)).toEqual([]);
  });

  it("given a pin of a notice that is not in the sync, it is fetched once and shows", async () => {
    const { client, script } = await world(noticesRoom(ME, { pinned: [] }));
    const { result } = renderHook(() => useServerNotices(client));
    const notice = serverNoticeEvent("Pinned from the past");
    script.serveEvent(NOTICES_ROOM, notice);
    const pin = pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER });
    await act(() => script.push(withStateAfter([pin], [pin])));
    await waitFor(() => expect(bodies(result)).toEqual(["Pinned from the past"]));
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
  });

  it("given a pinned notice, when a state_after sync unpins it, the banner disappears", async () => {
    const notice = serverNoticeEvent("Soon unpinned");
    const { client, script } = await world(
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Soon unpinned"]);
    const unpin = pinnedEventsEvent([], { sender: NOTICES_USER });
    await act(() => script.push(withStateAfter([unpin], [unpin])));
    expect(bodies(result)).toEqual([]);
  });
});

describe("one fetch in flight per pinned event", () => {
  it("a remount while the first fetch is still out does not start a second request for the same event", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await startPinningWorld(ME, notice);
    const release = holdNoticeFetch(script, notice);
    const first = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    first.unmount(); // e.g. StrictMode's double mount, or navigating between two pages with a banner
    const { result } = renderHook(() => useServerNotices(client));
    await act(async () => release());
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 10"]));
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
  });

  it("a remount with retry { maxAttempts: 1 } makes exactly one request when the fetch fails", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await startPinningWorld(ME, notice);
    const release = script.hold({ path: /\/event\// }, () => ({
      status: 502,
      errcode: "M_UNKNOWN",
      error: "Bad gateway",
    }));
    const first = renderHook(() =>
      useServerNotices(client, { retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 1 } }),
    );
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    first.unmount();
    // The app now wants no retries at all.
    const { result } = renderHook(() => useServerNotices(client, { retry: { maxAttempts: 1 } }));
    await act(async () => release());
    await waitFor(() => expect(result.current.failedEventIds).toEqual([notice.event_id]));
    await act(() => sleep(100));
    // Before the fix: 5 requests (the departed holder's maxAttempts: 5 still governs the entry).
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
  });
});

describe("redacting the SDK's newest edit after a gappy sync", () => {
  it("falls back to the previous edit, not to the original", async () => {
    const notice = serverNoticeEvent("Maintenance at 10", { ts: 1_000 });
    const edit1 = { ...editOf(notice.event_id, "Maintenance at 11"), origin_server_ts: 2_000 };
    const edit2 = { ...editOf(notice.event_id, "Maintenance at 12"), origin_server_ts: 3_000 };
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [notice.event_id], timeline: [notice, edit1, edit2] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 12"]));
    script.serveEvent(NOTICES_ROOM, withNewestEdit(notice, edit2));
    await act(() =>
      script.push({
        join: {
          [NOTICES_ROOM]: { timeline: [textMessageEvent("filler", { sender: NOTICES_USER })], limited: true },
        },
      }),
    );
    expect(client.getRoom(NOTICES_ROOM)!.findEventById(notice.event_id)).toBeUndefined();
    expect(bodies(result)).toEqual(["Maintenance at 12"]);
    await act(() => script.push(noticesTimeline(redactionEvent(edit2.event_id, { sender: NOTICES_USER }))));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });
});
