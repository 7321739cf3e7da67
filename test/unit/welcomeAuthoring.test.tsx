import { act, fireEvent, render, renderHook, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import {
  clearWelcomeMessage,
  MAX_CONTENT_BYTES,
  parseWelcomeContent,
  setWelcomeMessage,
  useCanEditWelcome,
  useWelcomeMessage,
  WelcomeEditor,
  WelcomeStore,
  WelcomeTooLargeError,
} from "../../src";
import { stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@mod:example.org";
const ROOM = "!lounge:example.org";

const powerLevels = (users: Record<string, number>, events: Record<string, number> = {}) =>
  stateEvent(
    "m.room.power_levels",
    { users, users_default: 0, state_default: 50, events },
    { sender: "@mod:example.org" },
  );

async function world(level = 100, extra: ReturnType<typeof welcomeEvent>[] = []) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, welcomeRoom(ME, ROOM, { welcome: [powerLevels({ [ME]: level }), ...extra] }));
  return { script, client };
}

const statePuts = (script: SyncScript) => script.requestsTo(/\/state\//, "PUT");

afterEach(() => localStorage.clear());

describe("setWelcomeMessage", () => {
  it("sends the unstable type by default, in both array shapes, with sanitized HTML and the plain text", async () => {
    const { client, script } = await world();
    await setWelcomeMessage(client, ROOM, {
      text: "Be kind",
      html: "<p>Be <b>kind</b></p><script>x()</script>",
    });
    const [put] = statePuts(script);
    expect(put?.path).toMatch(/\/state\/org\.matrix\.msc3857\.welcome\/?$/);
    const inner = (put!.body as Record<string, Record<string, unknown>>)["org.matrix.msc3857.welcome"];
    const parts = [
      { mimetype: "text/html", body: "<p>Be <b>kind</b></p>" },
      { mimetype: "text/plain", body: "Be kind" },
    ];
    expect(inner?.["org.matrix.msc1767.message"]).toEqual(parts);
    expect(inner?.["m.text"]).toEqual(parts);
    expect(parseWelcomeContent(put?.body)).toEqual({ html: "<p>Be <b>kind</b></p>", text: "Be kind" });
  });

  it("with stable, it writes m.room.welcome; with only HTML, the plain text is derived from it", async () => {
    const { client, script } = await world();
    await setWelcomeMessage(
      client,
      ROOM,
      { text: "", html: "<h1>Rules</h1><ul><li>One</li><li>Two</li></ul>" },
      { stable: true },
    );
    const [put] = statePuts(script);
    expect(put?.path).toMatch(/\/state\/m\.room\.welcome\/?$/);
    expect(parseWelcomeContent(put?.body)?.text).toBe("Rules\n\n- One\n- Two");
  });

  it("refuses a message that would not fit in an event, before sending anything", async () => {
    const { client, script } = await world();
    const huge = "x".repeat(MAX_CONTENT_BYTES);
    await expect(setWelcomeMessage(client, ROOM, { text: huge })).rejects.toBeInstanceOf(
      WelcomeTooLargeError,
    );
    expect(statePuts(script)).toHaveLength(0);
  });

  it("clearWelcomeMessage sends empty content for each type that carries a message", async () => {
    const { client, script } = await world(100, [
      welcomeEvent("stable"),
      welcomeEvent("unstable", undefined, { unstable: true }),
    ]);
    await clearWelcomeMessage(client, ROOM);
    const puts = statePuts(script);
    expect(puts.map((p) => p.path.split("/state/")[1]?.replace(/\/$/, "")).sort()).toEqual([
      "m.room.welcome",
      "org.matrix.msc3857.welcome",
    ]);
    expect(puts.every((p) => parseWelcomeContent(p.body) === null)).toBe(true);
  });

  it("clearWelcomeMessage clears the hidden unstable welcome before the shown stable one, so readers never see the older", async () => {
    const { client, script } = await world(100, [
      welcomeEvent("current, stable"),
      welcomeEvent("older, unstable", undefined, { unstable: true }),
    ]);
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM));
    // What a reader sees at each moment: a store's snapshot (React 18 defers the hook's renders until `act` ends).
    const reader = new WelcomeStore(client, ROOM);
    const unsubscribe = reader.subscribe(() => {});
    const shown: (string | undefined)[] = [];
    let sent = 0;
    script.route({ path: /\/state\//, method: "PUT" }, async (req) => {
      const type = req.path.split("/state/")[1]?.replace(/\/$/, "") ?? "";
      sent += 1;
      // Each clear is echoed before the next is sent: what readers see between the two.
      await script.push({ join: { [ROOM]: { timeline: [stateEvent(type, {}, { sender: ME })] } } });
      shown.push(reader.getSnapshot().message?.text);
      return { json: { event_id: `$clear${sent}:example.org` } };
    });
    await act(() => clearWelcomeMessage(client, ROOM));
    unsubscribe();
    expect(shown).toEqual(["current, stable", undefined]);
    expect(result.current.message).toBeNull();
  });

  it("clearWelcomeMessage stops when clearing the hidden unstable welcome is lost (network), leaving the shown one in place", async () => {
    const { client, script } = await world(100, [
      welcomeEvent("current, stable"),
      welcomeEvent("older, unstable", undefined, { unstable: true }),
    ]);
    script.route({ path: /\/state\//, method: "PUT" }, () => "network");
    await expect(clearWelcomeMessage(client, ROOM)).rejects.toBeTruthy();
    expect(statePuts(script).map((p) => p.path.split("/state/")[1]?.replace(/\/$/, ""))).not.toContain(
      "m.room.welcome",
    );
  });
});

describe("useCanEditWelcome", () => {
  it("follows power-level changes live", async () => {
    const { client, script } = await world(0);
    const { result } = renderHook(() => useCanEditWelcome(client, ROOM));
    expect(result.current).toBe(false);
    await act(() => script.push({ join: { [ROOM]: { timeline: [powerLevels({ [ME]: 50 })] } } }));
    expect(result.current).toBe(true);
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [powerLevels({ [ME]: 50 }, { "org.matrix.msc3857.welcome": 75 })] } },
      }),
    );
    expect(result.current).toBe(false);
  });
});

