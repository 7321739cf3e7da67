// Label functions are the app's code, called in the kit's render and effects: one that throws (a missing translation
// key in a strict i18n library) or returns nothing showable is reported as uncaught and the English text stands,
// instead of unmounting the host app.
import { render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, WelcomeBody, WelcomeDialog, WelcomeEditor } from "../../src";
import { withLabelDefaults } from "../../src/core/withLabelDefaults";
import { defaultWelcomeDialogLabels } from "../../src/welcome/welcomeLabels";
import { CrashBoundary } from "../support/crashBoundary";
import { stateEvent, welcomeEvent } from "../support/events";
import { collectReports } from "../support/reports";
import { welcomeRoom } from "../support/scenarios";
import { htmlWelcome } from "../support/welcomeMessage";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!rules:example.org";
const missingKey = () => {
  throw new Error("missing translation: welcome.title");
};

const reported = collectReports();

describe("a label function that throws or gives nothing showable", () => {
  it("given a dialog title label that throws, the dialog opens with the English title and the error is reported", async () => {
    const { client } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Hello rules")] }),
    );
    render(
      <CrashBoundary>
        <WelcomeDialog
          client={client}
          roomId={ROOM}
          labels={{ title: missingKey }}
          options={{ seenStore: createMemorySeenStore() }}
        />
      </CrashBoundary>,
    );
    expect(await screen.findByRole("dialog", { name: "Welcome to Rules Lounge" })).toBeTruthy();
    expect(screen.queryByTestId("crashed")).toBeNull();
    expect(reported.map(String)).toContain("Error: missing translation: welcome.title");
  });

  it("given a spoiler hint label that returns a plain object, the spoiler's tooltip is the English hint", () => {
    const labels = { ...defaultWelcomeDialogLabels, revealSpoiler: (() => ({ key: "spoiler" })) as never };
    render(
      <CrashBoundary>
        <WelcomeBody message={htmlWelcome('<span data-mx-spoiler="plot">the end</span>')} labels={labels} />
      </CrashBoundary>,
    );
    const spoiler = screen.getByRole("button", { name: "Spoiler" });
    expect(spoiler.getAttribute("title")).toBe(defaultWelcomeDialogLabels.revealSpoiler("\u2068plot\u2069"));
  });

  it("given a spoiler hint label that throws inside WelcomeBody, the body still renders its spoiler", () => {
    const labels = {
      ...defaultWelcomeDialogLabels,
      revealSpoiler: () => {
        throw new Error("missing translation: welcome.spoiler");
      },
    };
    render(
      <CrashBoundary>
        <WelcomeBody
          message={htmlWelcome('<p>Rules <span data-mx-spoiler="">hidden</span></p>')}
          labels={labels}
        />
      </CrashBoundary>,
    );
    expect(screen.queryByTestId("crashed")).toBeNull();
    expect(screen.getByRole("button", { name: "Spoiler" }).getAttribute("title")).toBe(
      defaultWelcomeDialogLabels.revealSpoiler(""),
    );
    expect(reported).toHaveLength(1);
  });

  it("given an editor size label that throws, the editor shows its English byte count", async () => {
    const pl = stateEvent("m.room.power_levels", { users: { [ME]: 100 } }, { sender: "@mod:example.org" });
    const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [pl] }));
    render(
      <CrashBoundary>
        <WelcomeEditor client={client} roomId={ROOM} labels={{ size: missingKey }} />
      </CrashBoundary>,
    );
    await waitFor(() => expect(document.body.textContent).toMatch(/\d+ of [\d,]+ bytes/));
    expect(screen.queryByTestId("crashed")).toBeNull();
  });

  it("given a read-only editor whose power-level label returns undefined, it says why in English", async () => {
    const pl = stateEvent(
      "m.room.power_levels",
      { users: {}, state_default: 50 },
      { sender: "@mod:example.org" },
    );
    const { client } = await startWorld(ME, welcomeRoom(ME, ROOM, { welcome: [pl] }));
    render(
      <CrashBoundary>
        <WelcomeEditor
          client={client}
          roomId={ROOM}
          labels={{ readOnlyPowerLevel: (() => undefined) as never }}
        />
      </CrashBoundary>,
    );
    expect(
      await screen.findByText("You can't edit the welcome message: it needs power level 50, and yours is 0."),
    ).toBeInTheDocument();
  });

  it("given a label function that returns a React element (an app's <Trans>), the element is shown", async () => {
    const { client } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Hello rules")] }),
    );
    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        labels={{ title: ((name: string) => <em>Bienvenue, {name}</em>) as never }}
        options={{ seenStore: createMemorySeenStore() }}
      />,
    );
    expect(await screen.findByRole("dialog", { name: "Bienvenue, Rules Lounge" })).toBeTruthy();
    expect(reported).toEqual([]);
  });

  it("given a title label that throws, each distinct error is reported once, however often it recurs", () => {
    let missing = "welcome.title.once";
    const title = (name: string) => {
      if (missing) throw new Error(`missing translation: ${missing}`);
      return `Bienvenue dans ${name}`;
    };
    const labels = withLabelDefaults(defaultWelcomeDialogLabels, { title });
    for (let i = 0; i < 5; i++) expect(labels.title("Lounge")).toBe("Welcome to Lounge");
    expect(reported).toHaveLength(1);
    missing = "";
    expect(labels.title("Lounge")).toBe("Bienvenue dans Lounge");
    missing = "welcome.title.once";
    labels.title("Lounge");
    expect(reported).toHaveLength(1);
    missing = "welcome.untitled.once";
    labels.title("Lounge");
    expect(reported.map(String)).toEqual([
      "Error: missing translation: welcome.title.once",
      "Error: missing translation: welcome.untitled.once",
    ]);
  });

  it("given a label function returning a list of nodes (react-intl's rich text), the list is shown", () => {
    const labels = withLabelDefaults(defaultWelcomeDialogLabels, {
      title: ((name: string) => ["Bienvenue dans ", name]) as never,
    });
    expect(labels.title("Lounge")).toEqual(["Bienvenue dans ", "Lounge"]);
  });

  it("given the same label function across renders, the guarded label keeps one identity (effects keyed on it do not re-run)", () => {
    const hint = (reason: string) => `Révéler ${reason}`;
    const a = withLabelDefaults(defaultWelcomeDialogLabels, { revealSpoiler: hint });
    const b = withLabelDefaults(defaultWelcomeDialogLabels, { revealSpoiler: hint });
    expect(a.revealSpoiler).toBe(b.revealSpoiler);
    expect(a.revealSpoiler("x")).toBe("Révéler x");
  });
});
