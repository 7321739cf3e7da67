/**
 * Welcome images on the homeserver's authenticated media: fetched with the access token through the client's own
 * `fetchFn` (here the sync script, the homeserver of these tests), shown as blob URLs, and retried as the kit's other
 * requests are when a download fails for a reason a retry can fix.
 */
import { getEventListeners } from "node:events";
import { render, screen, waitFor } from "@testing-library/react";
import type { MatrixClient } from "matrix-js-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createAuthenticatedMediaResolver,
  createMemorySeenStore,
  type MediaResolver,
  WelcomeDialog,
} from "../../src";
import { welcomeEvent } from "../support/events";
import { imageAnswer, MEDIA_DOWNLOAD as MEDIA, stubObjectUrls } from "../support/media";
import { welcomeRoom } from "../support/scenarios";
import { type Failure, type RecordedRequest, SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A homeserver (the sync script) whose media downloads answer an image, after the given failures. */
function mediaServer(...failures: Failure[]) {
  const script = new SyncScript({ userId: ME });
  for (const failure of failures) script.fail({ path: MEDIA }, failure);
  script.route({ path: MEDIA }, imageAnswer);
  const downloads = () => script.requestsTo(MEDIA);
  return { script, downloads, objectUrls: stubObjectUrls() };
}

const mediaUrl = (client: MatrixClient, id = "abc") =>
  `${client.getHomeserverUrl()}/_matrix/client/v1/media/download/example.org/${id}`;
const signal = () => new AbortController().signal;
const fast = { baseDelayMs: 5 };

/** The welcome dialog of a room whose welcome has one homeserver image. */
async function dialogWithImage(script: SyncScript, resolveMedia?: (client: MatrixClient) => MediaResolver) {
  const client = script.createClient();
  await script.start(
    client,
    welcomeRoom(ME, ROOM, {
      welcome: [welcomeEvent("x", '<p><img src="mxc://example.org/abc123" alt="logo"></p>')],
    }),
  );
  const view = render(
    <WelcomeDialog
      client={client}
      roomId={ROOM}
      options={{ seenStore: createMemorySeenStore() }}
      resolveMedia={resolveMedia?.(client)}
    />,
  );
  return { client, view };
}

describe("authenticated media", () => {
  it("the default resolver fetches homeserver media with the access token through the client's fetchFn; other URLs pass through", async () => {
    const { script, downloads } = mediaServer();
    const globalFetch = vi.fn();
    vi.stubGlobal("fetch", globalFetch);
    const client = script.createClient();
    const resolve = createAuthenticatedMediaResolver(client);
    await expect(resolve(mediaUrl(client), signal())).resolves.toBe("blob:test/0");
    expect(downloads().map((r) => r.headers.get("authorization"))).toEqual([`Bearer ${script.accessToken}`]);
    await expect(resolve("https://cdn.example.org/a.png", signal())).resolves.toBe(
      "https://cdn.example.org/a.png",
    );
    expect(downloads()).toHaveLength(1);
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it("the dialog shows a welcome image through it and revokes the blob URL on unmount", async () => {
    const { script, downloads, objectUrls } = mediaServer();
    const { view } = await dialogWithImage(script);
    const img = await screen.findByRole("img", { name: "logo" });
    await waitFor(() => expect(img).toHaveAttribute("src", "blob:test/0"));
    expect(downloads()[0]?.path).toMatch(/\/_matrix\/client\/v1\/media\/download\/example\.org\/abc123/);
    expect(downloads()[0]?.headers.get("authorization")).toBe(`Bearer ${script.accessToken}`);
    view.unmount();
    expect(objectUrls.revoked).toEqual(["blob:test/0"]);
  });
});

describe("the caller's abort signal", () => {
  it("given one signal for many downloads (a page's own), once each is done (one after a failed attempt), no abort listener is left on it", async () => {
    const { script, downloads } = mediaServer({ status: 502 });
    const client = script.createClient();
    const resolve = createAuthenticatedMediaResolver(client, { retry: fast });
    const page = new AbortController().signal;
    await expect(resolve(mediaUrl(client, "first"), page)).resolves.toBe("blob:test/0");
    await expect(resolve(mediaUrl(client, "second"), page)).resolves.toBe("blob:test/1");
    expect(downloads()).toHaveLength(3);
    expect(getEventListeners(page, "abort")).toEqual([]);
  });
});

describe("a failed image download", () => {
  it("given the network fails once, when the dialog shows, the image still appears (the default retries after a second)", async () => {
    const { script, downloads } = mediaServer("network");
    await dialogWithImage(script);
    const img = await screen.findByRole("img", { name: "logo" });
    await waitFor(() => expect(img).toHaveAttribute("src", "blob:test/0"), { timeout: 3000 });
    expect(downloads()).toHaveLength(2);
  });

  it("given a 502 and then a 429 asking for 60 ms, the image appears, the third download no sooner than asked", async () => {
    const { script, downloads } = mediaServer(
      { status: 502 },
      { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 60 } },
    );
    const client = script.createClient();
    await expect(
      createAuthenticatedMediaResolver(client, { retry: fast })(mediaUrl(client), signal()),
    ).resolves.toBe("blob:test/0");
    const [, second, third] = downloads() as [RecordedRequest, RecordedRequest, RecordedRequest];
    expect(downloads()).toHaveLength(3);
    expect(third.at - second.at).toBeGreaterThanOrEqual(55);
  });

  it("given a 404, the alt text shows at once and the download is not asked again", async () => {
    const { script, downloads } = mediaServer({ status: 404, errcode: "M_NOT_FOUND" });
    await dialogWithImage(script);
    expect(await screen.findByText("logo")).toBeInTheDocument();
    expect(screen.queryByRole("img", { name: "logo" })).toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    expect(downloads()).toHaveLength(1);
  });

  for (const body of ["[]", '"Not found"', "<html>Not Found</html>"])
    it(`given a 404 whose body is ${body}, the alt text shows at once and the download is not asked again`, async () => {
      const { script, downloads } = mediaServer();
      script.route({ path: MEDIA }, () => new Response(body, { status: 404 }));
      const client = script.createClient();
      const resolve = createAuthenticatedMediaResolver(client, { retry: fast });
      await expect(resolve(mediaUrl(client), signal())).resolves.toBeNull();
      expect(downloads()).toHaveLength(1);
    });

  it("given a 404 whose JSON body is null (the SDK cannot read its status), it is tried as a failure without an answer: the policy's attempts, then null", async () => {
    const { script, downloads } = mediaServer();
    script.route(
      { path: MEDIA },
      () => new Response("null", { status: 404, headers: { "content-type": "application/json" } }),
    );
    const client = script.createClient();
    const resolve = createAuthenticatedMediaResolver(client, { retry: fast });
    await expect(resolve(mediaUrl(client), signal())).resolves.toBeNull();
    expect(downloads()).toHaveLength(5);
  });

  it("given a 502 from a proxy that labels its HTML page as JSON, the download is tried again", async () => {
    const { script, downloads } = mediaServer();
    let first = true;
    script.route({ path: MEDIA }, () => {
      if (!first) return undefined;
      first = false;
      return new Response("<html>Bad gateway</html>", {
        status: 502,
        headers: { "content-type": "application/json" },
      });
    });
    const client = script.createClient();
    const resolve = createAuthenticatedMediaResolver(client, { retry: fast });
    await expect(resolve(mediaUrl(client), signal())).resolves.toBe("blob:test/0");
    expect(downloads()).toHaveLength(2);
  });

  it("given the network keeps failing, the alt text shows after the policy's attempts (5 by default)", async () => {
    const { script, downloads } = mediaServer(...Array<Failure>(10).fill("network"));
    await dialogWithImage(script, (client) => createAuthenticatedMediaResolver(client, { retry: fast }));
    expect(await screen.findByText("logo", {}, { timeout: 3000 })).toBeInTheDocument();
    expect(downloads()).toHaveLength(5);
  });

  it("given the dialog unmounts while a retry waits, no further download is made", async () => {
    const { script, downloads } = mediaServer(...Array<Failure>(10).fill("network"));
    // A second without jitter: the unmount lands well inside the wait also on a loaded machine (with 100 ms and the
    // default jitter, the retry sometimes went before waitFor's next poll saw the first download).
    const { view } = await dialogWithImage(script, (client) =>
      createAuthenticatedMediaResolver(client, { retry: { baseDelayMs: 1000, jitter: 0 } }),
    );
    await waitFor(() => expect(downloads()).toHaveLength(1));
    view.unmount();
    await new Promise((r) => setTimeout(r, 1300));
    expect(downloads()).toHaveLength(1);
  });

  it("given a download that never answers, it is given up after the request timeout and made again", async () => {
    const { script, downloads } = mediaServer();
    let first = true;
    script.route({ path: MEDIA }, () => {
      if (!first) return undefined;
      first = false;
      return new Promise<never>(() => {});
    });
    const client = script.createClient();
    const resolve = createAuthenticatedMediaResolver(client, { retry: { ...fast, requestTimeoutMs: 30 } });
    await expect(resolve(mediaUrl(client), signal())).resolves.toBe("blob:test/0");
    expect(downloads()).toHaveLength(2);
    expect(downloads()[0]?.signal?.aborted).toBe(true);
  });

  it("given a download that answers only after its timeout (a fetch that ignores the abort), no blob URL is made for it", async () => {
    const { script, downloads, objectUrls } = mediaServer();
    let first = true;
    script.route({ path: MEDIA }, async () => {
      if (!first) return undefined;
      first = false;
      await new Promise((r) => setTimeout(r, 60));
      return new Response(new Blob(["late"]));
    });
    // A fetchFn that ignores abort signals, as some polyfills and proxies do.
    const client = script.createClient({
      fetchFn: (input, init) => script.fetchFn(input, { ...init, signal: null }),
    });
    const resolve = createAuthenticatedMediaResolver(client, {
      retry: { baseDelayMs: 150, requestTimeoutMs: 30 },
    });
    await expect(resolve(mediaUrl(client), signal())).resolves.toBe("blob:test/0");
    expect(downloads()).toHaveLength(2);
    expect(objectUrls.created).toEqual(["blob:test/0"]);
  });

  it("given a soft logout, the retry after the user signs in again carries the new access token", async () => {
    const { script, downloads } = mediaServer({
      status: 401,
      errcode: "M_UNKNOWN_TOKEN",
      data: { soft_logout: true },
    });
    const client = script.createClient();
    const resolving = createAuthenticatedMediaResolver(client, { retry: { baseDelayMs: 50 } })(
      mediaUrl(client),
      signal(),
    );
    await waitFor(() => expect(downloads()).toHaveLength(1));
    client.setAccessToken("syt_new_token");
    await expect(resolving).resolves.toBe("blob:test/0");
    expect(downloads().map((r) => r.headers.get("authorization"))).toEqual([
      `Bearer ${script.accessToken}`,
      "Bearer syt_new_token",
    ]);
  });
});
