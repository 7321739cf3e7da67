/**
 * In Chromium: two welcomes due in one sync (a space's and one of its rooms') open one at a time. The one that waits
 * leaves nothing behind (no focus taken, nothing hidden from assistive technology); focus goes from the first dialog
 * to the second, then back to where it was.
 */
import "../../src/styles.css";
import { screen, waitFor } from "@testing-library/react";
import { expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { spaceAndRoomDialogs } from "../support/spaceAndRoom";

it("given the composer focused, the space's welcome takes focus, then the room's, then the composer has it again", async () => {
  const { joinBoth } = await spaceAndRoomDialogs();
  const composer = screen.getByRole("button", { name: "composer" });
  composer.focus();
  await joinBoth();
  const space = await screen.findByRole("dialog");
  expect(space).toHaveTextContent("Space rules");
  expect(screen.getAllByRole("dialog", { hidden: true })).toHaveLength(1);
  await waitFor(() => expect(space.contains(document.activeElement)).toBe(true));
  await userEvent.click(screen.getByRole("button", { name: "Got it" }));
  await waitFor(() => expect(screen.getByRole("dialog")).toHaveTextContent("Lounge rules"));
  const lounge = screen.getByRole("dialog");
  await waitFor(() => expect(lounge.contains(document.activeElement)).toBe(true));
  await userEvent.click(screen.getByRole("button", { name: "Got it" }));
  await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
  await waitFor(() => expect(composer).toHaveFocus());
  expect(composer.closest("[aria-hidden]")).toBeNull();
  expect(document.body.style.pointerEvents).not.toBe("none");
});
