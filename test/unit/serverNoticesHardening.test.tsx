import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { MatrixEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, useServerNotices, useServerNoticesRoom } from "../../src";
import {
  createEvent,
  memberEvent,
  messageEvent,
  pinnedEventsEvent,
  redactionEvent,
  serverNoticeContent,
  serverNoticeEvent,
} from "../support/events";
import { mergeBatches, NOTICES_ROOM, NOTICES_USER, noticesRoom } from "../support/scenarios";
import type { SyncBatch } from "../support/syncScript";
import { noticeBodies as bodies, noticeEdit as editOf, startWorld } from "../support/world";

const ME = "@alice:example.org";

const world = (initial: SyncBatch = {}) => startWorld(ME, initial);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("pinned_events redaction", () => {
  it("when the m.room.pinned_events event (delivered in the state section) is redacted, its pins are no longer active", async () => {
    const notice = serverNoticeEvent("Maintenance tonight");
    const pins = pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER });
    const base = noticesRoom(ME, { timeline: [notice] });
    base.join![NOTICES_ROOM]!.state!.push(pins);
    const { client, script } = await world(base);
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Maintenance tonight"]);
    await act(() =>
      script.push({
        join: { [NOTICES_ROOM]: { timeline: [redactionEvent(pins.event_id, { sender: NOTICES_USER })] } },
      }),
    );
    // A redacted m.room.pinned_events keeps no `pinned` key: nothing is pinned any more.
    expect(bodies(result)).toEqual([]);
  });
});

describe("the user's own redaction", () => {
  it("given a fetched pinned notice, when the homeserver accepts the user's redaction of it, the notice disappears", async () => {
    const notice = serverNoticeEvent("Posted by mistake");
    const { client, script } = await world(noticesRoom(ME, { pinned: [notice.event_id] }));
    script.serveEvent(NOTICES_ROOM, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Posted by mistake"]));
    await act(async () => {
      await client.redactEvent(NOTICES_ROOM, notice.event_id);
    });
    await waitFor(() => expect(bodies(result)).toEqual([]));
  });
});

describe("a redaction the server refused", () => {
  it("given a fetched pinned notice, when the user's redaction of it is refused by the server, the notice still shows", async () => {
    const notice = serverNoticeEvent("Still pinned");
    const { client, script } = await world(noticesRoom(ME, { pinned: [notice.event_id] }));
    script.serveEvent(NOTICES_ROOM, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Still pinned"]));
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
    const { client, script } = await world(noticesRoom(ME, { pinned: [notice.event_id] }));
    script.serveEvent(NOTICES_ROOM, notice);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 10"]));
    const edit = editOf(notice.event_id, "Maintenance at 11");
    await act(() => script.push({ join: { [NOTICES_ROOM]: { timeline: [edit] } } }));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
    await act(() =>
      script.push({
        join: { [NOTICES_ROOM]: { timeline: [redactionEvent(edit.event_id, { sender: NOTICES_USER })] } },
      }),
    );
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
    await act(() => script.push({ join: { [NOTICES_ROOM]: { timeline: [edit] } } }));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
    await act(() =>
      script.push({
        join: { [NOTICES_ROOM]: { timeline: [redactionEvent(edit.event_id, { sender: NOTICES_USER })] } },
      }),
    );
    await act(() => sleep(20));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
  });
});

describe("an edit racing a fetch", () => {
  it("given a pinned notice is being fetched, when it is edited before the fetch returns, the edit shows", async () => {
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await world(noticesRoom(ME, { pinned: [notice.event_id] }));
    const release = script.hold({ path: /\/event\// }, () => ({
      json: { ...notice, room_id: NOTICES_ROOM },
    }));
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(1));
    await act(() =>
      script.push({ join: { [NOTICES_ROOM]: { timeline: [editOf(notice.event_id, "Maintenance at 11")] } } }),
    );
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
    const { client, script } = await world(noticesRoom(ME, { pinned: [notice.event_id] }));
    script.serveEvent(NOTICES_ROOM, notice);
    script.fail({ path: /\/event\// }, "network", 1);
    const policy = { retry: { maxAttempts: 1 } };
    const a = renderHook(() => useServerNotices(client, policy));
    renderHook(() => useServerNotices(client, policy));
    await waitFor(() => expect(a.result.current.failedEventIds).toEqual([notice.event_id]));
    expect(script.requestsTo(/\/event\//)).toHaveLength(1); // shared: one fetch for both hooks
    script.pushSyncFailure("network");
    await waitFor(() => expect(client.getSyncState()).not.toBe("SYNCING"), { timeout: 8000 });
    script.queueBatch({});
    await waitFor(() => expect(bodies(a.result)).toEqual(["Back online"]), { timeout: 8000 });
    await act(() => sleep(20));
    expect(script.requestsTo(/\/event\//)).toHaveLength(2);
  }, 15_000);
});

describe("retries after unmount", () => {
  it("given sync recovery retried a failing pinned event for two hooks, after both unmount no further fetch is made", async () => {
    const notice = serverNoticeEvent("Never");
    const { client, script } = await world(noticesRoom(ME, { pinned: [notice.event_id] }));
    script.fail({ path: /\/event\// }, { status: 500 }, 1000);
    const policy = { retry: { baseDelayMs: 100, maxDelayMs: 100, maxAttempts: 3 } };
    const a = renderHook(() => useServerNotices(client, policy));
    const b = renderHook(() => useServerNotices(client, policy));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(3)); // the first round gave up
    await waitFor(() => expect(a.result.current.failedEventIds).toEqual([notice.event_id]));
    script.pushSyncFailure("network");
    await waitFor(() => expect(client.getSyncState()).not.toBe("SYNCING"), { timeout: 8000 });
    script.queueBatch({});
    await waitFor(() => expect(client.getSyncState()).toBe("SYNCING"), { timeout: 8000 });
    await act(() => sleep(30)); // the recovery fetches have failed and scheduled their retries
    a.unmount();
    b.unmount();
    const atUnmount = script.requestsTo(/\/event\//).length;
    await sleep(300);
    // Nobody needs the event any more: no request may follow.
    expect(script.requestsTo(/\/event\//)).toHaveLength(atUnmount);
  }, 15_000);
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
