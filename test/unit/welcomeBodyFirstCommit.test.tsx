// A client-only mount of WelcomeBody shows the HTML in its very first commit (useHydrated is true there), in
// StrictMode too, for an app's own sanitizeMatrixHtml result and for raw HTML it sanitizes itself; React 19 and 18.
import { render } from "@testing-library/react";
import { StrictMode, useLayoutEffect, version } from "react";
import { describe, expect, it } from "vitest";
import { defaultWelcomeDialogLabels, sanitizeMatrixHtml, WelcomeBody } from "../../src";
import { welcomeOf } from "../support/welcomeMessage";

function FirstFrame({ seen }: { seen: string[] }) {
  useLayoutEffect(() => {
    const body = document.querySelector('[data-part="body"]');
    seen.push(`${body?.className}|${body?.querySelector("b")?.textContent ?? "-"}`);
  }, [seen]);
  return null;
}

describe(`first commit of a client-only mount (React ${version})`, () => {
  for (const [name, html] of [
    ["recent sanitizer output", () => sanitizeMatrixHtml("<p><b>Hi</b> there</p>")],
    ["raw HTML", () => "<p><b>Hi</b> there <img src=x onerror=alert(1)></p>"],
  ] as const) {
    for (const strict of [false, true]) {
      it(`${name}${strict ? " (StrictMode)" : ""}: HTML in the first commit`, () => {
        const seen: string[] = [];
        const tree = (
          <>
            <WelcomeBody
              message={welcomeOf({ html: html(), text: "Hi there" })}
              labels={defaultWelcomeDialogLabels}
            />
            <FirstFrame seen={seen} />
          </>
        );
        const { container } = render(strict ? <StrictMode>{tree}</StrictMode> : tree);
        expect(seen[0]).toBe("mnk-welcome-html|Hi");
        expect(container.querySelector("[onerror]")).toBeNull();
      });
    }
  }
});
