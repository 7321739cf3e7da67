/**
 * Encrypted server notices, with the SDK's real Rust crypto: events are encrypted by a device of the notices user of
 * its own; the client gets the megolm keys when the test says (late keys: the crypto then retries the events waiting).
 * Synapse sends notices in plaintext; an admin's client pinning an encrypted message sends it encrypted.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { MatrixEventEvent } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, useServerNotices } from "../../src";
import { cryptoRoutes, giveKeys, senderDevice, startCryptoWorld } from "../support/crypto";
import {
  pinnedEventsEvent,
  type RawEvent,
  serverNoticeContent,
  serverNoticeEvent,
  stateEvent,
  textMessageEvent,
  usageLimitNoticeEvent,
} from "../support/events";
import {
  NOTICES_ROOM,
  NOTICES_USER,
  noticeEdit,
  noticesGap,
  noticesRoom,
  noticesTimeline,
} from "../support/scenarios";
import { SyncScript } from "../support/syncScript";
import { noticeBodies as bodies } from "../support/world";

const ME = "@alice:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A notices room (encrypted) pinning `pinned`, with `timeline`. */
const world = (pinned: string[], timeline: RawEvent[] = [], opts = {}) =>
  startCryptoWorld(ME, noticesRoom(ME, { pinned, timeline }), NOTICES_ROOM, NOTICES_USER, opts);

/**
 * An encrypted notice pinned, older than the timeline (so fetched), whose encrypted edit came live and is decrypted
 * (keys here from the start); the homeserver's answer for the notice bundles that edit (MSC3925: the whole edit
 * event), as Synapse's does.
 */
async function bundledEditWorld(clientOptions = {}) {
  const sender = await senderDevice(NOTICES_USER, NOTICES_ROOM);
  const enc = await sender.encrypt("m.room.message", serverNoticeContent("Maintenance at 10"));
  const edit = await sender.encrypt("m.room.message", noticeEdit(enc.event_id, "Maintenance at 11").content);
  const { client, script } = await world([enc.event_id], [edit], clientOptions);
  await giveKeys(client, await sender.exportKeys());
  const heldEdit = client.getRoom(NOTICES_ROOM)!.findEventById(edit.event_id)!;
  await waitFor(() => expect(heldEdit.isDecryptionFailure()).toBe(false));
  script.serveEvent(NOTICES_ROOM, {
    ...enc,
    unsigned: { "m.relations": { "m.replace": { ...edit, room_id: NOTICES_ROOM } } },
  });
  return { client, script, enc, heldEdit };
}

