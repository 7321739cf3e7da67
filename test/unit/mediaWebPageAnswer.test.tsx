/**
 * A media download answered with a web page instead of the image (a captive portal's login page, a proxy's error page
 * with status 200): the image is not shown as a broken picture from an HTML blob; the download is retried, and the alt
 * text stands in once no retry is left.
 */
import { render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAuthenticatedMediaResolver, createMemorySeenStore, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { imageAnswer as image, MEDIA_DOWNLOAD as MEDIA, stubObjectUrls } from "../support/media";
import { welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

afterEach(() => vi.unstubAllGlobals());

const webPage = () =>
  new Response("<html><body>Sign in to the hotel Wi-Fi</body></html>", {
    headers: { "content-type": "text/html" },
  });

/** The welcome dialog with one homeserver image, its downloads answered in turn by `answers` (the last repeats). */
async function dialogWithImage(answers: (() => Response)[]) {
  stubObjectUrls();
  const script = new SyncScript({ userId: ME });
  let n = 0;
  script.route({ path: MEDIA }, () => answers[Math.min(n++, answers.length - 1)]!());
  const client = script.createClient();
  await script.start(
    client,
    welcomeRoom(ME, ROOM, {
      welcome: [welcomeEvent("x", '<p><img src="mxc://example.org/abc123" alt="logo"></p>')],
    }),
  );
  render(
    <WelcomeDialog
      client={client}
      roomId={ROOM}
      options={{ seenStore: createMemorySeenStore() }}
      resolveMedia={createAuthenticatedMediaResolver(client, { retry: { baseDelayMs: 5, maxAttempts: 3 } })}
    />,
  );
  return { downloads: () => script.requestsTo(MEDIA) };
}

describe("a media download answered with a web page", () => {
  it("given a captive portal's page first and the image after, the image shows", async () => {
    const { downloads } = await dialogWithImage([webPage, image]);
    await waitFor(() =>
      expect(screen.getByRole("img", { name: "logo" })).toHaveAttribute("src", "blob:test/0"),
    );
    expect(downloads()).toHaveLength(2);
  });

  it("given only web pages, the alt text stands in once no retry is left, and no blob URL of the page is shown", async () => {
    const { downloads } = await dialogWithImage([webPage]);
    expect(await screen.findByText("logo")).toBeInTheDocument();
    expect(screen.queryByRole("img")).toBeNull();
    expect(downloads()).toHaveLength(3);
  });

  it("given an image served as application/octet-stream (media of unknown type), it shows", async () => {
    const octets = () => new Response(new Blob(["<svg/>"], { type: "application/octet-stream" }));
    await dialogWithImage([octets]);
    await waitFor(() =>
      expect(screen.getByRole("img", { name: "logo" })).toHaveAttribute("src", "blob:test/0"),
    );
  });
});
