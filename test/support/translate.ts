import { act, render, screen } from "@testing-library/react";
import type { ReactElement } from "react";

/**
 * What a page translator (Chrome's built-in translation, Google Translate) does to the kit's DOM: every text node
 * becomes <font><font>[fr] …</font></font>. Run again after a change, it translates only new text; a text area's
 * value is no text node it touches.
 */
export function translate(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  for (const node of nodes) {
    if (!node.nodeValue?.trim()) continue;
    if (node.parentElement?.tagName === "FONT" || node.parentElement?.tagName === "TEXTAREA") continue;
    const outer = root.ownerDocument.createElement("font");
    const inner = root.ownerDocument.createElement("font");
    inner.textContent = `[fr] ${node.nodeValue}`;
    outer.append(inner);
    node.replaceWith(outer);
  }
}

/** The message of what unmounted the tree under a `CrashBoundary`, or null while it runs. */
export const crashed = (): string | null => screen.queryByTestId("crashed")?.textContent ?? null;

/**
 * Renders `ui(steps[0])` and translates it, then renders each further step, translating the new text after each (a
 * translator watches the page); resolves with what crashed the tree (its `CrashBoundary`'s message), if anything.
 */
export async function walkTranslated<S>(
  ui: (step: S) => ReactElement,
  steps: S[],
  afterStep: () => Promise<unknown> = async () => {},
): Promise<string | null> {
  const { container, rerender } = render(ui(steps[0] as S));
  translate(container);
  for (const step of steps.slice(1)) {
    await act(async () => rerender(ui(step)));
    if (crashed()) return crashed();
    await afterStep();
    translate(container);
  }
  return crashed();
}