describe("encrypted pinned notices", () => {
  it("control: a plaintext notice (as Synapse sends them) in an encrypted notices room shows", async () => {
    const notice = serverNoticeEvent("Plain in encrypted room");
    const { client } = await world([notice.event_id], [notice]);
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Plain in encrypted room"]);
  });

  it("control: a fetched encrypted notice undecryptable at first shows once its keys arrive; no fetch loop", async () => {
    const sender = await senderDevice(NOTICES_USER, NOTICES_ROOM);
    const enc = await sender.encrypt("m.room.message", serverNoticeContent("Fetched encrypted"));
    const { client, script } = await world([enc.event_id]);
    script.serveEvent(NOTICES_ROOM, enc);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.pinnedEvents).toHaveLength(1));
    await waitFor(() => expect(result.current.pinnedEvents[0]!.isDecryptionFailure()).toBe(true));
    expect(result.current.pinnedEvents[0]!.getContent().msgtype).toBe("m.bad.encrypted");
    expect(bodies(result)).toEqual([]);
    expect(result.current.error).toBeNull();
    await act(() => sleep(300));
    expect(script.requestsTo(/\/event\//)).toHaveLength(1);
    const keys = await sender.exportKeys();
    await act(() => giveKeys(client, keys));
    await waitFor(() => expect(bodies(result)).toEqual(["Fetched encrypted"]));
    expect(result.current.pinnedEvents).toHaveLength(0);
  });

  it("control: an encrypted edit of a plaintext timeline notice shows once decrypted (keys late)", async () => {
    const sender = await senderDevice(NOTICES_USER, NOTICES_ROOM);
    const notice = serverNoticeEvent("Maintenance at 10");
    const { client, script } = await world([notice.event_id], [notice]);
    const { result } = renderHook(() => useServerNotices(client));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
    const edit = await sender.encrypt(
      "m.room.message",
      noticeEdit(notice.event_id, "Maintenance at 11").content,
    );
    await act(() => script.push(noticesTimeline(edit)));
    expect(bodies(result)).toEqual(["Maintenance at 10"]);
    const keys = await sender.exportKeys();
    await act(() => giveKeys(client, keys));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"]));
  });

  it("control: an encrypted edit of an encrypted fetched notice shows once both decrypt (keys late)", async () => {
    const sender = await senderDevice(NOTICES_USER, NOTICES_ROOM);
    const enc = await sender.encrypt("m.room.message", serverNoticeContent("Maintenance at 10"));
    const { client, script } = await world([enc.event_id]);
    script.serveEvent(NOTICES_ROOM, enc);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.pinnedEvents).toHaveLength(1));
    const edit = await sender.encrypt(
      "m.room.message",
      noticeEdit(enc.event_id, "Maintenance at 11").content,
    );
    await act(() => script.push(noticesTimeline(edit)));
    const keys = await sender.exportKeys();
    await act(() => giveKeys(client, keys));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"]));
  });

  it("given a fetched encrypted notice whose answer bundles its edit, which the client already holds, the edited notice shows", async () => {
    const { client, enc } = await bundledEditWorld();
    const heard: string[] = [];
    client.on(MatrixEventEvent.Decrypted, (e) => heard.push(e.getId()!));
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.loading).toBe(false));
    await act(() => sleep(500));
    const fetched = result.current.pinnedEvents[0] ?? result.current.notices[0]?.event;
    expect(fetched?.getClearContent()?.body).toBe("Maintenance at 10");
    // The client does not re-emit its decryption (the SDK's mapper shares `preventReEmit` with the bundled edit's
    // mapping, which found the edit in the room): the kit hears it from the event itself.
    expect(heard).not.toContain(enc.event_id);
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });

  it("given the same, when the pins are sent again unchanged, the edited notice still shows", async () => {
    const { client, script, enc } = await bundledEditWorld();
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.loading).toBe(false));
    await act(() => sleep(300));
    // Something else makes the store read again: the pins are sent again, unchanged.
    await act(() =>
      script.push(noticesTimeline(pinnedEventsEvent([enc.event_id], { sender: NOTICES_USER }))),
    );
    await act(() => sleep(300));
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
  });

  it("given a fetched encrypted notice, when a gappy sync has it checked again, it stays shown (the same item) throughout", async () => {
    const sender = await senderDevice(NOTICES_USER, NOTICES_ROOM);
    const enc = await sender.encrypt("m.room.message", serverNoticeContent("Encrypted maintenance"));
    const { client, script } = await world([enc.event_id]);
    const keys = await sender.exportKeys();
    await giveKeys(client, keys);
    script.serveEvent(NOTICES_ROOM, enc);
    const seen: string[][] = [];
    const { result } = renderHook(() => {
      const r = useServerNotices(client);
      seen.push(r.notices.map((n) => n.notice.body));
      return r;
    });
    await waitFor(() => expect(bodies(result)).toEqual(["Encrypted maintenance"]));
    const before = result.current.notices[0];
    seen.length = 0;
    await act(() => script.push(noticesGap()));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    await act(() => sleep(300));
    expect(bodies(result)).toEqual(["Encrypted maintenance"]);
    // Every render since the gap showed the notice (an app's banner would otherwise unmount, re-announce, lose focus).
    expect(seen.filter((b) => b.length === 0)).toEqual([]);
    expect(result.current.notices[0]).toBe(before);
  });

  it("control: a plaintext fetched notice stays on the banner across a gappy sync", async () => {
    const notice = serverNoticeEvent("Plain maintenance");
    const { client, script } = await world([notice.event_id]);
    script.serveEvent(NOTICES_ROOM, notice);
    const seen: string[][] = [];
    const { result } = renderHook(() => {
      const r = useServerNotices(client);
      seen.push(r.notices.map((n) => n.notice.body));
      return r;
    });
    await waitFor(() => expect(bodies(result)).toEqual(["Plain maintenance"]));
    seen.length = 0;
    await act(() => script.push(noticesGap()));
    await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(2));
    await act(() => sleep(300));
    expect(seen.filter((b) => b.length === 0)).toEqual([]);
  });

  it("control: an undecryptable pinned message in the timeline is neither a notice nor an error, and is not fetched", async () => {
    const sender = await senderDevice(NOTICES_USER, NOTICES_ROOM);
    const enc = await sender.encrypt("m.room.message", serverNoticeContent("Never decrypts"));
    const other = textMessageEvent("hello", { sender: NOTICES_USER });
    const { client, script } = await world([enc.event_id], [enc, other]);
    const { result } = renderHook(() => useServerNotices(client));
    await act(() => sleep(300));
    expect(bodies(result)).toEqual([]);
    expect(result.current.error).toBeNull();
    expect(result.current.loading).toBe(false);
    expect(script.requestsTo(/\/event\//)).toHaveLength(0);
  });
});

