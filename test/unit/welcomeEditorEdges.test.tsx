/**
 * WelcomeEditor and the authoring functions at their edges: the stable type, rooms without power levels, switching
 * rooms mid-save, half-permitted removal, double clicks, blank HTML, full storage and how errors are described.
 */
import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import {
  buildWelcomeContent,
  clearWelcomeMessage,
  setWelcomeMessage,
  useCanEditWelcome,
  useWelcomeMessage,
  WelcomeEditor,
  WelcomeForbiddenError,
} from "../../src";
import {
  EDITOR_LABEL,
  EDITOR_ROOM,
  holdStatePuts,
  moderatorLevels,
  moderatorsRoom,
  OTHER_MODERATOR,
  removeWelcome,
} from "../support/editor";
import { createEvent, memberEvent, stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import type { SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@mod:example.org";
const ROOM = "!lounge:example.org";
const ROOM_B = "!other:example.org";
const LABEL = "Message shown to people when they join";
const pl = (users: Record<string, number>, events: Record<string, number> = {}) =>
  stateEvent("m.room.power_levels", { users, users_default: 0, state_default: 50, events }, { sender: ME });

async function world(extra: ReturnType<typeof welcomeEvent>[] = [], userId = ME) {
  return startWorld(userId, welcomeRoom(userId, ROOM, { welcome: [pl({ [ME]: 100 }), ...extra] }));
}
const statePuts = (s: SyncScript) => s.requestsTo(/\/state\//, "PUT");
/** Echoes every state PUT back through /sync, as the homeserver would. */
async function echo(script: SyncScript, roomId = ROOM) {
  const timeline = statePuts(script).map((p) => {
    const [type] = p.path.split("/state/")[1]!.split("/");
    return stateEvent(type!, p.body as Record<string, unknown>, { sender: ME });
  });
  await act(() => script.push({ join: { [roomId]: { timeline } } }));
}
/** Holds the state PUTs until the returned function is called; they then succeed with `eventId`. */
function gatedStatePut(script: SyncScript, eventId: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  script.route({ path: /\/state\//, method: "PUT" }, async () => {
    await gate;
    return { json: { event_id: eventId } };
  });
  return () => release();
}
afterEach(() => localStorage.clear());

describe("which welcome type an edit writes", () => {
  it("editing a room whose welcome is m.room.welcome changes what the dialog shows", async () => {
    const { client, script } = await world([welcomeEvent("Old rules")]);
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    const box = screen.getByLabelText(LABEL);
    expect(box).toHaveValue("Old rules");
    fireEvent.change(box, { target: { value: "New rules" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("status")).toHaveTextContent("saved");
    await echo(script);
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    expect(result.current.message?.text).toBe("New rules");
  });
});

describe("an editor told to write the unstable type, in a room whose welcome is the stable one", () => {
  it("given stable={false} and an m.room.welcome readers see, a save still changes what they see (it goes to m.room.welcome)", async () => {
    const { client, script } = await world([
      welcomeEvent("Stable rules"),
      welcomeEvent("Old unstable rules", undefined, { unstable: true }),
    ]);
    render(<WelcomeEditor client={client} roomId={ROOM} stable={false} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "New rules" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Welcome message saved.")).toBeInTheDocument();
    expect(statePuts(script).map((p) => p.path)).toEqual([
      expect.stringMatching(/\/state\/m\.room\.welcome\/?$/),
    ]);
    await echo(script);
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    expect(result.current.message?.text).toBe("New rules");
  });

  it("given stable={false} and only an unstable welcome, a save writes the unstable type", async () => {
    const { client, script } = await world([welcomeEvent("Unstable rules", undefined, { unstable: true })]);
    render(<WelcomeEditor client={client} roomId={ROOM} stable={false} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "New rules" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Welcome message saved.")).toBeInTheDocument();
    expect(statePuts(script)[0]?.path).toMatch(/\/state\/org\.matrix\.msc3857\.welcome\/?$/);
  });
});

describe("who may edit", () => {
  it("no m.room.power_levels event: only the creator may send state (Synapse: state_default 50, others 0)", async () => {
    const BOB = "@bob:example.org";
    const { client } = await startWorld(BOB, welcomeRoom(BOB, ROOM)); // creator is @mod, no PL event
    const { result } = renderHook(() => useCanEditWelcome(client, ROOM));
    expect(result.current).toBe(false);
  });

  it("room v12: a creator (infinite power, not in users) may edit", async () => {
    const create = createEvent({ creator: ME });
    create.content.room_version = "12";
    const { client } = await startWorld(ME, {
      join: {
        [ROOM]: {
          state: [pl({}), memberEvent(ME, "join"), create],
          timeline: [],
        },
      },
    });
    const { result } = renderHook(() => useCanEditWelcome(client, ROOM));
    expect(result.current).toBe(true);
  });
});

describe("switching rooms during a save", () => {
  it("a save that completes after switching rooms forgets room A's draft", async () => {
    const { client, script } = await world();
    await act(() =>
      script.push({
        join: {
          [ROOM_B]: { state: [createEvent({ creator: ME }), memberEvent(ME, "join"), pl({ [ME]: 100 })] },
        },
      }),
    );
    const release = holdStatePuts(script, undefined); // then the built-in answer
    const { rerender } = render(<WelcomeEditor client={client} roomId={ROOM} />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "Hello A" } });
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled"),
    );
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    rerender(<WelcomeEditor client={client} roomId={ROOM_B} />);
    await act(async () => {
      release();
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(statePuts(script)).toHaveLength(1);
    // The stored draft of A is gone, so A reopens following the published message.
    expect.soft(localStorage.getItem(`matrix-notice-kit:welcome-draft:${ME}|${ROOM}`)).toBeNull();
    await echo(script);
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [welcomeEvent("Edited elsewhere", undefined, { unstable: true })] } },
      }),
    );
    rerender(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(screen.getByLabelText(LABEL)).toHaveValue("Edited elsewhere");
  });
});

describe("removing, double clicks and empty messages", () => {
  it("given m.room.welcome needs more than the user has, the editor is read-only and a removal sends nothing", async () => {
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, {
        welcome: [
          pl({ [ME]: 50 }, { "m.room.welcome": 100 }),
          welcomeEvent("Stable rules"),
          welcomeEvent("Unstable rules", undefined, { unstable: true }),
        ],
      }),
    );
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    // Edits would go to the stable type readers see, which this user may not send.
    expect(screen.getByText(/it needs power level 100, and yours is 50/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Remove welcome message" })).toBeNull();
    // Clearing only the unstable copy would leave the stable one showing: nothing is sent.
    await expect(clearWelcomeMessage(client, ROOM)).rejects.toBeInstanceOf(WelcomeForbiddenError);
    expect(statePuts(script)).toEqual([]);
  });

  it("double-clicking Save sends one state event", async () => {
    const user = userEvent.setup();
    const { client, script } = await world();
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "Hello" } });
    await user.dblClick(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Welcome message saved.");
    expect(statePuts(script)).toHaveLength(1);
  });

  it("a Markdown source that renders to nothing visible cannot be published", async () => {
    const { client, script } = await world();
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    fireEvent.change(screen.getByLabelText(LABEL), {
      target: { value: "![](https://example.org/logo.png)" },
    });
    await waitFor(() => expect(screen.queryByText("Nothing to preview yet.")).toBeInTheDocument());
    await expect(setWelcomeMessage(client, ROOM, { text: " ", html: "<p>&nbsp;</p>" })).rejects.toThrow(
      TypeError,
    );
    expect(statePuts(script)).toHaveLength(0);
  });

  it("text of only invisible characters cannot be published, and invisible text gives way to the HTML's", async () => {
    const { client, script } = await world();
    await expect(setWelcomeMessage(client, ROOM, { text: "\u200b\u2060" })).rejects.toThrow(TypeError);
    await expect(setWelcomeMessage(client, ROOM, { text: "\u200b", html: "<p>&#8203;</p>" })).rejects.toThrow(
      TypeError,
    );
    expect(statePuts(script)).toHaveLength(0);
    await setWelcomeMessage(client, ROOM, { text: "\u200b", html: "<p>House rules</p>" });
    const [put] = statePuts(script);
    expect(JSON.stringify(put?.body)).toContain('"body":"House rules"');
  });
});

