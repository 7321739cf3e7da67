/**
 * The dialog says who set the welcome: the sender's display name in the room (as its member state holds it now) and
 * always their Matrix ID, isolated so that a hostile name neither turns the line nor passes for part of the kit's
 * sentence; worded by the `sentBy` label, and left out when the app says so.
 */
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, WelcomeDialog, type WelcomeDialogProps } from "../../src";
import { memberEvent, type RawEvent, welcomeEvent } from "../support/events";
import { collectReports } from "../support/reports";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";

const reported = collectReports();

/** The user's first join of a room whose welcome @mod set, @mod's member event naming them `modName`. */
async function openDialog(modName: string | undefined, props: Partial<WelcomeDialogProps> = {}) {
  const batch = welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Hello")] });
  const room = batch.join![ROOM]!;
  room.state = room.state!.map((event: RawEvent) =>
    event.type === "m.room.member" && event.state_key === MOD
      ? memberEvent(MOD, "join", { displayName: modName })
      : event,
  );
  const { client, script } = await startWorld(ME, batch);
  render(
    <WelcomeDialog
      client={client}
      roomId={ROOM}
      options={{ seenStore: createMemorySeenStore() }}
      {...props}
    />,
  );
  const dialog = await screen.findByRole("dialog");
  const line = () => dialog.querySelector<HTMLElement>('[data-part="sender"]');
  return { client, script, dialog, line };
}

describe("given a welcome set by a member with a display name", () => {
  it("the line under the title names them and their Matrix ID, and the dialog's description says it", async () => {
    const { dialog, line } = await openDialog("Alice");
    expect(line()?.textContent).toBe("From Alice (@mod:example.org)");
    expect(line()!.querySelector('[data-part="sender-name"]')?.textContent).toBe("Alice");
    expect(line()!.querySelector('[data-part="sender-id"]')?.textContent).toBe("@mod:example.org");
    // Read when the dialog opens, before the kit's description.
    expect(dialog).toHaveAccessibleDescription(
      "From Alice (@mod:example.org) A welcome message set for this room.",
    );
    // Between the header and the message.
    const header = dialog.querySelector('[data-part="header"]')!;
    const scroll = dialog.querySelector('[data-part="scroll"]')!;
    expect(header.compareDocumentPosition(line()!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(line()!.compareDocumentPosition(scroll) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("when their member state changes the name, the open dialog shows the new one", async () => {
    const { script, line } = await openDialog("Alice");
    await act(() =>
      script.push({
        join: { [ROOM]: { timeline: [memberEvent(MOD, "join", { displayName: "Alice (moderator)" })] } },
      }),
    );
    expect(line()?.textContent).toBe("From Alice (moderator) (@mod:example.org)");
  });

  it("a name another member shares too: shown once, with the ID (not the SDK's name with the ID in it)", async () => {
    const { script, line } = await openDialog("Alice");
    await act(() =>
      script.push({
        join: {
          [ROOM]: { timeline: [memberEvent("@alice:evil.example", "join", { displayName: "Alice" })] },
        },
      }),
    );
    expect(line()?.textContent).toBe("From Alice (@mod:example.org)");
  });
});

describe("given a sender with no name to show", () => {
  it.each([
    ["no display name", undefined],
    ["a blank one", "   "],
    ["an invisible one (zero-width spaces, a direction mark, a Hangul filler)", "\u200B\u200B\u200F\u3164"],
    ["one that is the ID itself", MOD],
  ])("%s: the line shows the ID only", async (_case, name) => {
    const { line } = await openDialog(name);
    expect(line()?.textContent).toBe("From @mod:example.org");
    expect(line()!.querySelector('[data-part="sender-name"]')).toBeNull();
  });

  it("a member who set a name and then cleared it: the ID only", async () => {
    const { script, line } = await openDialog("Alice");
    await act(() => script.push({ join: { [ROOM]: { timeline: [memberEvent(MOD, "join")] } } }));
    expect(line()?.textContent).toBe("From @mod:example.org");
  });
});

describe("given a hostile display name", () => {
  it("a right-to-left override: no bidi control reaches the page, the name and the ID are each isolated", async () => {
    // Shown raw, "\u202E" would turn what follows: "gro.elpmaxe:nimda@" reads "@admin:example.org".
    const { line } = await openDialog("\u202Egro.elpmaxe:nimda@\u2067");
    const name = line()!.querySelector('[data-part="sender-name"]')!;
    const id = line()!.querySelector('[data-part="sender-id"]')!;
    expect(name.tagName).toBe("BDI");
    expect(id.tagName).toBe("BDI");
    expect(id).toHaveAttribute("dir", "ltr");
    expect(name.textContent).toBe("gro.elpmaxe:nimda@");
    expect(id.textContent).toBe(MOD);
    expect(line()!.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it("a name in Arabic in an English dialog: isolated, the ID after it unmoved", async () => {
    const { line } = await openDialog("أليس");
    expect(line()!.querySelector("bdi[data-part=sender-name]")).toHaveTextContent("أليس");
    expect(line()?.textContent).toBe("From أليس (@mod:example.org)");
  });

  it("a huge name or a name of markup: shown as text, whole (the styles cut it to one line)", async () => {
    const huge = "A".repeat(5000);
    const { line } = await openDialog(`${huge}<img src=x onerror=alert(1)>`);
    expect(line()!.querySelector("img")).toBeNull();
    expect(line()!.querySelector('[data-part="sender-name"]')!.textContent).toBe(
      `${huge}<img src=x onerror=alert(1)>`,
    );
  });
});

describe("given the app's wording", () => {
  it("a sentBy label words the line, the name and the ID still isolated", async () => {
    const { line } = await openDialog("Alice", {
      labels: { sentBy: (name, id) => (name ? `Von ${name} · ${id}` : `Von ${id}`) },
    });
    expect(line()?.textContent).toBe("Von Alice · @mod:example.org");
    expect(line()!.querySelectorAll("bdi")).toHaveLength(2);
  });

  it("a label that changes the name (upper case): shown as it returns it", async () => {
    const { line } = await openDialog("Alice", {
      labels: { sentBy: (name, id) => `FROM ${name.toUpperCase()} ${id}` },
    });
    expect(line()?.textContent).toBe("FROM ALICE @mod:example.org");
  });

  it("a label that throws: the English line stands, and the error is reported once", async () => {
    const { line } = await openDialog("Alice", {
      labels: {
        sentBy: () => {
          throw new Error("missing translation");
        },
      },
    });
    expect(line()?.textContent).toBe("From Alice (@mod:example.org)");
    expect(reported).toEqual([expect.objectContaining({ message: "missing translation" })]);
  });
});

describe("given showSender={false}", () => {
  it("no line, and the description is the kit's alone", async () => {
    const { dialog, line } = await openDialog("Alice", { showSender: false });
    expect(line()).toBeNull();
    expect(dialog).not.toHaveTextContent("Alice");
    expect(dialog).toHaveAccessibleDescription("A welcome message set for this room.");
  });
});
