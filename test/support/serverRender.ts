import { act } from "@testing-library/react";
import type { ReactElement } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { vi } from "vitest";

/** What a server render of `ui` and the browser's hydration of it gave. */
export interface ServerThenHydrated<T> {
  /** The server's HTML. */
  serverHtml: string;
  /** What `inspect` read from the page once hydrated. */
  seen: T;
  /** What React logged (`console.error`) while hydrating: mismatches. */
  logged: string[];
  /** Errors React recovered from by rendering on the client. */
  recoverable: unknown[];
}

/**
 * Renders `ui` as a server would (no window, no document: the sanitizer and the kit's DOM work check for them), puts
 * the HTML in the page, hydrates it, reads the page with `inspect`, and unmounts.
 */
export async function renderThenHydrate<T>(
  ui: ReactElement,
  inspect: (container: HTMLElement) => T,
): Promise<ServerThenHydrated<T>> {
  vi.stubGlobal("window", undefined);
  vi.stubGlobal("document", undefined);
  let serverHtml: string;
  try {
    serverHtml = renderToString(ui);
  } finally {
    vi.unstubAllGlobals();
  }
  const container = document.createElement("div");
  container.innerHTML = serverHtml;
  document.body.append(container);
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const recoverable: unknown[] = [];
  try {
    const root = await act(async () =>
      hydrateRoot(container, ui, { onRecoverableError: (error) => recoverable.push(error) }),
    );
    const seen = inspect(container);
    const logged = errors.mock.calls.map((call) => String(call[0]));
    act(() => root.unmount());
    return { serverHtml, seen, logged, recoverable };
  } finally {
    container.remove();
    errors.mockRestore();
  }
}
