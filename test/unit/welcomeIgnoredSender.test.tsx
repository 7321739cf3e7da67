/**
 * A welcome written by someone the user ignores (`m.ignored_user_list`) does not pop up: the user asked not to see
 * that person's content, and a public room where they moderate would otherwise greet the user in their words.
 */
import { renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, useWelcomeMessage } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import type { SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MALLORY = "@mallory:example.org";
const ROOM = "!lounge:example.org";

/** The room with Mallory's welcome, and Bob's ignore list. */
function world(ignored: string[]): SyncBatch {
  const batch = welcomeRoom(ME, ROOM, {
    welcome: [welcomeEvent("Hello from Mallory", undefined, { sender: MALLORY })],
  });
  return {
    ...batch,
    accountData: [
      ...(batch.accountData ?? []),
      {
        type: "m.ignored_user_list",
        content: { ignored_users: Object.fromEntries(ignored.map((u) => [u, {}])) },
      },
    ],
  };
}

describe("a welcome from an ignored user", () => {
  it("given Bob ignores Mallory, her welcome does not show, and the message stays readable", async () => {
    const { client } = await startWorld(ME, world([MALLORY]));
    expect(client.isUserIgnored(MALLORY)).toBe(true);
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.shouldShow).toBe(false);
    expect(result.current.decision.reason).toBe("ignored-sender");
    expect(result.current.message?.text).toBe("Hello from Mallory");
  });

  it("given Bob ignores someone else, Mallory's welcome shows (control)", async () => {
    const { client } = await startWorld(ME, world(["@eve:example.org"]));
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
  });
});

/** The ignore list as an account-data event. */
const ignoreList = (ignored: string[]) => ({
  type: "m.ignored_user_list",
  content: { ignored_users: Object.fromEntries(ignored.map((u) => [u, {}])) },
});

/** Bob's client with Mallory's welcome and his ignore list, and the welcome hook mounted. */
async function mounted(ignored: string[]) {
  const { client, script } = await startWorld(ME, world(ignored));
  const { result } = renderHook(() =>
    useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
  );
  if (ignored.length === 0) await waitFor(() => expect(result.current.shouldShow).toBe(true));
  /** A sync bringing the ignore list `users`. */
  const ignore = (users: string[]) => script.push({ accountData: [ignoreList(users)] });
  return { result, ignore, script };
}

describe("the ignore list changing while the welcome is mounted", () => {
  it("given Mallory's welcome shows, when Bob ignores her, it goes and the message stays readable", async () => {
    const { result, ignore } = await mounted([]);
    await ignore([MALLORY]);
    await waitFor(() => expect(result.current.shouldShow).toBe(false));
    expect(result.current.decision.reason).toBe("ignored-sender");
    expect(result.current.message?.text).toBe("Hello from Mallory");
  });

  it("given Bob ignored Mallory while her welcome showed, when he stops ignoring her, it shows again", async () => {
    const { result, ignore } = await mounted([]);
    await ignore([MALLORY]);
    await waitFor(() => expect(result.current.shouldShow).toBe(false));
    await ignore([]);
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
  });

  it("given Bob ignores Mallory, when he stops ignoring her, her welcome shows", async () => {
    const { result, ignore } = await mounted([MALLORY]);
    expect(result.current.decision.reason).toBe("ignored-sender");
    await ignore([]);
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
  });

  it("given Mallory's welcome shows, when Bob ignores someone else, it stays (control)", async () => {
    const { result, ignore, script } = await mounted([]);
    await ignore(["@eve:example.org"]);
    await script.push({});
    expect(result.current.shouldShow).toBe(true);
  });
});

describe("ignoring the author of a welcome open past its join's age", () => {
  it("given Mallory's welcome shows and the join has since aged past maxJoinAgeMs, when Bob ignores her, it goes", async () => {
    const { client, script } = await startWorld(ME, world([]));
    let clock = Date.now();
    const options = { seenStore: createMemorySeenStore(), maxJoinAgeMs: 60_000, now: () => clock };
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, options));
    await waitFor(() => expect(result.current.shouldShow).toBe(true));
    // The reader keeps it open for ten minutes: no longer due, it stays open for them.
    clock += 10 * 60_000;
    await script.push({});
    expect(result.current.shouldShow).toBe(true);
    await script.push({ accountData: [ignoreList([MALLORY])] });
    await waitFor(() => expect(result.current.shouldShow).toBe(false));
    expect(result.current.decision.reason).toBe("ignored-sender");
  });
});
