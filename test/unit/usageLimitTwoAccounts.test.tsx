// Two accounts open at once on one homeserver that reaches its user limit: each account's usage-limit banner is its own.
import { act, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NoticeBanner } from "../../src";
import { mauLimitFailure } from "../support/limits";
import { noticesRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const A = "@alice:example.org";
const B = "@bob:example.org";

afterEach(() => vi.useRealTimers());

describe("two accounts open at once on one homeserver that reaches its user limit", () => {
  it("dismissing account A's usage-limit banner does not dismiss account B's", async () => {
    const a = await startWorld(A, noticesRoom(A, { pinned: [] }));
    const b = await startWorld(B, noticesRoom(B, { pinned: [] }));
    render(
      <>
        <div data-testid="a">
          <NoticeBanner client={a.client} />
        </div>
        <div data-testid="b">
          <NoticeBanner client={b.client} />
        </div>
      </>,
    );
    // The homeserver refuses both accounts' syncs at once: both refusals are handled within one millisecond (the
    // clock is held to make it certain; without that it happened in 2 runs of 3).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now());
    a.script.pushSyncFailure(mauLimitFailure);
    b.script.pushSyncFailure(mauLimitFailure);
    const inA = await within(screen.getByTestId("a")).findByRole("alert", {}, { timeout: 15_000 });
    await within(screen.getByTestId("b")).findByRole("alert", {}, { timeout: 15_000 });
    const idB = within(screen.getByTestId("b")).getByRole("alert").getAttribute("data-notice-id");
    expect(inA.getAttribute("data-notice-id")).not.toBe(idB);
    await act(async () =>
      within(screen.getByTestId("a")).getByRole("button", { name: "Dismiss notice" }).click(),
    );
    expect(within(screen.getByTestId("b")).queryByRole("alert")).not.toBeNull();
  }, 30_000);
});
