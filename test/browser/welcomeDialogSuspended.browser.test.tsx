/**
 * In Chromium: a welcome dialog hidden by its Suspense boundary's fallback (a sibling suspends) while the user acts.
 * React keeps the hidden dialog's passive effects (Radix's dismiss listeners): input meant for the page must not
 * dismiss, and mark seen, a welcome the user cannot see.
 */
import "../../src/styles.css";
import { act, render, screen } from "@testing-library/react";
import { Suspense, use, useState } from "react";
import { expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

/** The dialog open for a first join, beside a sibling that suspends (loads the member list) on `suspend()`. */
async function dialogBesideSuspendingSibling() {
  const seenStore = createMemorySeenStore();
  const { client } = await startWorld(
    ME,
    welcomeRoom(ME, ROOM, {
      prevMembership: "invite",
      name: "Lounge",
      welcome: [welcomeEvent("Lounge rules")],
    }),
  );
  let release: () => void = () => {};
  const members = new Promise<void>((r) => {
    release = r;
  });
  function Members({ loading }: { loading: boolean }) {
    if (loading) use(members);
    return <p>members</p>;
  }
  let setLoading: (b: boolean) => void = () => {};
  function App() {
    const [loading, set] = useState(false);
    setLoading = set;
    return (
      <>
        <button type="button">composer</button>
        <Suspense fallback={<p>Loading members…</p>}>
          <Members loading={loading} />
          <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />
        </Suspense>
      </>
    );
  }
  render(<App />);
  await screen.findByRole("dialog", { name: "Welcome to Lounge" });
  const suspend = () => act(async () => setLoading(true));
  const resume = () =>
    act(async () => {
      release();
      setLoading(false);
    });
  return { seenStore, suspend, resume };
}

it("given no input while a Suspense fallback hides the dialog, it shows again, still unseen, once the sibling is back", async () => {
  const { seenStore, suspend, resume } = await dialogBesideSuspendingSibling();
  await suspend();
  expect(screen.queryByRole("dialog")).toBeNull();
  await resume();
  expect(seenStore.getSeen(ROOM, ME)).toEqual([]);
  expect(await screen.findByRole("dialog", { name: "Welcome to Lounge" })).toBeVisible();
});

it("Escape pressed while a Suspense fallback hides the dialog does not mark the welcome seen; it shows again after", async () => {
  const { seenStore, suspend, resume } = await dialogBesideSuspendingSibling();
  await suspend();
  await expect.element(screen.getByText("Loading members…")).toBeVisible();
  expect(screen.queryByRole("dialog")).toBeNull();
  await userEvent.keyboard("{Escape}");
  await resume();
  expect(seenStore.getSeen(ROOM, ME)).toEqual([]);
  expect(await screen.findByRole("dialog", { name: "Welcome to Lounge" })).toBeVisible();
});

it("a click on the page while a Suspense fallback hides the dialog does not mark the welcome seen", async () => {
  const { seenStore, suspend, resume } = await dialogBesideSuspendingSibling();
  await suspend();
  expect(screen.queryByRole("dialog")).toBeNull();
  // The fallback is what the user sees; a click on it (the page) counts as a click outside the invisible dialog.
  await userEvent.click(screen.getByText("Loading members…"), { force: true });
  await resume();
  expect(seenStore.getSeen(ROOM, ME)).toEqual([]);
  expect(await screen.findByRole("dialog", { name: "Welcome to Lounge" })).toBeVisible();
});
