/**
 * The dialog's title as the app's label makes it: the room name isolated in a <bdi> where the label puts it in
 * unchanged, and otherwise exactly what the label returns (a second review's probes: the first four failed on a version
 * that asked the label with a stand-in only).
 */
import { cleanup } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { openWelcomeDialog } from "../support/welcomeDialog";

async function open(name: string | null, labels: Record<string, unknown>) {
  const dialog = await openWelcomeDialog({ roomName: name, text: "Hi", labels });
  return dialog.querySelector<HTMLElement>('[data-part="title"]')!;
}

describe("given a title label that looks at the room name", () => {
  it("a label that shortens long room names: the title is what it returns", async () => {
    const short = (n: string) => (n.length > 12 ? `${n.slice(0, 11)}…` : n);
    const title = await open("The very long name of our community lounge", {
      title: (n: string) => `Welcome to ${short(n)}`,
    });
    // What the app's label returns for this room:
    expect(title.textContent).toBe(`Welcome to ${short("The very long name of our community lounge")}`);
  });

  it("a Hungarian label choosing the article by the name's first letter: the article fits the name", async () => {
    // Hungarian: "az" before a vowel, "a" before a consonant.
    const hu = (n: string) => `Üdvözlünk ${/^[aáeéiíoóöőuúüű]/i.test(n) ? "az" : "a"} ${n} szobában`;
    const title = await open("Anime klub", { title: hu });
    expect(title.textContent).toBe(hu("Anime klub"));
  });

  it("a label that upper-cases the name: shown upper-cased", async () => {
    const title = await open("lounge", { title: (n: string) => `WELCOME TO ${n.toUpperCase()}` });
    expect(title.textContent).toBe("WELCOME TO LOUNGE");
  });

  it("a label holding U+E000 itself (an icon-font glyph): the icon stays", async () => {
    const title = await open("Lounge", { title: (n: string) => `\uE000 Welcome to ${n}` });
    expect(title.textContent).toBe("\uE000 Welcome to Lounge");
  });

  it("a room name holding U+E000, a name used twice (two isolates), a huge name, a label returning a number", async () => {
    let title = await open("A\uE000B", {});
    expect(title.textContent).toBe("Welcome to A\uE000B");
    cleanup();
    title = await open("Lounge", { title: (n: string) => `${n}: welcome to ${n}` });
    expect(title.querySelectorAll("bdi")).toHaveLength(2);
    expect(title.textContent).toBe("Lounge: welcome to Lounge");
    cleanup();
    const huge = "x".repeat(200_000);
    title = await open(huge, {});
    expect(title.textContent).toBe(`Welcome to ${huge}`);
    cleanup();
    title = await open("Lounge", { title: () => 42 });
    expect(title.textContent).toBe("42");
  });
});

describe("given a room with no name", () => {
  it("the title label is told so, and a translation can word that case on its own", async () => {
    const de = (n: string, hasName: boolean) => (hasName ? `Willkommen in ${n}` : "Willkommen!");
    const title = await open(null, { title: de });
    expect(title.textContent).toBe("Willkommen!");
    cleanup();
    expect((await open("Lounge", { title: de })).textContent).toBe("Willkommen in Lounge");
  });

  it("a one-argument label still gets untitledRoom, shown as UI text (no <bdi>)", async () => {
    const title = await open(null, { title: (n: string) => `Bienvenue dans ${n}`, untitledRoom: "ce salon" });
    expect(title.textContent).toBe("Bienvenue dans ce salon");
    expect(title.querySelector("bdi")).toBeNull();
  });
});