describe("a change published while the author drafts", () => {
  it("given a draft based on one edition, when someone publishes another, the author is told and can load it", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "my v2" } });
    expect(screen.queryByText(/Someone else changed the welcome message/)).toBeNull();
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: [welcomeEvent("their v2", undefined, { unstable: true, sender: OTHER_MODERATOR })],
          },
        },
      }),
    );
    expect(screen.getByText(/Someone else changed the welcome message/)).toBeInTheDocument();
    expect(screen.getByLabelText(LABEL)).toHaveValue("my v2"); // nothing is lost silently either way
    fireEvent.click(screen.getByRole("button", { name: "Discard my draft and load theirs" }));
    expect(screen.getByLabelText(LABEL)).toHaveValue("their v2");
    expect(screen.queryByText(/Someone else changed the welcome message/)).toBeNull();
  });

  it("given a stored draft from before a newer edition, reopening the editor says so", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    const first = render(<WelcomeEditor client={client} roomId={ROOM} />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "draft on v1" } });
    first.unmount();
    await act(() =>
      script.push({
        join: {
          [ROOM]: { timeline: [welcomeEvent("v2", undefined, { unstable: true, sender: OTHER_MODERATOR })] },
        },
      }),
    );
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(screen.getByLabelText(LABEL)).toHaveValue("draft on v1");
    expect(screen.getByText(/Someone else changed the welcome message/)).toBeInTheDocument();
  });

  it("given the author's own save, no change-elsewhere notice appears", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v2 by me" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Welcome message saved.");
    await echo(script);
    expect(screen.queryByText(/Someone else changed the welcome message/)).toBeNull();
  });
});

