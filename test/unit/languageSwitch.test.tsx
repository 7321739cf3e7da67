/** A translation team: the app switches its language while the kit shows something, or portals it out of a subtree. */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  createMemorySeenStore,
  keepMxcMedia,
  sanitizeMatrixHtml,
  WelcomeBody,
  WelcomeDialog,
  WelcomeEditor,
} from "../../src";
import { stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@mod:example.org";
const ROOM = "!lounge:example.org";
afterEach(() => localStorage.clear());

describe("a language switch while the kit shows something", () => {
  it("given a refused save's error on screen, when the app switches to German, the whole error is German", async () => {
    const pl = stateEvent("m.room.power_levels", { users: { [ME]: 100 }, state_default: 50 }, { sender: ME });
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { welcome: [pl, welcomeEvent("Be kind", undefined, { sender: "@other:x" })] }),
    );
    script.route({ method: "PUT", path: /\/state\// }, () => ({
      status: 403,
      json: { errcode: "M_FORBIDDEN", error: "nope" },
    }));
    const en = {};
    const de = {
      errorForbidden: "Der Heimserver hat die Änderung abgelehnt.",
      draftKept: "Ihr Entwurf bleibt erhalten.",
      save: "Speichern",
    };
    const { container, rerender } = render(<WelcomeEditor client={client} roomId={ROOM} labels={en} />);
    fireEvent.change(container.querySelector("textarea")!, { target: { value: "Be kind, please" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^The homeserver refused the change/);
    // The user switches the app to German while the error is shown.
    rerender(<WelcomeEditor client={client} roomId={ROOM} labels={de} />);
    expect(screen.getByRole("button", { name: "Speichern" })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe(
      "Der Heimserver hat die Änderung abgelehnt. Ihr Entwurf bleibt erhalten.",
    );
  });

  it("given a failed image's stand-in text, when the app switches to German, the stand-in is German too (as the new-tab hint)", async () => {
    const message = {
      eventId: "$w",
      eventType: "m.room.welcome",
      sender: "@a:x",
      ts: 0,
      text: "x",
      // As the kit's sanitizer made it (so WelcomeBody shows it as it is), images kept as mxc.
      html: sanitizeMatrixHtml(
        '<p>Hello <a href="https://example.org">link</a> <img src="mxc://example.org/abc"></p>',
        {
          mediaUrl: keepMxcMedia,
        },
      ),
    };
    const reject = () => Promise.reject(new Error("nope"));
    const { container, rerender } = render(
      <WelcomeBody message={message} resolveMedia={reject} labels={{}} />,
    );
    await waitFor(() => expect(container.textContent).toContain("Image unavailable"));
    const de = { imageUnavailable: "Bild nicht verfügbar", opensInNewTab: "(öffnet in neuem Tab)" };
    rerender(<WelcomeBody message={message} resolveMedia={reject} labels={de} />);
    await act(async () => {});
    expect(container.textContent).toContain("(öffnet in neuem Tab)");
    expect(container.textContent).toContain("Bild nicht verfügbar");
  });
});

/** Bob, just joined a room with a welcome. */
const joinedWithWelcome = () =>
  startWorld(
    "@bob:example.org",
    welcomeRoom("@bob:example.org", ROOM, {
      prevMembership: "invite",
      welcome: [welcomeEvent("Hello")],
      name: "Lounge",
    }),
  );

describe("the portalled dialog's language", () => {
  it('given Arabic labels and lang="ar", the dialog portalled out of the app\'s Arabic subtree is in Arabic', async () => {
    const { client } = await joinedWithWelcome();
    render(
      <div lang="ar" dir="rtl">
        <WelcomeDialog
          client={client}
          roomId={ROOM}
          dir="rtl"
          lang="ar"
          options={{ seenStore: createMemorySeenStore() }}
          labels={{ confirm: "فهمت", title: (n) => `مرحبًا بك في ${n}`, close: "إغلاق" }}
        />
      </div>,
    );
    const dialog = await screen.findByRole("dialog");
    expect(dialog.closest("[dir]")?.getAttribute("dir")).toBe("rtl");
    // Read by screen readers in Arabic, not in the document's language.
    expect(dialog.closest("[lang]")?.getAttribute("lang")).toBe("ar");
  });

  it("without lang, the dialog sets none (the document's language applies, as before)", async () => {
    const { client } = await joinedWithWelcome();
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />);
    const dialog = await screen.findByRole("dialog");
    expect(dialog.closest("[lang]")).toBeNull();
  });
});
