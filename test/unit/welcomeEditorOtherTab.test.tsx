/**
 * One moderator with the welcome editor open in two tabs (two clients of one account, sharing one localStorage).
 */
import { act, fireEvent, render, within } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import {
  CHANGED_ELSEWHERE,
  captureStatePut,
  EDITOR_LABEL,
  EDITOR_ROOM,
  MODERATOR,
  moderatorsWorld,
  OTHER_MODERATOR,
  pushStateEcho,
  SAVED,
} from "../support/editor";
import { redactionEvent, stateEvent, welcomeEvent } from "../support/events";

afterEach(() => localStorage.clear());

const CHANGED_BY_YOU = /You changed the welcome message in another tab or on another device/;
const v1 = () =>
  welcomeEvent("v1", undefined, { unstable: true, sender: OTHER_MODERATOR, eventId: "$v1:example.org" });
const editor = (client: MatrixClient) => (
  <WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />
);
const settle = () => act(() => new Promise((r) => setTimeout(r, 20)));

/** Tab B with the draft "B draft" open, then `event` arriving there. */
async function draftInTabBThen(event: ReturnType<typeof welcomeEvent>) {
  const b = await moderatorsWorld([v1()]);
  const tabB = render(editor(b.client)).container;
  fireEvent.change(within(tabB).getByLabelText(EDITOR_LABEL), { target: { value: "B draft" } });
  await act(() => b.script.push({ join: { [EDITOR_ROOM]: { timeline: [event] } } }));
  await settle();
  return tabB;
}

/** Tab A saves `text` (published as `$v2`), and the edition reaches both tabs. */
async function saveInTabA(
  a: Awaited<ReturnType<typeof moderatorsWorld>>,
  b: typeof a,
  tabA: HTMLElement,
  text: string,
) {
  const sent = captureStatePut(a.script, "$v2:example.org");
  fireEvent.change(within(tabA).getByLabelText(EDITOR_LABEL), { target: { value: text } });
  fireEvent.click(within(tabA).getByRole("button", { name: "Save" }));
  await within(tabA).findByText(SAVED);
  await pushStateEcho(a.script, sent, "$v2:example.org");
  await pushStateEcho(b.script, sent, "$v2:example.org");
  await settle();
}

describe("the welcome editor in two tabs of one account", () => {
  it("given tab B shows the draft tab A is about to save, when A saves it, B has nothing left to save and says no one else changed it", async () => {
    const a = await moderatorsWorld([v1()]);
    const b = await moderatorsWorld([v1()]);
    const tabA = render(editor(a.client)).container;
    fireEvent.change(within(tabA).getByLabelText(EDITOR_LABEL), { target: { value: "v2 text" } });
    // Tab B opened now restores the stored draft (same account, same storage).
    const tabB = render(editor(b.client)).container;
    expect(within(tabB).getByLabelText(EDITOR_LABEL)).toHaveValue("v2 text");
    await saveInTabA(a, b, tabA, "v2 text");
    expect(within(tabB).getByLabelText(EDITOR_LABEL)).toHaveValue("v2 text");
    expect(within(tabB).queryByText(CHANGED_ELSEWHERE)).toBeNull();
    expect(within(tabB).queryByText(CHANGED_BY_YOU)).toBeNull();
    expect(within(tabB).getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
  });

  it("given tab B has a different draft, when A saves, B says the user changed it elsewhere, not someone else, and offers to load that version", async () => {
    const a = await moderatorsWorld([v1()]);
    const b = await moderatorsWorld([v1()]);
    const tabA = render(editor(a.client)).container;
    const tabB = render(editor(b.client)).container;
    fireEvent.change(within(tabB).getByLabelText(EDITOR_LABEL), { target: { value: "B draft" } });
    await saveInTabA(a, b, tabA, "A text");
    expect(within(tabB).queryByText(CHANGED_ELSEWHERE)).toBeNull();
    expect(within(tabB).getByText(CHANGED_BY_YOU)).toBeInTheDocument();
    fireEvent.click(within(tabB).getByRole("button", { name: "Discard this draft and load that version" }));
    expect(within(tabB).getByLabelText(EDITOR_LABEL)).toHaveValue("A text");
  });

  it("given another moderator's edition arrives, the notice still says someone else changed it", async () => {
    const tabB = await draftInTabBThen(
      welcomeEvent("theirs", undefined, { unstable: true, sender: OTHER_MODERATOR }),
    );
    expect(within(tabB).getByText(CHANGED_ELSEWHERE)).toBeInTheDocument();
    expect(
      within(tabB).getByRole("button", { name: "Discard my draft and load theirs" }),
    ).toBeInTheDocument();
  });

  it("given the author removes the welcome in another tab while a draft is open, the notice says it was them", async () => {
    const tabB = await draftInTabBThen(
      stateEvent("org.matrix.msc3857.welcome", {}, { sender: MODERATOR, eventId: "$rm:example.org" }),
    );
    expect(within(tabB).getByText(CHANGED_BY_YOU)).toBeInTheDocument();
    expect(within(tabB).queryByText(CHANGED_ELSEWHERE)).toBeNull();
  });

  it("given another moderator redacts my own edition while a draft is open, the notice says someone else changed it", async () => {
    const b = await moderatorsWorld([
      welcomeEvent("v1", undefined, { unstable: true, sender: MODERATOR, eventId: "$mine:example.org" }),
    ]);
    const tabB = render(editor(b.client)).container;
    fireEvent.change(within(tabB).getByLabelText(EDITOR_LABEL), { target: { value: "B draft" } });
    await act(() =>
      b.script.push({
        join: {
          [EDITOR_ROOM]: { timeline: [redactionEvent("$mine:example.org", { sender: OTHER_MODERATOR })] },
        },
      }),
    );
    await settle();
    expect(within(tabB).getByText(CHANGED_ELSEWHERE)).toBeInTheDocument();
    expect(within(tabB).queryByText(CHANGED_BY_YOU)).toBeNull();
  });
});
