/**
 * The editor as the fourth and fifth reviews found it: a late echo that came while the editor was closed, focus inside
 * shadow roots (the Remove question, keyboard saves), the question coming back on its own, two saves' echoes in order
 * (also answered out of order, from two editors), an error left standing once the text it was about is published (but
 * not a removal's), and typing after a removal whose answer was lost.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import {
  answerStatePuts,
  CHANGED_ELSEWHERE,
  EDITOR_LABEL,
  EDITOR_ROOM,
  holdStatePuts,
  KEEP_WELCOME,
  loseStatePutAnswers,
  MODERATOR,
  moderatorsWorld,
  myEcho,
  OTHER_MODERATOR,
  openGate,
  REMOVE,
  REMOVE_QUESTION,
  removeWelcome,
  SAVED,
  saveMineHeld,
  statePuts,
  typeAndSave,
} from "../support/editor";
import { stateEvent, textMessageEvent, welcomeEvent } from "../support/events";

const ROOM = EDITOR_ROOM;
const UNSTABLE = "org.matrix.msc3857.welcome";

afterEach(() => localStorage.clear());

const chat = { join: { [ROOM]: { timeline: [textMessageEvent("hi", { sender: OTHER_MODERATOR })] } } };
const storedDrafts = () => Object.keys(localStorage).filter((k) => localStorage.getItem(k)?.includes("mine"));

/**
 * My save of "mine" over "v1" is answered, but two syncs bring no echo of it (the draft is unsaved again); the next
 * state PUT is refused (429).
 */
async function savedMineThenRefused() {
  const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
  answerStatePuts(script, [
    { json: { event_id: "$mine:example.org" } },
    { status: 429, json: { errcode: "M_LIMIT_EXCEEDED", error: "Too many requests" } },
  ]);
  render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
  typeAndSave("mine");
  await screen.findByText(SAVED);
  await act(() => script.push(chat));
  await act(() => script.push(chat));
  await waitFor(() =>
    expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled"),
  );
  return { client, script };
}

describe("a save the watch gave up on, when its echo comes while the editor is closed", () => {
  it("given two syncs after my save's answer brought no echo and the editor was closed, when my echo arrives and the editor is opened again, then it shows my text as saved (nothing to save, no stored draft)", async () => {
    const { client, script, release, unmount } = await saveMineHeld();
    await act(async () => release());
    await screen.findByText(SAVED);
    await act(() => script.push(chat));
    await act(() => script.push(chat));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled"),
    );
    // The author closes the editor; the late sync brings my echo while no editor is open.
    unmount();
    await act(() => script.push({ join: { [ROOM]: { timeline: [myEcho()] } } }));
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("mine");
    // Bug: the stored draft "mine" (base: my edition, which readers now see) opens as unsaved, Save enabled, and the
    // message-following effect never looks at it (no message change after mount): it stays so for good.
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    expect(storedDrafts()).toEqual([]);
  });
});

describe("the Remove question's focus in a shadow root", () => {
  it("given the editor in an open shadow root with focus on Keep it, when someone else removes the welcome, then focus goes to the text area, not the page body", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("House rules")]);
    const host = document.createElement("div");
    document.body.append(host);
    const shadow = host.attachShadow({ mode: "open" });
    const container = document.createElement("div");
    shadow.append(container);
    render(<WelcomeEditor client={client} roomId={ROOM} />, { container });
    const editor = within(container);
    fireEvent.click(editor.getByRole("button", { name: REMOVE }));
    expect(shadow.activeElement).toBe(editor.getByRole("button", { name: KEEP_WELCOME }));
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [stateEvent("m.room.welcome", {}, { sender: OTHER_MODERATOR })] } },
      }),
    );
    await waitFor(() => expect(editor.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull());
    // Bug: `group.contains(ownerDocument.activeElement)` sees the shadow host, not Keep it: focus falls to the body.
    expect(shadow.activeElement).toBe(editor.getByLabelText(EDITOR_LABEL));
    host.remove();
  });

  it("given the editor in an open shadow root, when Save is pressed from the keyboard, then once saved focus is back in the text area, not the page body", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("House rules")]);
    const release = holdStatePuts(script, { json: { event_id: "$kbd:example.org" } });
    const host = document.createElement("div");
    document.body.append(host);
    const shadow = host.attachShadow({ mode: "open" });
    const container = document.createElement("div");
    shadow.append(container);
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />, { container });
    const editor = within(container);
    fireEvent.change(editor.getByLabelText(EDITOR_LABEL), { target: { value: "New rules" } });
    const save = editor.getByRole("button", { name: "Save" });
    save.focus();
    expect(shadow.activeElement).toBe(save);
    fireEvent.click(save);
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    // jsdom keeps focus on a disabled button; a browser's focus leaves it (blur): as the editor checks, "lost".
    save.blur();
    await act(async () => release());
    await editor.findByText(SAVED);
    // Bug: `actionsRef.contains(ownerDocument.activeElement)` saw the host when Save was pressed, so no restore.
    expect(shadow.activeElement).toBe(editor.getByLabelText(EDITOR_LABEL));
    host.remove();
  });
});

