/**
 * Server render and hydration of the banner markup (useId ids, the notices region) and of a linkified plain-text
 * welcome (dir=ltr links), plain and under StrictMode (a second review's probes; all passed).
 */
import { act } from "@testing-library/react";
import { type ReactNode, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import {
  createMemoryDismissStore,
  defaultWelcomeDialogLabels,
  NoticeBannerList,
  WelcomeBody,
} from "../../src";
import { noticeItem, usageLimitItem } from "../support/noticeItems";

/** Renders `node` on the server, hydrates it in the page, and reports what went wrong (and `inspect`'s finding). */
async function hydrate<T>(node: () => ReactNode, inspect?: (container: HTMLElement) => T) {
  const serverHtml = renderToString(node());
  const container = document.createElement("div");
  container.innerHTML = serverHtml;
  document.body.append(container);
  const recoverable = vi.fn();
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const root = await act(async () => hydrateRoot(container, node(), { onRecoverableError: recoverable }));
  const result = {
    serverHtml,
    inspected: inspect?.(container),
    recoverable: recoverable.mock.calls.length,
    errors: errors.mock.calls.map((c) => String(c[0]).slice(0, 200)),
  };
  act(() => root.unmount());
  container.remove();
  errors.mockRestore();
  return result;
}

for (const strict of [false, true])
  describe(`hydration${strict ? " under StrictMode" : ""}`, () => {
    const wrap = (n: ReactNode) => (strict ? <StrictMode>{n}</StrictMode> : n);

    it("a banner list with a usage limit and two notices hydrates without a mismatch; every aria-describedby / aria-labelledby id exists", async () => {
      const store = createMemoryDismissStore();
      const r = await hydrate(
        () =>
          wrap(
            <NoticeBannerList
              notices={[
                noticeItem("$a", "Maintenance https://status.example.org"),
                usageLimitItem,
                noticeItem("$b", "Move"),
              ]}
              dismissStore={store}
            />,
          ),
        (container) => {
          const refs = [...container.querySelectorAll("[aria-describedby], [aria-labelledby]")].flatMap((e) =>
            `${e.getAttribute("aria-describedby") ?? ""} ${e.getAttribute("aria-labelledby") ?? ""}`
              .split(" ")
              .filter(Boolean),
          );
          const ids = [...container.querySelectorAll("[id]")].map((e) => e.id);
          return {
            describedOk: refs.length > 0 && refs.every((id) => document.getElementById(id) !== null),
            uniqueIds: new Set(ids).size === ids.length,
          };
        },
      );
      expect({ recoverable: r.recoverable, errors: r.errors, ...r.inspected }).toEqual({
        recoverable: 0,
        errors: [],
        describedOk: true,
        uniqueIds: true,
      });
    });

    it("an empty list hydrates with its notices region", async () => {
      const r = await hydrate(() =>
        wrap(<NoticeBannerList notices={[]} dismissStore={createMemoryDismissStore()} />),
      );
      expect(r.serverHtml).toContain('data-part="notices"');
      expect({ recoverable: r.recoverable, errors: r.errors }).toEqual({ recoverable: 0, errors: [] });
    });

    it("a plain-text welcome with a link hydrates without a mismatch (dir=ltr link)", async () => {
      const r = await hydrate(() =>
        wrap(
          <WelcomeBody
            message={{
              eventId: "$e",
              eventType: "m.room.welcome",
              sender: "@m:x",
              ts: 0,
              text: "اقرأ القواعد https://example.org/rules\nشكرًا",
            }}
            labels={defaultWelcomeDialogLabels}
          />,
        ),
      );
      expect(r.serverHtml).toContain('dir="ltr"');
      expect({ recoverable: r.recoverable, errors: r.errors }).toEqual({ recoverable: 0, errors: [] });
    });
  });
