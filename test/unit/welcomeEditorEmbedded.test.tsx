/**
 * The editor embedded in a web component or an iframe: Escape in the Remove question, in open and closed shadow roots
 * (nested too) and in an iframe's document, closes the question and goes no further.
 */
import { fireEvent, render, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import { EDITOR_ROOM, KEEP_WELCOME, moderatorsWorld, REMOVE, REMOVE_QUESTION } from "../support/editor";
import { welcomeEvent } from "../support/events";

const ROOM = EDITOR_ROOM;

afterEach(() => localStorage.clear());

describe("the Remove question in a shadow root", () => {
  it.each(["open", "closed"] as const)(
    "given the editor rendered inside a(n) %s shadow root (a web component), when Escape is pressed in the Remove question, then the question closes and focus returns to Remove",
    async (mode) => {
      const { client } = await moderatorsWorld([welcomeEvent("House rules")]);
      const host = document.createElement("div");
      document.body.append(host);
      const shadow = host.attachShadow({ mode });
      const container = document.createElement("div");
      shadow.append(container);
      render(<WelcomeEditor client={client} roomId={ROOM} />, { container });
      const editor = within(container);
      fireEvent.click(editor.getByRole("button", { name: REMOVE }));
      const keep = editor.getByRole("button", { name: KEEP_WELCOME });
      expect(shadow.activeElement).toBe(keep);
      // At the window, the event's target is the shadow host: `group.contains(e.target)` is false.
      fireEvent.keyDown(keep, { key: "Escape", composed: true });
      // Before a fix: the question stays open (and a dialog around the editor would take the Escape and close).
      expect(editor.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull();
      expect(shadow.activeElement).toBe(editor.getByRole("button", { name: REMOVE }));
      host.remove();
    },
  );
});

describe("Escape in the Remove question, in nested shadow roots and iframes", () => {
  /** Opens the Remove question of an editor rendered in `container`; returns its "Keep it" button. */
  async function openQuestion(container: HTMLElement) {
    const { client } = await moderatorsWorld([welcomeEvent("House rules")]);
    render(<WelcomeEditor client={client} roomId={ROOM} />, { container });
    const editor = within(container);
    fireEvent.click(editor.getByRole("button", { name: REMOVE }));
    return { editor, keep: editor.getByRole("button", { name: KEEP_WELCOME }) };
  }

  it.each([
    ["closed", "open"],
    ["closed", "closed"],
    ["open", "closed"],
  ] as const)(
    "given the editor in a(n) %s shadow root inside a(n) %s one, when Escape is pressed in the Remove question, then the question closes",
    async (inner, outer) => {
      const outerHost = document.createElement("div");
      document.body.append(outerHost);
      const outerRoot = outerHost.attachShadow({ mode: outer });
      const innerHost = document.createElement("div");
      outerRoot.append(innerHost);
      const innerRoot = innerHost.attachShadow({ mode: inner });
      const container = document.createElement("div");
      innerRoot.append(container);
      const { editor, keep } = await openQuestion(container);
      expect(innerRoot.activeElement).toBe(keep);
      fireEvent.keyDown(keep, { key: "Escape", composed: true });
      // Bug (outer closed): at the window the target is the outer host, which does not `contains` the inner host
      // (that lives in the outer shadow tree), so the question stays open and a dialog around would close.
      expect(editor.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull();
      outerHost.remove();
    },
  );

  it("given the editor in a closed shadow root inside an iframe's document, when Escape is pressed in the Remove question, then the question closes", async () => {
    const frame = document.createElement("iframe");
    document.body.append(frame);
    const doc = frame.contentDocument!;
    const host = doc.createElement("div");
    doc.body.append(host);
    const root = host.attachShadow({ mode: "closed" });
    const container = doc.createElement("div");
    root.append(container);
    const { editor, keep } = await openQuestion(container);
    expect(root.activeElement).toBe(keep);
    fireEvent.keyDown(keep, { key: "Escape", composed: true });
    // Bug: `e.target instanceof Node` is false for the iframe's nodes (another window's Node).
    expect(editor.queryByRole("group", { name: REMOVE_QUESTION })).toBeNull();
    frame.remove();
  });
});

describe("the editor's headings in the host page's outline", () => {
  it("given an app embedding the editor under its own h2 (a settings dialog), headingLevel={3} makes the editor's heading an h3 and the preview's an h4", async () => {
    const { client } = await moderatorsWorld([welcomeEvent("House rules")]);
    const view = render(<WelcomeEditor client={client} roomId={ROOM} headingLevel={3} />);
    const editor = within(view.container);
    expect(editor.getByRole("heading", { level: 3 })).toHaveAttribute("data-part", "heading");
    expect(editor.getByRole("heading", { level: 4 })).toHaveAttribute("data-part", "preview-heading");
    expect(editor.queryByRole("heading", { level: 2 })).toBeNull();
    // The editor keeps its name from the heading.
    const heading = editor.getByRole("heading", { level: 3 });
    expect(editor.getByRole("region", { name: heading.textContent ?? "" })).toHaveAttribute(
      "data-part",
      "root",
    );
    view.unmount();
    // By default (and for a level untyped code got wrong) h2 and h3.
    const fallback = render(<WelcomeEditor client={client} roomId={ROOM} headingLevel={9 as never} />);
    expect(within(fallback.container).getByRole("heading", { level: 2 })).toHaveAttribute(
      "data-part",
      "heading",
    );
  });
});
