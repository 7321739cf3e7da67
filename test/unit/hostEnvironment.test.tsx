/**
 * What an app or its environment hands the kit can fail in ways no content does: a media resolver that throws instead
 * of rejecting, a custom seen store whose subscribe throws, Web Storage whose very access is denied. The app keeps
 * running, and what can be shown is shown.
 */
import { render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createMemorySeenStore,
  createStorageDismissStore,
  createStorageSeenStore,
  type MediaResolver,
  WelcomeDialog,
  type WelcomeSeenStore,
} from "../../src";
import { CrashBoundary } from "../support/crashBoundary";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ROOM = "!lounge:example.org";
const ME = "@bob:example.org";

/** A welcome dialog open on a fresh join, inside a boundary standing in for the app. */
async function openDialog(
  props: { resolveMedia?: MediaResolver; seenStore?: WelcomeSeenStore },
  html?: string,
) {
  const { client } = await startWorld(
    ME,
    welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Hello", html)] }),
  );
  render(
    <CrashBoundary>
      <p>app</p>
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore: props.seenStore ?? createMemorySeenStore() }}
        resolveMedia={props.resolveMedia}
      />
    </CrashBoundary>,
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an app's media resolver", () => {
  const IMAGE = '<p>Hello <img src="mxc://example.org/abc" alt="logo"></p>';

  it("given one that throws instead of rejecting, the image shows its alt text and the app keeps running", async () => {
    await openDialog(
      {
        resolveMedia: (url) => {
          throw new TypeError(`cannot resolve ${url}`);
        },
      },
      IMAGE,
    );
    await waitFor(() => expect(screen.getByRole("dialog")).toHaveTextContent("logo"));
    expect(screen.queryByTestId("crashed")).toBeNull();
  });

  it("given one that returns a URL rather than a promise of one, the image loads from it", async () => {
    await openDialog(
      { resolveMedia: ((url: string) => `${url}#resolved`) as unknown as MediaResolver },
      IMAGE,
    );
    await waitFor(() =>
      expect(screen.getByRole("dialog").querySelector("img")?.getAttribute("src")).toMatch(/#resolved$/),
    );
    expect(screen.queryByTestId("crashed")).toBeNull();
  });
});

describe("a custom seen store", () => {
  it("given one whose subscribe throws (tabs synced over a BroadcastChannel that is missing), it is reported and the welcome shows", async () => {
    const reported: unknown[] = [];
    vi.spyOn(globalThis, "reportError").mockImplementation((error) => {
      reported.push(error);
    });
    const memory = createMemorySeenStore();
    await openDialog({
      seenStore: {
        getSeen: (roomId) => memory.getSeen(roomId),
        markSeen: (roomId, eventId) => memory.markSeen(roomId, eventId),
        subscribe: () => {
          throw new ReferenceError("BroadcastChannel is not defined");
        },
      },
    });
    expect(await screen.findByRole("dialog")).toHaveTextContent("Hello");
    expect(screen.queryByTestId("crashed")).toBeNull();
    expect(reported.map((e) => (e as Error).message)).toContain("BroadcastChannel is not defined");
  });
});

describe("Web Storage whose access is denied (a sandboxed iframe, site data blocked)", () => {
  const denied = () => {
    throw new DOMException("Access is denied for this document.", "SecurityError");
  };
  const saved = {
    session: Object.getOwnPropertyDescriptor(globalThis, "sessionStorage"),
    local: Object.getOwnPropertyDescriptor(globalThis, "localStorage"),
  };
  afterEach(() => {
    if (saved.session) Object.defineProperty(globalThis, "sessionStorage", saved.session);
    if (saved.local) Object.defineProperty(globalThis, "localStorage", saved.local);
  });

  it("given createStorageDismissStore(() => sessionStorage), as the README writes it, dismissals work in memory", () => {
    Object.defineProperty(globalThis, "sessionStorage", { get: denied, configurable: true });
    const store = createStorageDismissStore(() => sessionStorage);
    store.dismiss("$a");
    expect(store.isDismissed("$a")).toBe(true);
  });

  it("given createStorageSeenStore(() => localStorage), as the README writes it, seen marks work in memory", () => {
    Object.defineProperty(globalThis, "localStorage", { get: denied, configurable: true });
    const store = createStorageSeenStore(() => localStorage);
    store.markSeen(ROOM, "$welcome");
    expect(store.getSeen(ROOM)).toContain("$welcome");
  });
});
