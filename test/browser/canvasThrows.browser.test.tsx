/**
 * A canvas that throws (an anti-fingerprinting extension, or an app that patched it): the colour pass cannot measure,
 * the sender's colours stay as sent, and the app keeps running. A file of its own: the kit keeps the canvas it made
 * for the page's life, so the throwing one must be the first it meets.
 */
import "../../src/styles.css";
import { render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody } from "../../src";
import { CrashBoundary } from "../support/crashBoundary";
import { htmlWelcome } from "../support/welcomeMessage";

const proto = OffscreenCanvas.prototype as unknown as { getContext: unknown };
const original = proto.getContext;
afterEach(() => {
  proto.getContext = original;
});

describe("a canvas that throws", () => {
  it("given getContext throws, the welcome shows with its colours as sent and nothing breaks", () => {
    proto.getContext = () => {
      throw new DOMException("blocked", "SecurityError");
    };
    const { container, queryByTestId } = render(
      <CrashBoundary>
        <div className="mnk-welcome-dialog" data-theme="dark">
          <WelcomeBody
            message={htmlWelcome('<p><font color="#000080">Rules</font></p>')}
            labels={defaultWelcomeDialogLabels}
          />
        </div>
      </CrashBoundary>,
    );
    expect(queryByTestId("crashed")).toBeNull();
    expect(getComputedStyle(container.querySelector("font") as Element).color).toBe("rgb(0, 0, 128)");
  });
});
