/**
 * In Chromium (real layout and focus): one mounted WelcomeDialog whose room or portal container changes while it is
 * open. The jsdom twin is test/unit/welcomeDialogRemountedContent.
 */
import "../../src/styles.css";
import { render, screen, waitFor } from "@testing-library/react";
import { expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { mergeBatches, welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const A = "!a:example.org";
const B = "!b:example.org";
const C = "!c:example.org";
const long = (p: string) => Array.from({ length: 200 }, (_, i) => `${p} rule ${i}`).join("\n");

async function world() {
  return startWorld(
    ME,
    mergeBatches(
      welcomeRoom(ME, A, { prevMembership: "invite", welcome: [welcomeEvent(long("A"))], name: "Alpha" }),
      welcomeRoom(ME, B, { prevMembership: "invite", name: "Beta" }),
      welcomeRoom(ME, C, { prevMembership: "invite", welcome: [welcomeEvent(long("C"))], name: "Gamma" }),
    ),
  );
}

it("A's long welcome read to the bottom, roomId switched to C (due) while open: C's welcome shows from its top", async () => {
  const { client } = await world();
  const seenStore = createMemorySeenStore();
  const ui = (roomId: string) => <WelcomeDialog client={client} roomId={roomId} options={{ seenStore }} />;
  const view = render(ui(A));
  const scroll = () => screen.getByRole("dialog").querySelector<HTMLElement>('[data-part="scroll"]')!;
  await waitFor(() => expect(scroll().scrollHeight).toBeGreaterThan(scroll().clientHeight));
  scroll().scrollTop = scroll().scrollHeight;
  expect(scroll().scrollTop).toBeGreaterThan(100);
  view.rerender(ui(C));
  expect(screen.getByRole("dialog")).toHaveAccessibleName("Welcome to Gamma");
  expect(screen.getByRole("dialog")).toHaveTextContent("C rule 0");
  expect(scroll().scrollTop).toBe(0);
});

it("container prop changed while open: Escape returns focus to the composer", async () => {
  const { client } = await world();
  const seenStore = createMemorySeenStore();
  const layer1 = document.body.appendChild(document.createElement("div"));
  const layer2 = document.body.appendChild(document.createElement("div"));
  const ui = (roomId: string, container: HTMLElement) => (
    <>
      <button type="button">composer</button>
      <WelcomeDialog client={client} roomId={roomId} options={{ seenStore }} container={container} />
    </>
  );
  const view = render(ui(B, layer1));
  const composer = screen.getByRole("button", { name: "composer" });
  composer.focus();
  view.rerender(ui(A, layer1));
  await waitFor(() => expect(screen.getByRole("dialog").contains(document.activeElement)).toBe(true));
  view.rerender(ui(A, layer2));
  expect(layer2).toContainElement(screen.getByRole("dialog"));
  await new Promise((r) => setTimeout(r, 100));
  await userEvent.keyboard("{Escape}");
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  await new Promise((r) => setTimeout(r, 100));
  expect(composer).toHaveFocus();
  layer1.remove();
  layer2.remove();
});

it("a link at the end of A's long welcome focused, roomId switched to C (due): C's welcome has focus, from its top", async () => {
  const { client } = await startWorld(
    ME,
    mergeBatches(
      welcomeRoom(ME, A, {
        prevMembership: "invite",
        welcome: [welcomeEvent(long("A"), `<p>${long("A")}</p><a href="https://example.org/c">room C</a>`)],
        name: "Alpha",
      }),
      welcomeRoom(ME, C, { prevMembership: "invite", welcome: [welcomeEvent(long("C"))], name: "Gamma" }),
    ),
  );
  const seenStore = createMemorySeenStore();
  const ui = (roomId: string) => <WelcomeDialog client={client} roomId={roomId} options={{ seenStore }} />;
  const view = render(ui(A));
  const scroll = () => screen.getByRole("dialog").querySelector<HTMLElement>('[data-part="scroll"]')!;
  await waitFor(() => expect(scroll()).toHaveFocus());
  const link = screen.getByRole("link", { name: /room C/ });
  link.focus();
  expect(scroll().scrollTop).toBeGreaterThan(100);
  view.rerender(ui(C));
  expect(screen.getByRole("dialog")).toHaveAccessibleName("Welcome to Gamma");
  expect(scroll()).toHaveFocus();
  expect(scroll().scrollTop).toBe(0);
  // Radix's focus trap, told a moment later that the focused link went, leaves focus where it is.
  await new Promise((r) => setTimeout(r, 50));
  expect(scroll()).toHaveFocus();
});
