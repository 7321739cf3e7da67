/**
 * An app's consent store that throws is asked once and reported once per showing (a review, CM): a welcome repeating
 * one image 100 times with previews off gave 100 uncaught-error reports on one render.
 */
import { render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import { type ImageConsentStore, sanitizeMatrixHtml, WelcomeBody } from "../../src";
import { collectReports } from "../support/reports";

const reported = collectReports();

it("given a store whose hasConsent throws and a welcome repeating one image 100 times, previews off, then the store is asked once and the throw reported once", async () => {
  const hasConsent = vi.fn((): boolean => {
    throw new Error("has");
  });
  const store: ImageConsentStore = { hasConsent, addConsent: () => {} };
  const raw = `<p>${'<img src="mxc://example.org/logo" alt="Logo">'.repeat(100)}</p>`;
  const html = sanitizeMatrixHtml(raw, { mediaUrl: (m) => `https://hs.example/${m.slice(6)}` });
  render(
    <WelcomeBody
      message={{ text: "x", html, eventId: "$e", sender: "@mod:example.org" } as never}
      mediaPreviews={false}
      imageConsent={store}
      resolveMedia={async (u) => u}
    />,
  );
  await screen.findAllByRole("button", { name: /Show image/ });
  expect(hasConsent.mock.calls.length).toBeLessThanOrEqual(1);
  expect(reported.length).toBeLessThanOrEqual(1);
});
