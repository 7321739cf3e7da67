/**
 * A `<WelcomeBody>` an app shows in its own UI (README: "the dialog's and the preview's body"), with styles.css and no
 * dialog or editor around it: its spoilers, code and links take the kit's palette and the app's --mnk-* properties
 * (a hidden spoiler was transparent text on nothing, a blank gap); inside the dialog it keeps the dialog's palette.
 */
import "../../src/styles.css";
import { render } from "@testing-library/react";
import type { CSSProperties } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { commands } from "vitest/browser";
import "../support/browserCommands";
import { WelcomeBody } from "../../src";
import { openWelcomeDialog } from "../support/welcomeDialog";
import { htmlWelcome } from "../support/welcomeMessage";

afterEach(async () => {
  await commands.emulateMedia({ colorScheme: null, forcedColors: null });
});

const HTML =
  '<p>Rules: <span data-mx-spoiler="">the secret</span> <code>x</code> <a href="https://example.org">link</a></p>';

/** The computed colours of the spoiler, the code and the link under `root`. */
const colours = (root: Element) => {
  const style = (selector: string) => getComputedStyle(root.querySelector(selector) as HTMLElement);
  return {
    spoilerBg: style("span[data-mx-spoiler]").backgroundColor,
    codeBg: style("code").backgroundColor,
    link: style("a[href]").color,
  };
};

describe("a WelcomeBody shown alone, with styles.css", () => {
  it("given --mnk-* properties on an ancestor, when it renders, then its spoiler, code and links take them", () => {
    const { container } = render(
      <div
        style={
          {
            "--mnk-spoiler-bg": "rgb(10, 20, 30)",
            "--mnk-code-bg": "rgb(40, 50, 60)",
            "--mnk-link": "rgb(70, 80, 90)",
          } as CSSProperties
        }
      >
        <WelcomeBody message={htmlWelcome(HTML)} />
      </div>,
    );
    expect(colours(container)).toEqual({
      spoilerBg: "rgb(10, 20, 30)",
      codeBg: "rgb(40, 50, 60)",
      link: "rgb(70, 80, 90)",
    });
  });

  it("given --mnk-* properties on :root, when it renders, then they theme it", () => {
    document.documentElement.style.setProperty("--mnk-spoiler-bg", "rgb(11, 21, 31)");
    try {
      const { container } = render(<WelcomeBody message={htmlWelcome(HTML)} />);
      expect(colours(container).spoilerBg).toBe("rgb(11, 21, 31)");
    } finally {
      document.documentElement.style.removeProperty("--mnk-spoiler-bg");
    }
  });

  it("given no properties, when a spoiler is hidden, then it is a box in the theme's colours, not a blank gap", () => {
    const light = render(
      <div data-theme="light">
        <WelcomeBody message={htmlWelcome(HTML)} />
      </div>,
    );
    const dark = render(
      <div data-theme="dark">
        <WelcomeBody message={htmlWelcome(HTML)} />
      </div>,
    );
    const switched = render(
      <div style={{ "--mnk-color-scheme": "dark" } as CSSProperties}>
        <WelcomeBody message={htmlWelcome(HTML)} />
      </div>,
    );
    const lightPalette = {
      spoilerBg: "rgb(91, 98, 112)",
      codeBg: "rgb(241, 243, 245)",
      link: "rgb(11, 87, 194)",
    };
    const darkPalette = {
      spoilerBg: "rgb(169, 176, 187)",
      codeBg: "rgb(42, 48, 56)",
      link: "rgb(138, 184, 255)",
    };
    expect(colours(light.container)).toEqual(lightPalette);
    expect(colours(dark.container)).toEqual(darkPalette);
    expect(colours(switched.container)).toEqual(darkPalette);
  });

  it("given a dark OS, when a spoiler is hidden, then it takes the dark palette", async () => {
    await commands.emulateMedia({ colorScheme: "dark" });
    const { container } = render(<WelcomeBody message={htmlWelcome(HTML)} />);
    expect(colours(container).spoilerBg).toBe("rgb(169, 176, 187)");
  });

  it("given forced colours, when a spoiler is hidden, then it keeps its border", async () => {
    const { container } = render(<WelcomeBody message={htmlWelcome(HTML)} />);
    await commands.emulateMedia({ forcedColors: "active" });
    const spoiler = getComputedStyle(container.querySelector("span[data-mx-spoiler]") as HTMLElement);
    expect([spoiler.borderTopStyle, spoiler.borderTopWidth]).toEqual(["solid", "1px"]);
  });

  it("given a plain-text welcome, when a URL in it becomes a link, then the link takes --mnk-link", () => {
    const { container } = render(
      <div style={{ "--mnk-link": "rgb(70, 80, 90)" } as CSSProperties}>
        <WelcomeBody
          message={{
            eventId: "$e",
            eventType: "m.room.welcome",
            sender: "@m:x",
            ts: 0,
            text: "See https://example.org",
          }}
        />
      </div>,
    );
    expect(getComputedStyle(container.querySelector("a[href]") as HTMLElement).color).toBe("rgb(70, 80, 90)");
  });
});

describe("the WelcomeBody inside the dialog, with styles.css", () => {
  it("given --mnk-color-scheme: dark on the dialog itself (not an ancestor), when it opens, then its message keeps the dialog's palette", async () => {
    const dialog = await openWelcomeDialog({
      html: HTML,
      style: { "--mnk-color-scheme": "dark" } as CSSProperties,
    });
    // The dialog answers only an ancestor's --mnk-color-scheme (README): its surface stays light, and so does its
    // message (a body of its own palette would turn dark on a light dialog).
    expect(getComputedStyle(dialog).backgroundColor).toBe("rgb(255, 255, 255)");
    expect(colours(dialog).codeBg).toBe("rgb(241, 243, 245)");
  });

  it("given --mnk-code-bg on the dialog, when it opens, then its message's code takes it", async () => {
    const dialog = await openWelcomeDialog({
      html: HTML,
      style: { "--mnk-code-bg": "rgb(40, 50, 60)" } as CSSProperties,
    });
    expect(colours(dialog).codeBg).toBe("rgb(40, 50, 60)");
  });
});
