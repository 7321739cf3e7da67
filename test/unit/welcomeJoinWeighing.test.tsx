/**
 * A join that came in no timeline (a sync's state section, as an invite's claimed join would) is weighed before the
 * welcome is decided: for one task while a sync applies it, not at all when the hook mounts after it. An app's tests
 * under fake timers, and a controlled dialog closed on "Got it", see no difference from a join in the timeline.
 * Found by a review (CG) of the forged-join change.
 */
import { act, render, renderHook, screen } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, useWelcomeMessage } from "../../src";
import { createEvent, memberEvent, type RawEvent, welcomeEvent } from "../support/events";
import type { SyncBatch } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";

afterEach(() => {
  vi.useRealTimers();
});

/** Bob joins directly: his join in the sync's state section, not its timeline. */
const directJoin = (welcome: RawEvent): SyncBatch => ({
  join: {
    [ROOM]: {
      state: [createEvent({ creator: MOD }), memberEvent(MOD, "join"), welcome, memberEvent(ME, "join")],
    },
  },
});

/** The hook over a memory seen store (one for the hook's life), mounted now. */
const mountWelcome = (client: MatrixClient, seenStore = createMemorySeenStore()) =>
  renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));

describe("a join that came as state only, under an app's fake timers", () => {
  it("given the hook mounted and vitest's default fake timers, when the join's sync comes, the welcome shows", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = mountWelcome(client);
    vi.useFakeTimers();
    await act(() => script.push(directJoin(welcomeEvent("Be nice"))));
    expect(result.current.message?.text).toBe("Be nice");
    expect(result.current.shouldShow).toBe(true);
  });

  it("given fake timers, when a new edition follows the join, it shows (nothing waits for a timer)", async () => {
    const { client, script } = await startWorld(ME);
    const { result } = mountWelcome(client);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    await act(() => script.push(directJoin(welcomeEvent("Be nice"))));
    await act(() => script.push({ join: { [ROOM]: { timeline: [welcomeEvent("Be nicer")] } } }));
    expect(result.current.message?.text).toBe("Be nicer");
  });

  it("given the hook mounted after the join, under fake timers, markSeen hides the welcome", async () => {
    const { client, script } = await startWorld(ME);
    await script.push(directJoin(welcomeEvent("Be nice")));
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { result } = mountWelcome(client);
    expect(result.current.shouldShow).toBe(true);
    await act(async () => result.current.markSeen());
    expect(result.current.shouldShow).toBe(false);
  });
});

describe("a join that came as state only, with the hook mounted after it", () => {
  it("given a controlled dialog (open while shouldShow), Got it closes it at once", async () => {
    const { client, script } = await startWorld(ME);
    await script.push(directJoin(welcomeEvent("Be nice")));
    const seenStore = createMemorySeenStore();
    function App({ c }: { c: MatrixClient }) {
      const { shouldShow, markSeen, message } = useWelcomeMessage(c, ROOM, { seenStore });
      return shouldShow ? (
        <div role="dialog">
          {message?.text}
          <button type="button" onClick={markSeen}>
            Got it
          </button>
        </div>
      ) : null;
    }
    render(<App c={client} />);
    expect(screen.getByRole("dialog")).toHaveTextContent("Be nice");
    act(() => screen.getByRole("button").click());
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});
