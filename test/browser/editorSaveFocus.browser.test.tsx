/**
 * Keyboard focus through a save, in Chromium (which takes focus off a button that becomes `disabled`): the editor's
 * buttons are aria-disabled while unavailable, so focus stays where the author pressed, the outcome is announced
 * once (the polite status or the alert), and a press while unavailable does nothing.
 */
import "../../src/styles.css";
import { act, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { WelcomeEditor } from "../../src";
import {
  EDITOR_LABEL,
  EDITOR_ROOM,
  holdStatePuts,
  moderatorsWorld,
  SAVED,
  statePuts,
} from "../support/editor";
import { tabToUnavailableSave } from "../support/editorKeyboard";
import { welcomeEvent } from "../support/events";

afterEach(() => localStorage.clear());

async function editorWithDraft(answer: Parameters<typeof holdStatePuts>[1]) {
  const world = await moderatorsWorld([welcomeEvent("House rules", undefined, { unstable: true })]);
  const release = holdStatePuts(world.script, answer);
  render(<WelcomeEditor client={world.client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
  const box = screen.getByLabelText(EDITOR_LABEL);
  await userEvent.click(box);
  await userEvent.keyboard("{Control>}a{/Control}New rules");
  const save = screen.getByRole("button", { name: "Save" });
  await waitFor(() => expect(save).not.toHaveAttribute("aria-disabled"));
  return { ...world, release, save, box };
}

describe("given a draft saved from the keyboard", () => {
  it("while the save is out, focus stays on the button, now 'Saving…' and unavailable, and pressing it again sends nothing", async () => {
    const { script, save, release } = await editorWithDraft({ json: { event_id: "$kbd:example.org" } });
    save.focus();
    await userEvent.keyboard("{Enter}");
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    expect(save).toHaveFocus();
    expect(save).toHaveAccessibleName("Saving…");
    expect(save).toHaveAttribute("aria-disabled", "true");
    await userEvent.keyboard("{Enter}");
    await userEvent.keyboard(" ");
    expect(statePuts(script)).toHaveLength(1);
    await act(async () => release());
  });

  it("once saved, focus is still on Save and the status says so", async () => {
    const { save, release } = await editorWithDraft({ json: { event_id: "$kbd:example.org" } });
    save.focus();
    await userEvent.keyboard("{Enter}");
    await act(async () => release());
    await screen.findByText(SAVED);
    expect(screen.getByRole("status")).toHaveTextContent(SAVED);
    expect(save).toHaveFocus();
    // Nothing left to save: still reachable, unavailable.
    expect(save).toHaveAttribute("aria-disabled", "true");
  });

  it("when the save is refused, focus stays on Save (the text area, which the error describes, does not take it) and the alert says why", async () => {
    const { save, box, release } = await editorWithDraft({
      json: { errcode: "M_FORBIDDEN", error: "You may not" },
      status: 403,
    });
    save.focus();
    await userEvent.keyboard("{Enter}");
    await act(async () => release());
    expect((await screen.findByRole("alert")).textContent).toMatch(/permission/);
    expect(save).toHaveFocus();
    expect(box).not.toHaveFocus();
    expect(save).not.toHaveAttribute("aria-disabled");
  });

  it("Cancel pressed while the save is out keeps the draft, and Tab still reaches it", async () => {
    const { script, save, box, release } = await editorWithDraft({ json: { event_id: "$kbd:example.org" } });
    save.focus();
    await userEvent.keyboard("{Enter}");
    await waitFor(() => expect(statePuts(script)).toHaveLength(1));
    await userEvent.tab();
    const cancel = screen.getByRole("button", { name: "Cancel" });
    expect(cancel).toHaveFocus();
    expect(cancel).toHaveAttribute("aria-disabled", "true");
    await userEvent.keyboard("{Enter}");
    expect(box).toHaveValue("New rules");
    await act(async () => release());
  });
});

describe("given nothing to save", () => {
  it("Save is reachable with Tab, says it is unavailable, and pressing it sends nothing", async () => {
    const { client, script } = await moderatorsWorld([
      welcomeEvent("House rules", undefined, { unstable: true }),
    ]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    const save = await tabToUnavailableSave();
    await userEvent.keyboard("{Enter}");
    // A pointer's click (Playwright's own click refuses an aria-disabled element, as it should).
    save.click();
    await new Promise((r) => setTimeout(r, 50));
    expect(statePuts(script)).toHaveLength(0);
    expect(getComputedStyle(save).cursor).toBe("not-allowed");
  });
});