describe("the author's own save is no change from elsewhere", () => {
  const NOTICE = /Someone else changed the welcome message/;

  it("given the echo arrives before the save returns and the author keeps typing, no notice appears", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    const release = gatedStatePut(script, "$mine:example.org");
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v2 by me" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v2 by me, and more" } });
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: [welcomeEvent("v2 by me", undefined, { unstable: true, eventId: "$mine:example.org" })],
          },
        },
      }),
    );
    expect(screen.queryByText(NOTICE)).toBeNull();
    await act(async () => release());
    await screen.findByText("Welcome message saved.");
    expect(screen.queryByText(NOTICE)).toBeNull();
    expect(screen.getByLabelText(LABEL)).toHaveValue("v2 by me, and more");
  });

  it("given the save returns before its echo and the author keeps typing, no notice appears until someone else publishes", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    const release = gatedStatePut(script, "$mine:example.org");
    release();
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v2 by me" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Welcome message saved.");
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v3 in progress" } });
    expect(screen.queryByText(NOTICE)).toBeNull();
    const mine = welcomeEvent("v2 by me", undefined, { unstable: true, eventId: "$mine:example.org" });
    await act(() => script.push({ join: { [ROOM]: { timeline: [mine] } } }));
    expect(screen.queryByText(NOTICE)).toBeNull();

    const theirs = welcomeEvent("their v3", undefined, { unstable: true, sender: "@other:example.org" });
    await act(() => script.push({ join: { [ROOM]: { timeline: [theirs] } } }));
    expect(screen.getByText(NOTICE)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Save" })).toHaveAccessibleDescription(NOTICE);
  });
});

describe("removing is the author's own change too", () => {
  /** Opens the editor on the room, removes its welcome and waits until the removal is confirmed. */
  async function removeInEditor(client: Parameters<typeof WelcomeEditor>[0]["client"]) {
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    removeWelcome();
    await screen.findByText("Welcome message removed.");
  }

  it("given the author removed the welcome, typing before the removal's echo shows no 'changed elsewhere'", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    await removeInEditor(client);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "fresh start" } });
    expect(screen.queryByText(/Someone else changed the welcome message/)).toBeNull();
    await echo(script);
    expect(screen.queryByText(/Someone else changed the welcome message/)).toBeNull();
  });

  it("given both welcome types were removed, their echoes arriving in two syncs show no 'changed elsewhere'", async () => {
    const { client, script } = await world([
      welcomeEvent("stable v1"),
      welcomeEvent("old unstable", undefined, { unstable: true }),
    ]);
    await removeInEditor(client);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "fresh" } });
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [stateEvent("m.room.welcome", {}, { sender: ME })] } } }),
    );
    expect(screen.queryByText(/Someone else changed the welcome message/)).toBeNull();
  });

  it("given remove, then save, then more typing, the removal's late echo shows no 'changed elsewhere'", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    await removeInEditor(client);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v2" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Welcome message saved.");
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v2 and more" } });
    const removal = stateEvent("org.matrix.msc3857.welcome", {}, { sender: ME });
    await act(() => script.push({ join: { [ROOM]: { timeline: [removal] } } }));
    expect(screen.queryByText(/Someone else changed the welcome message/)).toBeNull();
  });
});

