/**
 * The editor's unavailable buttons (aria-disabled) as they look, and where focus goes when a control it is on goes
 * away or is disabled, in Chromium (a review's probes of the aria-disabled change: each failed before its fix).
 */
import "../../src/styles.css";
import { render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { commands } from "vitest/browser";
import "../support/browserCommands";
import { WelcomeEditor } from "../../src";
import { contrastRatio } from "../support/contrast";
import {
  EDITOR_LABEL,
  EDITOR_ROOM,
  moderatorLevels,
  moderatorsWorld,
  OTHER_MODERATOR,
  REMOVE,
  syncEditorRoom,
} from "../support/editor";
import { tabToUnavailableSave } from "../support/editorKeyboard";
import { stateEvent, welcomeEvent } from "../support/events";
import { paintedAt } from "../support/pixels";

afterEach(async () => {
  localStorage.clear();
  await commands.emulateMedia({ colorScheme: null, forcedColors: null });
});

const settle = (ms = 100) => new Promise((r) => setTimeout(r, ms));
const editorWorld = () => moderatorsWorld([welcomeEvent("House rules", undefined, { unstable: true })]);

/** The colour `color` shows at `opacity` over `surface` (both `rgb()`). */
function over(color: string, surface: string, opacity: number): string {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).map(Number) as [number, number, number];
  const [sr, sg, sb] = (surface.match(/[\d.]+/g) ?? []).map(Number) as [number, number, number];
  const mix = (a: number, s: number) => Math.round(a * opacity + s * (1 - opacity));
  return `rgb(${mix(r, sr)}, ${mix(g, sg)}, ${mix(b, sb)})`;
}

describe("the unavailable Save, focused after a save", () => {
  for (const theme of ["light", "dark"] as const)
    it(`${theme}: its focus ring keeps 3:1 against the editor's surface (dimmed by colour, not opacity)`, async () => {
      await commands.emulateMedia({ colorScheme: theme });
      const { client } = await editorWorld();
      render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
      const save = await tabToUnavailableSave();
      const style = getComputedStyle(save);
      const surface = getComputedStyle(document.querySelector(".mnk-welcome-editor")!).backgroundColor;
      const ring = over(style.outlineColor, surface, Number(style.opacity));
      expect(style.outlineStyle).not.toBe("none");
      expect(contrastRatio(ring, surface)).toBeGreaterThanOrEqual(3);
      expect(style.cursor).toBe("not-allowed");
    });

  for (const [label, buttonBg] of [
    ["a plain --mnk-button-bg", "#0467dd"],
    ["a gradient --mnk-button-bg", "linear-gradient(#0467dd, #0467dd)"],
  ] as const)
    it(`with ${label}, it is painted 60% of the way to the editor's surface, as the old 60% opacity looked`, async () => {
      await commands.emulateMedia({ colorScheme: "light" });
      const { client } = await editorWorld();
      render(
        <div style={{ ["--mnk-button-bg" as string]: buttonBg }}>
          <WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />
        </div>,
      );
      const save = screen.getByRole("button", { name: "Save" });
      expect(save).toHaveAttribute("aria-disabled", "true");
      // Inside the padding, clear of the text and the border: #0467dd 60% over the white surface.
      const painted = await paintedAt(save, 4, save.getBoundingClientRect().height / 2);
      const expected = [104, 164, 235];
      for (const [i, channel] of painted.entries())
        expect(Math.abs(channel - expected[i]!)).toBeLessThanOrEqual(2);
    });

  it("in forced colours, it is drawn in the system's colour for unavailable controls, as a disabled button is", async () => {
    const { client } = await editorWorld();
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    const save = screen.getByRole("button", { name: "Save" });
    const twin = save.cloneNode(true) as HTMLButtonElement;
    twin.removeAttribute("aria-disabled");
    twin.disabled = true;
    save.after(twin);
    await commands.emulateMedia({ forcedColors: "active" });
    await settle(50);
    const saveColor = getComputedStyle(save).color;
    const disabledColor = getComputedStyle(twin).color;
    twin.remove();
    expect(saveColor).toBe(disabledColor);
  });
});

describe("focus when the control it is on goes", () => {
  it("given focus on Remove, when the moderator loses the power to edit, focus goes to the text area, not the page body", async () => {
    const world = await editorWorld();
    render(<WelcomeEditor client={world.client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    screen.getByRole("button", { name: REMOVE }).focus();
    await syncEditorRoom(world.script, moderatorLevels(0));
    await waitFor(() => expect(screen.queryByRole("button", { name: REMOVE })).toBeNull());
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveFocus();
  });

  it("given focus on Remove, when someone else removes the welcome, focus goes to the text area, not the page body", async () => {
    const world = await editorWorld();
    render(<WelcomeEditor client={world.client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    screen.getByRole("button", { name: REMOVE }).focus();
    await syncEditorRoom(
      world.script,
      stateEvent("org.matrix.msc3857.welcome", {}, { sender: OTHER_MODERATOR }),
    );
    await waitFor(() => expect(screen.queryByRole("button", { name: REMOVE })).toBeNull());
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveFocus();
  });

  it("given focus on a format option, when the moderator loses the power to edit (the options are disabled), focus goes to the text area", async () => {
    const world = await editorWorld();
    render(<WelcomeEditor client={world.client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    screen.getByRole("radio", { name: "Plain text" }).focus();
    await syncEditorRoom(world.script, moderatorLevels(0));
    await waitFor(() => expect(screen.getByRole("radio", { name: "Plain text" })).toBeDisabled());
    await settle(50);
    expect(screen.getByLabelText(EDITOR_LABEL)).toHaveFocus();
  });
});
