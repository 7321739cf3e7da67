import { render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAuthenticatedMediaResolver, createMemorySeenStore, WelcomeDialog } from "../../src";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubMediaNetwork() {
  const fetches: { url: string; auth: string | null }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      fetches.push({ url, auth: new Headers(init?.headers).get("authorization") });
      return new Response(new Blob(["<svg/>"], { type: "image/svg+xml" }), { status: 200 });
    }),
  );
  const created: string[] = [];
  const revoked: string[] = [];
  vi.stubGlobal(
    "URL",
    Object.assign(URL, {
      createObjectURL: vi.fn(() => {
        const u = `blob:test/${created.length}`;
        created.push(u);
        return u;
      }),
      revokeObjectURL: vi.fn((u: string) => revoked.push(u)),
    }),
  );
  return { fetches, created, revoked };
}

describe("authenticated media", () => {
  it("the default resolver fetches homeserver media with the access token and returns a blob URL; other URLs pass through", async () => {
    const net = stubMediaNetwork();
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    const resolve = createAuthenticatedMediaResolver(client);
    const url = `${client.getHomeserverUrl()}/_matrix/client/v1/media/download/example.org/abc`;
    await expect(resolve(url, new AbortController().signal)).resolves.toBe("blob:test/0");
    expect(net.fetches).toEqual([{ url, auth: `Bearer ${script.accessToken}` }]);
    await expect(resolve("https://cdn.example.org/a.png", new AbortController().signal)).resolves.toBe(
      "https://cdn.example.org/a.png",
    );
    expect(net.fetches).toHaveLength(1);
  });

  it("the dialog shows a welcome image through it and revokes the blob URL on unmount", async () => {
    const net = stubMediaNetwork();
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(
      client,
      welcomeRoom(ME, ROOM, {
        welcome: [welcomeEvent("x", '<p><img src="mxc://example.org/abc123" alt="logo"></p>')],
      }),
    );
    const { unmount } = render(
      <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />,
    );
    const img = await screen.findByRole("img", { name: "logo" });
    await waitFor(() => expect(img).toHaveAttribute("src", "blob:test/0"));
    expect(net.fetches[0]?.url).toMatch(/\/_matrix\/client\/v1\/media\/download\/example\.org\/abc123/);
    expect(net.fetches[0]?.auth).toBe(`Bearer ${script.accessToken}`);
    unmount();
    expect(net.revoked).toEqual(["blob:test/0"]);
  });
});