describe("the plain text derived from HTML", () => {
  it("keeps hard breaks single, lists tight and numbered, and a link whose text is its URL once", async () => {
    const { client, script } = await world();
    await setWelcomeMessage(client, ROOM, {
      text: "",
      html: '<p>a<br>\nb</p>\n<ol start="3">\n<li>x</li>\n<li>y</li>\n</ol>\n<ul>\n<li>z</li>\n</ul>\n<p><a href="https://e.org">https://e.org</a> and <a href="https://e.org/faq">the FAQ</a></p>\n<pre><code>  indented\n    more</code></pre>',
    });
    const body = statePuts(script)[0]?.body as Record<
      string,
      Record<string, { mimetype: string; body: string }[]>
    >;
    const text = body["org.matrix.msc3857.welcome"]?.["m.text"]?.find(
      (p) => p.mimetype === "text/plain",
    )?.body;
    expect(text).toBe(
      "a\nb\n\n3. x\n4. y\n\n- z\n\nhttps://e.org and the FAQ (https://e.org/faq)\n\n  indented\n    more",
    );
  });
});

describe("blank HTML, full storage and error descriptions", () => {
  it("setWelcomeMessage refuses HTML that is blank once rendered", async () => {
    const { client, script } = await world();
    await expect(setWelcomeMessage(client, ROOM, { text: " ", html: "<p>&nbsp;</p>" })).rejects.toThrow(
      TypeError,
    );
    expect(statePuts(script)).toHaveLength(0);
  });

  it("when storage is full, reloading does not resurrect an older draft", async () => {
    const { client } = await world();
    const { unmount } = render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "old" } });
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException("full", "QuotaExceededError");
    };
    try {
      fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "old and much newer" } });
    } finally {
      Storage.prototype.setItem = setItem;
    }
    unmount();
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    expect(screen.getByLabelText(LABEL)).not.toHaveValue("old");
  });

  it("a save error is tied to the text area (aria-describedby / aria-invalid)", async () => {
    const { client, script } = await world();
    script.fail({ method: "PUT", path: /\/state\// }, { status: 403, errcode: "M_FORBIDDEN" });
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "Hi" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByRole("alert");
    expect(screen.getByLabelText(LABEL)).toHaveAccessibleDescription(expect.stringContaining("refused"));
    // The text itself is fine: a screen reader must not call it an invalid entry.
    expect(screen.getByLabelText(LABEL)).not.toHaveAttribute("aria-invalid");
  });

  it("given a welcome over the size limit and a user who may not edit it, the editor neither tells them to shorten it nor calls it invalid", async () => {
    const huge = "Please be kind to everyone here. ".repeat(2_100);
    const { client } = await moderatorsRoom([
      moderatorLevels(10),
      welcomeEvent(huge, undefined, { unstable: true, sender: OTHER_MODERATOR }),
    ]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveAttribute("readonly");
    expect(screen.queryByText(/too long to be sent/)).toBeNull();
    // Nor that their entry, which they cannot change, is invalid.
    expect(screen.getByLabelText(EDITOR_LABEL)).not.toHaveAttribute("aria-invalid");
  });

  it("a save the server refuses as too large marks the text invalid", async () => {
    const { client, script } = await world();
    script.fail({ method: "PUT", path: /\/state\// }, { status: 413, errcode: "M_TOO_LARGE" });
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "Hi" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByRole("alert");
    expect(screen.getByLabelText(LABEL)).toHaveAttribute("aria-invalid", "true");
  });
});

describe("a long Markdown source", () => {
  const rules = Array.from(
    { length: 100 },
    (_, i) =>
      `${i + 1}. Rule ${i + 1}: stay on topic, be kind, and keep links and media to the threads made for them.`,
  ).join("\n");

  it("given a source over 8,000 characters, the preview follows once typing pauses, and a save at once publishes what was typed", async () => {
    expect(rules.length).toBeGreaterThan(8_000);
    const { client, script } = await world();
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    const box = screen.getByLabelText(LABEL);
    fireEvent.change(box, { target: { value: rules } });
    const preview = () => document.querySelector('[data-part="preview"]')!;
    // Typing must pause (250 ms), the renderer loads, and the preview renders at low priority: slow on a loaded host.
    await waitFor(() => expect(preview().querySelectorAll("li")).toHaveLength(100), { timeout: 10_000 });
    fireEvent.change(box, { target: { value: `${rules}\n101. Have **fun**` } });
    // The preview still shows the source before the latest keystroke...
    expect(preview().querySelectorAll("li")).toHaveLength(100);
    // ...and Save publishes the text as typed.
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("status")).toHaveTextContent("saved");
    const body = JSON.stringify(statePuts(script)[0]!.body);
    expect(body).toContain("Have <strong>fun</strong>");
    await waitFor(() => expect(preview().querySelectorAll("li")).toHaveLength(101), { timeout: 10_000 });
  });

  it("given a short source, the preview follows every keystroke", async () => {
    const { client } = await world();
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    const box = screen.getByLabelText(LABEL);
    fireEvent.change(box, { target: { value: "1. One" } });
    const preview = () => document.querySelector('[data-part="preview"]')!;
    await waitFor(() => expect(preview().querySelectorAll("li")).toHaveLength(1));
    fireEvent.change(box, { target: { value: "1. One\n2. Two" } });
    expect(preview().querySelectorAll("li")).toHaveLength(2);
  });
});

describe("removing and discarding, by keyboard and mid-typing", () => {
  const UNSTABLE = "org.matrix.msc3857.welcome";

  it("given Remove used from the keyboard, when the removal's echo arrives after the response, focus goes to the text area", async () => {
    const user = userEvent.setup();
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    screen.getByRole("button", { name: "Remove welcome message" }).focus();
    await user.keyboard("{Enter}");
    // Remove asks first, with the safe answer focused; the author moves to "Yes" and confirms.
    expect(screen.getByRole("button", { name: "Keep it" })).toHaveFocus();
    await user.tab({ shift: true });
    await user.keyboard("{Enter}");
    await screen.findByText("Welcome message removed.");
    await act(() =>
      script.push({ join: { [ROOM]: { timeline: [stateEvent(UNSTABLE, {}, { sender: ME })] } } }),
    );
    expect(screen.queryByRole("button", { name: "Remove welcome message" })).toBeNull();
    expect(screen.getByLabelText(LABEL)).toHaveFocus();
  });

  it("given text typed while a removal is in flight, it stays a draft once the removal is done", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    const release = gatedStatePut(script, "$clear:example.org");
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    removeWelcome();
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "New rules, coming soon" } });
    await act(async () => release());
    await screen.findByText("Welcome message removed.");
    expect(screen.getByLabelText(LABEL)).toHaveValue("New rules, coming soon");
    await echo(script);
    expect(screen.getByLabelText(LABEL)).toHaveValue("New rules, coming soon");
    expect(screen.queryByText(/Someone else changed the welcome message/)).toBeNull();
  });

  it("given text typed during a removal that ends equal to the removed text, the editor and the stored draft agree", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    const release = gatedStatePut(script, "$clear:example.org");
    const { unmount } = render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    removeWelcome();
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v1!" } });
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v1" } }); // the typo undone
    await act(async () => release());
    await screen.findByText("Welcome message removed.");
    await echo(script);
    // No new text: it goes with the removal, on screen and in storage alike.
    expect(screen.getByLabelText(LABEL)).toHaveValue("");
    unmount();
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    expect(screen.getByLabelText(LABEL)).toHaveValue("");
  });

  it("given the editor was closed while its removal was out and reopened, text typed in the new one survives the removal", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    const release = gatedStatePut(script, "$clear:example.org");
    const first = render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    removeWelcome();
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    first.unmount();
    const second = render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "New rules, coming soon" } });
    await act(async () => release());
    await act(() => new Promise((r) => setTimeout(r, 50)));
    await echo(script);
    second.unmount();
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    expect(screen.getByLabelText(LABEL)).toHaveValue("New rules, coming soon");
  });

  it("given only the format was switched while a removal was out, the removed text does not stay as a draft", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    const release = gatedStatePut(script, "$clear:example.org");
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    removeWelcome();
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    fireEvent.click(screen.getByRole("radio", { name: /markdown/i }));
    await act(async () => release());
    await screen.findByText("Welcome message removed.");
    expect(screen.getByLabelText(LABEL)).toHaveValue("");
  });

  it("given a draft typed before Remove, the removal drops it (what was removed is gone)", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v1 draft" } });
    removeWelcome();
    await screen.findByText("Welcome message removed.");
    await echo(script);
    expect(screen.getByLabelText(LABEL)).toHaveValue("");
    expect(Object.keys(localStorage).filter((k) => k.includes("welcome-draft"))).toEqual([]);
  });

  it("given 'Discard my draft and load theirs' used from the keyboard, focus goes to the text area showing theirs", async () => {
    const user = userEvent.setup();
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "my v2" } });
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: [welcomeEvent("their v2", undefined, { unstable: true, sender: OTHER_MODERATOR })],
          },
        },
      }),
    );
    screen.getByRole("button", { name: "Discard my draft and load theirs" }).focus();
    await user.keyboard("{Enter}");
    expect(screen.getByLabelText(LABEL)).toHaveValue("their v2");
    expect(screen.getByLabelText(LABEL)).toHaveFocus();
  });
});

