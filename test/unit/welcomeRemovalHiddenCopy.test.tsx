/**
 * Removing a welcome with a hidden copy in the other type: it is cleared when the user may, its refusal never keeps the
 * shown welcome, and should it come back later, it is announced as someone else's change.
 */
import { fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { clearWelcomeMessage, useWelcomeMessage, WelcomeEditor, welcomeRemovePermission } from "../../src";
import {
  CHANGED_ELSEWHERE,
  EDITOR_LABEL,
  EDITOR_ROOM,
  MODERATOR,
  moderatorLevels,
  moderatorsRoom,
  OTHER_MODERATOR,
  othersCurrentOverOld,
  REMOVE,
  removeWelcome,
  statePuts,
  stateTypeOf,
  syncEditorRoom,
} from "../support/editor";
import { redactionEvent, stateEvent, welcomeEvent } from "../support/events";
import type { RouteResult, SyncScript } from "../support/syncScript";

const UNSTABLE = "org.matrix.msc3857.welcome";
afterEach(() => localStorage.clear());

/** Records the types a removal sends; the hidden (unstable) copy gets `hiddenAnswer`, the rest `$myremoval`. */
function recordRemoval(script: SyncScript, hiddenAnswer?: RouteResult): string[] {
  const types: string[] = [];
  script.route({ method: "PUT", path: /\/state\// }, (req) => {
    const type = stateTypeOf(req.path);
    types.push(type);
    return type === UNSTABLE && hiddenAnswer
      ? hiddenAnswer
      : { json: { event_id: "$myremoval:example.org" } };
  });
  return types;
}

/** My removal's echo arrives, I type a new draft, and someone else redacts my removal. */
async function myRemovalRedactedUnderNewDraft(script: SyncScript) {
  await syncEditorRoom(
    script,
    stateEvent("m.room.welcome", {}, { sender: MODERATOR, eventId: "$myremoval:example.org" }),
  );
  fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "my new welcome" } });
  await syncEditorRoom(script, redactionEvent("$myremoval:example.org", { sender: OTHER_MODERATOR }));
}

/** A stable welcome "Current rules" over a hidden unstable "Old rules"; the moderator may send both types. */
const currentOverOld = () => [
  moderatorLevels(100),
  welcomeEvent("Old rules", undefined, { unstable: true }),
  welcomeEvent("Current rules", undefined, { sender: OTHER_MODERATOR }),
];

