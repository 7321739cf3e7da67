/**
 * On a translated page: the editor's "Markdown preview couldn't be loaded" alert appearing and going on a
 * translated page (micromark failing to load once, as an offline chunk does).
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { WelcomeEditor } from "../../src";
import { CrashBoundary } from "../support/crashBoundary";
import { EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { translate } from "../support/translate";

const flaky = vi.hoisted(() => ({ failures: 1 }));
vi.mock("micromark", async (importOriginal) => {
  if (flaky.failures-- > 0) throw new TypeError("Failed to fetch dynamically imported module (offline)");
  return importOriginal();
});

afterEach(() => localStorage.clear());

it("markdown-unavailable alert appears, then goes on the next edit once the renderer loads", async () => {
  const { client } = await moderatorsWorld();
  const { container } = render(
    <CrashBoundary>
      <WelcomeEditor client={client} roomId={EDITOR_ROOM} />
    </CrashBoundary>,
  );
  translate(container);
  const box = () => container.querySelector<HTMLTextAreaElement>('[data-part="source"]')!;
  fireEvent.change(box(), { target: { value: "Be **kind**" } });
  await waitFor(() => expect(container.querySelector('[data-part="markdown-error"]')).not.toBeNull());
  translate(container);
  fireEvent.change(box(), { target: { value: "Be **kind**!" } });
  await waitFor(() => expect(container.querySelector('[data-part="preview"] strong')).not.toBeNull());
  await act(() => new Promise((r) => setTimeout(r, 50)));
  expect(screen.queryByTestId("crashed")).toBeNull();
  expect(container.querySelector('[data-part="markdown-error"]')).toBeNull();
});
