// HTML made for publishing (forPublishing, keepMxcMedia: what setWelcomeMessage and the editor send) is no display
// HTML: shown through parseWelcomeContent, WelcomeBody sanitizes it for display (new-tab links, no bare mxc: image).
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, keepMxcMedia, sanitizeMatrixHtml, WelcomeBody } from "../../src";
import { welcomeFromContent } from "../support/welcomeMessage";

const SOURCE_HTML =
  '<p>Read <a href="https://example.org/rules">the rules</a> <img src="mxc://example.org/logo" alt="our logo"></p>';

describe("HTML sanitized for publishing is not display-sanitized HTML", () => {
  it("a welcome event the kit just published, shown through parseWelcomeContent, gets display attributes on its links and no mxc: image", () => {
    // What setWelcomeMessage / the editor put in the event (src/authoring/setWelcomeMessage.ts:127).
    const published = sanitizeMatrixHtml(SOURCE_HTML, { mediaUrl: keepMxcMedia, forPublishing: true });
    const content = {
      "m.text": [{ mimetype: "text/html", body: published }, { body: "Read the rules" }],
    };
    const { container } = render(
      <WelcomeBody message={welcomeFromContent(content)} labels={defaultWelcomeDialogLabels} />,
    );
    const link = container.querySelector("a")!;
    const img = container.querySelector("img");
    expect({
      target: link.getAttribute("target"),
      rel: link.getAttribute("rel"),
      hint: !!link.querySelector("[data-mnk-new-tab-hint]"),
      imgSrc: img?.getAttribute("src") ?? img?.getAttribute("data-mnk-src") ?? null,
    }).toEqual({ target: "_blank", rel: "noopener noreferrer", hint: true, imgSrc: null });
  });

  it("the same raw HTML from another client (not just published by the kit) is sanitized for display", () => {
    const content = {
      "m.text": [{ mimetype: "text/html", body: `${SOURCE_HTML} ` }, { body: "Read the rules" }],
    };
    const { container } = render(
      <WelcomeBody message={welcomeFromContent(content)} labels={defaultWelcomeDialogLabels} />,
    );
    const link = container.querySelector("a")!;
    expect(link.getAttribute("target")).toBe("_blank");
    expect(container.querySelector("img")).toBeNull();
  });
});
