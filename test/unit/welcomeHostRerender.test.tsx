/**
 * A host app re-renders around the welcome for its own reasons (a clock, a store it watches): nothing the body shows
 * may change. React before 19.3 (the `react19floor` tier runs this on 19.0.0) sets `innerHTML` again whenever the
 * `dangerouslySetInnerHTML` object is new, which wiped the links' new-tab hints, the spoiler buttons, a revealed
 * spoiler and resolved images.
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode, Suspense, startTransition, useState } from "react";
import { describe, expect, it } from "vitest";
import {
  createMemorySeenStore,
  type MediaResolver,
  WelcomeBody,
  WelcomeDialog,
  type WelcomeMessage,
} from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const HTML =
  '<p>Read <a href="https://example.org/rules">the rules</a>. <span data-mx-spoiler="">the secret</span></p><img src="mxc://example.org/map" alt="A map">';

const message: WelcomeMessage = {
  eventId: "$welcome",
  eventType: "m.room.welcome",
  sender: "@mod:example.org",
  ts: 0,
  html: HTML,
};

/** Gives every image the same blob URL, at once. */
const MAP = "blob:https://app.example/map";
const resolveMedia: MediaResolver = async () => MAP;

describe("the welcome body when its host re-renders", () => {
  it("given a body shown with its new-tab hint and a revealed spoiler, a host re-render with the same props keeps both", async () => {
    const ui = (n: number) => (
      <div data-render={n}>
        <WelcomeBody message={message} />
      </div>
    );
    const { rerender } = render(ui(1));
    await screen.findByRole("link", { name: /^the rules ?\(opens in a new tab\)$/ });
    await userEvent.click(await screen.findByRole("button", { name: "Spoiler" }));

    rerender(ui(2));
    await act(() => new Promise((r) => setTimeout(r, 50)));

    expect(screen.getByRole("link")).toHaveTextContent("the rules (opens in a new tab)");
    expect(screen.getByText("the secret").closest("[data-mx-spoiler]")).toHaveAttribute(
      "data-revealed",
      "true",
    );
  });

  it("given the welcome dialog open with its image shown, a re-render of the app around it keeps the image and the link's hint", async () => {
    const { client } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Rules", HTML)] }),
    );
    const seenStore = createMemorySeenStore();
    const ui = (n: number) => (
      <main data-render={n}>
        <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} resolveMedia={resolveMedia} />
      </main>
    );
    const { rerender } = render(ui(1));
    await screen.findByRole("link", { name: /^the rules ?\(opens in a new tab\)$/ });
    await waitFor(() => expect(screen.getByRole("img", { name: "A map" })).toHaveAttribute("src", MAP));

    rerender(ui(2));
    await act(() => new Promise((r) => setTimeout(r, 50)));

    expect(screen.getByRole("link")).toHaveTextContent("the rules (opens in a new tab)");
    expect(screen.getByRole("img", { name: "A map" })).toHaveAttribute("src", MAP);
  });
});

const OTHER: WelcomeMessage = { ...message, eventId: "$other", html: "<p>Another <b>welcome</b></p>" };
const never = new Promise<never>(() => {});
/** Suspends for good: the transition that shows it never commits. */
function Suspender(): null {
  throw never;
}

describe("the welcome body when React throws a render away", () => {
  it.each([
    ["", false],
    [" (StrictMode)", true],
  ])(
    "given a transition to another message that suspends, a host re-render meanwhile keeps the hint and the revealed spoiler%s",
    async (_, strict) => {
      const set: {
        message?: (m: WelcomeMessage) => void;
        suspend?: (s: boolean) => void;
        tick?: (n: number) => void;
      } = {};
      function Host() {
        const [shown, setShown] = useState(message);
        const [suspend, setSuspend] = useState(false);
        const [tick, setTick] = useState(0);
        Object.assign(set, { message: setShown, suspend: setSuspend, tick: setTick });
        return (
          <div data-tick={tick}>
            <Suspense fallback={<p>loading</p>}>
              <WelcomeBody message={shown} />
              {suspend ? <Suspender /> : null}
            </Suspense>
          </div>
        );
      }
      render(
        strict ? (
          <StrictMode>
            <Host />
          </StrictMode>
        ) : (
          <Host />
        ),
      );
      await screen.findByRole("link", { name: /^the rules ?\(opens in a new tab\)$/ });
      await userEvent.click(await screen.findByRole("button", { name: "Spoiler" }));

      // The app navigates (a transition) to a page with another message, which suspends: React keeps showing this one.
      await act(async () =>
        startTransition(() => {
          set.message?.(OTHER);
          set.suspend?.(true);
        }),
      );
      // Something urgent re-renders the host while the transition waits.
      await act(async () => set.tick?.(1));
      await act(() => new Promise((r) => setTimeout(r, 50)));

      expect(screen.getByRole("link")).toHaveTextContent("the rules (opens in a new tab)");
      expect(screen.getByText("the secret").closest("[data-mx-spoiler]")).toHaveAttribute(
        "data-revealed",
        "true",
      );
    },
  );
});
