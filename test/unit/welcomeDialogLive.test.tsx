// The welcome dialog while its edition, its room or the roomId prop change under it: it follows, focus returns to
// where it was, the page stays usable, and "Got it" marks the edition actually shown.
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { createMemorySeenStore, WELCOME_SEEN_ACCOUNT_DATA_TYPE, WelcomeDialog } from "../../src";
import { memberEvent, redactionEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const OTHER = "!other:example.org";

let seenStore = createMemorySeenStore();
let options = { seenStore };
beforeEach(() => {
  seenStore = createMemorySeenStore();
  options = { seenStore };
});

async function openWithComposer(welcome = welcomeEvent("Rules v1")) {
  const { client, script } = await startWorld(ME, welcomeRoom(ME, ROOM));
  const view = render(
    <>
      <button type="button">composer</button>
      <WelcomeDialog client={client} roomId={ROOM} options={options} />
    </>,
  );
  screen.getByRole("button", { name: "composer" }).focus();
  await act(() => script.push({ join: { [ROOM]: { timeline: [welcome] } } }));
  expect(screen.getByRole("dialog")).toBeInTheDocument();
  return { client, script, view, welcome };
}

const composerFocused = () => expect(screen.getByRole("button", { name: "composer" })).toHaveFocus();
const pageUsable = () => {
  expect(document.body.style.pointerEvents).not.toBe("none");
  expect(screen.getByRole("button", { name: "composer" }).closest("[aria-hidden=true]")).toBeNull();
};

describe("dialog open while things change", () => {
  it("redacted while open: the dialog goes, focus returns to the composer, the page is usable", async () => {
    const { script, welcome } = await openWithComposer();
    await act(() => script.push({ join: { [ROOM]: { timeline: [redactionEvent(welcome.event_id)] } } }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(composerFocused);
    pageUsable();
  });

  it("room left while open: the dialog closes without marking seen, focus returns", async () => {
    const { script, welcome } = await openWithComposer();
    await act(() =>
      script.push({
        leave: { [ROOM]: { timeline: [memberEvent(ME, "leave", { prevMembership: "join" })] } },
      }),
    );
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(seenStore.getSeen(ROOM)).not.toContain(welcome.event_id);
    await waitFor(composerFocused);
    pageUsable();
  });

  it("edition replaced while open: the new edition shows, Got it marks it, focus returns", async () => {
    const user = userEvent.setup();
    const { script } = await openWithComposer();
    const v2 = welcomeEvent("Rules v2");
    await act(() => script.push({ join: { [ROOM]: { timeline: [v2] } } }));
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules v2");
    await user.click(screen.getByRole("button", { name: "Got it" }));
    expect(seenStore.getSeen(ROOM)).toContain(v2.event_id);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(composerFocused);
    pageUsable();
  });

  it("edition replaced while open by one the user wrote: the dialog goes (the author has seen it)", async () => {
    const { client, script } = await openWithComposer();
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [welcomeEvent("My rules", undefined, { sender: ME })] } } }),
    );
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(client.getRoom(ROOM)).not.toBeNull();
    await waitFor(composerFocused);
  });

  it("roomId prop changed while open to a room without a welcome: dialog goes, focus returns, page usable", async () => {
    const { client, view } = await openWithComposer();
    view.rerender(
      <>
        <button type="button">composer</button>
        <WelcomeDialog client={client} roomId={OTHER} options={options} />
      </>,
    );
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(composerFocused);
    pageUsable();
  });

  it("roomId prop changed while open to another room with a due welcome: it shows that room's, marks that one", async () => {
    const user = userEvent.setup();
    const { client, script, view, welcome } = await openWithComposer();
    const w2 = welcomeEvent("Other rules");
    await act(() => script.push(welcomeRoom(ME, OTHER, { welcome: [w2], name: "Other" })));
    view.rerender(
      <>
        <button type="button">composer</button>
        <WelcomeDialog client={client} roomId={OTHER} options={options} />
      </>,
    );
    expect(screen.getByRole("dialog")).toHaveTextContent("Other rules");
    expect(screen.getByRole("dialog")).toHaveAccessibleName("Welcome to Other");
    await user.click(screen.getByRole("button", { name: "Got it" }));
    expect(seenStore.getSeen(OTHER)).toContain(w2.event_id);
    expect(seenStore.getSeen(ROOM)).not.toContain(welcome.event_id);
    await waitFor(composerFocused);
    pageUsable();
  });
});

