/** Media for welcome images in jsdom: the download path, an image answer, and blob URLs (jsdom has none). */
import { vi } from "vitest";

/** The path of an authenticated media download, as the default resolver asks for it. */
export const MEDIA_DOWNLOAD = /^\/_matrix\/client\/v1\/media\/download\//;

/** A homeserver's answer with a small SVG image. */
export const imageAnswer = () => new Response(new Blob(["<svg/>"], { type: "image/svg+xml" }));

/**
 * Stubs `URL.createObjectURL` (`blob:test/0`, `blob:test/1`, ...) and `URL.revokeObjectURL`, recording both; undo
 * with `vi.unstubAllGlobals()`.
 */
export function stubObjectUrls(): { created: string[]; revoked: string[] } {
  const created: string[] = [];
  const revoked: string[] = [];
  vi.stubGlobal(
    "URL",
    Object.assign(URL, {
      createObjectURL: vi.fn(() => {
        const url = `blob:test/${created.length}`;
        created.push(url);
        return url;
      }),
      revokeObjectURL: vi.fn((url: string) => revoked.push(url)),
    }),
  );
  return { created, revoked };
}