describe("an existing HTML-only welcome", () => {
  it("given another client's welcome with only HTML (MSC3857's m.html shorthand), the editor opens it as Markdown", async () => {
    const { client } = await world([
      stateEvent(
        "m.room.welcome",
        { "m.room.welcome": { "m.html": "<p>Be <b>kind</b></p>" } },
        { sender: ME },
      ),
    ]);
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(screen.getByLabelText(LABEL)).toHaveValue("Be **kind**");
    expect(screen.getByRole("radio", { name: "Markdown" })).toBeChecked();
    expect(await screen.findByText("kind", { selector: "strong" })).toBeInTheDocument();
    expect(screen.queryByText("Nothing to preview yet.")).toBeNull();
  });

  it("given another app's formatted welcome, the editor opens it as Markdown, and an edit publishes the formatting kept", async () => {
    const { client, script } = await world([
      welcomeEvent(
        "Welcome! Read the rules",
        '<h2>Welcome!</h2><p>Read <a href="https://example.org/rules">the rules</a>:</p><ol><li>Be <em>kind</em></li></ol>',
      ),
    ]);
    script.route({ path: /\/state\//, method: "PUT" }, () => ({ json: { event_id: "$mine:example.org" } }));
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    const box = screen.getByLabelText(LABEL);
    expect(box).toHaveValue("## Welcome!\n\nRead [the rules](<https://example.org/rules>):\n\n1. Be *kind*");
    expect(screen.queryByText(/formatted in another app/)).toBeNull();
    // Nothing changed yet: nothing to save.
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    fireEvent.change(box, { target: { value: `${(box as HTMLTextAreaElement).value}\n2. No spam` } });
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled"),
    );
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Welcome message saved.");
    const html = (
      statePuts(script)[0]!.body as Record<string, Record<string, { mimetype: string; body: string }[]>>
    )["m.room.welcome"]!["m.message"]!.find((r) => r.mimetype === "text/html")!.body;
    expect(html).toContain("<h2>Welcome!</h2>");
    expect(html).toContain('<a href="https://example.org/rules">the rules</a>');
    expect(html).toContain("<li>Be <em>kind</em></li>");
    expect(html).toContain("<li>No spam</li>");
  });

  it("given another app's welcome with formatting Markdown cannot say (underline), the editor opens its text and says a save keeps only that", async () => {
    const { client } = await world([welcomeEvent("Read the rules", "<p>Read the <u>rules</u></p>")]);
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    const box = screen.getByLabelText(LABEL);
    expect(box).toHaveValue("Read the rules");
    const note = screen.getByText(/formatted in another app/);
    // Read with the text area, so screen reader users hear it where they edit.
    expect(box.getAttribute("aria-describedby")?.split(" ")).toContain(note.id);
  });

  it("given a welcome saved from this editor in Markdown, no such note shows", async () => {
    const { client } = await world([
      stateEvent(
        "m.room.welcome",
        buildWelcomeContent(
          { text: "Be kind", html: "<p>Be <strong>kind</strong></p>", markdown: "Be **kind**" },
          "m.room.welcome",
        ),
        { sender: ME },
      ),
    ]);
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(screen.getByLabelText(LABEL)).toHaveValue("Be **kind**");
    expect(screen.queryByText(/formatted in another app/)).toBeNull();
  });

  it("given HTML of plain paragraphs only, nothing would be lost: no note", async () => {
    const { client } = await world([welcomeEvent("One\n\nTwo", "<p>One</p><p>Two</p>")]);
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(screen.getByLabelText(LABEL)).toHaveValue("One\n\nTwo");
    expect(screen.queryByText(/formatted in another app/)).toBeNull();
  });

  it("given the note, when the author saves and the echo arrives, the note goes (the new edition is theirs)", async () => {
    const { client, script } = await world([welcomeEvent("Be kind", "<p>Be <u>kind</u></p>")]);
    script.route({ path: /\/state\//, method: "PUT" }, () => ({ json: { event_id: "$mine:example.org" } }));
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(screen.getByText(/formatted in another app/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "Be **very** kind" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Welcome message saved.");
    await echo(script);
    await waitFor(() => expect(screen.queryByText(/formatted in another app/)).toBeNull());
    expect(screen.getByLabelText(LABEL)).toHaveValue("Be **very** kind");
  });

  it("given a user who may not edit, no note (there is nothing to save)", async () => {
    const { client } = await world([welcomeEvent("Be kind", "<p>Be <u>kind</u></p>")], "@guest:example.org");
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(screen.getByLabelText(LABEL)).toHaveAttribute("readonly");
    expect(screen.queryByText(/formatted in another app/)).toBeNull();
  });

  it("the note's text is a label apps can override", async () => {
    const { client } = await world([welcomeEvent("Be kind", "<p>Be <u>kind</u></p>")]);
    render(
      <WelcomeEditor client={client} roomId={ROOM} labels={{ formattingNotKept: "Nur der Text bleibt." }} />,
    );
    expect(screen.getByText("Nur der Text bleibt.")).toBeInTheDocument();
  });
});

describe("the author's own save, then typing before its echo", () => {
  it("given the room had no welcome, no 'changed elsewhere' notice shows", async () => {
    const { client, script } = await world();
    script.route({ path: /\/state\//, method: "PUT" }, () => ({ json: { event_id: "$mine:example.org" } }));
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v1" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Welcome message saved.");
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "v1, and more" } });
    expect(screen.queryByText(/Someone else changed the welcome message/)).toBeNull();
  });

  it("given the author saved over someone else's newer edition knowingly, no notice shows", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    script.route({ path: /\/state\//, method: "PUT" }, () => ({ json: { event_id: "$mine:example.org" } }));
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "my v2" } });
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: [welcomeEvent("their v2", undefined, { unstable: true, sender: OTHER_MODERATOR })],
          },
        },
      }),
    );
    expect(screen.getByText(/Someone else changed the welcome message/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Welcome message saved.");
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "my v2, and more" } });
    expect(screen.queryByText(/Someone else changed the welcome message/)).toBeNull();
  });
});

