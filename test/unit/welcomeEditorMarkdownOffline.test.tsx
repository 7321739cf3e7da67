/** The lazily loaded Markdown renderer (micromark) failing once, as an offline chunk load does. */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { WelcomeEditor } from "../../src";
import { stateEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const flaky = vi.hoisted(() => ({ failures: 1, calls: 0 }));
vi.mock("micromark", async (importOriginal) => {
  flaky.calls += 1;
  if (flaky.failures-- > 0) throw new TypeError("Failed to fetch dynamically imported module (offline)");
  return importOriginal();
});

const ME = "@mod:example.org";
const ROOM = "!lounge:example.org";
afterEach(() => localStorage.clear());

it("given the Markdown renderer fails to load, the editor says so, will not publish raw Markdown, and retries on the next edit", async () => {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  const pl = stateEvent("m.room.power_levels", { users: { [ME]: 100 } }, { sender: ME });
  await script.start(client, welcomeRoom(ME, ROOM, { welcome: [pl] }));
  render(<WelcomeEditor client={client} roomId={ROOM} />);
  const box = screen.getByLabelText("Message shown to people when they join");
  fireEvent.change(box, { target: { value: "Be **kind**" } });
  await act(() => new Promise((r) => setTimeout(r, 50)));
  const save = screen.getByRole("button", { name: "Save" });
  const state = {
    saveEnabled: save.getAttribute("aria-disabled") !== "true",
    alert: screen.queryByRole("alert")?.textContent ?? null,
    preview: document.querySelector('[data-part="preview"]')?.innerHTML,
  };
  // Save, still reachable by keyboard, says why it is unavailable.
  expect(save).toHaveAccessibleDescription(state.alert ?? "");
  // the network is back: typing more should render Markdown
  fireEvent.change(box, { target: { value: "Be **kind**!" } });
  // The renderer loads (a real import) before the preview can show it: waited for, not slept on.
  await waitFor(() => expect(document.querySelector('[data-part="preview"] strong')).not.toBeNull());
  const after = { calls: flaky.calls, strong: !!document.querySelector('[data-part="preview"] strong') };
  expect({ state, after }).toEqual({
    state: { saveEnabled: false, alert: expect.any(String), preview: expect.anything() },
    after: { calls: 2, strong: true },
  });
});
