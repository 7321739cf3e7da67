/**
 * In Chromium: a page that enforces Trusted Types and allows only the policies it names, not the kit's
 * (`trusted-types dompurify`). The welcome's HTML cannot be shown there: its plain text shows instead, and nothing
 * throws into the app.
 */
import "../../src/styles.css";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody } from "../../src";
import { CrashBoundary } from "../support/crashBoundary";
import { editFormattedWelcome } from "../support/formattedWelcomeEditor";
import { openWelcomeDialog } from "../support/welcomeDialog";
import { htmlWelcome } from "../support/welcomeMessage";

const meta = document.createElement("meta");
meta.httpEquiv = "Content-Security-Policy";
meta.content = "require-trusted-types-for 'script'; trusted-types dompurify";
document.head.prepend(meta);

describe("under Trusted Types that refuse the kit's policy", () => {
  it("the page really refuses it", () => {
    const types = (globalThis as unknown as { trustedTypes: { createPolicy(n: string, r: object): unknown } })
      .trustedTypes;
    expect(() => types.createPolicy("some-library", { createHTML: (s: string) => s })).toThrow();
  });

  it("a WelcomeBody with HTML shows the welcome's plain text instead of throwing into the app", () => {
    render(
      <CrashBoundary>
        <WelcomeBody
          message={{ ...htmlWelcome("<p>Welcome to <b>the room</b></p>"), text: "Welcome to the room" }}
          labels={defaultWelcomeDialogLabels}
        />
      </CrashBoundary>,
    );
    expect(screen.queryByTestId("crashed")).toBeNull();
    expect(document.querySelector("[data-part=body]")?.textContent).toBe("Welcome to the room");
    expect(document.querySelector("[data-part=body] b")).toBeNull();
  });

  it("a WelcomeDialog for an HTML welcome opens with the welcome's text", async () => {
    const dialog = await openWelcomeDialog({ text: "Hello there", html: "<p>Hello <b>there</b></p>" });
    expect(dialog).toHaveTextContent("Hello there");
  });

  it("the WelcomeEditor opens another app's formatted welcome with its text", async () => {
    const box = await editFormattedWelcome();
    expect(screen.queryByTestId("crashed")).toBeNull();
    expect(box.value).toBe("House rules");
  });
});