async function bannerAcrossGap(encrypted: boolean, inTimeline = false) {
  const sender = await senderDevice(NOTICES_USER, NOTICES_ROOM);
  const plain = usageLimitNoticeEvent();
  const notice = encrypted ? await sender.encrypt("m.room.message", plain.content) : plain;
  const { client, script } = await startCryptoWorld(
    ME,
    noticesRoom(ME, { pinned: [notice.event_id], ...(inTimeline ? { timeline: [notice] } : {}) }),
    NOTICES_ROOM,
    NOTICES_USER,
  );
  await giveKeys(client, await sender.exportKeys());
  script.serveEvent(NOTICES_ROOM, notice);
  render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
  const alert = await screen.findByRole("alert");
  let removals = 0;
  const observer = new MutationObserver((records) => {
    for (const r of records)
      for (const n of r.removedNodes) if (n === alert || n.contains(alert)) removals += 1;
  });
  observer.observe(document.body, { childList: true, subtree: true });
  await act(() => script.push(noticesGap()));
  await waitFor(() => expect(script.requestsTo(/\/event\//)).toHaveLength(inTimeline ? 1 : 2));
  await act(() => sleep(300));
  observer.disconnect();
  return { removals, alertNow: screen.getByRole("alert"), alert };
}

describe("an encrypted usage-limit banner across a gappy sync", () => {
  it("control: a plaintext fetched one: the alert stays in the page", async () => {
    const { removals, alertNow, alert } = await bannerAcrossGap(false);
    expect(removals).toBe(0);
    expect(alertNow).toBe(alert);
  });
  it("given a fetched encrypted one, the alert stays in the page (not announced again)", async () => {
    const { removals, alertNow, alert } = await bannerAcrossGap(true);
    expect(removals).toBe(0);
    expect(alertNow).toBe(alert);
  });
});
describe("an encrypted usage-limit banner from the timeline, across a gappy sync", () => {
  it("control: a plaintext one: the alert stays in the page", async () => {
    const { removals } = await bannerAcrossGap(false, true);
    expect(removals).toBe(0);
  });
  it("given an encrypted one, the alert stays in the page", async () => {
    const { removals } = await bannerAcrossGap(true, true);
    expect(removals).toBe(0);
  });
});

describe("encrypted notices and the kit's own bookkeeping", () => {
  it("given a fetched encrypted notice bundling an edit the room holds, six gappy syncs leave no listener behind on the edit", async () => {
    const { client, script, heldEdit } = await bundledEditWorld({ timelineSupport: true });
    const { result, unmount } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(bodies(result)).toEqual(["Maintenance at 11"]));
    const before = heldEdit.listenerCount(MatrixEventEvent.Decrypted);
    for (let i = 0; i < 6; i++) {
      const n = script.requestsTo(/\/event\//).length;
      await act(() => script.push(noticesGap()));
      await waitFor(() => expect(script.requestsTo(/\/event\//).length).toBe(n + 1));
      await act(() => sleep(50));
    }
    expect(bodies(result)).toEqual(["Maintenance at 11"]);
    expect(client.getRoom(NOTICES_ROOM)!.findEventById(heldEdit.getId()!)).toBe(heldEdit);
    const after = heldEdit.listenerCount(MatrixEventEvent.Decrypted);
    unmount();
    expect(after).toBe(before);
  });

  it("given a slow key-backup check, a fetched encrypted notice the server answered at once is not timed out nor asked again", async () => {
    const sender = await senderDevice(NOTICES_USER, NOTICES_ROOM);
    const enc = await sender.encrypt("m.room.message", serverNoticeContent("Encrypted notice"));
    const script = new SyncScript({ userId: ME });
    cryptoRoutes(script);
    const release = script.hold({ path: /\/room_keys\/version/ }, () => ({
      status: 404,
      errcode: "M_NOT_FOUND",
    }));
    const client = script.createClient();
    await client.initRustCrypto({ useIndexedDB: false });
    const batch = noticesRoom(ME, { pinned: [enc.event_id] });
    batch.join![NOTICES_ROOM]!.state!.push(
      stateEvent("m.room.encryption", { algorithm: "m.megolm.v1.aes-sha2" }, { sender: NOTICES_USER }),
    );
    await script.start(client, batch);
    script.serveEvent(NOTICES_ROOM, enc);
    const retry = { requestTimeoutMs: 300, baseDelayMs: 50, maxDelayMs: 50, maxAttempts: 4 };
    const { result } = renderHook(() => useServerNotices(client, { retry }));
    // Listed (still undecryptable) once the kit stops waiting for its decryption.
    await act(() => sleep(2_500));
    const snapshot = {
      error: result.current.error?.name ?? null,
      eventRequests: script.requestsTo(/\/event\//).length,
      loading: result.current.loading,
      pinned: result.current.pinnedEvents.length,
    };
    // The backup check ends before the test does (the client's crypto is freed at its end).
    release();
    await act(() => sleep(200));
    expect(snapshot).toEqual({ error: null, eventRequests: 1, loading: false, pinned: 1 });
  });
});