describe("the Remove question after it closed on a new edition", () => {
  it("given the question closed because someone published a newer (stable) welcome, when they remove it and the older (unstable) one it asked about shows again, then the question does not reopen by itself and take focus", async () => {
    const { client, script } = await moderatorsWorld([
      welcomeEvent("Old rules", undefined, { unstable: true }),
    ]);
    render(<WelcomeEditor client={client} roomId={ROOM} />);
    fireEvent.click(screen.getByRole("button", { name: REMOVE }));
    expect(screen.getByRole("button", { name: KEEP_WELCOME })).toHaveFocus();
    const sync = (event: ReturnType<typeof stateEvent>) =>
      act(() => script.push({ join: { [ROOM]: { timeline: [event] } } }));
    await sync(welcomeEvent("New rules", undefined, { sender: OTHER_MODERATOR }));
    await waitFor(() => expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("New rules"));
    expect(screen.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull();
    // The moderator goes on typing.
    const source = screen.getByLabelText(EDITOR_LABEL);
    source.focus();
    fireEvent.change(source, { target: { value: "New rules, edited" } });
    // The other moderator takes the stable welcome back: readers fall back to the old unstable one.
    await sync(stateEvent("m.room.welcome", {}, { sender: OTHER_MODERATOR }));
    // Bug: `askedAbout` still names the old edition, so the question opens again unasked and "Keep it" takes focus
    // from the text area mid-typing.
    expect(screen.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull();
    expect(source).toHaveFocus();
  });
});

describe("my two saves' echoes, late and in order", () => {
  it("given I saved twice before either echo came, when the first echo arrives, I type, and then the second arrives, then the editor does not say someone else changed the welcome", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const ids = ["$one:example.org", "$two:example.org"];
    script.route({ method: "PUT", path: /\/state\// }, () => ({ json: { event_id: ids.shift() } }));
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    typeAndSave("one");
    await screen.findByText(SAVED);
    typeAndSave("two");
    await waitFor(() => expect(statePuts(script)).toHaveLength(2));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true"),
    );
    const echo = (text: string, eventId: string) =>
      act(() =>
        script.push({
          join: {
            [ROOM]: {
              timeline: [welcomeEvent(text, undefined, { unstable: true, sender: MODERATOR, eventId })],
            },
          },
        }),
      );
    // A sync worker behind the one that took the saves: their echoes come one sync apart.
    await echo("one", "$one:example.org");
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "three" } });
    await echo("two", "$two:example.org");
    // Bug: when "one" showed, the editor took it as my latest edition and forgot the later "two" was mine too
    // (own.published cleared down to "one"), so "two" reads as someone else's.
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
  });
});

