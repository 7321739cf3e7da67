/** Keyboard steps in the editor for browser tests (real key presses through vitest's browser mode). */
import { screen } from "@testing-library/react";
import { expect } from "vitest";
import { userEvent } from "vitest/browser";

/** An editor with nothing to save: its Save, unavailable, reached with Shift+Tab from Cancel and focused. */
export async function tabToUnavailableSave(): Promise<HTMLElement> {
  const save = screen.getByRole("button", { name: "Save" });
  expect(save).toHaveAttribute("aria-disabled", "true");
  screen.getByRole("button", { name: "Cancel" }).focus();
  await userEvent.tab({ shift: true });
  expect(save).toHaveFocus();
  return save;
}
