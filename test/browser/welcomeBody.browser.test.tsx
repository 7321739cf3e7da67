/** WelcomeBody behaviour that needs a real browser's layout and bidi rules. */
import "../../src/styles.css";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody, type WelcomeMessage } from "../../src";
import { useKeyboardScrollable } from "../../src/core/useKeyboardScrollable";

const message = (html: string): WelcomeMessage => ({
  eventId: "$e",
  eventType: "m.room.welcome",
  sender: "@m:x",
  ts: 0,
  html,
});

describe("WelcomeBody in a real browser", () => {
  it("given an Arabic welcome that opens with an image-only link, the English new-tab hint keeps it right-to-left", async () => {
    const html =
      '<p><a href="https://example.org" target="_blank" rel="noopener noreferrer"><img alt="شعار"></a> مرحبا بكم في الغرفة</p>';
    const { container } = render(<WelcomeBody message={message(html)} labels={defaultWelcomeDialogLabels} />);
    const body = container.querySelector('[data-part="body"]') as HTMLElement;
    await expect.poll(() => body.querySelector("[data-mnk-new-tab-hint]")).not.toBeNull();
    expect(body.matches(":dir(rtl)")).toBe(true);
  });

  it("given an HTML link, its accessible name ends with the hint, which is not visible", async () => {
    const html =
      '<p>Read <a href="https://example.org/rules" target="_blank" rel="noopener noreferrer">the rules</a>.</p>';
    render(<WelcomeBody message={message(html)} labels={defaultWelcomeDialogLabels} />);
    const link = await screen.findByRole("link", { name: "the rules (opens in a new tab)" });
    const hint = link.querySelector("[data-mnk-new-tab-hint]") as HTMLElement;
    expect(hint.getBoundingClientRect().width).toBeLessThanOrEqual(1);
  });
});

describe("useKeyboardScrollable in a real browser", () => {
  function Box() {
    const ref = useKeyboardScrollable<HTMLDivElement>();
    return (
      <div ref={ref} data-testid="box" style={{ height: 100, overflow: "auto", scrollbarWidth: "none" }}>
        <img alt="" data-testid="img" />
      </div>
    );
  }

  // No scrollbar (as with overlay scrollbars): the box's own size never changes, so only the image's load tells.
  it("given a fixed-height box, when an image inside finishes loading and overflows it, the box becomes focusable", async () => {
    render(<Box />);
    const box = screen.getByTestId("box");
    expect(box).not.toHaveAttribute("tabindex");
    // Past the observers' first callbacks, so that the load alone is what changes.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(box).not.toHaveAttribute("tabindex");
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="50" height="400"/>';
    (screen.getByTestId("img") as HTMLImageElement).src = `data:image/svg+xml,${encodeURIComponent(svg)}`;
    await expect.poll(() => box.getAttribute("tabindex")).toBe("0");
  });
});
