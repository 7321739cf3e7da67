/**
 * A welcome with many images (a hostile or careless moderator, within the event size limit): each image URL is
 * downloaded once however often it repeats, a few downloads at a time, and a rate limit holds back every image.
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { downloadQueue } from "../../src/core/downloadQueue";
import { welcomeEvent } from "../support/events";
import { imageAnswer as image, MEDIA_DOWNLOAD as MEDIA, stubObjectUrls } from "../support/media";
import { welcomeRoom } from "../support/scenarios";
import { type RouteResult, SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => vi.unstubAllGlobals());

/** The welcome dialog over `html`, its media answered by `answer`. */
async function dialogWith(html: string, answer: () => RouteResult | Promise<RouteResult>, strict = false) {
  const urls = stubObjectUrls();
  const script = new SyncScript({ userId: ME });
  script.route({ path: MEDIA }, answer);
  const client = script.createClient();
  await script.start(client, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Pictures", html)] }));
  const dialog = (
    <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />
  );
  const view = render(strict ? <StrictMode>{dialog}</StrictMode> : dialog);
  await screen.findByRole("dialog");
  return { client, script, urls, view, downloads: () => script.requestsTo(MEDIA) };
}

const images = (n: number, src = (i: number) => `mxc://example.org/m${i}`) =>
  `<p>${Array.from({ length: n }, (_, i) => `<img src="${src(i)}" alt="picture ${i}">`).join("")}</p>`;
const shownImages = () => [...document.querySelectorAll<HTMLImageElement>("[role=dialog] img")];

describe("a welcome with many images", () => {
  it("given one image repeated 1,000 times, it is downloaded once, every copy shows it, and its blob URL is revoked once when the dialog goes", async () => {
    const html = images(1000, () => "mxc://example.org/same");
    const { urls, view, downloads } = await dialogWith(html, image);
    await waitFor(() => expect(shownImages().every((img) => img.src === "blob:test/0")).toBe(true));
    expect(shownImages()).toHaveLength(1000);
    await sleep(50);
    expect(downloads()).toHaveLength(1);
    view.unmount();
    expect(urls.revoked).toEqual(["blob:test/0"]);
  }, 30_000);

  it("given 40 different images, at most 6 downloads are out at once, and every image shows", async () => {
    let out = 0;
    let most = 0;
    await dialogWith(images(40), async () => {
      most = Math.max(most, ++out);
      await sleep(10);
      out--;
      return image();
    });
    await waitFor(() => expect(shownImages().filter((img) => img.src.startsWith("blob:"))).toHaveLength(40), {
      timeout: 5000,
    });
    expect(most).toBe(6);
  });

  it("given the server rate-limits a download, no other image's download starts before the wait it asked for", async () => {
    let limited = false;
    let answeredAt = 0;
    const { downloads } = await dialogWith(images(12), () => {
      if (limited) return image();
      limited = true;
      answeredAt = performance.now();
      return { status: 429, errcode: "M_LIMIT_EXCEEDED", data: { retry_after_ms: 300 } };
    });
    await waitFor(() => expect(shownImages().filter((img) => img.src.startsWith("blob:"))).toHaveLength(12), {
      timeout: 5000,
    });
    // The first six were sent together (the 429 answered the first); the others went once the wait was over.
    const later = downloads()
      .slice(6)
      .map((d) => d.at - answeredAt);
    expect(later).toHaveLength(7);
    expect(Math.min(...later)).toBeGreaterThanOrEqual(290);
  });
});

describe("a welcome with more different images than a reader should download unasked", () => {
  it("given 60 different images, the first 50 URLs load, the other 10 show their alt text, and one button after the message offers them", async () => {
    const { downloads } = await dialogWith(images(60), image);
    await waitFor(() => expect(shownImages().filter((img) => img.src.startsWith("blob:"))).toHaveLength(50), {
      timeout: 5000,
    });
    // One tab stop, not ten: no per-image buttons past the cap.
    expect(screen.queryByRole("button", { name: /^Show image/ })).toBeNull();
    const more = screen.getByRole("button", { name: "Show 10 more images" });
    expect(screen.getByRole("dialog")).toHaveTextContent("picture 50");
    // After the message's last paragraph, before the dialog's own button.
    const body = document.querySelector('[data-part="body"]')!;
    expect(body.lastElementChild?.contains(more)).toBe(true);
    await sleep(50);
    expect(downloads()).toHaveLength(50);
  });

  it("given the cap reached, a repeat of a shown URL still shows, and the one button loads the rest and moves focus to the first", async () => {
    const html = `${images(55)}<p><img src="mxc://example.org/m0" alt="again"></p>`;
    const { downloads } = await dialogWith(html, image);
    const again = await screen.findByRole("img", { name: "again" });
    await waitFor(() => expect(again.getAttribute("src")).toMatch(/^blob:/));
    screen.getByRole("button", { name: "Show 5 more images" }).click();
    const first = await screen.findByRole("img", { name: "picture 50" });
    expect(document.activeElement).toBe(first);
    await waitFor(() => expect(shownImages().filter((img) => img.src.startsWith("blob:"))).toHaveLength(56));
    expect(screen.queryByRole("button", { name: /more image/ })).toBeNull();
    expect(screen.getByRole("dialog")).not.toHaveTextContent("picture 54picture");
    expect(downloads()).toHaveLength(55);
  });

  it("given 51 different images, the button says one more image, in the app's words when it gives them", async () => {
    const urls = stubObjectUrls();
    const script = new SyncScript({ userId: ME });
    script.route({ path: MEDIA }, image);
    const client = script.createClient();
    await script.start(client, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Pictures", images(51))] }));
    const view = render(
      <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />,
    );
    expect(await screen.findByRole("button", { name: "Show 1 more image" })).toBeVisible();
    // A language switch: the button follows it.
    view.rerender(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore: createMemorySeenStore() }}
        labels={{ showMoreImages: (n) => `Weitere Bilder zeigen (${n})` }}
      />,
    );
    expect(await screen.findByRole("button", { name: "Weitere Bilder zeigen (1)" })).toBeVisible();
    expect(urls.created.length).toBeGreaterThan(0);
  });

  it("given focus on the one button, when another device turns previews off, focus goes to the first capped image's own button", async () => {
    const { script } = await dialogWith(images(52), image);
    const more = await screen.findByRole("button", { name: "Show 2 more images" });
    more.focus();
    const off = { type: "m.media_preview_config", content: { media_previews: "off" } };
    await act(() => script.push({ accountData: [off] }));
    expect(screen.queryByRole("button", { name: /more image/ })).toBeNull();
    expect(screen.getAllByRole("button", { name: /^Show image/ })).toHaveLength(52);
    expect(document.activeElement).toBe(
      screen.getByRole("button", { name: "Show image: \u2068picture 50\u2069" }),
    );
  });

  it("given the rest shown with the one button, when previews go off and on again, every image shows unasked", async () => {
    const { script } = await dialogWith(images(52), image);
    (await screen.findByRole("button", { name: "Show 2 more images" })).click();
    await screen.findByRole("img", { name: "picture 51" });
    const setting = (media_previews: string) => ({
      type: "m.media_preview_config",
      content: { media_previews },
    });
    await act(() => script.push({ accountData: [setting("off")] }));
    expect(screen.queryByRole("img", { name: "picture 51" })).toBeNull();
    await act(() => script.push({ accountData: [setting("on")] }));
    await waitFor(() => expect(shownImages()).toHaveLength(52));
    expect(screen.queryByRole("button", { name: /^Show/ })).toBeNull();
  });

  it("given exactly 50 different images, every one loads and no button shows (control)", async () => {
    await dialogWith(images(50), image);
    await waitFor(() => expect(shownImages().filter((img) => img.src.startsWith("blob:"))).toHaveLength(50), {
      timeout: 5000,
    });
    expect(screen.queryByRole("button", { name: /^Show/ })).toBeNull();
  });
});

