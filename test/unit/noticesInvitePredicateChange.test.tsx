/**
 * An app's `isNoticesInvite` that changes over time (it learns its notices sender later, e.g. from config loaded
 * after the first render): the invite already pending is asked about again after the commit, and `autoJoin` joins
 * it; nothing is asked or sent from a render that does not commit, and a predicate that flips starts nothing afresh.
 */
import { act, render, renderHook } from "@testing-library/react";
import { Profiler, StrictMode, Suspense, startTransition, useState } from "react";
import { describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  NoticeBanner,
  type NoticesInvitePredicate,
  useServerNoticesRoom,
} from "../../src";
import { NOTICES_ROOM, NOTICES_USER, noticesInvite } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
/** A page of 20 parts that each take 3 ms to render: a transition's render takes several time slices. */
const SLOW_PARTS = Array.from({ length: 20 }, (_, i) => `part${i}`);
const settle = (ms = 50) => act(() => new Promise((r) => setTimeout(r, ms)));

describe("isNoticesInvite that changes over time", () => {
  it("useServerNoticesRoom: a predicate that starts recognising the pending invite (app config loaded) finds it", async () => {
    const { client } = await startWorld(ME, noticesInvite(ME));
    let sender: string | null = null;
    const { result, rerender } = renderHook(
      ({ isNoticesInvite }: { isNoticesInvite: NoticesInvitePredicate }) =>
        useServerNoticesRoom(client, { isNoticesInvite }),
      { initialProps: { isNoticesInvite: ({ inviter }) => inviter === sender } },
    );
    await act(async () => {});
    expect(result.current.invite).toBeNull();
    sender = NOTICES_USER; // the app learnt its notices sender (e.g. from its config)
    rerender({ isNoticesInvite: ({ inviter }) => inviter === sender });
    await act(async () => {});
    expect(result.current.invite?.roomId).toBe(NOTICES_ROOM);
  });

  it("NoticeBanner autoJoin with a predicate that starts recognising the invite: the join is sent", async () => {
    const { client, script } = await startWorld(ME, noticesInvite(ME));
    script.route({ method: "POST", path: /\/join/ }, () => ({ json: { room_id: NOTICES_ROOM } }));
    const ui = (known: boolean) => (
      <NoticeBanner
        client={client}
        dismissStore={createMemoryDismissStore()}
        options={{ autoJoin: true, isNoticesInvite: ({ inviter }) => known && inviter === NOTICES_USER }}
      />
    );
    const view = render(ui(false));
    await act(async () => {});
    view.rerender(ui(true));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
  });

  it("a render that never commits (a transition that suspends) does not send the join", async () => {
    const { client, script } = await startWorld(ME, noticesInvite(ME));
    script.route({ method: "POST", path: /\/join/ }, () => ({ json: { room_id: NOTICES_ROOM } }));
    const never = new Promise<never>(() => {});
    function Hang(): never {
      throw never;
    }
    let setKnown!: (v: boolean) => void;
    function App() {
      const [known, set] = useState(false);
      setKnown = set;
      return (
        <Suspense fallback={<p>loading</p>}>
          <NoticeBanner
            client={client}
            dismissStore={createMemoryDismissStore()}
            options={{ autoJoin: true, isNoticesInvite: ({ inviter }) => known && inviter === NOTICES_USER }}
          />
          {known ? <Hang /> : null}
        </Suspense>
      );
    }
    render(<App />);
    await settle();
    expect(script.requestsTo(/\/join/)).toHaveLength(0);
    // The app tries a new predicate in a transition that never commits (a sibling suspends): React keeps the old UI.
    await act(async () => startTransition(() => setKnown(true)));
    await settle(100);
    expect(document.body.textContent).not.toContain("loading"); // the committed UI is still the old one
    expect(script.requestsTo(/\/join/)).toHaveLength(0);
  });

  it("a predicate that flips while config reloads does not start the join's attempts afresh (maxAttempts 1: one join)", async () => {
    const { client, script } = await startWorld(ME, noticesInvite(ME));
    script.route({ method: "POST", path: /\/join/ }, () => ({ status: 500, errcode: "M_UNKNOWN" }));
    const ui = (config: { sender: string } | null) => (
      <NoticeBanner
        client={client}
        dismissStore={createMemoryDismissStore()}
        options={{
          autoJoin: true,
          retry: { maxAttempts: 1 },
          isNoticesInvite: ({ inviter }) => inviter === config?.sender,
        }}
      />
    );
    const cfg = { sender: NOTICES_USER };
    const view = render(ui(cfg));
    await settle(100);
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
    for (let i = 0; i < 3; i++) {
      view.rerender(ui(null)); // config reloading
      await settle();
      view.rerender(ui(cfg));
      await settle(100);
    }
    // maxAttempts: 1 says one attempt "in all" for this invite.
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
  });

  it("control: an inline predicate each render adds no commits (Profiler) and sends one join (StrictMode)", async () => {
    const { client, script } = await startWorld(ME, noticesInvite(ME));
    script.route({ method: "POST", path: /\/join/ }, () => ({ json: { room_id: NOTICES_ROOM } }));
    let commits = 0;
    const ui = (tick: number, known: boolean) => (
      <StrictMode>
        <Profiler id="b" onRender={() => commits++}>
          <NoticeBanner
            client={client}
            dismissStore={createMemoryDismissStore()}
            options={{
              autoJoin: true,
              isNoticesInvite: ({ inviter }) => known && tick >= 0 && inviter === NOTICES_USER,
            }}
          />
        </Profiler>
      </StrictMode>
    );
    const view = render(ui(0, false));
    await settle();
    const base = commits;
    for (let i = 1; i <= 5; i++) {
      view.rerender(ui(i, false));
      await settle(10);
    }
    expect(commits - base).toBe(5);
    view.rerender(ui(6, true));
    await settle(100);
    for (let i = 7; i <= 12; i++) {
      view.rerender(ui(i, true));
      await settle(10);
    }
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
  });

  it("control: a refused join is not sent again when the predicate flips", async () => {
    const { client, script } = await startWorld(ME, noticesInvite(ME));
    script.route({ method: "POST", path: /\/join/ }, () => ({ status: 403, errcode: "M_FORBIDDEN" }));
    const ui = (known: boolean) => (
      <NoticeBanner
        client={client}
        dismissStore={createMemoryDismissStore()}
        options={{ autoJoin: true, isNoticesInvite: ({ inviter }) => known && inviter === NOTICES_USER }}
      />
    );
    const view = render(ui(true));
    await settle(100);
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
    view.rerender(ui(false));
    await settle();
    view.rerender(ui(true));
    await settle(100);
    expect(script.requestsTo(/\/join/)).toHaveLength(1);
  });

  it("control: a throwing predicate that later works finds the invite", async () => {
    const { client } = await startWorld(ME, noticesInvite(ME));
    let config: { sender: string } | undefined;
    const { result, rerender } = renderHook(
      ({ p }: { p: NoticesInvitePredicate }) => useServerNoticesRoom(client, { isNoticesInvite: p }),
      { initialProps: { p: ({ inviter }) => inviter === config!.sender } },
    );
    await settle();
    expect(result.current.invite).toBeNull();
    config = { sender: NOTICES_USER };
    rerender({ p: ({ inviter }) => inviter === config!.sender });
    await settle();
    expect(result.current.invite?.roomId).toBe(NOTICES_ROOM);
  });
});