describe("<WelcomeEditor>", () => {
  it("the author writes Markdown, the preview shows what the dialog will show, and saving publishes it", async () => {
    const user = userEvent.setup();
    const { client, script } = await world();
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    await user.type(
      screen.getByLabelText("Message shown to people when they join"),
      "# Rules{enter}{enter}Be **kind**",
    );
    const preview = await screen.findByRole("heading", { name: "Rules", level: 1 });
    expect(preview).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText("kind").tagName).toBe("STRONG"));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Welcome message saved.");
    const body = statePuts(script)[0]?.body;
    expect(parseWelcomeContent(body)).toEqual({
      html: "<h1>Rules</h1>\n<p>Be <strong>kind</strong></p>",
      text: "Rules\n\nBe kind",
    });
  });

  it("without permission it is read-only and says why", async () => {
    const { client } = await world(0);
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(
      screen.getByText("You can't edit the welcome message: it needs power level 50, and yours is 0."),
    ).toBeInTheDocument();
    expect(screen.getByLabelText("Message shown to people when they join")).toHaveAttribute("readonly");
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
  });

  it("without permission, Save (still reachable by keyboard) is described by why it is unavailable", async () => {
    const { client } = await world(0);
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(screen.getByRole("button", { name: "Save" })).toHaveAccessibleDescription(
      "You can't edit the welcome message: it needs power level 50, and yours is 0.",
    );
  });

  it("with a draft over the size limit, Save is described by the limit's note", async () => {
    const { client } = await world(100);
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText("Message shown to people when they join"), {
      target: { value: "x".repeat(70_000) },
    });
    const save = screen.getByRole("button", { name: "Save" });
    expect(save).toHaveAttribute("aria-disabled", "true");
    expect(save).toHaveAccessibleDescription(/too long/i);
  });

  it.each([
    ["forbidden", { status: 403, errcode: "M_FORBIDDEN" } as const, "you don't have permission"],
    ["too large", { status: 413, errcode: "M_TOO_LARGE" } as const, "too long to be sent"],
    ["network", "network" as const, "Check your connection"],
  ])("a %s error is shown and the draft is kept, also across a reload", async (_n, failure, text) => {
    const user = userEvent.setup();
    const { client, script } = await world();
    script.fail({ method: "PUT", path: /\/state\// }, failure);
    const { unmount } = render(<WelcomeEditor client={client} roomId={ROOM} />);
    await user.type(screen.getByLabelText("Message shown to people when they join"), "Draft text");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(text);
    expect(screen.getByLabelText("Message shown to people when they join")).toHaveValue("Draft text");
    unmount();
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    expect(screen.getByLabelText("Message shown to people when they join")).toHaveValue("Draft text");
  });

  it("an existing message written with the editor reopens as its Markdown source; cancel discards the draft", async () => {
    const user = userEvent.setup();
    const { client, script } = await world();
    await setWelcomeMessage(client, ROOM, { text: "Hi", html: "<p><em>Hi</em></p>" }, { markdown: "_Hi_" });
    const put = statePuts(script)[0]!;
    await script.push({
      join: {
        [ROOM]: { timeline: [stateEvent("org.matrix.msc3857.welcome", put.body as Record<string, unknown>)] },
      },
    });
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    const textarea = screen.getByLabelText("Message shown to people when they join");
    expect(textarea).toHaveValue("_Hi_");
    await user.type(textarea, " there");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(textarea).toHaveValue("_Hi_");
  });
});