describe("a Markdown source another app's edit left behind", () => {
  /** What this editor publishes for "Be **kind**", with its HTML then changed by another app that kept the rest. */
  const editedElsewhere = (html: string) => {
    const content = buildWelcomeContent(
      { text: "Be kind", html: "<p>Be <strong>kind</strong></p>", markdown: "Be **kind**" },
      "m.room.welcome",
    ) as unknown as { "m.room.welcome": Record<string, { mimetype: string; body: string }[]> };
    for (const list of Object.values(content["m.room.welcome"]))
      for (const e of list) if (e.mimetype === "text/html") e.body = html;
    return stateEvent("m.room.welcome", content, { sender: "@admin:example.org" });
  };

  it("given the HTML was changed elsewhere, the editor opens what readers see, not the stale source", async () => {
    const { client } = await world([editedElsewhere("<p>Be <em>very</em> kind</p>")]);
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    // Before: "Be **kind**", and a save would have reverted the other app's change.
    expect(screen.getByLabelText(LABEL)).toHaveValue("Be *very* kind");
  });

  it("given the changed HTML says what Markdown cannot, it opens as text with the note", async () => {
    const { client } = await world([editedElsewhere("<p>Be <u>kind</u></p>")]);
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(screen.getByLabelText(LABEL)).toHaveValue("Be kind");
    expect(screen.getByText(/formatted in another app/)).toBeInTheDocument();
  });

  it("given the author saves in Markdown here, the editor reopens that source (its fingerprint matches)", async () => {
    const { client, script } = await world();
    script.route({ path: /\/state\//, method: "PUT" }, () => ({ json: { event_id: "$mine:example.org" } }));
    const { unmount } = render(<WelcomeEditor client={client} roomId={ROOM} />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "Be **kind**, _always_" } });
    // Once the preview has rendered it (the renderer loads on first use).
    await waitFor(() => expect(document.querySelector('[data-part="preview"] em')).not.toBeNull());
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Welcome message saved.");
    await echo(script);
    unmount();
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(screen.getByLabelText(LABEL)).toHaveValue("Be **kind**, _always_");
  });
});
