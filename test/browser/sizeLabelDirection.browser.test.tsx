/**
 * The editor's size line in a right-to-left page: the untranslated English default reads in its own order (it opens
 * with a number, which the page's direction used to move to the end: "of 63,488 bytes 267"), and a translation keeps
 * the page's order.
 */
import "../../src/styles.css";
import { render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import { EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { welcomeEvent } from "../support/events";
import { rectOf } from "../support/textRects";

afterEach(() => {
  document.documentElement.removeAttribute("dir");
});

const sizeLine = async (labels?: { size: (bytes: number, limit: number) => string }) => {
  document.documentElement.dir = "rtl";
  const { client } = await moderatorsWorld([welcomeEvent("Hello", undefined, { unstable: true })]);
  const { container, findByRole } = render(
    <WelcomeEditor client={client} roomId={EDITOR_ROOM} {...(labels ? { labels } : {})} />,
  );
  await findByRole("textbox");
  return container.querySelector<HTMLElement>('[data-part="size"]')!;
};

describe("given the editor in a right-to-left page", () => {
  it("with the English default, the size line reads left to right: the count, then 'of', then the limit", async () => {
    const size = await sizeLine();
    expect(size.textContent).toMatch(/^\d+ of 63,488 bytes$/);
    const count = size.textContent!.split(" ")[0]!;
    expect(rectOf(size, count).right).toBeLessThan(rectOf(size, "of").left);
    expect(rectOf(size, "of").right).toBeLessThan(rectOf(size, "bytes").left);
  });

  it("with the English default, the line still sits on the page's start side (the right)", async () => {
    const size = await sizeLine();
    const box = size.getBoundingClientRect();
    expect(Math.abs(box.right - rectOf(size, "bytes").right)).toBeLessThan(1);
  });

  it("with an Arabic label, the count stays on the right, where an Arabic reader starts", async () => {
    const size = await sizeLine({ size: (b, l) => `${b} من ${l} بايت` });
    const count = size.textContent!.split(" ")[0]!;
    expect(rectOf(size, count).left).toBeGreaterThan(rectOf(size, "من").right);
    expect(rectOf(size, "من").left).toBeGreaterThan(rectOf(size, "بايت").right);
  });
});