describe("a new predicate in a transition", () => {
  it("a transition with a slow page (render takes several 5 ms slices) and a new predicate commits, without a render storm", async () => {
    const { client } = await startWorld(ME, noticesInvite(ME));
    function Slow({ known }: { known: boolean }) {
      const end = performance.now() + 3;
      while (performance.now() < end) {}
      return <i>{String(known)}</i>;
    }
    let setKnown!: (v: boolean) => void;
    let renders = 0;
    let last: string | null = null;
    function Probe({ known }: { known: boolean }) {
      renders++;
      last =
        useServerNoticesRoom(client, { isNoticesInvite: ({ inviter }) => known && inviter === NOTICES_USER })
          .invite?.roomId ?? null;
      return null;
    }
    function App() {
      const [known, set] = useState(false);
      setKnown = set;
      return (
        <>
          <Probe known={known} />
          {SLOW_PARTS.map((part) => (
            <Slow key={part} known={known} />
          ))}
        </>
      );
    }
    render(<App />);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    const before = renders;
    const g = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    g.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      startTransition(() => setKnown(true));
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      g.IS_REACT_ACT_ENVIRONMENT = true;
    }
    // The transition has committed (the page shows the new state), the invite is found, and Probe rendered a few times.
    expect({
      committed: document.querySelectorAll("i")[0]?.textContent,
      invite: last,
      manyRenders: renders - before > 10,
    }).toEqual({ committed: "true", invite: NOTICES_ROOM, manyRenders: false });
  }, 15_000);

  it("a transition that suspends with a new predicate: no render loop while it waits", async () => {
    const { client } = await startWorld(ME, noticesInvite(ME));
    const never = new Promise<never>(() => {});
    function Hang(): never {
      throw never;
    }
    let setKnown!: (v: boolean) => void;
    let renders = 0;
    function Probe({ known }: { known: boolean }) {
      renders++;
      useServerNoticesRoom(client, { isNoticesInvite: ({ inviter }) => known && inviter === NOTICES_USER });
      return null;
    }
    function App() {
      const [known, set] = useState(false);
      setKnown = set;
      return (
        <Suspense fallback={<p>loading</p>}>
          <Probe known={known} />
          {known ? <Hang /> : null}
        </Suspense>
      );
    }
    render(<App />);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    const before = renders;
    act(() => startTransition(() => setKnown(true)));
    // Let the event loop run for 300 ms (plain timers: act would wait for the loop to end).
    await new Promise((r) => setTimeout(r, 300));
    const during = renders - before;
    expect(during).toBeLessThan(10);
  }, 10_000);
});
