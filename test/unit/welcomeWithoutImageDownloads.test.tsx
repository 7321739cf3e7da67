/**
 * An app that honours its user's "no media previews" setting passes `mediaUrl: () => null`: the welcome shows its
 * text and its images' alt text, and nothing is downloaded.
 */
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const MEDIA = /\/media\//;

describe("a welcome's images with downloads turned off", () => {
  it("given mediaUrl: () => null, the dialog shows the text and the images' alt text, and no media is requested", async () => {
    const html =
      '<p>Read the rules.</p><img src="mxc://example.org/map" alt="A map of the venue"><img src="mxc://elsewhere.example/logo" alt="Our logo">';
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules", html)] }),
    );
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore: createMemorySeenStore(), mediaUrl: () => null }}
      />,
    );
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("Read the rules.");
    expect(dialog).toHaveTextContent("A map of the venue");
    expect(dialog).toHaveTextContent("Our logo");
    expect(dialog.querySelector("img")).toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    expect(script.requestsTo(MEDIA)).toEqual([]);
  });
});