describe("a new edition while open, after the join window", () => {
  const DAY = 24 * 3600_000;
  /** A clock the test moves; the dialog's welcome due on a join from an invite. */
  async function lateWorld(initialWelcome: ReturnType<typeof welcomeEvent>[] = []) {
    const clock = { offsetMs: 0 };
    const world = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: initialWelcome }),
    );
    const late = { seenStore, now: () => Date.now() + clock.offsetMs };
    const later = () => {
      clock.offsetMs = 2 * DAY;
    };
    return { ...world, late, later };
  }
  const push = (script: Awaited<ReturnType<typeof startWorld>>["script"], ...timeline: object[]) =>
    act(() => script.push({ join: { [ROOM]: { timeline: timeline as never } } }));

  it("edition replaced while open after the join window passed: the new edition stays shown until Got it", async () => {
    const user = userEvent.setup();
    const { client, script, late, later } = await lateWorld();
    render(<WelcomeDialog client={client} roomId={ROOM} options={late} />);
    await push(script, welcomeEvent("Rules v1"));
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules v1");
    // The reader keeps it open past the 24 hours after the join in which a welcome is due; a moderator fixes a typo.
    later();
    const v2 = welcomeEvent("Rules v1, typo fixed");
    await push(script, v2);
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules v1, typo fixed");
    await user.click(screen.getByRole("button", { name: "Got it" }));
    expect(seenStore.getSeen(ROOM)).toContain(v2.event_id);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("given the fix stamped by a server whose clock runs a minute behind, it still takes the open welcome's place", async () => {
    const { client, script, late, later } = await lateWorld();
    render(<WelcomeDialog client={client} roomId={ROOM} options={late} />);
    const v1 = welcomeEvent("Rules v1");
    await push(script, v1);
    later();
    await push(script, welcomeEvent("Rules v1, typo fixed", undefined, { ts: v1.origin_server_ts - 60_000 }));
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules v1, typo fixed");
  });

  it("given markSeenOnDismiss={false} and the welcome closed, a moderator's fix days later does not open it again", async () => {
    const user = userEvent.setup();
    const { client, script, late, later } = await lateWorld();
    render(<WelcomeDialog client={client} roomId={ROOM} options={late} markSeenOnDismiss={false} />);
    await push(script, welcomeEvent("Rules v1"));
    await user.keyboard("{Escape}");
    later();
    await push(script, welcomeEvent("Rules v1, typo fixed"));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("given the open welcome redacted, an older copy of the other type behind it is not shown in its place", async () => {
    const { client, script, late, later } = await lateWorld([
      welcomeEvent("Old rules", undefined, { unstable: true }),
    ]);
    render(<WelcomeDialog client={client} roomId={ROOM} options={late} />);
    const current = welcomeEvent("Rules v2");
    await push(script, current);
    expect(screen.getByRole("dialog")).toHaveTextContent("Rules v2");
    later();
    await push(script, redactionEvent(current.event_id));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("given the user confirmed it on another device as the new edition arrived (one sync), it closes here too", async () => {
    const { client, script, late, later } = await lateWorld();
    // The default seen store: marks in room account data, shared with the user's other devices.
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ now: late.now }} />);
    const v1 = welcomeEvent("Rules v1");
    await push(script, v1);
    later();
    const mark = { type: WELCOME_SEEN_ACCOUNT_DATA_TYPE, content: { event_ids: [v1.event_id] } };
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [welcomeEvent("Rules v1, typo fixed")], accountData: [mark] } },
      }),
    );
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