describe("a save the watch gave up on, saved again without success, when its echo comes", () => {
  it("given two syncs brought no echo of my save and saving it again was refused (rate limit), when my first save's echo arrives, then the editor no longer says my draft is kept", async () => {
    const { script } = await savedMineThenRefused();
    const save = screen.getByRole("button", { name: "Save" });
    // The editor says "mine" is unsaved: the author saves it again, and the homeserver refuses for now.
    fireEvent.click(save);
    expect(await screen.findByRole("alert")).toHaveTextContent("Your draft is kept");
    await act(() => script.push({ join: { [ROOM]: { timeline: [myEcho()] } } }));
    // "mine" is what readers see: nothing to save (Save disabled, no stored draft)...
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    expect(storedDrafts()).toEqual([]);
    // Bug: ...yet the error still says the save failed and the draft is kept.
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("typing after a removal whose answer was lost", () => {
  it("given my removal's answer was lost (the server applied it) and I typed since, when its echo arrives, then the editor does not say someone else changed the welcome", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const lost = loseStatePutAnswers(script, UNSTABLE);
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />);
    removeWelcome();
    await screen.findByRole("alert");
    // The author goes on typing (the status goes back to idle: the failed attempt is no longer in it).
    fireEvent.change(screen.getByLabelText(EDITOR_LABEL), { target: { value: "New rules" } });
    await act(() => script.push({ join: { [ROOM]: { timeline: [lost.echo(MODERATOR)] } } }));
    await waitFor(() =>
      expect(client.getRoom(ROOM)!.currentState.getStateEvents(UNSTABLE, "")!.getContent()).toEqual({}),
    );
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveValue("New rules");
    expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
  });
});

describe("a removal refused while a save the watch gave up on is still unconfirmed", () => {
  it("given two syncs brought no echo of my save and my removal was then refused (rate limit), when my save's echo arrives, then the editor still says the removal failed, not 'saved'", async () => {
    const { script } = await savedMineThenRefused();
    // The author decides to remove the welcome instead; the homeserver refuses for now.
    removeWelcome();
    const alert = await screen.findByRole("alert");
    const refusal = alert.textContent;
    await act(() =>
      script.push({
        join: {
          [ROOM]: {
            timeline: [myEcho()],
          },
        },
      }),
    );
    expect(screen.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
    // The welcome is still there: the removal's failure stands, and nothing claims a save just happened.
    expect(screen.queryByText(SAVED)).toBeNull();
    expect(screen.getByRole("alert")).toHaveTextContent(refusal ?? "");
  });
});

describe("two editors of the room, their saves answered in the other order than applied", () => {
  it("given two editors of the room saved 'one' then 'two' and the server applied them in that order but answered 'two' first, when the echoes arrive in order with typing between, then the editor does not say someone else changed the welcome", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    const gates = { one: openGate(), two: openGate() };
    script.route({ method: "PUT", path: /\/state\// }, async (req) => {
      const text = JSON.stringify(req.body).includes('"one"') ? "one" : "two";
      await gates[text].gate;
      return { json: { event_id: `$${text}:example.org` } };
    });
    const first = document.body.appendChild(document.createElement("div"));
    const second = document.body.appendChild(document.createElement("div"));
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />, { container: first });
    render(<WelcomeEditor client={client} roomId={ROOM} defaultFormat="plain" />, { container: second });
    const [e1, e2] = [within(first), within(second)];
    const saveIn = (e: typeof e1, text: string) => {
      fireEvent.change(e.getByLabelText(EDITOR_LABEL), { target: { value: text } });
      fireEvent.click(e.getByRole("button", { name: "Save" }));
    };
    saveIn(e1, "one");
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    saveIn(e2, "two");
    await waitFor(() => expect(statePuts(script)).toHaveLength(2));
    // The server applied "one", then "two"; the answer to "two" comes back first.
    await act(async () => gates.two.release());
    await e2.findByText(SAVED);
    await act(async () => gates.one.release());
    await e1.findByText(SAVED);
    const echo = (text: string) =>
      act(() =>
        script.push({
          join: {
            [ROOM]: {
              timeline: [
                welcomeEvent(text, undefined, {
                  unstable: true,
                  sender: MODERATOR,
                  eventId: `$${text}:example.org`,
                }),
              ],
            },
          },
        }),
      );
    await echo("one");
    fireEvent.change(e2.getByLabelText(EDITOR_LABEL), { target: { value: "three" } });
    await echo("two");
    expect(e2.queryByText(CHANGED_ELSEWHERE)).toBeNull();
  });
});
