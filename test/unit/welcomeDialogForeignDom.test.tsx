// @vitest-environment node
/**
 * A client render (not hydration: `useHydrated()` is true) with no global `document`: a DOM that is not the global one
 * (a JSDOM instance made by hand, as non-browser hosts and some test setups do). The dialog's portal target is read as
 * Radix reads it, `globalThis.document?.body`: no dialog then, and the rest of the app renders (a review found a bare
 * `document.body` throwing here).
 */
// @ts-expect-error: jsdom ships no types, and the project installs none for this one test.
import { JSDOM } from "jsdom";
import { act } from "react";
import { createRoot } from "react-dom/client";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { CrashBoundary } from "../support/crashBoundary";
import { memberEvent, welcomeEvent } from "../support/events";
import { offlineClient, offlineRoom } from "../support/offline";

describe("a client render into a DOM that is not the global one", () => {
  it("without a container, the dialog renders nothing and the app around it renders", async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    expect(typeof (globalThis as { document?: unknown }).document).toBe("undefined");
    const client = offlineClient("@bob:example.org");
    offlineRoom(client, "!lounge:example.org", {
      state: [memberEvent("@bob:example.org", "join", { prevMembership: "invite" }), welcomeEvent("Hello")],
    });
    const dom = new JSDOM("<!doctype html><body><div id=app></div></body>");
    const host = dom.window.document.getElementById("app")!;
    // react-dom/client itself needs a global window (it reads window.event); the global document stays absent.
    (globalThis as { window?: unknown }).window = dom.window;
    const errors: unknown[] = [];
    const root = createRoot(host, { onCaughtError: () => {}, onUncaughtError: (e) => errors.push(e) });
    await act(async () =>
      root.render(
        <CrashBoundary>
          <p>app</p>
          <WelcomeDialog
            client={client}
            roomId="!lounge:example.org"
            options={{ seenStore: createMemorySeenStore() }}
          />
        </CrashBoundary>,
      ),
    );
    expect(errors.map(String)).toEqual([]);
    expect(host.querySelector('[data-testid="crashed"]')?.textContent).toBeUndefined();
    expect(host.textContent).toContain("app");
    act(() => root.unmount());
    delete (globalThis as { window?: unknown }).window;
  });
});