/** The homeserver answers the hidden (unstable) copy's clearing with `answer`, and accepts the stable one. */
const answerHiddenCopyWith = (script: SyncScript, answer: RouteResult) =>
  script.route({ method: "PUT", path: /\/state\// }, (req) =>
    stateTypeOf(req.path) === UNSTABLE ? answer : { json: { event_id: "$s:example.org" } },
  );

describe("a stable removal stands over unstable text (readers see nothing)", () => {
  it("given the user may send the unstable type, clearWelcomeMessage clears the hidden copy only, and the editor offers no Remove", async () => {
    const { client, script } = await moderatorsRoom([
      moderatorLevels(100),
      welcomeEvent("Old rules", undefined, { unstable: true }),
      stateEvent("m.room.welcome", {}, { sender: OTHER_MODERATOR }),
    ]);
    const types: string[] = [];
    script.route({ method: "PUT", path: /\/state\// }, (req) => {
      types.push(stateTypeOf(req.path));
      return { json: { event_id: `$c${types.length}:example.org` } };
    });
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("");
    expect(screen.queryByRole("button", { name: REMOVE })).toBeNull();
    await clearWelcomeMessage(client, EDITOR_ROOM);
    expect(types).toEqual([UNSTABLE]);
  });

  it("given the user may not send the unstable type, clearWelcomeMessage sends nothing and does not throw", async () => {
    const { client, script } = await moderatorsRoom([
      moderatorLevels(50, { [UNSTABLE]: 100 }),
      welcomeEvent("Old rules", undefined, { unstable: true }),
      stateEvent("m.room.welcome", {}, { sender: OTHER_MODERATOR }),
    ]);
    expect(welcomeRemovePermission(client.getRoom(EDITOR_ROOM), MODERATOR).canEdit).toBe(true);
    await clearWelcomeMessage(client, EDITOR_ROOM);
    expect(statePuts(script)).toEqual([]);
  });
});

describe("the hidden copy's send fails after the local permission said yes", () => {
  const state = () => [
    moderatorLevels(100),
    welcomeEvent("Old rules", undefined, { unstable: true }),
    welcomeEvent("Current rules", undefined, { sender: OTHER_MODERATOR }),
  ];

  it("given the homeserver refuses the hidden unstable copy, clearWelcomeMessage still removes the shown stable welcome", async () => {
    const { client, script } = await moderatorsRoom(state());
    const types: string[] = [];
    script.route({ method: "PUT", path: /\/state\// }, (req) => {
      const type = stateTypeOf(req.path);
      types.push(type);
      return type === UNSTABLE
        ? { status: 403, errcode: "M_FORBIDDEN", error: "nope" }
        : { json: { event_id: "$s:example.org" } };
    });
    await clearWelcomeMessage(client, EDITOR_ROOM).catch(() => {});
    expect(types).toContain("m.room.welcome");
  });

  it("given a network failure on the hidden copy, the editor shows the error and keeps the draft, and a retry sends both", async () => {
    const { client, script } = await moderatorsRoom(state());
    const types: string[] = [];
    let fail = true;
    script.route({ method: "PUT", path: /\/state\// }, (req) => {
      types.push(stateTypeOf(req.path));
      if (fail) return "network";
      return { json: { event_id: `$r${types.length}:example.org` } };
    });
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "my draft" } });
    removeWelcome();
    await waitFor(() => expect(screen.getByRole("alert")).toBeInTheDocument());
    expect(types).toEqual([UNSTABLE]);
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("my draft");
    fail = false;
    removeWelcome();
    await waitFor(() => expect(screen.getByText("Welcome message removed.")).toBeInTheDocument());
    expect(types.slice(1)).toEqual([UNSTABLE, "m.room.welcome"]);
  });
});

describe("both sends answered, one echo", () => {
  it("given only the hidden copy's echo arrived, when another moderator's stable edition comes, the editor follows theirs", async () => {
    const { client, script } = await moderatorsRoom(currentOverOld());
    let n = 0;
    script.route({ method: "PUT", path: /\/state\// }, () => ({
      json: { event_id: `$mine${++n}:example.org` },
    }));
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    removeWelcome();
    await waitFor(() => expect(screen.getByText("Welcome message removed.")).toBeInTheDocument());
    await syncEditorRoom(
      script,
      stateEvent(UNSTABLE, {}, { sender: MODERATOR, eventId: "$mine1:example.org" }),
    );
    await syncEditorRoom(script, welcomeEvent("Their rules", undefined, { sender: OTHER_MODERATOR }));
    await waitFor(() => expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("Their rules"));
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
  });
});

describe("a hidden copy the removal left", () => {
  it("given my stable-only removal is redacted by someone else, the old unstable text that comes back is announced to my draft", async () => {
    const { client, script } = await moderatorsRoom(
      othersCurrentOverOld(moderatorLevels(50, { [UNSTABLE]: 100 })),
    );
    const types = recordRemoval(script);
    const reader = renderHook(() => useWelcomeMessage(client, EDITOR_ROOM));
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" stable />);
    removeWelcome();
    await waitFor(() => expect(screen.getByText("Welcome message removed.")).toBeInTheDocument());
    expect(types).toEqual(["m.room.welcome"]);
    await myRemovalRedactedUnderNewDraft(script);
    // Readers now see "Old rules" (someone else's), which Save would overwrite unseen.
    await waitFor(() => expect(reader.result.current.message?.text).toBe("Old rules"));
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("my new welcome");
    expect(screen.queryByText(CHANGED_ELSEWHERE)).not.toBeNull();
  });
});

