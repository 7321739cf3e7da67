// Labels written inline (a new arrow each render, the usual `labels={{ title: (name) => t("welcome.title", { name }) }}`)
// report the same missing-key error once, not on every render of the host: reports are kept per label slot.
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, defaultWelcomeDialogLabels, WelcomeBody, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { collectReports } from "../support/reports";
import { welcomeRoom } from "../support/scenarios";
import { htmlWelcome } from "../support/welcomeMessage";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!rules:example.org";

const reported = collectReports();

/** A strict i18n `t` missing its key. */
const t = (key: string, _values?: unknown): string => {
  throw new Error(`missing translation: ${key}`);
};

describe("a throwing label written inline, host re-rendered", () => {
  it("WelcomeDialog title: reported once over 5 renders of the host", async () => {
    const { client } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Hello rules")] }),
    );
    const seenStore = createMemorySeenStore();
    const ui = (n: number) => (
      <div data-n={n}>
        <WelcomeDialog
          client={client}
          roomId={ROOM}
          labels={{ title: (name: string) => t("welcome.title", { name }) }}
          options={{ seenStore }}
        />
      </div>
    );
    const { rerender } = render(ui(0));
    await screen.findByRole("dialog");
    for (let n = 1; n < 5; n++) rerender(ui(n));
    expect(reported.map(String)).toEqual(["Error: missing translation: welcome.title"]);
  });

  it("WelcomeBody spoiler hint: reported once over 5 renders of the host", () => {
    const message = htmlWelcome('<p><span data-mx-spoiler="plot">the end</span></p>');
    const ui = () => (
      <WelcomeBody
        message={message}
        labels={{
          ...defaultWelcomeDialogLabels,
          revealSpoiler: (reason: string) => t("spoiler.reveal", { reason }),
        }}
      />
    );
    const { rerender } = render(ui());
    for (let n = 1; n < 5; n++) rerender(ui());
    expect(reported.map(String)).toEqual(["Error: missing translation: spoiler.reveal"]);
  });
});
