/**
 * Removal goes by the type readers go by: while a stable welcome stands it alone speaks, so removing it needs only that
 * type, and only its event says who removed the welcome. Permission stores follow redactions without leaking listeners.
 */
import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  clearWelcomeMessage,
  useWelcomeEditPermission,
  useWelcomeRemovePermission,
  WelcomeEditor,
  welcomeRemovePermission,
} from "../../src";
import {
  CHANGED_ELSEWHERE,
  CONFIRM_REMOVE,
  EDITOR_LABEL,
  EDITOR_ROOM,
  MODERATOR,
  moderatorLevels,
  moderatorsRoom,
  OTHER_MODERATOR,
  REMOVE,
  statePuts,
  stateTypeOf,
} from "../support/editor";
import { redactionEvent, stateEvent, welcomeEvent } from "../support/events";
import { listenerTotal } from "../support/listeners";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

afterEach(() => localStorage.clear());

const BOB = "@bob:example.org";
const bobLevels = stateEvent(
  "m.room.power_levels",
  {
    users: { [MODERATOR]: 100, [BOB]: 50 },
    users_default: 0,
    state_default: 50,
    events: { "m.room.welcome": 100 },
  },
  { sender: MODERATOR },
);

describe("removal needs only the type readers go by", () => {
  // I may send the stable type (50) but not the unstable one (100); a stable welcome stands over an older unstable one.
  const state = () => [
    moderatorLevels(50, { "org.matrix.msc3857.welcome": 100 }),
    welcomeEvent("Old rules", undefined, { unstable: true, sender: OTHER_MODERATOR }),
    welcomeEvent("Current rules", undefined, { sender: OTHER_MODERATOR }),
  ];

  it("given a stable welcome over a hidden unstable one whose type I may not send, welcomeRemovePermission says yes (a stable removal is all readers need)", async () => {
    const { client } = await moderatorsRoom(state());
    const edit = renderHook(() => useWelcomeEditPermission(client, EDITOR_ROOM));
    expect(edit.result.current.canEdit).toBe(true);
    expect(welcomeRemovePermission(client.getRoom(EDITOR_ROOM), MODERATOR).canEdit).toBe(true);
  });

  it("given the same room, clearWelcomeMessage succeeds and sends only m.room.welcome", async () => {
    const { client, script } = await moderatorsRoom(state());
    const types: string[] = [];
    script.route({ method: "PUT", path: /\/state\// }, (req) => {
      types.push(stateTypeOf(req.path));
      return { json: { event_id: `$c${types.length}:example.org` } };
    });
    await clearWelcomeMessage(client, EDITOR_ROOM);
    expect(types).toEqual(["m.room.welcome"]);
  });
});

describe("who removed the welcome: the event readers go by says", () => {
  it("given my removal got only its hidden unstable part applied, when another moderator's stable removal comes, the editor says someone else changed it (not 'removed' by me)", async () => {
    const old = welcomeEvent("Old rules", undefined, {
      unstable: true,
      sender: OTHER_MODERATOR,
      eventId: "$u:example.org",
    });
    const cur = welcomeEvent("Current rules", undefined, {
      sender: OTHER_MODERATOR,
      eventId: "$s:example.org",
    });
    const { client, script } = await moderatorsRoom([moderatorLevels(100), old, cur]);
    // The unstable clear is applied, but its answer is lost: the stable one is never sent.
    script.route({ method: "PUT", path: /\/state\// }, () => "network");
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    fireEvent.click(screen.getByRole("button", { name: REMOVE }));
    fireEvent.click(screen.getByRole("button", { name: CONFIRM_REMOVE }));
    await waitFor(() => expect(screen.getByRole("alert")).toBeInTheDocument());
    expect(statePuts(script)).toHaveLength(1);
    // Its echo: my hidden unstable removal (readers still see "Current rules").
    await act(() =>
      script.push({
        join: {
          [EDITOR_ROOM]: {
            timeline: [
              stateEvent(
                "org.matrix.msc3857.welcome",
                {},
                { sender: MODERATOR, eventId: "$myu:example.org" },
              ),
            ],
          },
        },
      }),
    );
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "my new draft" } });
    // Someone else (a stable-only client) removes it: the stable event readers go by is theirs.
    await act(() =>
      script.push({
        join: {
          [EDITOR_ROOM]: {
            timeline: [
              stateEvent("m.room.welcome", {}, { sender: OTHER_MODERATOR, eventId: "$theirs:example.org" }),
            ],
          },
        },
      }),
    );
    await waitFor(() => expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("my new draft"));
    expect(screen.queryByText("Welcome message removed.")).toBeNull();
    expect(screen.queryByText(CHANGED_ELSEWHERE)).not.toBeNull();
  });
});

describe("permission stores and redactions", () => {
  it("given a stable welcome I may not send, when it is redacted in the timeline, useWelcomeRemovePermission and the editor's Remove follow at once", async () => {
    const { client, script } = await startWorld(
      BOB,
      welcomeRoom(BOB, EDITOR_ROOM, {
        welcome: [
          bobLevels,
          welcomeEvent("U", undefined, { unstable: true }),
          welcomeEvent("S", undefined, { eventId: "$st:example.org" }),
        ],
      }),
    );
    const perm = renderHook(() => useWelcomeRemovePermission(client, EDITOR_ROOM));
    expect(perm.result.current.canEdit).toBe(false);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    expect(screen.queryByRole("button", { name: REMOVE })).toBeNull();
    await act(() =>
      script.push({
        join: { [EDITOR_ROOM]: { timeline: [redactionEvent("$st:example.org", { sender: MODERATOR })] } },
      }),
    );
    await waitFor(() => expect(perm.result.current.canEdit).toBe(true));
    expect(await screen.findByRole("button", { name: REMOVE })).toBeInTheDocument();
  });

  it("given edit and remove permission hooks mounted and unmounted 20 times across a redaction, the room's and client's listener counts are unchanged", async () => {
    const { client, script } = await moderatorsRoom([
      moderatorLevels(100),
      welcomeEvent("Current rules", undefined, { eventId: "$s2:example.org" }),
    ]);
    const room = client.getRoom(EDITOR_ROOM)!;
    const before = listenerTotal(room as never, client as never);
    for (let i = 0; i < 20; i++) {
      const a = renderHook(() => useWelcomeEditPermission(client, EDITOR_ROOM));
      const b = renderHook(() => useWelcomeRemovePermission(client, EDITOR_ROOM));
      if (i === 5)
        await act(() =>
          script.push({
            join: { [EDITOR_ROOM]: { timeline: [redactionEvent("$s2:example.org", { sender: MODERATOR })] } },
          }),
        );
      a.unmount();
      b.unmount();
    }
    expect(listenerTotal(room as never, client as never)).toBe(before);
  });
});
