import { render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, WelcomeDialog } from "../../src";
import { linkTargetTitle } from "../../src/welcome/linkTargetTitle";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

/** A link to one site whose image, alt text and image title all claim another. */
const IMAGE_LINK =
  '<p>Sign in: <a href="https://evil.example/login"><img src="mxc://example.org/abc" alt="https://bank.example/login" title="https://bank.example/login"></a></p>';

async function showWelcome(
  html: string,
  plain = "Rules",
  resolveMedia?: (url: string) => Promise<string | null>,
) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, welcomeRoom(ME, ROOM, { welcome: [welcomeEvent(plain, html)] }));
  render(
    <WelcomeDialog
      client={client}
      roomId={ROOM}
      options={{ seenStore: createMemorySeenStore() }}
      resolveMedia={resolveMedia}
    />,
  );
  return screen.findByRole("dialog");
}

describe("where a welcome link goes", () => {
  it("given a link whose text reads as one address and goes to another, its real target shows on hover", async () => {
    await showWelcome(
      '<p>Sign in at <a href="https://evil.example/login">https://bank.example/login</a></p>',
    );
    const link = screen.getByRole("link", { name: /^https:\/\/bank\.example\/login/ });
    expect(link).toHaveAttribute("title", "https://evil.example/login");
    // The hint is not taken for the link's text, and the tooltip stays the target, not the sentence.
    expect(link).toHaveAccessibleDescription("https://evil.example/login");
  });

  it("given a link worded in prose, its target shows on hover, as Element's links do", async () => {
    await showWelcome('<p>Read <a href="https://example.org/rules">the rules</a></p>');
    expect(screen.getByRole("link", { name: /^the rules/ })).toHaveAttribute(
      "title",
      "https://example.org/rules",
    );
  });

  it("given an internationalised host, the tooltip shows it as the browser resolves it (punycode)", async () => {
    await showWelcome('<p><a href="https://exаmple.org/">example.org</a></p>');
    expect(screen.getByRole("link")).toHaveAttribute("title", "https://xn--exmple-4nf.org/");
  });

  it("given an image link whose image fails to load, its alt text (reading as another address) stands in and the link shows its real target on hover", async () => {
    await showWelcome(IMAGE_LINK);
    const link = screen.getByRole("dialog").querySelector("a[href]") as HTMLAnchorElement;
    await waitFor(() => expect(link.querySelector("img")).toBeNull());
    expect(link).toHaveTextContent("https://bank.example/login");
    expect(link).toHaveAttribute("title", "https://evil.example/login");
  });

  it("given an image link whose image loads, the image's own title claiming another address gives way to the target", async () => {
    await showWelcome(IMAGE_LINK, "Sign in", async () => "https://cdn.example.org/bank-logo.png");
    const link = screen.getByRole("dialog").querySelector("a[href]") as HTMLAnchorElement;
    const img = await waitFor(() => {
      const loaded = link.querySelector("img");
      expect(loaded?.getAttribute("src")).toBe("https://cdn.example.org/bank-logo.png");
      return loaded as HTMLImageElement;
    });
    expect(img).toHaveAttribute("title", "https://evil.example/login");
    expect(link).toHaveAttribute("title", "https://evil.example/login");
  });

  it("given a link whose text is its own address, it gets no tooltip (it would only repeat the text)", async () => {
    await showWelcome(
      '<p><a href="https://example.org/rules">https://example.org/rules</a> <a href="https://www.example.org/">example.org</a> <a href="mailto:mod@example.org">mod@example.org</a></p>',
    );
    for (const link of screen.getAllByRole("link")) expect(link).not.toHaveAttribute("title");
  });

  it("given a plain-text welcome, its links are their own text and get no tooltip", async () => {
    await showWelcome("", "See https://example.org/rules");
    expect(screen.getByRole("link", { name: /^https:\/\/example\.org\/rules/ })).not.toHaveAttribute("title");
  });
});

describe("linkTargetTitle", () => {
  it("names the target unless the text says it, ignoring case, scheme, www. and a trailing slash", () => {
    expect(linkTargetTitle("HTTPS://Example.org", "https://example.org/")).toBeNull();
    expect(linkTargetTitle("example.org/rules/", "https://www.example.org/rules")).toBeNull();
    expect(linkTargetTitle("  ", "https://example.org/")).toBeNull();
    expect(linkTargetTitle("example.org.evil.example", "https://example.org/")).toBe("https://example.org/");
    expect(linkTargetTitle("the rules", "https://example.org/")).toBe("https://example.org/");
  });
});
