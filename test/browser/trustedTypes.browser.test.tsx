/**
 * In Chromium: the kit in a page that enforces Trusted Types (`require-trusted-types-for 'script'`, as strict apps
 * ship), enforced for real in this file's page by a CSP meta tag (after the imports: the kit's stylesheet is in, as an
 * app's file would be). No app `default` policy: the kit's HTML goes through its own policy, `matrix-notice-kit`.
 */
import "../../src/styles.css";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import {
  defaultWelcomeDialogLabels,
  NoticeBannerList,
  sanitizeMatrixHtml,
  WelcomeBody,
  WelcomeEditor,
} from "../../src";
import { CrashBoundary } from "../support/crashBoundary";
import { EDITOR_LABEL, EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { welcomeEvent } from "../support/events";
import { editFormattedWelcome } from "../support/formattedWelcomeEditor";
import { openWelcomeDialog } from "../support/welcomeDialog";
import { htmlWelcome } from "../support/welcomeMessage";

const meta = document.createElement("meta");
meta.httpEquiv = "Content-Security-Policy";
meta.content = "require-trusted-types-for 'script'";
document.head.prepend(meta);

describe("under Trusted Types enforcement", () => {
  it("the page really enforces it (string to innerHTML throws)", () => {
    expect(() => {
      document.createElement("div").innerHTML = "<b>x</b>";
    }).toThrow(TypeError);
  });

  it("sanitizeMatrixHtml still sanitizes (DOMPurify brings its own policy)", () => {
    expect(sanitizeMatrixHtml("<b>bold</b><script>x</script>")).toBe("<b>bold</b>");
  });

  it("a WelcomeBody with HTML renders its text instead of throwing into the app", () => {
    render(
      <CrashBoundary>
        <WelcomeBody
          message={htmlWelcome("<p>Welcome to <b>the room</b></p>")}
          labels={defaultWelcomeDialogLabels}
        />
      </CrashBoundary>,
    );
    expect(screen.queryByTestId("crashed")).toBeNull();
    // As HTML: the bold part is still bold.
    expect(screen.getByText("the room").tagName).toBe("B");
  });

  it("a WelcomeDialog for an HTML welcome opens and shows it", async () => {
    const dialog = await openWelcomeDialog({ text: "Hello", html: "<p>Hello <b>there</b></p>" }).catch(
      (e) => e,
    );
    expect(dialog).toBeInstanceOf(HTMLElement);
    expect((dialog as HTMLElement).querySelector("b")?.textContent).toBe("there");
  });

  it("a notice banner renders", () => {
    render(
      <CrashBoundary>
        <NoticeBannerList
          notices={[
            { kind: "notice", id: "$n", body: "Maintenance at https://example.org tonight", ts: 0 } as never,
          ]}
        />
      </CrashBoundary>,
    );
    expect(screen.queryByTestId("crashed")).toBeNull();
  });

  it("the WelcomeEditor opens another app's formatted welcome as its Markdown (as it does without Trusted Types)", async () => {
    const box = await editFormattedWelcome();
    await new Promise((r) => setTimeout(r, 200));
    expect(screen.queryByTestId("crashed")?.textContent ?? null).toBeNull();
    expect(box.value).toBe("House **rules**");
  });

  it("the WelcomeEditor previews a Markdown draft without crashing the app", async () => {
    const world = await moderatorsWorld([welcomeEvent("House rules", undefined, { unstable: true })]);
    render(
      <CrashBoundary>
        <WelcomeEditor client={world.client} roomId={EDITOR_ROOM} defaultFormat="markdown" />
      </CrashBoundary>,
    );
    const box = await screen.findByLabelText(EDITOR_LABEL);
    await userEvent.click(screen.getByRole("radio", { name: "Markdown" }));
    await new Promise((r) => setTimeout(r, 300));
    // Switching to Markdown renders the draft "House rules" as <p>House rules</p> into the preview.
    expect(screen.queryByTestId("crashed")?.textContent ?? null).toBeNull();
    await userEvent.click(box);
    await userEvent.keyboard("{Control>}a{/Control}Be **kind**");
    await expect.poll(() => document.querySelector(".mnk-welcome-preview strong")?.textContent).toBe("kind");
  });
});
