// A long-lived WelcomeBody (the editor's preview, new HTML on every keystroke) keeps no earlier draft's HTML alive.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, sanitizeMatrixHtml, WelcomeBody } from "../../src";
import { welcomeOf } from "../support/welcomeMessage";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heap = () => {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
};

const ui = (html: string) => (
  <WelcomeBody message={welcomeOf({ html })} labels={defaultWelcomeDialogLabels} />
);

describe("a long-lived WelcomeBody (the editor's preview) shown many HTMLs", () => {
  it("does not keep the HTML of every earlier draft alive while mounted", () => {
    // 200 drafts of about 40,000 characters (a long welcome edited 200 times): 8 million characters.
    const draft = (i: number) =>
      sanitizeMatrixHtml(`<p>${"Welcome to the room. ".repeat(2000)} edit ${i}</p>`);
    const { rerender, unmount } = render(ui(draft(0)));
    for (let i = 1; i < 200; i++) rerender(ui(draft(i)));
    const mounted = heap();
    unmount();
    const after = heap();
    const retainedMB = (mounted - after) / 1e6;
    // Only the draft shown now (and the sanitizer's capped recent outputs) should stay: well under 3 MB.
    expect(retainedMB, `retained while mounted: ${retainedMB.toFixed(1)} MB`).toBeLessThan(3);
    // 200 sanitized drafts take about 10 s on a quiet 2-core host: more than the default 20 s under load.
  }, 90_000);
});
