/**
 * A long session's client swap: the user confirms a welcome while the homeserver rate-limits the seen mark's
 * account-data write, then logs out (the app stops the client, unmounts, drops it, and logs in anew with another
 * client). The default account-data seen store's retry neither keeps the old client (rooms, timelines) alive for the
 * server's whole wait (up to an hour) nor sends the write from the stopped, logged-out client.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { accountDataSeenStore, WELCOME_SEEN_ACCOUNT_DATA_TYPE, WelcomeDialog } from "../../src";
import { collected } from "../support/collected";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A started client the harness does not track (so that nothing of the test keeps it alive), in a room just joined,
 * whose welcome the user confirms in an open dialog (or, `viaDialog` false, that the app marks seen in the client's
 * default seen store: React 18 keeps a closed Radix dialog's tree, and so the client, past the collection checks);
 * the mark's write rate-limited for `rateLimitMs` (accepted when null).
 */
async function confirmedOnUntrackedClient(rateLimitMs: number | null, viaDialog = true) {
  const welcome = welcomeEvent("House rules");
  const script = new SyncScript({ userId: ME });
  const client = script.createUntrackedClient();
  await script.start(client, welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcome] }));
  if (rateLimitMs !== null)
    script.fail(
      { method: "PUT", path: /account_data/ },
      { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: rateLimitMs } },
      1,
    );
  const view = viaDialog ? render(<WelcomeDialog client={client} roomId={ROOM} />) : null;
  if (viaDialog) fireEvent.click(await screen.findByRole("button", { name: "Got it" }));
  else accountDataSeenStore(client).markSeen(ROOM, welcome.event_id as string, ME);
  await waitFor(() => expect(script.requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT")).toHaveLength(1));
  return { client, script, view };
}

/** {@link confirmedOnUntrackedClient}, then `logout` (stop the client, unmount the kit); resolves with a weak ref to it. */
async function confirmThenLogOut(
  rateLimitMs: number | null,
  logout: "stop" | "logout",
  /** Gets a reader of the requests made since the logout (as "METHOD path" strings: nothing that reaches the client). */
  afterLogout: (since: () => string[]) => void = () => {},
): Promise<WeakRef<object>> {
  const { client, script, view } = await confirmedOnUntrackedClient(rateLimitMs, logout === "logout");
  script.route({ method: "POST", path: /\/logout$/ }, () => ({ json: {} }));
  await act(() => sleep(20));
  if (logout === "logout") await act(() => client.logout(true));
  else client.stopClient();
  client.removeAllListeners();
  view?.unmount();
  cleanup();
  const loggedOutAt = script.requests.length;
  const requests = script.requests;
  afterLogout(() => requests.slice(loggedOutAt).map((r) => `${r.method} ${r.path}`));
  return new WeakRef(client);
}

describe("the default seen store after a logout", () => {
  it("given the seen write accepted, the dropped client is collected", async () => {
    const ref = await confirmThenLogOut(null, "stop");
    expect(await collected(ref)).toBe(true);
  }, 30_000);

  it("given the seen write rate-limited for 10 minutes, the stopped, unmounted and dropped client is collected", async () => {
    const ref = await confirmThenLogOut(600_000, "stop");
    expect(await collected(ref)).toBe(true);
  }, 30_000);

  it("given the seen write rate-limited, the client sends nothing after the app logged out (client.logout(true))", async () => {
    let since: () => string[] = () => [];
    await confirmThenLogOut(300, "logout", (reader) => {
      since = reader;
    });
    await act(() => sleep(1_500));
    expect(since()).toEqual([]);
  }, 30_000);
});

describe("the default seen store when the app stops the client and starts it again", () => {
  it("given the seen write rate-limited, the mark waits while the client is stopped and is written once it runs again", async () => {
    const { client, script } = await confirmedOnUntrackedClient(200);
    client.stopClient();
    await act(() => sleep(600));
    expect(script.requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT")).toHaveLength(1);
    await act(() => script.start(client));
    await waitFor(() => expect(script.requestsTo(WELCOME_SEEN_ACCOUNT_DATA_TYPE, "PUT")).toHaveLength(2));
    client.stopClient();
  }, 30_000);
});
