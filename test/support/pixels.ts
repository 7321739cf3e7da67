/** Pixels as Chromium paints them (browser tests): what computed styles cannot show, such as an inset shadow's wash. */
import { page } from "vitest/browser";

/** The painted [r, g, b] at (`x`, `y`) CSS pixels inside `element`, read from a screenshot of it. */
export async function paintedAt(
  element: HTMLElement,
  x: number,
  y: number,
): Promise<[number, number, number]> {
  const shot = (await page.screenshot({ element, base64: true, save: false })) as string | { base64: string };
  const base64 = typeof shot === "string" ? shot : shot.base64;
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d")!;
  context.drawImage(bitmap, 0, 0);
  const scale = bitmap.width / element.getBoundingClientRect().width;
  const [r, g, b] = context.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data;
  return [r!, g!, b!];
}