describe("an edition set after my removal", () => {
  it("given an unstable edition set after my removal, when my removal is redacted and it shows, it is announced", async () => {
    const { client, script } = await moderatorsRoom([
      moderatorLevels(50, { [UNSTABLE]: 100 }),
      welcomeEvent("Current rules", undefined, { sender: OTHER_MODERATOR, eventId: "$cur:example.org" }),
    ]);
    script.route({ method: "PUT", path: /\/state\// }, () => ({
      json: { event_id: "$myremoval:example.org" },
    }));
    const reader = renderHook(() => useWelcomeMessage(client, EDITOR_ROOM));
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" stable />);
    removeWelcome();
    await waitFor(() => expect(screen.getByText("Welcome message removed.")).toBeInTheDocument());
    await syncEditorRoom(
      script,
      stateEvent("m.room.welcome", {}, { sender: MODERATOR, eventId: "$myremoval:example.org" }),
    );
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "my new welcome" } });
    await syncEditorRoom(
      script,
      welcomeEvent("Old rules", undefined, { unstable: true, sender: OTHER_MODERATOR }),
    );
    await syncEditorRoom(script, redactionEvent("$myremoval:example.org", { sender: OTHER_MODERATOR }));
    await waitFor(() => expect(reader.result.current.message?.text).toBe("Old rules"));
    expect(screen.queryByText(CHANGED_ELSEWHERE)).not.toBeNull();
  });

  it("given the homeserver refuses the hidden copy, the editor's Remove still clears the shown welcome, with no error", async () => {
    const { client, script } = await moderatorsRoom(currentOverOld());
    answerHiddenCopyWith(script, { status: 403, errcode: "M_FORBIDDEN", error: "nope" });
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    removeWelcome();
    await waitFor(() =>
      expect(statePuts(script).map((r) => stateTypeOf(r.path))).toEqual([UNSTABLE, "m.room.welcome"]),
    );
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("the hidden copy refused or rate-limited by the homeserver", () => {
  it("given the hidden copy was refused (403) and my stable removal is redacted, the old unstable text that comes back is announced", async () => {
    const { client, script } = await moderatorsRoom(othersCurrentOverOld(moderatorLevels(100)));
    const types = recordRemoval(script, { status: 403, errcode: "M_FORBIDDEN", error: "nope" });
    const reader = renderHook(() => useWelcomeMessage(client, EDITOR_ROOM));
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" stable />);
    removeWelcome();
    await waitFor(() => expect(screen.getByText("Welcome message removed.")).toBeInTheDocument());
    expect(types).toEqual([UNSTABLE, "m.room.welcome"]);
    await myRemovalRedactedUnderNewDraft(script);
    await waitFor(() => expect(reader.result.current.message?.text).toBe("Old rules"));
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("my new welcome");
    // "Old rules" was never cleared by me (the server refused): Save would overwrite it unseen.
    expect(screen.queryByText(CHANGED_ELSEWHERE)).not.toBeNull();
  });

  it("given the hidden copy is rate-limited (429 M_LIMIT_EXCEEDED), clearWelcomeMessage fails and the shown welcome stays (a passing refusal: the user tries again)", async () => {
    const { client, script } = await moderatorsRoom(currentOverOld());
    answerHiddenCopyWith(script, {
      status: 429,
      errcode: "M_LIMIT_EXCEEDED",
      error: "slow",
      data: { retry_after_ms: 10 },
    });
    await expect(clearWelcomeMessage(client, EDITOR_ROOM)).rejects.toBeTruthy();
    expect(statePuts(script).map((r) => stateTypeOf(r.path))).toEqual([UNSTABLE]);
  });

  it("given the hidden copy is refused with 413, clearWelcomeMessage still removes the shown welcome", async () => {
    const { client, script } = await moderatorsRoom(currentOverOld());
    answerHiddenCopyWith(script, { status: 413, errcode: "M_TOO_LARGE", error: "big" });
    await clearWelcomeMessage(client, EDITOR_ROOM);
    expect(statePuts(script).map((r) => stateTypeOf(r.path))).toEqual([UNSTABLE, "m.room.welcome"]);
  });
});
