// The welcome editor while permissions, other moderators' editions and the draft's size change, and what its preview
// shows: what readers' dialogs will show.
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createMemorySeenStore, WelcomeDialog, WelcomeEditor } from "../../src";
import { CHANGED_ELSEWHERE, EDITOR_LABEL, holdStatePuts, statePuts, typeAndSave } from "../support/editor";
import { stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@mod:example.org";
const ROOM = "!lounge:example.org";
const LABEL = EDITOR_LABEL;
const NOTICE = CHANGED_ELSEWHERE;
const pl = (users: Record<string, number>, events: Record<string, number> = {}) =>
  stateEvent("m.room.power_levels", { users, users_default: 0, state_default: 50, events }, { sender: ME });
afterEach(() => localStorage.clear());

async function world(extra: ReturnType<typeof welcomeEvent>[] = []) {
  return startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [pl({ [ME]: 100 }), ...extra] }));
}

describe("editor under concurrent change", () => {
  it("permission revoked while editing: the draft stays (screen and storage), Save goes off; restored: Save comes back", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "my draft" } });
    await act(() => script.push({ join: { [ROOM]: { timeline: [pl({ [ME]: 0 })] } } }));
    expect(screen.getByLabelText(LABEL)).toHaveValue("my draft");
    expect(screen.getByLabelText(LABEL)).toHaveAttribute("readonly");
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    await act(() => script.push({ join: { [ROOM]: { timeline: [pl({ [ME]: 100 })] } } }));
    expect(screen.getByLabelText(LABEL)).toHaveValue("my draft");
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled"),
    );
  });

  it("permission revoked while a save is out: the server's 403 is reported and the draft kept", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    const release = holdStatePuts(script, { status: 403, errcode: "M_FORBIDDEN" });
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    typeAndSave("my draft");
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    await act(() => script.push({ join: { [ROOM]: { timeline: [pl({ [ME]: 0 })] } } }));
    await act(async () => release());
    expect(await screen.findByRole("alert")).toHaveTextContent("permission");
    expect(screen.getByLabelText(LABEL)).toHaveValue("my draft");
  });

  it("another moderator's edition arriving while the save is out (and applied before it) leaves no false notice once the save's echo is in", async () => {
    const { client, script } = await world([welcomeEvent("v1", undefined, { unstable: true })]);
    const release = holdStatePuts(script, { json: { event_id: "$mine:example.org" } });
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    typeAndSave("mine");
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    const theirs = welcomeEvent("theirs", undefined, { unstable: true, sender: "@other:example.org" });
    await act(() => script.push({ join: { [ROOM]: { timeline: [theirs] } } }));
    await act(async () => release());
    await screen.findByText("Welcome message saved.");
    // The author goes on typing; the server applied theirs first, then mine (echo on its way).
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "mine, more" } });
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: [welcomeEvent("mine", undefined, { unstable: true, eventId: "$mine:example.org" })],
          },
        },
      }),
    );
    expect(screen.queryByText(NOTICE)).toBeNull();
    expect(screen.getByLabelText(LABEL)).toHaveValue("mine, more");
  });

  it("a very large paste in Markdown: Save is off and the size is flagged; deleting back re-enables it; nothing is lost", async () => {
    const { client } = await world();
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    const box = screen.getByLabelText(LABEL);
    const huge = "Rule text that goes on. ".repeat(4000); // ~96 KB
    fireEvent.change(box, { target: { value: huge } });
    expect(box).toHaveValue(huge);
    await waitFor(() => expect(box).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    // Why Save is off is said at once (and tied to the text area), not only after a save that cannot be made.
    expect(box).toHaveAccessibleDescription(expect.stringContaining("too long to be sent"));
    fireEvent.change(box, { target: { value: "Short rules" } });
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled"),
    );
    expect(screen.queryByText(/too long to be sent/)).toBeNull();
  });

  it.each([
    ["a link reference definition", "[rules]: https://example.org/rules"],
    ["a non-mxc image", "![](https://example.org/x.png)"],
    ["a thematic break", "---"],
    ["only invisible characters (a zero-width space, a word joiner)", "\u200b\u2060"],
    ["an empty code fence", "```\n```"],
    ["an empty heading", "#"],
  ])("Markdown that renders to nothing (%s) cannot be saved, and nothing throws", async (_n, source) => {
    const { client, script } = await world();
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: source } });
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true"),
    );
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await new Promise((r) => setTimeout(r, 50));
    expect(statePuts(script)).toHaveLength(0);
  });
});

describe("the editor's preview is what the dialog shows", () => {
  it("a Markdown link without text ([](url)): the preview shows what readers will see, not a blank", async () => {
    const { client, script } = await world();
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    fireEvent.change(screen.getByLabelText(LABEL), { target: { value: "[](https://example.org)" } });
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled"),
    );
    const preview = document.querySelector('[data-part="preview"]')!;
    const previewText = preview.textContent;
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Welcome message saved.");
    // What a newcomer sees: the published event, as the dialog renders it.
    const sent = statePuts(script)[0]!;
    const published = stateEvent("org.matrix.msc3857.welcome", sent.body as Record<string, unknown>, {
      sender: ME,
    });
    await act(() => script.push({ join: { [ROOM]: { timeline: [published] } } }));
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        open={true}
        options={{ seenStore: createMemorySeenStore() }}
      />,
    );
    const body = screen.getByRole("dialog").querySelector('[data-part="body"]')!;
    expect(body.textContent).toContain("https://example.org/");
    expect(previewText).toBe(body.textContent);
  });
});
