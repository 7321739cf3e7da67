/**
 * A sender's name fetched for the dialog (lazy-loaded members) is kept while the user stays in the room: once per room
 * and sender. When the user leaves (or is banned) it is forgotten, so that after a rejoin in the same session the
 * sender's member event is asked for afresh: a rename made meanwhile (which no sync brought: the user was not in the
 * room) shows.
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import { type MatrixClient, RoomEvent } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { memberEvent } from "../support/events";
import { collectReports } from "../support/reports";
import { lazySenderJoin, ownProfileChange } from "../support/scenarios";
import type { RouteResult, SyncBatch, SyncScript } from "../support/syncScript";
import { ELEMENT_START_OPTIONS, startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
const memberPath = `/rooms/${ROOM}/state/m.room.member/${MOD}`;

const reported = collectReports();

/** The user's first join of the room, whose welcome @mod set; @mod's member event not in the sync (lazy-loaded). */
const lazyJoin = (): SyncBatch => lazySenderJoin(ME, ROOM);

/** The user leaves the room (or is banned by @mod), as the leave's sync brings it. */
const leave = (membership = "leave"): SyncBatch => ({
  leave: {
    [ROOM]: {
      timeline: [
        memberEvent(ME, membership, {
          prevMembership: "join",
          ...(membership === "ban" ? { sender: MOD } : {}),
        }),
      ],
    },
  },
});

/** The user joins again (lazy-loaded: @mod's member event not in the sync either). */
const rejoin = (): SyncBatch => ({
  join: { [ROOM]: { timeline: [memberEvent(ME, "join", { prevMembership: "leave" })] } },
});

