/**
 * The editor's unavailable buttons in a browser without `color-mix()` (before Chrome 111, Safari 16.2, Firefox 113),
 * simulated by renaming the function in the stylesheet to one no browser knows: they still look unavailable, and the
 * focus ring keeps its strength (a review found them looking available, and an opacity fallback fading the ring).
 */
import { render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { commands } from "vitest/browser";
import "../support/browserCommands";
import { WelcomeEditor } from "../../src";
import css from "../../src/styles.css?raw";
import { contrastRatio } from "../support/contrast";
import { EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { tabToUnavailableSave } from "../support/editorKeyboard";
import { welcomeEvent } from "../support/events";
import { paintedAt } from "../support/pixels";

const sheet = document.head.appendChild(document.createElement("style"));
sheet.textContent = css.replaceAll("color-mix(", "no-color-mix(");

afterEach(async () => {
  localStorage.clear();
  await commands.emulateMedia({ colorScheme: null });
});

describe("given a browser without color-mix()", () => {
  it("an unavailable Cancel's text is muted, unlike an available one's, and Save sits on another colour than the surface", async () => {
    await commands.emulateMedia({ colorScheme: "light" });
    const world = await moderatorsWorld([welcomeEvent("House rules", undefined, { unstable: true })]);
    render(<WelcomeEditor client={world.client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    const cancel = screen.getByRole("button", { name: "Cancel" });
    const unavailable = cancel.cloneNode(true) as HTMLElement;
    unavailable.setAttribute("aria-disabled", "true");
    cancel.after(unavailable);
    expect(getComputedStyle(unavailable).color).not.toBe(getComputedStyle(cancel).color);
    unavailable.remove();
    const save = screen.getByRole("button", { name: "Save" });
    const surface = getComputedStyle(document.querySelector(".mnk-welcome-editor")!).backgroundColor;
    expect(getComputedStyle(save).backgroundColor).not.toBe(surface);
    expect(await paintedAt(save, 4, save.getBoundingClientRect().height / 2)).not.toEqual([255, 255, 255]);
  });

  it("the focused, unavailable Save's focus ring keeps 3:1 against the surface", async () => {
    await commands.emulateMedia({ colorScheme: "light" });
    const world = await moderatorsWorld([welcomeEvent("House rules", undefined, { unstable: true })]);
    render(<WelcomeEditor client={world.client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    const save = await tabToUnavailableSave();
    const style = getComputedStyle(save);
    const surface = getComputedStyle(document.querySelector(".mnk-welcome-editor")!).backgroundColor;
    expect(style.opacity).toBe("1");
    expect(contrastRatio(style.outlineColor, surface)).toBeGreaterThanOrEqual(3);
  });
});
