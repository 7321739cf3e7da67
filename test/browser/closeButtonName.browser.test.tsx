/**
 * What Chromium gives a screen reader for the welcome dialog's close button (its accessibility tree, through CDP):
 * named once, with no description repeating the name ("Close, button, Close" before).
 */
import "../../src/styles.css";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { axTree } from "../support/axTree";
import { openWelcomeDialog } from "../support/welcomeDialog";

async function buttons() {
  const { nodes } = await axTree();
  const buttons = nodes.filter((n) => !n.ignored && n.role?.value === "button");
  return buttons.map((b) => ({ name: b.name?.value, description: b.description?.value ?? "" }));
}

describe("given an open welcome dialog in Chromium", () => {
  it("the close button is named Close once, with no description repeating it", async () => {
    await openWelcomeDialog();
    expect(await buttons()).toContainEqual({ name: "Close", description: "" });
  });

  it("a translated close label names the button, and still shows as its tooltip", async () => {
    await openWelcomeDialog({ labels: { close: "Schließen" } });
    expect(await buttons()).toContainEqual({ name: "Schließen", description: "" });
    expect(screen.getByRole("button", { name: "Schließen" })).toHaveAttribute("title", "Schließen");
  });
});
