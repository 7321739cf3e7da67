/**
 * With every label replaced by a marker, no user-visible or screen-reader text is left that the labels do not control
 * (an i18n review's probes), and the default size label is the same on server and browser.
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  defaultNoticeBannerLabels,
  defaultWelcomeDialogLabels,
  defaultWelcomeEditorLabels,
  type NoticeBannerLabels,
  NoticeBannerList,
  type ServerNoticeItem,
  type WelcomeDialogLabels,
  WelcomeEditor,
  type WelcomeEditorLabels,
} from "../../src";
import { stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { openWelcomeDialog } from "../support/welcomeDialog";
import { startWorld } from "../support/world";

const ME = "@mod:example.org";
const ROOM = "!lounge:example.org";

/** Every entry of `defaults` as a marker: strings become ⟦key⟧, functions ⟦key:args⟧. */
function markers<T extends object>(defaults: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(defaults))
    out[key] =
      typeof value === "function"
        ? (...args: unknown[]) => `⟦${key}:${args.map(String).join("|")}⟧`
        : `⟦${key}⟧`;
  return out as T;
}

/** Text and screen-reader attributes under `root` that are not markers (nor the user content given). */
function leftovers(root: ParentNode, userContent: string[]): string[] {
  const strip = (s: string) => {
    // A marker may be split across text nodes (the dialog's title isolates the room name in a <bdi> within it).
    let t = s
      .replace(/⟦[^⟧]*⟧/g, "")
      .replace(/⟦[^⟧]*$/, "")
      .replace(/^[^⟦]*⟧/, "");
    for (const u of userContent) t = t.split(u).join("");
    return t.trim();
  };
  const found: string[] = [];
  const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 3) {
      const parent = n.parentElement;
      if (parent?.closest("textarea,script,style")) continue;
      const t = strip(n.textContent ?? "");
      if (/\p{L}/u.test(t)) found.push(`text: ${JSON.stringify(t)} in <${parent?.tagName.toLowerCase()}>`);
    } else {
      const el = n as Element;
      for (const attr of [
        "aria-label",
        "title",
        "alt",
        "placeholder",
        "aria-description",
        "aria-roledescription",
        "aria-valuetext",
      ]) {
        const v = el.getAttribute(attr);
        if (v !== null && /\p{L}/u.test(strip(v)))
          found.push(`${attr}: ${JSON.stringify(v)} on <${el.tagName.toLowerCase()}>`);
      }
    }
  }
  return found;
}

afterEach(() => localStorage.clear());

describe("every string comes from the labels", () => {
  it("NoticeBannerList: usage limit with and without contact, ordinary notice with a link", () => {
    const items: ServerNoticeItem[] = [
      {
        eventId: "rl1",
        sender: "",
        ts: 0,
        source: "resource-limit-error",
        notice: {
          body: "USERTEXT1",
          serverNoticeType: "m.server_notice.usage_limit_reached",
          limitType: "monthly_active_user",
          adminContact: "mailto:admin@example.org",
        },
      },
      {
        eventId: "rl2",
        sender: "",
        ts: 0,
        source: "pinned",
        notice: {
          body: "USERTEXT2",
          serverNoticeType: "m.server_notice.usage_limit_reached",
          limitType: "hs_disabled",
        },
      },
      {
        eventId: "$n",
        sender: "@n:x",
        ts: 0,
        source: "pinned",
        notice: { body: "USERTEXT3 https://example.org/x" },
      },
    ];
    const { container } = render(
      <NoticeBannerList
        notices={items}
        labels={markers<NoticeBannerLabels>(defaultNoticeBannerLabels)}
        dismissStore={createMemoryDismissStore()}
      />,
    );
    expect(leftovers(container, ["USERTEXT1", "USERTEXT2", "USERTEXT3", "https://example.org/x"])).toEqual(
      [],
    );
  });

  it("WelcomeDialog: title, sender line, close, description, confirm, link hint, spoiler, failed image", async () => {
    const html =
      '<p>USERTEXT <a href="https://example.org">USERLINK</a> <span data-mx-spoiler="USERREASON">USERSPOILER</span> <img src="mxc://example.org/abc"></p>';
    const dialog = await openWelcomeDialog({
      roomName: "USERROOM",
      text: "USERTEXT",
      html,
      labels: markers<WelcomeDialogLabels>(defaultWelcomeDialogLabels),
      resolveMedia: () => Promise.reject(new Error("nope")),
    });
    await waitFor(() => expect(dialog.textContent).toContain("⟦imageUnavailable⟧"));
    // Who set it: the label's, around the sender's Matrix ID (no display name: "" for the name).
    expect(dialog.querySelector('[data-part="sender"]')?.textContent).toBe("⟦sentBy:|@mod:example.org⟧");
    // (The link's target, shown on hover, is the sender's too, as is the sender's ID.)
    expect(
      leftovers(dialog, [
        "@mod:example.org",
        "USERTEXT",
        "USERLINK",
        "USERSPOILER",
        "USERREASON",
        "USERROOM",
        "https://example.org/",
      ]),
    ).toEqual([]);
  });

  it("WelcomeEditor: markdown mode, size, preview, error after a refused save, remove confirmation", async () => {
    const pl = stateEvent("m.room.power_levels", { users: { [ME]: 100 }, state_default: 50 }, { sender: ME });
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { welcome: [pl, welcomeEvent("USERTEXT", undefined, { sender: "@other:x" })] }),
    );
    script.route({ method: "PUT", path: /\/state\// }, () => ({
      status: 403,
      json: { errcode: "M_FORBIDDEN", error: "SERVERWORDS" },
    }));
    const { container } = render(
      <WelcomeEditor
        client={client}
        roomId={ROOM}
        labels={markers<WelcomeEditorLabels>(defaultWelcomeEditorLabels)}
        previewLabels={markers<WelcomeDialogLabels>(defaultWelcomeDialogLabels)}
      />,
    );
    const box = container.querySelector("textarea")!;
    fireEvent.change(box, { target: { value: "USERTEXT more" } });
    fireEvent.click(screen.getByRole("button", { name: "⟦save⟧" }));
    // The error and the draft note are joined by a label too (no space in Chinese or Japanese).
    expect((await screen.findByRole("alert")).textContent).toBe(
      "⟦errorWithDraftKept:⟦errorForbidden⟧|⟦draftKept⟧⟧",
    );
    fireEvent.click(screen.getByRole("button", { name: "⟦remove⟧" }));
    await act(async () => {});
    expect(leftovers(container, ["USERTEXT", "more"])).toEqual([]);
  });
});

describe("the default size label", () => {
  it("the default size label formats with en-US digits whatever the locale (deterministic for SSR)", () => {
    expect(defaultWelcomeEditorLabels.size(1234, 63488)).toBe("1,234 of 63,488 bytes");
    // A translator gets both numbers, so a plural rule and locale formatting are possible:
    const de = (b: number, l: number) =>
      `${new Intl.NumberFormat("de").format(b)} von ${new Intl.NumberFormat("de").format(l)} Bytes`;
    expect(de(1234, 63488)).toBe("1.234 von 63.488 Bytes");
  });
});
