// The label-function guard (core/withLabelDefaults) in the dialog: what React can show passes, each distinct error is
// reported once, arrays of nodes are checked item by item, and iterators and attribute labels given as rich text
// fall back to English.
import { act, render, screen } from "@testing-library/react";
import { StrictMode, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, defaultWelcomeDialogLabels, WelcomeBody, WelcomeDialog } from "../../src";
import { CrashBoundary } from "../support/crashBoundary";
import { welcomeEvent } from "../support/events";
import { collectReports } from "../support/reports";
import { welcomeRoom } from "../support/scenarios";
import { htmlWelcome } from "../support/welcomeMessage";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!rules:example.org";

const reported = collectReports();

const world = () =>
  startWorld(ME, welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Hello rules")] }));

/** Opens the welcome dialog of "Rules Lounge" (in StrictMode) with this title label; resolves with its title part. */
async function openWithTitle(title: unknown): Promise<Element | null> {
  const { client } = await world();
  render(
    <StrictMode>
      <CrashBoundary>
        <WelcomeDialog
          client={client}
          roomId={ROOM}
          labels={{ title: title as never }}
          options={{ seenStore: createMemorySeenStore() }}
        />
      </CrashBoundary>
    </StrictMode>,
  );
  const dialog = await screen.findByRole("dialog");
  return dialog.querySelector('[data-part="title"]');
}

describe("label functions through the guard", () => {
  it("a title label returning an array of nodes (react-intl's formatMessage with rich text) is shown", async () => {
    // What `intl.formatMessage({ id: "welcome.title" }, { name, b: (c) => <b>{c}</b> })` returns: an array.
    const title = (name: string) => ["Bienvenue dans ", <b key="b">{name}</b>];
    expect((await openWithTitle(title))?.textContent).toBe("Bienvenue dans Rules Lounge");
  });

  it("a title label returning a fragment-free iterable of strings is shown", async () => {
    const title = (name: string) => [`Bienvenue dans `, name];
    expect((await openWithTitle(title))?.textContent).toBe("Bienvenue dans Rules Lounge");
  });

  it("a title label that throws is reported once, not on every render of the dialog", async () => {
    const { client } = await world();
    const missingKey = () => {
      throw new Error("missing translation: welcome.title");
    };
    const labels = { title: missingKey };
    let bump: () => void = () => {};
    function App() {
      const [n, setN] = useState(0);
      bump = () => setN((x) => x + 1);
      return (
        <>
          <span data-n={n} />
          <WelcomeDialog
            client={client}
            roomId={ROOM}
            labels={labels}
            options={{ seenStore: createMemorySeenStore() }}
          />
        </>
      );
    }
    render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    await screen.findByRole("dialog");
    for (let i = 0; i < 5; i++) act(() => bump());
    expect(reported.length).toBeLessThanOrEqual(1);
  });
});

/** A strict i18n lookup: the catalogue lacks the "with reason" key, so the label throws only for a spoiler with a reason. */
const revealSpoiler = (reason: string) => {
  if (reason) throw new Error("missing translation: spoiler.revealWithReason");
  return "Afficher le spoiler";
};

describe("a label function that throws for some arguments only", () => {
  it("is reported once, not once per spoiler with a reason (alternating with spoilers without one)", () => {
    const html =
      '<p><span data-mx-spoiler="a">1</span> <span data-mx-spoiler>2</span> <span data-mx-spoiler="b">3</span> <span data-mx-spoiler>4</span> <span data-mx-spoiler="c">5</span></p>';
    render(
      <StrictMode>
        <WelcomeBody message={htmlWelcome(html)} labels={{ ...defaultWelcomeDialogLabels, revealSpoiler }} />
      </StrictMode>,
    );
    expect(screen.getAllByRole("button", { name: "Spoiler" })).toHaveLength(5);
    expect(reported.length, reported.map(String).join("\n")).toBeLessThanOrEqual(1);
  });
});

describe("`showable` accepting any iterable", () => {
  it("a title label returning an array holding a plain object (nothing React can show) gives the English title, not a crash", async () => {
    // e.g. a message descriptor left unformatted inside a list of parts.
    const title = (name: string) => ["Bienvenue dans ", { id: "room.name", values: { name } }];
    expect((await openWithTitle(title))?.textContent).toBe("Welcome to Rules Lounge");
    expect(screen.queryByTestId("crashed")).toBeNull();
  });

  it("a spoiler hint returned as a list of parts (react-intl rich text) gives a readable tooltip, not comma-joined parts", () => {
    // The README: "a React element or a list of nodes it returns (react-intl's rich text) is shown". The hint is
    // written into a `title` attribute, where an array is stringified with commas.
    const labels = {
      ...defaultWelcomeDialogLabels,
      revealSpoiler: ((reason: string) => ["Afficher le spoiler ", reason]) as never,
    };
    render(
      <WelcomeBody message={htmlWelcome('<span data-mx-spoiler="plot">the end</span>')} labels={labels} />,
    );
    const spoiler = screen.getByRole("button", { name: "Spoiler" });
    expect(spoiler.getAttribute("title")).not.toContain(",");
  });

  it("a title label returning a generator (an iterable React can walk once) gives the English title, with no warning", async () => {
    const title = function* (name: string) {
      yield "Bienvenue dans ";
      yield name;
    };
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const shown = await openWithTitle(title);
    const warned = errors.mock.calls
      .map((c) => String(c[0]))
      .filter((m) => /Iterators as children|generator/i.test(m));
    errors.mockRestore();
    expect({ title: shown?.textContent, warned }).toEqual({
      title: "Welcome to Rules Lounge",
      warned: [],
    });
  });
});
