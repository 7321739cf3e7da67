/**
 * Chromium's accessibility tree (CDP) for the dialog's title with its <bdi>, the notices' live region across an
 * empty -> filled -> empty -> filled cycle, and the editor's live regions (the too-large note's region kept, none
 * nested) (a second review's probes; all passed).
 */
import "../../src/styles.css";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBannerList, WelcomeEditor } from "../../src";
import { MAX_CONTENT_BYTES } from "../../src/authoring/welcomeContent";
import { type AXNode, axTree, liveOf, liveRegions } from "../support/axTree";
import { EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { welcomeEvent } from "../support/events";
import { noticeItem, usageLimitItem } from "../support/noticeItems";
import { openWelcomeDialog } from "../support/welcomeDialog";

afterEach(() => {
  document.documentElement.removeAttribute("dir");
});

/** Live region roots other than alerts: id, role, politeness. */
async function politeRoots(): Promise<{ id: string; role: unknown; live: string }[]> {
  const { nodes } = await axTree();
  return nodes
    .filter((n) => liveOf(n) === "polite")
    .map((n) => ({ id: n.nodeId, role: n.role?.value, live: liveOf(n)! }));
}

/** The node whose name or text is `text`, and the live root Chromium gives it (property "root"). */
async function liveRootOfText(text: string): Promise<unknown> {
  const { nodes, parentOf } = await axTree();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const hit = nodes.find((n) => n.role?.value === "StaticText" && n.name?.value === text);
  if (!hit) return "no node";
  // Nearest ancestor that is a live root.
  for (let p = parentOf.get(hit.nodeId); p; p = parentOf.get(p)) {
    const a = byId.get(p) as AXNode;
    if (liveOf(a)) return a.nodeId;
  }
  return "none";
}

describe("the dialog title's name in Chromium", () => {
  async function dialogName(name: string, labels: Record<string, unknown>, dir?: "rtl") {
    await openWelcomeDialog({ roomName: name, text: "Hi", labels, dir });
    await new Promise((r) => setTimeout(r, 50));
    const { nodes } = await axTree();
    return nodes.find((n) => n.role?.value === "dialog")?.name?.value;
  }

  it("default label: the dialog is named 'Welcome to Matrix HQ (dev)'", async () => {
    expect(await dialogName("Matrix HQ (dev)", {})).toBe("Welcome to Matrix HQ (dev)");
  });

  it("a label with the name then punctuation: no space creeps in around the <bdi>", async () => {
    expect(await dialogName("Lounge", { title: (n: string) => `«${n}»!` })).toBe("«Lounge»!");
  });

  it("Arabic label in an RTL dialog", async () => {
    expect(await dialogName("C++", { title: (n: string) => `مرحبًا بك في ${n}` }, "rtl")).toBe(
      "مرحبًا بك في C++",
    );
  });
});

describe("the notices' live region across a cycle", () => {
  it("notice, dismissed (empty again), another notice: it lands in the same live root each time", async () => {
    const store = createMemoryDismissStore();
    const { rerender } = render(<NoticeBannerList notices={[]} dismissStore={store} />);
    const [empty] = await politeRoots();
    await act(async () =>
      rerender(<NoticeBannerList notices={[noticeItem("$a", "First")]} dismissStore={store} />),
    );
    const first = await liveRootOfText("First");
    await act(async () => store.dismiss("$a"));
    await act(async () =>
      rerender(<NoticeBannerList notices={[noticeItem("$a", "First")]} dismissStore={store} />),
    );
    const [emptyAgain] = await politeRoots();
    await act(async () =>
      rerender(
        <NoticeBannerList
          notices={[noticeItem("$a", "First"), noticeItem("$b", "Second")]}
          dismissStore={store}
        />,
      ),
    );
    const second = await liveRootOfText("Second");
    expect({ first, emptyAgain: emptyAgain?.id, second }).toEqual({
      first: empty?.id,
      emptyAgain: empty?.id,
      second: empty?.id,
    });
  });

  it("with a usage limit showing, the first ordinary notice lands in the region that was there (absolute -> static)", async () => {
    const store = createMemoryDismissStore();
    const { rerender } = render(<NoticeBannerList notices={[usageLimitItem]} dismissStore={store} />);
    const before = await politeRoots();
    await act(async () =>
      rerender(
        <NoticeBannerList notices={[usageLimitItem, noticeItem("$m", "Maintenance")]} dismissStore={store} />,
      ),
    );
    expect(await liveRootOfText("Maintenance")).toBe(before[0]?.id);
    expect(await liveRegions()).toEqual(["alert(assertive)", "generic(polite)"]);
  });

  it("an ordinary notice edited into a usage limit (same event id) leaves the polite region and becomes an alert", async () => {
    const store = createMemoryDismissStore();
    const plain = noticeItem("$x", "Heads up");
    const { rerender } = render(<NoticeBannerList notices={[plain]} dismissStore={store} />);
    await act(async () =>
      rerender(<NoticeBannerList notices={[{ ...usageLimitItem, eventId: "$x" }]} dismissStore={store} />),
    );
    expect(await liveRegions()).toEqual(["alert(assertive)", "generic(polite)"]);
  });
});

describe("the editor's live regions in Chromium", () => {
  it("the too-large note lands in the region that was there while empty, and no live region sits inside another", async () => {
    const { client } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    const box = await screen.findByRole("textbox");
    const before = await politeRoots();
    const tooLargeRegion = document.querySelector('[data-part="too-large"]')!;
    expect(getComputedStyle(tooLargeRegion).position).toBe("absolute");
    await act(async () => fireEvent.change(box, { target: { value: "x".repeat(MAX_CONTENT_BYTES + 10) } }));
    await waitFor(() => expect(tooLargeRegion.textContent).not.toBe(""));
    expect(getComputedStyle(tooLargeRegion).position).toBe("static");
    const text = tooLargeRegion.textContent!;
    const root = await liveRootOfText(text);
    const after = await politeRoots();
    expect({
      before: before.length,
      after: after.length,
      rootWasThere: before.some((b) => b.id === root),
    }).toEqual({ before: after.length, after: after.length, rootWasThere: true });
    const regions = await liveRegions();
    expect(regions.filter((r) => r.includes(" inside "))).toEqual([]);
  });
});
