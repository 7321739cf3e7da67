/**
 * A soft logout spends none of an image download's attempts. (Behaviour no test pinned down before a mutation hunt of
 * the stores.)
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAuthenticatedMediaResolver } from "../../src";
import { SOFT_LOGOUT } from "../support/failures";
import { imageAnswer, MEDIA_DOWNLOAD as MEDIA, stubObjectUrls } from "../support/media";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";

afterEach(() => vi.unstubAllGlobals());

describe("media resolver across a soft logout", () => {
  it("given a policy of 2 attempts, when a download meets a soft logout, then (signed in again) one 502, the image still loads", async () => {
    stubObjectUrls();
    const script = new SyncScript({ userId: ME });
    script.fail({ path: MEDIA }, SOFT_LOGOUT);
    script.fail({ path: MEDIA }, { status: 502 });
    script.route({ path: MEDIA }, imageAnswer);
    const client = script.createClient();
    await script.start(client, {});
    const url = `${client.getHomeserverUrl()}/_matrix/client/v1/media/download/example.org/abc`;
    const resolve = createAuthenticatedMediaResolver(client, { retry: { baseDelayMs: 5, maxAttempts: 2 } });
    const result = resolve(url, new AbortController().signal);
    await vi.waitFor(() => expect(script.requestsTo(MEDIA)).toHaveLength(1));
    client.setAccessToken("syt_new_token");
    await expect(result).resolves.toBe("blob:test/0");
    expect(script.requestsTo(MEDIA)).toHaveLength(3);
  });
});