describe("images still waiting when the dialog goes", () => {
  it("given 20 images and the dialog closed while the first six are out, the 14 waiting are never downloaded", async () => {
    const { view, downloads } = await dialogWith(images(20), async () => {
      await sleep(30);
      return image();
    });
    await sleep(5);
    view.unmount();
    await sleep(200);
    expect(downloads().length).toBeLessThanOrEqual(6);
  });

  it("given the app's own resolver, it is never asked for an image once the dialog is gone", async () => {
    const asked: boolean[] = [];
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(client, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent("Pictures", images(20))] }));
    const view = render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore: createMemorySeenStore() }}
        resolveMedia={(url, signal) => {
          asked.push(signal.aborted);
          return new Promise((resolve, reject) => {
            const timer = setTimeout(() => resolve(url), 30);
            signal.addEventListener("abort", () => {
              clearTimeout(timer);
              reject(signal.reason);
            });
          });
        }}
      />,
    );
    await screen.findByRole("dialog");
    await sleep(5);
    view.unmount();
    await sleep(200);
    expect(asked.length).toBeLessThanOrEqual(6);
    expect(asked).not.toContain(true);
  });

  it("given the dialog under StrictMode (its effects run twice), each image is downloaded at most once after the first pass", async () => {
    const { downloads } = await dialogWith(
      images(20),
      async () => {
        await sleep(10);
        return image();
      },
      true,
    );
    await waitFor(() => expect(shownImages().filter((img) => img.src.startsWith("blob:"))).toHaveLength(20), {
      timeout: 5000,
    });
    expect(downloads().length).toBeLessThanOrEqual(26);
  });
});

describe("downloadQueue", () => {
  it("runs at most its limit at once, in order, and goes on after a task fails", async () => {
    const queue = downloadQueue(2);
    const started: number[] = [];
    const gates = new Map<number, () => void>();
    const task = (n: number, fail = false) =>
      queue(() => {
        started.push(n);
        return new Promise<number>((resolve, reject) => gates.set(n, () => (fail ? reject(n) : resolve(n))));
      });
    const results = [task(1, true), task(2), task(3), task(4)];
    await sleep(0);
    expect(started).toEqual([1, 2]);
    gates.get(1)!();
    await expect(results[0]).rejects.toBe(1);
    await sleep(0);
    expect(started).toEqual([1, 2, 3]);
    gates.get(2)!();
    gates.get(3)!();
    await sleep(0);
    gates.get(4)!();
    await expect(Promise.all(results.slice(1))).resolves.toEqual([2, 3, 4]);
  });
});