/** The client after the first join; the member fetch answers @mod's current name (`mod.name`). */
async function lazyWorld() {
  const mod = { name: "Moderator Mia" };
  const { client, script } = await startWorld(ME, {}, {}, ELEMENT_START_OPTIONS);
  script.route(
    { method: "GET", path: /\/state\/m\.room\.member\// },
    (): RouteResult => ({ json: { membership: "join", displayname: mod.name } }),
  );
  await act(() => script.push(lazyJoin()));
  return { client, script, mod };
}

const memberFetches = (script: SyncScript) => script.requestsTo(memberPath, "GET");

/** The dialog for the room, forced open; resolves with its sender line(s). */
function renderDialogs(client: MatrixClient, count: 1 | 2 = 1) {
  const options = { seenStore: createMemorySeenStore() };
  const dialog = (key: string) => (
    <WelcomeDialog key={key} client={client} roomId={ROOM} open options={options} />
  );
  const view = render(
    <div>
      {dialog("a")}
      {count > 1 ? dialog("b") : null}
    </div>,
  );
  const lines = () => [...document.querySelectorAll('[data-part="sender"]')].map((l) => l.textContent);
  return { view, lines };
}

describe("given a sender's name fetched in a room the user then leaves and joins again", () => {
  it("when the dialog shows after the rejoin, the name is asked afresh and a rename made meanwhile shows", async () => {
    const { client, script, mod } = await lazyWorld();
    const first = renderDialogs(client);
    await waitFor(() => expect(first.lines()).toEqual([`From Moderator Mia (${MOD})`]));
    first.view.unmount();
    await act(() => script.push(leave()));
    mod.name = "Mia (on leave)"; // no sync brings it: the user is not in the room
    await act(() => script.push(rejoin()));
    // Still one fetch for the room and sender, however many dialogs show it.
    const second = renderDialogs(client, 2);
    await waitFor(() =>
      expect(second.lines()).toEqual([`From Mia (on leave) (${MOD})`, `From Mia (on leave) (${MOD})`]),
    );
    expect(memberFetches(script)).toHaveLength(2);
    expect(reported).toEqual([]);
  });

  it("when the dialog stays open across the leave and the rejoin, the rename shows after the rejoin", async () => {
    const { client, script, mod } = await lazyWorld();
    const { lines } = renderDialogs(client);
    await waitFor(() => expect(lines()).toEqual([`From Moderator Mia (${MOD})`]));
    await act(() => script.push(leave()));
    mod.name = "Mia (on leave)";
    await act(() => script.push(rejoin()));
    await waitFor(() => expect(lines()).toEqual([`From Mia (on leave) (${MOD})`]));
    expect(memberFetches(script)).toHaveLength(2);
  });

  it("after a ban and a rejoin, the name is asked afresh too", async () => {
    const { client, script, mod } = await lazyWorld();
    const first = renderDialogs(client);
    await waitFor(() => expect(first.lines()).toEqual([`From Moderator Mia (${MOD})`]));
    first.view.unmount();
    await act(() => script.push(leave("ban")));
    mod.name = "Mia the Strict";
    await act(() => script.push(rejoin()));
    const second = renderDialogs(client);
    await waitFor(() => expect(second.lines()).toEqual([`From Mia the Strict (${MOD})`]));
    expect(memberFetches(script)).toHaveLength(2);
  });

  it("a fetch still out when the user leaves is cancelled, its answer unused and no failure reported", async () => {
    const { client, script, mod } = await lazyWorld();
    // The first request is held (answered "Stale Mia" once released); later ones answer @mod's current name.
    let releaseFirst: () => void = () => {};
    let asked = 0;
    script.route({ method: "GET", path: memberPath }, async (): Promise<RouteResult> => {
      if (++asked > 1) return undefined;
      await new Promise<void>((r) => {
        releaseFirst = r;
      });
      return { json: { membership: "join", displayname: "Stale Mia" } };
    });
    const onSenderError = vi.fn();
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        open
        options={{ seenStore: createMemorySeenStore() }}
        onSenderError={onSenderError}
      />,
    );
    await screen.findByRole("dialog");
    await waitFor(() => expect(memberFetches(script)).toHaveLength(1));
    await act(() => script.push(leave()));
    await waitFor(() => expect(memberFetches(script)[0]!.signal?.aborted).toBe(true));
    releaseFirst();
    mod.name = "Fresh Mia";
    await act(() => script.push(rejoin()));
    const line = () => document.querySelector('[data-part="sender"]')?.textContent;
    await waitFor(() => expect(line()).toBe(`From Fresh Mia (${MOD})`));
    await new Promise((r) => setTimeout(r, 50));
    expect(line()).toBe(`From Fresh Mia (${MOD})`);
    expect(onSenderError).not.toHaveBeenCalled();
  });

  it("a dialog that fetched the name leaves no listener of the kit's on the room once it unmounts (a review, CM)", async () => {
    const { client } = await lazyWorld();
    const room = client.getRoom(ROOM)!;
    const before = room.listenerCount(RoomEvent.MyMembership);
    const first = renderDialogs(client);
    await waitFor(() => expect(first.lines()).toEqual([`From Moderator Mia (${MOD})`]));
    first.view.unmount();
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(room.listenerCount(RoomEvent.MyMembership)).toBe(before);
  });

  it("when the user only renamed themselves while no dialog showed, the name is asked once more (control: no rename, no fetch)", async () => {
    const { client, script } = await lazyWorld();
    const first = renderDialogs(client);
    await waitFor(() => expect(first.lines()).toEqual([`From Moderator Mia (${MOD})`]));
    first.view.unmount();
    const again = renderDialogs(client);
    await waitFor(() => expect(again.lines()).toEqual([`From Moderator Mia (${MOD})`]));
    again.view.unmount();
    expect(memberFetches(script)).toHaveLength(1);
    // A profile change (another join of the user's) while nothing shows the line: the kit cannot tell it from a
    // leave and rejoin, so it asks again once.
    await act(() => script.push(ownProfileChange(client, ROOM, "Bobby")));
    const third = renderDialogs(client);
    await waitFor(() => expect(third.lines()).toEqual([`From Moderator Mia (${MOD})`]));
    await waitFor(() => expect(memberFetches(script)).toHaveLength(2));
  });

  it("when the user only changed their own profile while no dialog showed and the fetch is then refused, the known name shows at once and stays, with no failure reported (a review, CO)", async () => {
    const { client, script } = await lazyWorld();
    let refuse = false;
    script.route({ method: "GET", path: memberPath }, (): RouteResult | undefined =>
      refuse ? { status: 403, errcode: "M_FORBIDDEN" } : undefined,
    );
    const first = renderDialogs(client);
    await waitFor(() => expect(first.lines()).toEqual([`From Moderator Mia (${MOD})`]));
    first.view.unmount();
    await act(() => script.push(ownProfileChange(client, ROOM)));
    refuse = true;
    const onSenderError = vi.fn();
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        open
        options={{ seenStore: createMemorySeenStore() }}
        onSenderError={onSenderError}
      />,
    );
    const line = () => document.querySelector('[data-part="sender"]')?.textContent;
    expect(line()).toBe(`From Moderator Mia (${MOD})`);
    await waitFor(() => expect(memberFetches(script)).toHaveLength(2));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(line()).toBe(`From Moderator Mia (${MOD})`);
    expect(onSenderError).not.toHaveBeenCalled();
  });
});
